//go:build !wasm

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"timeline/data"
)

// runValidate checks story files and prints every problem, one per line; it fails when any file
// has one.
func runValidate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		return usageError{"validate needs at least one story file"}
	}
	bad := 0
	for _, name := range fs.Args() {
		b, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(stdout, err)
			bad++
			continue
		}
		if _, err := data.Decode(name, b); err != nil {
			var list data.Errors
			if errors.As(err, &list) {
				for _, e := range list {
					fmt.Fprintln(stdout, e)
				}
			} else {
				fmt.Fprintln(stdout, err)
			}
			bad++
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", name)
	}
	if bad > 0 {
		return exitError(1)
	}
	return nil
}
