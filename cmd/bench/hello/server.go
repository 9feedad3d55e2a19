//go:build !wasm

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/internal/site"
)

// icon is served locally so that the page never reaches for go-app's default icon on another host.
const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>`

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen `address`")
	wasm := flag.String("wasm", "", "the built app.wasm `file`; its .br and .gz siblings are served when present")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, *addr, *wasm); err != nil {
		fmt.Fprintln(os.Stderr, "hello:", err)
		os.Exit(1)
	}
}

func serve(ctx context.Context, addr, wasm string) error {
	if wasm == "" {
		return errors.New("-wasm is required")
	}
	bundle, err := readBundle(wasm)
	if err != nil {
		return err
	}
	register()
	mux := http.NewServeMux()
	mux.Handle("/web/app.wasm", bundle)
	mux.HandleFunc("/web/icon.svg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write([]byte(icon))
	})
	mux.Handle("/", &app.Handler{
		Name:      "Hello",
		Title:     "Hello",
		Icon:      app.Icon{Default: "/web/icon.svg", SVG: "/web/icon.svg"},
		Version:   "hello",
		Resources: resources{},
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	// The benchmark reads the address from this line, as it does from `timeline serve`.
	fmt.Fprintf(os.Stderr, "hello: serving on http://%s/\n", ln.Addr())
	// Served as the widget's server serves, so that the two differ only in what they serve.
	return site.Serve(ctx, ln, mux, site.Timeouts{Grace: 10 * time.Second})
}

// resources puts the assets under /web/, where the widget has them.
type resources struct{}

func (resources) Package() string { return "" }
func (resources) Static() string  { return "" }
func (resources) AppWASM() string { return "/web/app.wasm" }

// bundle is app.wasm and its precompressed siblings, held in memory.
type bundle struct {
	raw, br, gz []byte
}

func readBundle(name string) (*bundle, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	b := &bundle{raw: raw}
	b.br, _ = os.ReadFile(name + ".br")
	b.gz, _ = os.ReadFile(name + ".gz")
	return b, nil
}

func (b *bundle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/wasm")
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "no-cache")
	body := b.raw
	accept := r.Header.Get("Accept-Encoding")
	switch {
	case b.br != nil && accepts(accept, "br"):
		h.Set("Content-Encoding", "br")
		body = b.br
	case b.gz != nil && accepts(accept, "gzip"):
		h.Set("Content-Encoding", "gzip")
		body = b.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// accepts reports whether an Accept-Encoding value allows the coding (q=0 refuses it).
func accepts(header, coding string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), coding) {
			q, _ := strconv.ParseFloat(strings.TrimPrefix(strings.TrimSpace(params), "q="), 64)
			return params == "" || q > 0
		}
	}
	return false
}
