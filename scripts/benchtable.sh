#!/usr/bin/env bash
# Reads `go test -bench` output on stdin and prints a table: package, benchmark, ns/op,
# ops/s, B/op, allocs/op and any custom metrics (b.ReportMetric). Lines that are not
# benchmark results (failures, panics, build errors) are passed through to stderr as
# they come, so a failing run stays readable. Use with `set -o pipefail` to keep go
# test's exit status.
set -euo pipefail

awk '
function flush_row(line,    n, f, i, name, row, other) {
	n = split(line, f, /[ \t]+/)
	name = f[1]; sub(/^Benchmark/, "", name)
	row = nrows++
	P[row] = pkg; B[row] = name; NS[row] = ""; OPS[row] = ""; BY[row] = ""; AL[row] = ""; other = ""
	# f[2] is the iteration count; then value/unit pairs
	for (i = 3; i + 1 <= n; i += 2) {
		if (f[i+1] == "ns/op") { NS[row] = f[i]; if (f[i] + 0 > 0) OPS[row] = sprintf(1e9 / f[i] >= 100 ? "%.0f" : "%.2f", 1e9 / f[i]) }
		else if (f[i+1] == "B/op") BY[row] = f[i]
		else if (f[i+1] == "allocs/op") AL[row] = f[i]
		else other = other (other == "" ? "" : "  ") f[i] " " f[i+1]
	}
	OT[row] = other
}
/^pkg: / { pkg = $2; sub(/^github\.com\/minsheng\/minsheng\/?/, "", pkg); if (pkg == "") pkg = "."; next }
/^(goos|goarch|cpu): / || /^PASS$/ || /^ok  / || /^\?  / { next }
# a complete result line: name, iterations, at least one value/unit pair
/^Benchmark[^ \t]*[ \t]+[0-9]+[ \t]+[0-9.e+-]+ [^ \t]+/ { pending = ""; flush_row($0); next }
# a benchmark name alone: its output broke the line; the numbers follow later
/^Benchmark[^ \t]*[ \t]*$/ { pending = $1; next }
pending != "" && /^[ \t]*[0-9]+[ \t]+[0-9.e+-]+ ns\/op/ { line = pending " " $0; sub(/^[ \t]+/, "", line); pending = ""; flush_row(line); next }
{ print > "/dev/stderr" }
END {
	if (nrows == 0) { print "no benchmark results" > "/dev/stderr"; exit }
	H[1] = "package"; H[2] = "benchmark"; H[3] = "ns/op"; H[4] = "ops/s"; H[5] = "B/op"; H[6] = "allocs/op"; H[7] = "metrics"
	for (c = 1; c <= 7; c++) W[c] = length(H[c])
	for (r = 0; r < nrows; r++) {
		V[r,1] = P[r]; V[r,2] = B[r]; V[r,3] = NS[r]; V[r,4] = OPS[r]; V[r,5] = BY[r]; V[r,6] = AL[r]; V[r,7] = OT[r]
		for (c = 1; c <= 7; c++) if (length(V[r,c]) > W[c]) W[c] = length(V[r,c])
	}
	sep = ""
	for (c = 1; c <= 7; c++) { s = sprintf("%" W[c] "s", ""); gsub(/ /, "-", s); sep = sep (c > 1 ? "  " : "") s }
	line = ""
	for (c = 1; c <= 7; c++) line = line (c > 1 ? "  " : "") sprintf((c <= 2 || c == 7 ? "%-" : "%") W[c] "s", H[c])
	sub(/ +$/, "", line); print line; print sep
	for (r = 0; r < nrows; r++) {
		line = ""
		for (c = 1; c <= 7; c++) line = line (c > 1 ? "  " : "") sprintf((c <= 2 || c == 7 ? "%-" : "%") W[c] "s", V[r,c])
		sub(/ +$/, "", line); print line
	}
}
'
