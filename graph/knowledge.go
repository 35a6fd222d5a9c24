package graph

import "github.com/minsheng/minsheng/knowledge"

func hitPointers(hits []knowledge.Hit) []*knowledge.Hit {
	out := make([]*knowledge.Hit, len(hits))
	for i := range hits {
		out[i] = &hits[i]
	}
	return out
}

func deref0(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}
