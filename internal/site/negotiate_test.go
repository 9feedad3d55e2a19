//go:build !wasm

package site

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

func TestAcceptedEncoding(t *testing.T) {
	tests := []struct {
		name, header, want string
	}{
		{"no header is identity", "", ""},
		{"the first offered wins a tie", "gzip, br", "br"},
		{"q=0 refuses a coding", "br;q=0, gzip", "gzip"},
		{"Q is read as q", "br;Q=0, gzip", "gzip"},
		{"names are case-insensitive", "BR", "br"},
		{"the star gives its weight to codings not named", "*;q=0.5, gzip;q=0.4", "br"},
		{"a named coding is not refused by the star", "*;q=0, br", "br"},
		{"star q=0 refuses what is not named", "*;q=0", ""},
		{"the higher weight wins", "br;q=0.2, gzip;q=0.9", "gzip"},
		{"a weight that does not parse accepts nothing", "br;q=x", ""},
		{"a weight above 1 accepts nothing", "br;q=2", ""},
		{"spaces are allowed around everything", " gzip ; q = 0.5 ", "gzip"},
		{"other parameters are ignored", "br;level=5", "br"},
		{"a coding the server does not offer is no match", "zstd, deflate", ""},
		{"the last of a repeated name counts", "br, br;q=0", ""},
	}
	for _, tt := range tests {
		if got := acceptedEncoding(tt.header, "br", "gzip"); got != tt.want {
			t.Errorf("%s: acceptedEncoding(%q) = %q, want %q", tt.name, tt.header, got, tt.want)
		}
	}
}

func TestEtagMatches(t *testing.T) {
	tests := []struct {
		name, header, etag string
		want               bool
	}{
		{"the same tag", `"a"`, `"a"`, true},
		{"a weak tag matches weakly", `W/"a"`, `"a"`, true},
		{"a weak ETag matches its strong tag", `"a"`, `W/"a"`, true},
		{"a list", `"x", "a"`, `"a"`, true},
		{"a star", `*`, `"a"`, true},
		{"another tag", `"b"`, `"a"`, false},
		{"no header", ``, `"a"`, false},
		{"no ETag", `*`, ``, false},
	}
	for _, tt := range tests {
		if got := etagMatches(tt.header, tt.etag); got != tt.want {
			t.Errorf("%s: etagMatches(%q, %q) = %v", tt.name, tt.header, tt.etag, got)
		}
	}
}

// FuzzAcceptedEncoding: the coding chosen is one offered or identity, a coding refused at the
// end of the header is never chosen, and naming identity changes nothing.
func FuzzAcceptedEncoding(f *testing.F) {
	for _, s := range []string{"", "gzip, br", "br;Q=0", "*;q=0, br", "br;q=0.5, gzip;q=0.9", " , ;q=,", "br;q=1e400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := acceptedEncoding(header, "br", "gzip")
		if got != "" && got != "br" && got != "gzip" {
			t.Fatalf("acceptedEncoding(%q) = %q, not offered", header, got)
		}
		if strings.ContainsAny(header, ",;") {
			return // the appended elements below would join a malformed last one
		}
		if got := acceptedEncoding(header+", BR;Q=0", "br", "gzip"); got == "br" {
			t.Errorf("%q, BR;Q=0 chose br", header)
		}
		if again := acceptedEncoding(header+", identity", "br", "gzip"); again != got {
			t.Errorf("naming identity changed the choice for %q: %q then %q", header, got, again)
		}
	})
}

// FuzzAssetRequest: whatever Accept-Encoding, If-None-Match and Range say, an asset is answered
// with 200, 206, 304 or 416, and a 206 holds exactly the bytes its Content-Range names.
func FuzzAssetRequest(f *testing.F) {
	f.Add("br", "", "bytes=0-9")
	f.Add("gzip;q=0.5", "*", "")
	f.Add("*;q=0, br", `W/"x", "y"`, "bytes=-5")
	f.Add("", "", "bytes=5-1,0-0")
	f.Add("identity", "", "bytes=99999999-")
	wasm := f.TempDir() + "/app.wasm"
	if err := os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
		f.Fatal(err)
	}
	h, err := NewHandler(Config{WasmFile: wasm})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, accept, inm, rng string) {
		r := httptest.NewRequest("GET", "/web/style.css", nil)
		r.Header.Set("Accept-Encoding", accept)
		r.Header.Set("If-None-Match", inm)
		r.Header.Set("Range", rng)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case 200, 304, 416:
		case 206:
			full := httptest.NewRecorder()
			whole := httptest.NewRequest("GET", "/web/style.css", nil)
			whole.Header.Set("Accept-Encoding", accept)
			h.ServeHTTP(full, whole)
			var first, last, size int
			if _, err := fmt.Sscanf(w.Header().Get("Content-Range"), "bytes %d-%d/%d", &first, &last, &size); err == nil {
				if size != full.Body.Len() || !bytes.Equal(w.Body.Bytes(), full.Body.Bytes()[first:last+1]) {
					t.Errorf("Range %q: %q is not those bytes of the %d", rng, w.Header().Get("Content-Range"), full.Body.Len())
				}
			}
		default:
			t.Errorf("Accept-Encoding %q, If-None-Match %q, Range %q: status %d", accept, inm, rng, w.Code)
		}
	})
}
