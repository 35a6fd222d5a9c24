// Package web holds the staff console: a Vue single-page application whose
// source is in this folder (see README.md) and whose built bundle, dist/,
// is committed and embedded here, so `go build` needs no Node. `make ui`
// rebuilds dist/ from the lockfile; CI checks the committed bundle is what
// the source builds to. Serving it (headers, compression, client-side
// routes) is the server package's work.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Files is the built console: index.html at its root, hashed assets under
// assets/.
var Files fs.FS = mustSub(dist, "dist")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
