# timeline: build, serve, test and measure.
# `make run` builds the WebAssembly bundle and serves the default story on http://localhost:8000;
# `make test` runs every test, the headless-browser ones included, installing Chromium if needed.

GO       ?= go
ADDR     ?= 127.0.0.1:8000
BIN      := bin
TOOLS    := $(CURDIR)/$(BIN)/tools
STATICCHECK := $(TOOLS)/staticcheck
WASM     := web/app.wasm
# Every input of the bundle: rebuild it when any of them changes.
WASM_SRC := $(shell find app data cmd -name '*.go' -o -name '*.json' 2>/dev/null) go.mod go.sum Makefile
# How a WebAssembly bundle is built: the widget's, and the hello world's that `make bench`
# measures it against, so that the two are built the same way.
# Without symbols, and without inlining (-l): that bundle compresses about 7% smaller, and the
# widget's hot paths are calls into the browser's DOM, where inlining gains nothing measurable.
WASM_BUILD = GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -gcflags=all=-l
# The hello world the budgets are relative to, and the benchmark's other output (git-ignored).
HELLO    := bench/out/hello
# What npm installs into bin/npm, always in one command (an install removes from the folder what
# it does not name): axe-core audits the pages in the browser tests; TimelineJS and vis-timeline
# are the widgets `make bench` measures ours against, served from its own loopback server.
NPM_PACKAGES := axe-core@4.14.1 @knight-lab/timelinejs@3.9.11 vis-timeline@8.5.4
PEERS    := $(BIN)/npm/node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js

.PHONY: run dev build wasm export test fuzz lint fmt vet staticcheck chromium graphviz bench bench-live clean

run: $(WASM)
	$(GO) run ./cmd/timeline serve -addr $(ADDR)

# The live preview of the story files in DATA (stories, .xlsx workbooks, folders of sheets as
# CSV): every save shows in the open pages, problems in an overlay over the last good version.
DATA ?= data/stories
dev: $(WASM)
	$(GO) run ./cmd/timeline dev -addr $(ADDR) -data $(DATA)

build: $(WASM)
	$(GO) build -trimpath -o $(BIN)/timeline ./cmd/timeline

wasm: $(WASM)

# The site as static files for any static host or CDN, in OUT (emptied first), served under BASE.
OUT  ?= dist
BASE ?= /
export: $(WASM)
	rm -rf -- "$(OUT)"
	$(GO) run ./cmd/timeline export -out $(OUT) -base $(BASE)

# The bundle is built without symbols (smaller), then precompressed beside itself (app.wasm.br,
# app.wasm.gz) so the server never compresses per request.
$(WASM): $(WASM_SRC)
	$(WASM_BUILD) -o $(WASM) ./cmd/timeline
	$(GO) run ./web/precompress $(WASM)

$(HELLO)/app.wasm: $(wildcard cmd/bench/hello/*.go) go.mod go.sum Makefile
	mkdir -p $(HELLO)
	$(WASM_BUILD) -o $@ ./cmd/bench/hello
	$(GO) run ./web/precompress $@

# The hello world with two links that select as the widget's markers do: go-app's own floor for a
# click. Only clicked, never the size floor, so it is not compressed.
$(HELLO)/clicks/app.wasm: $(wildcard cmd/bench/hello/*.go) go.mod go.sum Makefile
	mkdir -p $(HELLO)/clicks
	$(WASM_BUILD) -tags clicks -o $@ ./cmd/bench/hello

# The budgets of DESIGN.md, measured in one run against TimelineJS and vis-timeline: prints one
# table, written also to bench/out/bench.md and bench/out/bench.json. The two bundles are
# compressed in parallel (the slow part); then cmd/bench serves both and the peers and drives
# Chromium and a loopback load, with fewer rounds for 10,000 events.
bench: chromium graphviz $(PEERS)
	$(MAKE) -j2 $(WASM) $(HELLO)/app.wasm $(HELLO)/clicks/app.wasm
	$(MAKE) build
	$(GO) build -o $(HELLO)/hello ./cmd/bench/hello
	$(GO) build -tags clicks -o $(HELLO)/clicks/hello ./cmd/bench/hello
	$(GO) run ./cmd/bench -timeline $(BIN)/timeline -hello $(HELLO)/hello -hello-wasm $(HELLO)/app.wasm \
	  -hello-clicks $(HELLO)/clicks/hello -hello-clicks-wasm $(HELLO)/clicks/app.wasm -npm $(BIN)/npm/node_modules
	@echo; echo "Layout in Go (native): timeline at 20, 1,000 and 10,000 events; actor map at 50, 100 and 500 actors"
	$(GO) test ./app/layout -run '^$$' -bench 'Layout' -benchtime 20x | grep '^Benchmark'
	@echo; echo "Actor map against Graphviz (bench/out/map/map.md)"
	$(GO) run ./cmd/mapbench -out bench/out/map

# The live preview's phase of `make bench` alone: save → the open page shows it, over 20 saves.
bench-live: chromium
	$(MAKE) build
	$(GO) run ./cmd/bench -live-only -timeline $(BIN)/timeline

AXE := $(BIN)/npm/node_modules/axe-core/axe.min.js

# go test's own limit is 10 minutes a package; the browser package takes about 5 on an idle
# machine, but a CI machine shared with other jobs must not fail it for being slow.
test: lint chromium $(AXE)
	TIMELINE_REQUIRE_BROWSER=1 TIMELINE_AXE=$(CURDIR)/$(AXE) $(GO) test -count=1 -timeout 20m ./...
	$(MAKE) --no-print-directory fuzz

# Every fuzz target of the module (each func Fuzz... in a _test.go file), FUZZTIME each. Run one
# for longer with, say: go test ./data -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime 5m
# The budget is a count of inputs, not a duration: Go 1.26's fuzzing can fail a target with a bare
# "context deadline exceeded" when a duration runs out while a worker is busy (go.dev/issue/75804),
# as on a loaded machine. 30,000 inputs take 3 to 8 seconds a target on an idle one.
FUZZTIME ?= 30000x
fuzz:
	@set -e; for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' app cmd data internal | xargs -n1 dirname | sort -u); do \
	  for name in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$dir/*_test.go); do \
	    echo "fuzz ./$$dir $$name for $(FUZZTIME)"; \
	    $(GO) test ./$$dir -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME); \
	  done; \
	done

$(AXE) $(PEERS):
	mkdir -p $(BIN)/npm
	npm install --no-save --no-audit --no-fund --prefix $(BIN)/npm $(NPM_PACKAGES)

lint: fmt vet staticcheck

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# The WebAssembly build is linted as what the bundles compile: the module's packages they import.
WASM_PKGS = $$(GOOS=js GOARCH=wasm $(GO) list -deps ./cmd/timeline ./cmd/bench/hello | grep '^timeline/')

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet $(WASM_PKGS)

$(STATICCHECK):
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...
	GOOS=js GOARCH=wasm $(STATICCHECK) $(WASM_PKGS)

# The browser tests need Chromium; as root install Debian's package, otherwise say how.
# Graphviz draws the reference maps the actor map's crossings are compared with.
graphviz:
	@if command -v neato >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then echo "Graphviz is missing: run 'sudo apt-get update && sudo apt-get install -y graphviz'"; exit 1; fi; \
	apt-get update && apt-get install -y graphviz

chromium:
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then echo "Chromium is missing: run 'sudo apt-get update && sudo apt-get install -y chromium'"; exit 1; fi; \
	apt-get update && apt-get install -y chromium

clean:
	rm -rf $(BIN) $(WASM) $(WASM).br $(WASM).gz screenshots bench/out
