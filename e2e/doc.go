// Package e2e holds the end-to-end tests that build and run the real
// minsheng binary: they start it as a separate process on SQLite and on
// PostgreSQL, talk to it over HTTP as a client would, restart it on the same
// data, and run its other commands (demo, migrate, help).
package e2e
