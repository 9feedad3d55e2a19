//go:build !wasm

package main

import (
	"errors"
	"io"
	"strings"
	"testing"

	"timeline/internal/site"
)

func TestParseExport(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want site.ExportConfig
		err  string // part of the usage error; "" for none
	}{
		{"-out is all it needs", []string{"-out", "dist"}, site.ExportConfig{Out: "dist", Base: "/", Quality: 11}, ""},
		{"-base gets its slashes", []string{"-out", "d", "-base", "/news/timeline"}, site.ExportConfig{Out: "d", Base: "/news/timeline/", Quality: 11}, ""},
		{"-data and -wasm are passed on", []string{"-out", "d", "-data", "stories", "-wasm", "x.wasm"},
			site.ExportConfig{Out: "d", Base: "/", DataDir: "stories", WasmFile: "x.wasm", Quality: 11}, ""},
		{"without -out it says what is missing", nil, site.ExportConfig{}, "export needs -out DIR"},
		{"a relative -base is refused", []string{"-out", "d", "-base", "news/"}, site.ExportConfig{}, `-base must start with /, as in /news/timeline/; got "news/"`},
		{"a -base with a query is refused", []string{"-out", "d", "-base", "/news?x=1"}, site.ExportConfig{}, "-base must be a plain URL path"},
		{"a -base with a double slash is refused", []string{"-out", "d", "-base", "/news//x/"}, site.ExportConfig{}, "-base must be a plain URL path"},
		{"a -base that climbs is refused", []string{"-out", "d", "-base", "/news/../x/"}, site.ExportConfig{}, `-base must not contain ".." segments`},
		{"an argument is refused", []string{"-out", "d", "extra"}, site.ExportConfig{}, `export takes no arguments, got "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseExport(tt.args, io.Discard)
			var u usageError
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.err != "" && (!errors.As(err, &u) || !strings.Contains(u.msg, tt.err)):
				t.Fatalf("error %v, want a usage error saying %q", err, tt.err)
			case tt.err == "" && got != tt.want:
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
