package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/minsheng/minsheng/intake"
)

// photos are the files of supplementCase as intake takes them.
func photos(images []*graphql.Upload) []intake.Photo {
	out := make([]intake.Photo, 0, len(images))
	for _, u := range images {
		out = append(out, intake.Photo{FileName: u.Filename, Content: u.File})
	}
	return out
}
