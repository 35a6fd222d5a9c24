# Minsheng: build, run, test. `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -e -o pipefail -c
.DEFAULT_GOAL := build

# Go is often installed in /usr/local/go/bin without being on PATH.
export PATH := $(PATH):/usr/local/go/bin

GO      ?= go

# The Vosk binding (github.com/alphacep/vosk-api/go) includes <vosk_api.h> but ships no
# header; ours is in asr/include. Exported so every go command below, and the `go build`
# that the e2e tests run, finds it. CGO_CFLAGS replaces Go's default "-O2 -g", so keep it.
export CGO_CFLAGS := $(or $(CGO_CFLAGS),-O2 -g) -I$(CURDIR)/asr/include

BIN     := bin/minsheng
ADDR    ?= 127.0.0.1:8080
DATA    ?= ./data

.PHONY: help deps build generate ui screenshots run test bench eval fuzz fmt vet clean

help:
	@echo "make deps      install missing Debian packages and Go modules (scripts/deps.sh)"
	@echo "make build     build $(BIN)"
	@echo "make generate  go generate ./... (ent, gqlgen)"
	@echo "make ui        build the staff console into web/dist (needs Node >= 20.19; scripts/ui.sh)"
	@echo "make screenshots  PNGs of the console's and the citizen's pages into docs/screenshots (browser tests)"
	@echo "make run       build and serve the demo on $(ADDR), data in $(DATA)"
	@echo "make test      go vet + go test, with PostgreSQL when it can be set up"
	@echo "make bench     benchmarks as a table"
	@echo "make eval      accuracy on synthetic ID cards, letters, speech, categories (cmd/minsheng-eval)"
	@echo "make fuzz      run every fuzz target of scripts/fuzz-targets.txt for FUZZTIME (default 10s) each"
	@echo "make fmt       gofmt the hand-written Go files, then go vet"
	@echo "make clean     remove bin/ (keeps data/)"

deps:
	@bash scripts/deps.sh

build:
	$(GO) build -o $(BIN) ./cmd/minsheng

generate:
	$(GO) generate ./...

# The console's bundle is committed (like generated Go code), so only a change
# under web/ needs this; CI runs it and checks the bundle is unchanged.
ui:
	@bash scripts/ui.sh

# With -screenshots, the console's browser test writes a PNG of each page it
# passes through and each *Screenshot test of e2e writes its page (without
# the flag they skip).
screenshots: deps
	$(GO) test -count=1 -run 'Console|Screenshot' ./e2e -screenshots=$(CURDIR)/docs/screenshots

run: deps
	@$(MAKE) --no-print-directory build
	./$(BIN) serve --demo --addr $(ADDR) --data $(DATA)

# Sets MINSHENG_TEST_POSTGRES in the recipe's shell: kept when already set, otherwise
# taken from scripts/postgres.sh, which starts the local cluster and creates the project's
# role and database. Every data-layer test runs on SQLite and on PostgreSQL, so a
# PostgreSQL that cannot be set up is an error here.
define with_postgres
if [[ -z "$${MINSHENG_TEST_POSTGRES:-}" ]]; then \
	if ! MINSHENG_TEST_POSTGRES=$$(bash scripts/postgres.sh); then \
		echo "ERROR: PostgreSQL could not be set up by scripts/postgres.sh; see above." >&2; \
		exit 1; \
	fi; \
fi; \
echo "PostgreSQL: $$MINSHENG_TEST_POSTGRES" >&2; \
export MINSHENG_TEST_POSTGRES MINSHENG_REQUIRE_POSTGRES=1
endef

test: deps
	@$(with_postgres); \
	echo "== go vet ./..." >&2; \
	$(GO) vet ./...; \
	echo "== go test ./..." >&2; \
	$(GO) test -count=1 -p 2 -timeout 25m ./...

bench: deps
	@$(with_postgres); \
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./... | bash scripts/benchtable.sh

# Flags go through EVAL_FLAGS, e.g. make eval EVAL_FLAGS='-n 20 -only idcard'.
eval: deps
	$(GO) run ./cmd/minsheng-eval $(EVAL_FLAGS)

# FUZZTIME=60s make fuzz for a longer run; a failing input lands in testdata/fuzz.
fuzz: deps
	@bash scripts/fuzz.sh

fmt:
	@files=$$(bash scripts/gofiles.sh); \
	if [[ -n "$$files" ]]; then gofmt -l -w $$files; fi
	$(GO) vet ./...

vet:
	$(GO) vet ./...

clean:
	rm -rf bin/
