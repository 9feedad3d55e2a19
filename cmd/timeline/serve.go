//go:build !wasm

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/debug"

	"timeline/app/route"
	"timeline/internal/site"
)

// serveOptions is what `timeline serve` was asked to do: where to listen, and the site.
type serveOptions struct {
	addr string // listen address
	site site.Config
}

// memoryLimit is the Go runtime's soft memory limit for serve, unless GOMEMLIMIT sets one: the
// caches hold at most 96 MB (pageCacheBytes, compressedBytes) over about 70 MB for the binary and
// the bundle, and the garbage collector, left to itself, lets the heap grow to twice what is live.
// Under this limit it collects sooner instead, so that the resident set stays within the 256 MB
// README states and `make bench` checks.
const memoryLimit = 224 << 20

func parseServe(args []string, stderr io.Writer) (serveOptions, error) {
	o := serveOptions{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8000", "listen `address`")
	fs.StringVar(&o.site.DataDir, "data", "", "serve the story files in `DIR` instead of the embedded ones")
	fs.StringVar(&o.site.FrameAncestors, "frame-ancestors", "", "space-separated `sources` allowed to embed the widget (default any)")
	fs.StringVar(&o.site.WasmFile, "wasm", "", "serve this app.wasm `file` instead of the embedded one")
	baseURL := fs.String("base-url", "", "the site's public `URL`, such as https://example.org/news: pages name themselves by it, not by the request's Host")
	fs.DurationVar(&o.site.Timeouts.Grace, "grace", site.ShutdownGrace, "how long a shutdown waits for responses in flight")
	if err := fs.Parse(args); err != nil {
		return o, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return o, usageError{fmt.Sprintf("serve takes no arguments, got %q", fs.Arg(0))}
	}
	if *baseURL != "" {
		u, err := site.ParseBaseURL(*baseURL)
		if err != nil {
			return o, usageError{err.Error()}
		}
		o.site.PublicURL, o.site.Base = u, route.Prefix(u.Path)
	}
	return o, nil
}

func runServe(ctx context.Context, args []string, stderr io.Writer) error {
	o, err := parseServe(args, stderr)
	if err != nil {
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	h, err := site.NewHandler(o.site)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "timeline: serving on http://%s/\n", ln.Addr())
	return site.Serve(ctx, ln, h, o.site.Timeouts)
}
