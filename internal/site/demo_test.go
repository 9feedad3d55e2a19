//go:build !wasm

package site

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"timeline/app/ui"
)

func TestDemoArticleEmbedsTheWidgetByTheSnippet(t *testing.T) {
	h := embeddedHandler(t)
	s := defaultStory(t)
	res := get(t, h, "/demo/"+s.Info.ID)
	page := body(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /demo/%s = %d", s.Info.ID, res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	snippet := ui.Embed{Base: "/", StoryID: s.Info.ID, Title: s.Info.Title}.Snippet()
	tests := []struct {
		name string
		ok   bool
	}{
		{"the snippet is in the page as a newsroom pastes it", strings.Contains(page, snippet)},
		{"the headline is the story's title", strings.Contains(page, "<h1>"+escapeText(s.Info.Title)+"</h1>")},
		{"the standfirst is the story's summary", strings.Contains(page, escapeText(s.Info.Summary))},
		{"paragraphs of the story's own text surround the widget", strings.Index(page, escapeText(s.Events[0].Text)) < strings.Index(page, snippet) &&
			strings.LastIndex(page, "</p>") > strings.Index(page, snippet)},
		{"no inline script, which the policy forbids", !strings.Contains(page, "<script>")},
		{"no go-app: a host page knows only the snippet", !strings.Contains(page, "app.js")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.ok {
				t.Errorf("no; the page:\n%s", page)
			}
		})
	}
	t.Run("its stylesheet is served", func(t *testing.T) {
		i := strings.Index(page, `<link rel="stylesheet" href="`)
		if i < 0 {
			t.Fatal("no stylesheet link")
		}
		href, _, _ := strings.Cut(page[i+len(`<link rel="stylesheet" href="`):], `"`)
		if res := get(t, h, href); res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != immutable {
			t.Errorf("GET %s = %d, Cache-Control %q", href, res.StatusCode, res.Header.Get("Cache-Control"))
		}
	})
}

func TestDemoOfAnUnknownStoryIsNotFound(t *testing.T) {
	h := embeddedHandler(t)
	tests := []struct {
		name, method string
		status       int
		says         string
	}{
		{"GET says which story is missing", http.MethodGet, 404, "There is no story called “no-such-story”."},
		{"HEAD has the status and no body", http.MethodHead, 404, ""},
		{"POST is not allowed", http.MethodPost, 405, "method not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tt.method, "/demo/no-such-story", nil))
			if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.says) {
				t.Errorf("%s = %d %q, want %d with %q", tt.method, w.Code, w.Body.String(), tt.status, tt.says)
			}
			if tt.method == http.MethodHead && w.Body.Len() != 0 {
				t.Errorf("HEAD has a %d-byte body", w.Body.Len())
			}
		})
	}
	t.Run("HEAD of a story counts its body", func(t *testing.T) {
		id := defaultStory(t).Info.ID
		full := body(t, get(t, h, "/demo/"+id))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodHead, "/demo/"+id, nil))
		if got := w.Header().Get("Content-Length"); got != strconv.Itoa(len(full)) {
			t.Errorf("Content-Length = %s, want %d", got, len(full))
		}
	})
}

// escapeText is how html/template writes text: quotes and apostrophes as numeric references.
func escapeText(s string) string {
	return strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;", `'`, "&#39;").Replace(s)
}
