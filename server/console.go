package server

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

// consolePolicy is the Content-Security-Policy of the staff console. Its
// script and style come only from its own files (the build puts nothing
// inline); it talks only to this server, over HTTP and WebSocket ('self'
// covers ws: and wss: on the same host); images and recordings may be
// blob: or data: URLs made in the page from files the user picked.
const consolePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"media-src 'self' blob:; font-src 'self'; connect-src 'self'; manifest-src 'self'; " +
	"form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"

// reservedPrefixes are paths that belong to the server, never to the
// console's client-side routes: a mistyped API path answers 404, not a page.
var reservedPrefixes = []string{"/graphql", "/t/", "/reports/", "/attachments/", "/metrics", "/healthz", "/readyz", "/explorer", "/assets/"}

// console serves the staff console from files: hashed assets with a year
// of caching, compressed with gzip when the browser takes it; index.html
// (never cached, so a new release is picked up) for the console's own
// routes. The compressed forms are made once per file, on first request.
type console struct {
	files fs.FS
	index []byte
	gz    sync.Map // name -> []byte
}

func newConsole(files fs.FS) *console {
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		// The bundle is embedded at build time; without index.html the
		// binary was built from a broken tree.
		panic("server: the embedded console has no index.html: " + err.Error())
	}
	return &console{files: files, index: index}
}

func (c *console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed\n", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	if p == "/index.html" {
		http.Redirect(w, r, "/", http.StatusMovedPermanently)
		return
	}
	name := strings.TrimPrefix(p, "/")
	if name != "" {
		if data, err := fs.ReadFile(c.files, name); err == nil {
			cache := "no-cache"
			if strings.HasPrefix(p, "/assets/") {
				// Vite names assets by a hash of their content.
				cache = "public, max-age=31536000, immutable"
			}
			c.write(w, r, name, data, cache)
			return
		}
	}
	for _, prefix := range reservedPrefixes {
		prefix = strings.TrimSuffix(prefix, "/")
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			http.NotFound(w, r)
			return
		}
	}
	if strings.Contains(path.Base(p), ".") {
		// A file the bundle does not have (an old hashed chunk, a
		// favicon): a 404, not the page, so a script tag does not get HTML.
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Security-Policy", consolePolicy)
	c.write(w, r, "index.html", c.index, "no-cache")
}

func (c *console) write(w http.ResponseWriter, r *http.Request, name string, data []byte, cache string) {
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", cache)
	if name == "index.html" {
		h.Set("Content-Security-Policy", consolePolicy)
	}
	if compressible(ctype) && len(data) > 512 {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			data = c.gzipped(name, data)
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

func (c *console) gzipped(name string, data []byte) []byte {
	if z, ok := c.gz.Load(name); ok {
		return z.([]byte)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(data)
	_ = zw.Close()
	z, _ := c.gz.LoadOrStore(name, buf.Bytes())
	return z.([]byte)
}

func compressible(ctype string) bool {
	for _, t := range []string{"text/", "application/javascript", "text/javascript", "application/json", "image/svg+xml"} {
		if strings.HasPrefix(ctype, t) {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip
// (and does not refuse it with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") || strings.TrimSpace(coding) == "*" {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
