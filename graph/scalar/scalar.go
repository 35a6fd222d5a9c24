// Package scalar holds the GraphQL scalars the schema adds to gqlgen's.
package scalar

import (
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/minsheng/minsheng"
)

const dateLayout = "2006-01-02"

// MarshalDate writes a date as YYYY-MM-DD.
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.Format(dateLayout)))
	})
}

// UnmarshalDate reads a date written YYYY-MM-DD.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, minsheng.Errorf(minsheng.EINVALID, "a date must be a string like 2006-01-02")
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, minsheng.Errorf(minsheng.EINVALID, "%q is not a date like 2006-01-02", s)
	}
	return t, nil
}
