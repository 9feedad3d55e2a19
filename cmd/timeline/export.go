//go:build !wasm

package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/andybalholm/brotli"

	"timeline/app/route"
	"timeline/internal/site"
)

func parseExport(args []string, stderr io.Writer) (site.ExportConfig, error) {
	o := site.ExportConfig{Quality: brotli.BestCompression}
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Out, "out", "", "write the site into `DIR`, which must be absent or empty")
	fs.StringVar(&o.Base, "base", "/", "the URL `path` the site is served under, such as /news/timeline/")
	fs.StringVar(&o.DataDir, "data", "", "export the story files in `DIR` instead of the embedded ones")
	fs.StringVar(&o.WasmFile, "wasm", "", "export this app.wasm `file` instead of the embedded one")
	if err := fs.Parse(args); err != nil {
		return o, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return o, usageError{fmt.Sprintf("export takes no arguments, got %q", fs.Arg(0))}
	}
	if o.Out == "" {
		return o, usageError{"export needs -out DIR, the folder to write the site into"}
	}
	if err := route.CheckBase(o.Base); err != nil {
		return o, usageError{err.Error()}
	}
	o.Base = route.Prefix(o.Base)
	return o, nil
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseExport(args, stderr)
	if err != nil {
		return err
	}
	return site.Export(ctx, o, stdout)
}
