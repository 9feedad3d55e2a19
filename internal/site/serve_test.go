//go:build !wasm

package site

import (
	"bytes"
	"compress/gzip"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"timeline/data"
)

// embeddedHandler serves the embedded stories; it needs no built bundle.
//
// It serves a stand-in bundle, so that what it serves does not depend on whether web/app.wasm has
// been built in this checkout (a fresh clone has none).
func embeddedHandler(t *testing.T) http.Handler {
	t.Helper()
	wasm := filepath.Join(t.TempDir(), "app.wasm")
	if err := os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(Config{WasmFile: wasm})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func get(t *testing.T, h http.Handler, target string, header ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// defaultStory is the story / shows.
func defaultStory(t *testing.T) *data.Story {
	t.Helper()
	return story(t, defaultStoryID)
}

func TestFirstResponseHoldsTheWholeStory(t *testing.T) {
	h := embeddedHandler(t)
	res := get(t, h, "/")
	page := body(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d", res.StatusCode)
	}
	s := defaultStory(t)
	for _, ev := range s.Events {
		if !strings.Contains(page, html.EscapeString(ev.Headline)) {
			t.Errorf("the page lacks the headline of %s: %q", ev.ID, ev.Headline)
		}
		if !strings.Contains(page, html.EscapeString(ev.When.Words())) {
			t.Errorf("the page lacks the date of %s: %q", ev.ID, ev.When.Words())
		}
	}
	for _, a := range s.Actors {
		if !strings.Contains(page, html.EscapeString(a.Name)) {
			t.Errorf("the page lacks the actor %s: %q", a.ID, a.Name)
		}
	}
	if strings.Contains(page, "user-scalable=0") || strings.Contains(page, "maximum-scale=1") {
		t.Error("the viewport meta still blocks pinch-zoom")
	}
	if strings.Contains(page, "https://") {
		t.Error("the page refers to another host")
	}
}

func TestDeepLinksArePrerenderedSelected(t *testing.T) {
	h := embeddedHandler(t)
	tests := []struct {
		name, target, key, id string
	}{
		{"an event link selects the event", "/?event=geneva-meeting", "data-event-id", "geneva-meeting"},
		{"an actor link selects the actor", "/?actor=blinken", "data-actor-id", "blinken"},
		{"a story path with an event link selects it", "/story/ukraine-2022-01?event=olympics-start", "data-event-id", "olympics-start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(body(t, get(t, h, tt.target)))
			panels := doc.find(hasAttrSet("data-detail"))
			if len(panels) == 0 {
				t.Fatal("no detail panel")
			}
			if got := panels[0].attrs[tt.key]; got != tt.id {
				t.Errorf("the detail panel's %s is %q, want %q", tt.key, got, tt.id)
			}
			if len(doc.find(hasAttr("data-selected", "true"))) == 0 {
				t.Error("nothing is marked selected")
			}
		})
	}
}

func TestUnknownSelectionIsANotice(t *testing.T) {
	res := get(t, embeddedHandler(t), "/?event=no-such-event")
	page := body(t, res)
	if res.StatusCode != http.StatusOK || !strings.Contains(page, "No event called “no-such-event”") {
		t.Errorf("GET /?event=no-such-event = %d without the notice", res.StatusCode)
	}
}

func TestRoutes(t *testing.T) {
	h := embeddedHandler(t)
	tests := []struct {
		name, target string
		status       int
		contains     string
	}{
		{"the default story", "/", 200, "data-widget"},
		{"a story by id", "/story/ukraine-2022-01", 200, "data-widget"},
		{"the embed route", "/embed/ukraine-2022-01", 200, `class="widget-title"`},
		{"an unknown story is 404", "/story/no-such-story", 404, "There is no story called"},
		{"an unknown embed is 404", "/embed/no-such-story", 404, "There is no story called"},
		{"health", "/healthz", 200, "ok"},
		{"the stylesheet", "/web/style.css", 200, ".widget"},
		{"a Go source is never served", "/web/web.go", 404, ""},
		{"no directory listing", "/web/", 404, ""},
		{"no encoded traversal", "/web/%2e%2e/go.mod", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, tt.target)
			b := body(t, res)
			if res.StatusCode != tt.status || !strings.Contains(b, tt.contains) {
				t.Errorf("GET %s = %d (want %d), body has %q: %v", tt.target, res.StatusCode, tt.status, tt.contains, strings.Contains(b, tt.contains))
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q", got)
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "'wasm-unsafe-eval'") || !strings.Contains(csp, "frame-ancestors *") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
		})
	}
}

func TestWasmIsNegotiated(t *testing.T) {
	raw := bytes.Repeat([]byte("\x00asm timeline "), 1000)
	var br, gz bytes.Buffer
	bw := brotli.NewWriter(&br)
	bw.Write(raw)
	bw.Close()
	gw := gzip.NewWriter(&gz)
	gw.Write(raw)
	gw.Close()
	a := &assets{version: "v1", files: map[string][]byte{
		"app.wasm": raw, "app.wasm.br": br.Bytes(), "app.wasm.gz": gz.Bytes(),
	}}
	tests := []struct {
		name, accept, encoding string
		body                   []byte
	}{
		{"brotli when accepted", "gzip, deflate, br", "br", br.Bytes()},
		{"gzip when brotli is not accepted", "gzip", "gzip", gz.Bytes()},
		{"identity when nothing is accepted", "", "", raw},
		{"q=0 refuses a coding", "br;q=0, gzip", "gzip", gz.Bytes()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, a, "/web/app.wasm", "Accept-Encoding", tt.accept)
			if got := res.Header.Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("Content-Encoding = %q, want %q", got, tt.encoding)
			}
			if got := res.Header.Get("Content-Type"); got != "application/wasm" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := res.Header.Get("X-Wasm-Content-Length"); got != strconv.Itoa(len(raw)) {
				t.Errorf("X-Wasm-Content-Length = %q, want the raw size %d", got, len(raw))
			}
			if got := res.Header.Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("Vary = %q", got)
			}
			if b := body(t, res); b != string(tt.body) {
				t.Errorf("body is %d bytes, want %d", len(b), len(tt.body))
			}
		})
	}
}

func TestStaleSiblingsAreDropped(t *testing.T) {
	var gz bytes.Buffer
	gw := gzip.NewWriter(&gz)
	gw.Write([]byte("old bundle"))
	gw.Close()
	files := map[string][]byte{"app.wasm": []byte("new bundle"), "app.wasm.gz": gz.Bytes(), "app.wasm.br": []byte("junk")}
	dropStale(files)
	if _, ok := files["app.wasm.gz"]; ok {
		t.Error("a gzip sibling of another bundle is kept")
	}
	if _, ok := files["app.wasm.br"]; ok {
		t.Error("a corrupt brotli sibling is kept")
	}
	if _, ok := files["app.wasm"]; !ok {
		t.Error("the bundle itself was dropped")
	}
}

func TestTraversalNeverReachesFiles(t *testing.T) {
	h := embeddedHandler(t)
	for _, target := range []string{"/web/../go.mod", "/web/..%2fgo.mod", "/web/%2e%2e%2fgo.mod", "/web//etc/passwd"} {
		res := get(t, h, target)
		if b := body(t, res); res.StatusCode == http.StatusOK || strings.Contains(b, "module timeline") || strings.Contains(b, "root:") {
			t.Errorf("GET %s = %d", target, res.StatusCode)
		}
	}
}
