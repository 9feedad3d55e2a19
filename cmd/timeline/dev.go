//go:build !wasm

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"time"

	"timeline/internal/site"
)

// devOptions is what `timeline dev` was asked to do: where to listen, and the folder to preview.
type devOptions struct {
	addr string // listen address
	site site.DevConfig
}

func parseDev(args []string, stderr io.Writer) (devOptions, error) {
	var o devOptions
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8000", "listen `address`")
	fs.StringVar(&o.site.Dir, "data", "", "the folder of story files to watch: `DIR` (default data/stories when it exists, else the current folder)")
	fs.StringVar(&o.site.Config.WasmFile, "wasm", "", "serve this app.wasm `file` instead of the embedded one")
	if err := fs.Parse(args); err != nil {
		return o, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return o, usageError{fmt.Sprintf("dev takes no arguments, got %q (the folder is -data DIR)", fs.Arg(0))}
	}
	if o.site.Dir == "" {
		o.site.Dir = "."
		if fi, err := os.Stat(filepath.Join("data", "stories")); err == nil && fi.IsDir() {
			o.site.Dir = filepath.Join("data", "stories")
		}
	}
	return o, nil
}

func runDev(ctx context.Context, args []string, stderr io.Writer) error {
	o, err := parseDev(args, stderr)
	if err != nil {
		return err
	}
	d, err := site.NewDev(ctx, o.site, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "timeline: serving on http://%s/ a live preview of %s: every save shows in the open pages (the list: http://%s/stories)\n", ln.Addr(), o.site.Dir, ln.Addr())
	// The event streams end with ctx, so that a shutdown does not wait on them.
	return site.Serve(ctx, ln, d, site.Timeouts{Grace: 2 * time.Second})
}
