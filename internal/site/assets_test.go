//go:build !wasm

package site

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"timeline/data"
	"timeline/web"
)

func TestFingerprintNamesTheContent(t *testing.T) {
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:])[:12] }
	tests := []struct{ name, file, content, want string }{
		{"the hash goes before the extension", "style.css", "a{}", "style." + sum("a{}") + ".css"},
		{"a name with several dots keeps all but the extension", "app.min.js", "x", "app.min." + sum("x") + ".js"},
		{"the bundle keeps its .wasm", "app.wasm", "\x00asm", "app." + sum("\x00asm") + ".wasm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fingerprint(tt.file, []byte(tt.content)); got != tt.want {
				t.Errorf("fingerprint(%q) = %q, want %q", tt.file, got, tt.want)
			}
		})
	}
	if fingerprint("style.css", []byte("a")) == fingerprint("style.css", []byte("b")) {
		t.Error("two contents share a fingerprint")
	}
}

// TestPagesReferToFingerprintedAssets: every asset a page uses is at a fingerprinted address that
// may be cached for a year, while the addresses other sites use stay put and are revalidated.
func TestPagesReferToFingerprintedAssets(t *testing.T) {
	h := embeddedHandler(t)
	doc := parseHTML(body(t, get(t, h, "/")))
	appJS := body(t, get(t, h, "/app.js"))

	hashed := regexp.MustCompile(`^/web/[a-z0-9-]+\.[0-9a-f]{12}\.[a-z]+$`)
	// attr gives the attribute of the one element that matches, checking it is fingerprinted.
	attr := func(what, name string, match func(*htmlNode) bool) string {
		els := doc.find(match)
		if len(els) == 0 {
			t.Fatalf("the page has no %s", what)
		}
		v := els[0].attrs[name]
		if !hashed.MatchString(v) {
			t.Errorf("the %s is at %q, not at a fingerprinted address", what, v)
		}
		return v
	}
	isScript := func(n *htmlNode) bool { return n.tag == "script" && strings.Contains(n.attrs["src"], "/frame.") }
	wasm := regexp.MustCompile(`instantiateStreaming\(\s*fetch\("([^"]+)"`).FindStringSubmatch(appJS)
	if wasm == nil || !hashed.MatchString(wasm[1]) {
		t.Fatalf("app.js does not load the bundle from a fingerprinted address: %v", wasm)
	}
	if frame := doc.find(isScript); len(frame) > 0 {
		if _, ok := frame[0].attrs["defer"]; !ok {
			t.Errorf("the height reporter is not deferred: %s", frame[0].openingTag())
		}
	}
	// A widget's page holds the stylesheet (a linked one would hold the first paint back); the
	// stories page links it.
	if links := doc.find(func(n *htmlNode) bool { return n.tag == "link" && strings.HasSuffix(n.attrs["href"], ".css") }); len(links) > 0 {
		t.Errorf("the page links a stylesheet: %s", links[0].openingTag())
	}
	css, err := web.FS.ReadFile("style.css")
	if err != nil {
		t.Fatal(err)
	}
	if styles := doc.find(func(n *htmlNode) bool { return n.tag == "style" }); len(styles) != 1 || !strings.Contains(body(t, get(t, h, "/")), "<style>"+string(css)+"</style>") {
		t.Errorf("the page holds %d <style> elements, want one with the whole stylesheet", len(styles))
	}
	stories := parseHTML(body(t, get(t, h, "/stories")))
	var stylesheetHref string
	if links := stories.find(func(n *htmlNode) bool {
		return n.attrs["rel"] == "stylesheet" && strings.Contains(n.attrs["href"], "/style.")
	}); len(links) > 0 {
		stylesheetHref = links[0].attrs["href"]
	}
	if !hashed.MatchString(stylesheetHref) {
		t.Errorf("the stories page links its stylesheet at %q, not at a fingerprinted address", stylesheetHref)
	}
	tests := []struct {
		name, url, ctype string
	}{
		{"the stylesheet", stylesheetHref, "text/css; charset=utf-8"},
		{"the icon", attr("icon", "href", hasAttr("rel", "icon")), "image/svg+xml"},
		{"the height reporter", attr("height reporter", "src", isScript), "text/javascript; charset=utf-8"},
		{"the bundle", wasm[1], "application/wasm"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is cached for a year", func(t *testing.T) {
			res := get(t, h, tt.url)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d", tt.url, res.StatusCode)
			}
			if got := res.Header.Get("Cache-Control"); got != immutable {
				t.Errorf("GET %s: Cache-Control %q, want %q", tt.url, got, immutable)
			}
			if got := res.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("GET %s: Content-Type %q, want %q", tt.url, got, tt.ctype)
			}
		})
	}

	stable := []struct {
		name, url string
		status    int
		cache     string
	}{
		{"embed.js keeps its name for host pages", "/web/embed.js", 200, "no-cache"},
		{"a plain name is revalidated", "/web/style.css", 200, "no-cache"},
		{"a fingerprint of other content is not found", "/web/style.000000000000.css", 404, ""},
	}
	for _, tt := range stable {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, tt.url)
			if res.StatusCode != tt.status || res.Header.Get("Cache-Control") != tt.cache && tt.status == 200 {
				t.Errorf("GET %s = %d, Cache-Control %q; want %d, %q", tt.url, res.StatusCode, res.Header.Get("Cache-Control"), tt.status, tt.cache)
			}
		})
	}
}

func TestServiceWorkerAsksTheNetworkFirst(t *testing.T) {
	worker := body(t, get(t, embeddedHandler(t), "/app-worker.js"))
	if !strings.Contains(worker, networkFirstFetch) || strings.Contains(worker, cacheFirstFetch) {
		t.Errorf("app-worker.js does not have the network-first fetch handler:\n%s", worker)
	}
	if strings.Contains(worker, `"/web/app.wasm"`) || strings.Contains(worker, `"/web/style.css"`) {
		t.Errorf("app-worker.js caches an asset under its plain name:\n%s", worker)
	}
	if _, err := networkFirst("self.addEventListener('fetch', e => e.respondWith(caches.match(e.request)));"); err == nil {
		t.Error("a worker template without go-app's fetch handler is accepted")
	}
}

func TestVersionChangesWhenAStoryChanges(t *testing.T) {
	version := func(title string) string {
		t.Helper()
		a, err := newAssets("")
		if err != nil {
			t.Fatal(err)
		}
		s := *defaultStory(t)
		s.Info.Title = title
		if err := a.addStories([]*data.Story{&s}); err != nil {
			t.Fatal(err)
		}
		return a.version
	}
	a, again, b := version("A"), version("A"), version("B")
	if a == b {
		t.Error("two titles give one version: a browser would keep the old story")
	}
	if a != again {
		t.Error("the same story gives two versions")
	}
}
