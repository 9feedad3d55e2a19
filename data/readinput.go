//go:build !wasm

package data

import (
	"context"
	"fmt"
	"os"
	"sync"
)

// ReadInput reads the named file a command was given: at most MaxFileBytes of it, and only until
// ctx ends. Anything may be named, /dev/zero or a FIFO no one writes to, so the open
// and the reads run aside: when ctx ends first, the file is closed (which ends a read from a
// pipe) and ReadInput returns at once with the cause, leaving an open that waits for a writer
// to the process's exit.
func ReadInput(ctx context.Context, name string) ([]byte, error) {
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
		b, err := ReadLimited(name, f)
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
