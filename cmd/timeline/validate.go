//go:build !wasm

package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"

	"timeline/data"
	"timeline/internal/validate"
)

// validateOptions is what `timeline validate` was asked to do.
type validateOptions struct {
	files []string // story files, checked in this order
	json  bool     // write one JSON report instead of lines
}

// parseValidate reads the command line of `timeline validate`.
func parseValidate(args []string, stderr io.Writer) (validateOptions, error) {
	var o validateOptions
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.json, "json", false, "write the report as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: timeline validate [-json] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		return o, usageError{"validate needs at least one story file"}
	}
	o.files = fs.Args()
	return o, nil
}

// runValidate checks story files and reports every problem; it fails with exit status 1 when any
// file has one, 2 when the command line is wrong.
func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseValidate(args, stderr)
	if err != nil {
		return err
	}
	// The report is written once every file is read, and not at all when a signal came first.
	var out bytes.Buffer
	ok, err := validate.Files(o.files, o.json, func(name string) ([]byte, error) { return data.ReadInput(ctx, name) }, &out)
	if ctx.Err() != nil {
		return fmt.Errorf("stopped: %w", context.Cause(ctx))
	}
	if err != nil {
		return err
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		return err
	}
	if !ok {
		return exitError(1)
	}
	return nil
}
