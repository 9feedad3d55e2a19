//go:build !wasm

package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// decode undoes a Content-Encoding of br or gzip.
func decode(t *testing.T, enc, body string) string {
	t.Helper()
	var r io.Reader = strings.NewReader(body)
	switch enc {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding %s: %v", enc, err)
	}
	return string(b)
}

func TestPagesAreCompressedAsTheClientAccepts(t *testing.T) {
	h := embeddedHandler(t)
	_, plain := serve(h, "GET", "/")
	tests := []struct{ name, accept, enc string }{
		{"brotli first", "gzip, deflate, br, zstd", "br"},
		{"gzip without brotli", "gzip", "gzip"},
		{"nothing without Accept-Encoding", "", ""},
		{"q=0 refuses brotli", "br;q=0, gzip", "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := serve(h, "GET", "/", "Accept-Encoding", tt.accept)
			if got := res.Header.Get("Content-Encoding"); got != tt.enc {
				t.Errorf("Content-Encoding = %q, want %q", got, tt.enc)
			}
			if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("Vary = %q, want Accept-Encoding", res.Header.Get("Vary"))
			}
			if n, _ := strconv.Atoi(res.Header.Get("Content-Length")); n != len(body) {
				t.Errorf("Content-Length %d, body %d bytes", n, len(body))
			}
			page := decode(t, tt.enc, body)
			if canonicalHTML(page) != canonicalHTML(plain) {
				t.Errorf("the decoded page (%d bytes) is not the page (%d bytes)", len(page), len(plain))
			}
			if tt.enc != "" && len(body) > len(plain)/3 {
				t.Errorf("compressed to %d bytes of %d; a page compresses better than that", len(body), len(plain))
			}
		})
	}
}

func TestCompressedPagesRevalidate(t *testing.T) {
	h := embeddedHandler(t)
	res, body := serve(h, "GET", "/?actor=blinken", "Accept-Encoding", "br")
	etag := res.Header.Get("ETag")
	if !strings.HasPrefix(etag, `W/"`) {
		t.Fatalf("a compressed page's ETag is %q, want a weak one", etag)
	}
	res, b := serve(h, "GET", "/?actor=blinken", "Accept-Encoding", "br", "If-None-Match", etag)
	if res.StatusCode != http.StatusNotModified || b != "" || res.Header.Get("ETag") != etag {
		t.Errorf("revalidating = %d with %d bytes and ETag %q, want 304, none and %q", res.StatusCode, len(b), res.Header.Get("ETag"), etag)
	}
	res, b = serve(h, "HEAD", "/?actor=blinken", "Accept-Encoding", "br")
	if res.StatusCode != 200 || b != "" || res.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
		t.Errorf("HEAD = %d, %d body bytes, Content-Length %s; want 200, none, %d", res.StatusCode, len(b), res.Header.Get("Content-Length"), len(body))
	}
}

func TestSmallAndBinaryResponsesAreLeftAlone(t *testing.T) {
	h := embeddedHandler(t)
	res, body := serve(h, "GET", "/no/such/page", "Accept-Encoding", "br")
	if res.Header.Get("Content-Encoding") != "" || !strings.Contains(body, "Page not found") {
		t.Errorf("the small 404 page was compressed (%q)", res.Header.Get("Content-Encoding"))
	}
	res, _ = serve(h, "GET", "/web/icon-192.png", "Accept-Encoding", "br")
	if res.Header.Get("Content-Encoding") != "" {
		t.Errorf("an image was sent with Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
}

func TestZipMemoCompressesEachPageOnce(t *testing.T) {
	m := newZipMemo(1 << 20)
	page := bytes.Repeat([]byte("<p>a page of a story</p>"), 200)
	first := m.compress("br", page)
	again := m.compress("br", bytes.Clone(page))
	if &first[0] != &again[0] {
		t.Error("the same page was compressed twice")
	}
	if gz := m.compress("gzip", page); &gz[0] == &first[0] {
		t.Error("gzip was answered with the brotli body")
	}
	if got := decode(t, "br", string(first)); got != string(page) {
		t.Error("the brotli body does not decode to the page")
	}
	small := newZipMemo(4 * len(first))
	for i := range 20 {
		small.compress("br", append(bytes.Clone(page), byte(i)))
	}
	if small.size > small.max {
		t.Errorf("the memo holds %d bytes, bound %d", small.size, small.max)
	}
}
