//go:build !wasm

package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		err  error
		out  string
	}{
		{"an unknown command exits 2 and says so", []string{"frobnicate"}, exitError(2), `unknown command "frobnicate"`},
		{"serve rejects arguments", []string{"serve", "extra"}, exitError(2), `serve takes no arguments`},
		{"validate needs a file", []string{"validate"}, exitError(2), "validate needs at least one story file"},
		{"validate passes the seed story", []string{"validate", "../../data/stories/ukraine-2022-01.json"}, nil, "ok"},
		{"validate fails a missing file", []string{"validate", "no-such.json"}, exitError(1), "no-such.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(t.Context(), tt.args, &out, &errOut)
			if err != tt.err {
				t.Errorf("run = %v, want %v", err, tt.err)
			}
			if all := out.String() + errOut.String(); !strings.Contains(all, tt.out) {
				t.Errorf("output %q lacks %q", all, tt.out)
			}
		})
	}
}
