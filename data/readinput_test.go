//go:build !wasm

package data

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestInputIsBounded(t *testing.T) {
	_, err := ReadInput(t.Context(), "/dev/zero")
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "/dev/zero") || !strings.Contains(err.Error(), "64 MB") {
		t.Errorf("reading /dev/zero: %v, want the file named and the 64 MB limit", err)
	}
	// A FIFO no one writes to: the read is abandoned when the context ends.
	fifo := filepath.Join(t.TempDir(), "story.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	if _, err := ReadInput(ctx, fifo); !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), fifo) {
		t.Errorf("reading a FIFO no one writes to: %v, want it stopped with the context", err)
	}
}
