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
WASM_SRC := $(shell find app data cmd -name '*.go' -o -name '*.json' 2>/dev/null) go.mod go.sum

.PHONY: run build wasm test lint fmt vet staticcheck chromium bench clean

run: $(WASM)
	$(GO) run ./cmd/timeline serve -addr $(ADDR)

build: $(WASM)
	$(GO) build -trimpath -o $(BIN)/timeline ./cmd/timeline

wasm: $(WASM)

# The bundle is built without symbols (smaller), then precompressed beside itself (app.wasm.br,
# app.wasm.gz) so the server never compresses per request.
$(WASM): $(WASM_SRC)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WASM) ./cmd/timeline
	$(GO) run ./web/precompress $(WASM)

test: lint chromium
	TIMELINE_REQUIRE_BROWSER=1 $(GO) test -count=1 ./...

lint: fmt vet staticcheck

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

$(STATICCHECK):
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...
	GOOS=js GOARCH=wasm $(STATICCHECK) ./...

# The browser tests need Chromium; as root install Debian's package, otherwise say how.
chromium:
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then echo "Chromium is missing: run 'sudo apt-get update && sudo apt-get install -y chromium'"; exit 1; fi; \
	apt-get update && apt-get install -y chromium

clean:
	rm -rf $(BIN) $(WASM) $(WASM).br $(WASM).gz screenshots
