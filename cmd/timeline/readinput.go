//go:build !wasm

package main

import (
	"context"
	"fmt"
	"os"
	"sync"

	"timeline/data"
)

// readInput reads the named file for validate and import: at most data.MaxFileBytes of it, and
// only until ctx ends. Anything may be named, /dev/zero or a FIFO no one writes to, so the open
// and the reads run aside: when ctx ends first, the file is closed (which ends a read from a
// pipe) and readInput returns at once with the cause, leaving an open that waits for a writer
// to the process's exit.
func readInput(ctx context.Context, name string) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	var (
		mu       sync.Mutex
		file     *os.File
		canceled bool
	)
	done := make(chan result, 1)
	go func() {
		f, err := os.Open(name)
		if err != nil {
			done <- result{nil, err}
			return
		}
		mu.Lock()
		if canceled {
			mu.Unlock()
			f.Close()
			return
		}
		file = f
		mu.Unlock()
		b, err := data.ReadLimited(name, f)
		f.Close()
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		return r.b, r.err
	case <-ctx.Done():
		mu.Lock()
		canceled = true
		if file != nil {
			file.Close()
		}
		mu.Unlock()
		return nil, fmt.Errorf("reading %s stopped: %w", name, context.Cause(ctx))
	}
}

// untilDone runs f and returns its error, or returns the cause as soon as ctx ends: a command
// busy with a big input stops promptly on SIGINT or SIGTERM. f is left to the process's exit,
// so it must not leave anything half-written behind (export, which writes a folder, watches
// ctx itself instead).
func untilDone(ctx context.Context, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("stopped: %w", context.Cause(ctx))
	}
}
