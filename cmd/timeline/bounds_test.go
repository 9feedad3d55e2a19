//go:build !wasm

// Tests that the commands stop on signals while they wait on their input.

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// asMain makes the test binary the timeline command when asMain is set in its
// environment: tests that need a process of its own (signals) run it without a build.
const asMain = "TIMELINE_TEST_AS_MAIN"

func init() {
	if os.Getenv(asMain) == "1" {
		main()
		os.Exit(0)
	}
}

// TestCommandsStopOnSignals runs the command, as a process of its own, on a FIFO that is opened
// for writing but never written to: each command is then waiting on its read, and SIGTERM or
// SIGINT must end it at once, with a word on why.
func TestCommandsStopOnSignals(t *testing.T) {
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		sig  syscall.Signal
	}{
		{"validate on SIGTERM", []string{"validate"}, syscall.SIGTERM},
		{"validate on SIGINT", []string{"validate", "-json"}, syscall.SIGINT},
		{"import on SIGTERM", []string{"import", "timelinejs"}, syscall.SIGTERM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "story.json")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip("no FIFO here:", err)
			}
			var stderr bytes.Buffer
			cmd := exec.Command(bin, append(tt.args, fifo)...)
			cmd.Env = append(os.Environ(), asMain+"=1")
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			// Opening the write end without blocking succeeds once the command has the read end
			// open (or is opening it), so the command is then past its signal set-up.
			var w *os.File
			for deadline := time.Now().Add(20 * time.Second); w == nil; time.Sleep(10 * time.Millisecond) {
				f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
				if err == nil {
					w = f
				} else if !errors.Is(err, syscall.ENXIO) || time.Now().After(deadline) {
					t.Fatalf("opening the FIFO for writing: %v", err)
				}
			}
			defer w.Close()
			time.Sleep(100 * time.Millisecond) // from the open to the read
			cmd.Process.Signal(tt.sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				var exit *exec.ExitError
				if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "stopped") {
					t.Errorf("exit %v, stderr %q; want status 1 and why", err, stderr.String())
				}
			case <-time.After(10 * time.Second):
				t.Errorf("still running 10 s after %v; stderr %q", tt.sig, stderr.String())
			}
		})
	}
}
