//go:build !wasm

package site

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/route"
	"timeline/app/ui"
	"timeline/data"
)

// cacheFixture is a pageHandler with a cache of maxBytes and one without, over the same
// go-app handler and the embedded stories.
func cacheFixture(t *testing.T, maxBytes int) (cached, uncached pageHandler, st *data.Story) {
	t.Helper()
	stories := embeddedStories(t)
	index := route.NewIndex(stories)
	pages := &app.Handler{Name: "Timeline", Title: "Timeline", Version: "test", Resources: resources{}}
	catalog := ui.NewCatalog(stories)
	cached = pageHandler{pages: pages, stories: index, catalog: catalog, base: "/", cache: newPageCache(stories, maxBytes)}
	uncached = pageHandler{pages: pages, stories: index, catalog: catalog, base: "/"}
	return cached, uncached, defaultStory(t)
}

// serve sends one request through h and returns the response with its body read.
func serve(h http.Handler, method, target string, header ...string) (*http.Response, string) {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestCachedPageIsThePageARenderGives(t *testing.T) {
	cached, uncached, st := cacheFixture(t, pageCacheBytes)
	ev, actor := url.QueryEscape(st.Events[3].ID), url.QueryEscape(st.Actors[2].ID)
	tests := []struct{ name, target, canonical string }{
		{"the front page", "/", "/"},
		{"an event deep link", "/?event=" + ev, "/?event=" + ev},
		{"an actor deep link with tracking parameters", "/story/" + st.Info.ID + "?utm_source=x&actor=" + actor, "/story/" + st.Info.ID + "?actor=" + actor},
		{"an event wins over an actor, as in the widget", "/embed/" + st.Info.ID + "?actor=" + actor + "&event=" + ev, "/embed/" + st.Info.ID + "?event=" + ev},
		{"an empty event leaves the actor", "/?event=&actor=" + actor, "/?actor=" + actor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, want := serve(uncached, "GET", tt.canonical)
			for _, pass := range []string{"rendered", "from cache"} {
				res, got := serve(cached, "GET", tt.target)
				if res.StatusCode != 200 || canonicalHTML(got) != canonicalHTML(want) {
					t.Errorf("%s: status %d, %d bytes; want 200 and the %d bytes of a render of %s",
						pass, res.StatusCode, len(got), len(want), tt.canonical)
				}
			}
		})
	}
}

// canonicalHTML writes a page's elements and text back with sorted attributes: go-app writes
// attributes in map order, so two renders of one page differ in bytes but not in this.
func canonicalHTML(page string) string {
	var b strings.Builder
	var walk func(n *htmlNode)
	walk = func(n *htmlNode) {
		if n.tag == "" {
			b.WriteString(n.text)
		} else {
			b.WriteString(n.openingTag())
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(parseHTML(page))
	return b.String()
}

func TestCacheKeysOnTheCanonicalSelection(t *testing.T) {
	cached, _, st := cacheFixture(t, pageCacheBytes)
	ev := url.QueryEscape(st.Events[0].ID)
	for _, target := range []string{"/?event=" + ev, "/?event=" + ev + "&utm_source=a", "/?fbclid=b&event=" + ev, "/?event=" + ev + "&event=other"} {
		serve(cached, "GET", target)
	}
	if pages, _, _ := cached.cache.cached(); pages != 1 {
		t.Errorf("four links to one event made %d cached pages, want 1", pages)
	}
	serve(cached, "GET", "/?event=no-such-event")
	serve(cached, "GET", "/?actor=no-such-actor")
	serve(cached, "GET", "/story/no-such-story")
	serve(cached, "GET", "/no/such/page")
	if pages, _, _ := cached.cache.cached(); pages != 1 {
		t.Errorf("unknown ids, stories and routes were cached: %d pages, want 1", pages)
	}
}

func TestCachedPageNamesTheHostItWasAskedFor(t *testing.T) {
	cached, _, _ := cacheFixture(t, pageCacheBytes)
	serve(cached, "GET", "http://evil.test/")
	_, body := serve(cached, "GET", "http://timeline.test/")
	if strings.Contains(body, "evil.test") || !strings.Contains(body, "timeline.test") {
		t.Error("a page rendered for another Host header was served")
	}
}

func TestCacheStaysUnderItsBound(t *testing.T) {
	_, uncached, st := cacheFixture(t, pageCacheBytes)
	largest := 0 // a bound of about four pages, whichever four: pages differ by their details
	for _, ev := range st.Events[:10] {
		_, page := serve(uncached, "GET", "/?event="+url.QueryEscape(ev.ID))
		largest = max(largest, len(page))
	}
	bound := 4*largest + largest/2
	cached, _, _ := cacheFixture(t, bound)
	for _, ev := range st.Events[:10] {
		serve(cached, "GET", "/?event="+url.QueryEscape(ev.ID))
	}
	pages, size, _ := cached.cache.cached()
	if size > bound || pages > 4 || pages == 0 {
		t.Errorf("%d pages of %d bytes cached, bound %d bytes (about 4 pages)", pages, size, bound)
	}
	// The most recent page is the one kept.
	last := "/?event=" + url.QueryEscape(st.Events[9].ID)
	key, _, _ := cached.cache.pageKey(httptest.NewRequest("GET", last, nil))
	if _, ok := cached.cache.entries[key]; !ok {
		t.Errorf("the page requested last, %s, was evicted", last)
	}
}

func TestConditionalAndHeadRequestsOfCachedPages(t *testing.T) {
	cached, _, _ := cacheFixture(t, pageCacheBytes)
	res, body := serve(cached, "GET", "/")
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("a page has no ETag")
	}
	if res, b := serve(cached, "GET", "/", "If-None-Match", etag); res.StatusCode != 304 || b != "" {
		t.Errorf("If-None-Match with the page's ETag = %d with %d bytes, want 304 and none", res.StatusCode, len(b))
	}
	if res, b := serve(cached, "GET", "/", "If-None-Match", `"stale"`); res.StatusCode != 200 || b != body {
		t.Errorf("If-None-Match with another ETag = %d, want 200 and the page", res.StatusCode)
	}
	res, b := serve(cached, "HEAD", "/")
	if res.StatusCode != 200 || b != "" || res.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
		t.Errorf("HEAD = %d, %d body bytes, Content-Length %s; want 200, none, %d",
			res.StatusCode, len(b), res.Header.Get("Content-Length"), len(body))
	}
}

func TestConcurrentRequestsForOnePageRenderItOnce(t *testing.T) {
	c := newPageCache(nil, 1<<20)
	var renders atomic.Int32
	render := func() *renderedPage {
		renders.Add(1)
		time.Sleep(50 * time.Millisecond)
		return &renderedPage{status: 200, header: http.Header{}, body: []byte("page")}
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if p := c.get(t.Context(), "k", render); p == nil || string(p.body) != "page" {
				t.Error("a waiting request did not get the page")
			}
		})
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("20 concurrent requests rendered the page %d times, want 1", n)
	}
}

func TestAPanickingRenderIsA500AndNotCached(t *testing.T) {
	prev := log.Writer()
	log.SetOutput(io.Discard) // the panic is logged with its stack; not in the test output
	t.Cleanup(func() { log.SetOutput(prev) })
	c := newPageCache(nil, 1<<20)
	for range 2 {
		p := c.get(t.Context(), "k", func() *renderedPage { panic("broken component") })
		if p == nil || p.status != http.StatusInternalServerError {
			t.Fatalf("a panicking render gave %+v, want a 500 page", p)
		}
	}
	if pages, _, _ := c.cached(); pages != 0 {
		t.Errorf("the 500 page was cached")
	}
}

func TestARequestThatLeavesStopsWaiting(t *testing.T) {
	c := newPageCache(nil, 1<<20)
	c.renders = make(chan struct{}, 1) // one render slot, taken below
	block, started := make(chan struct{}), make(chan struct{})
	go c.get(context.Background(), "slow", func() *renderedPage {
		close(started)
		<-block
		return &renderedPage{status: 200, header: http.Header{}}
	})
	<-started
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if p := c.get(ctx, "other", func() *renderedPage { t.Error("rendered without a free slot"); return nil }); p != nil {
		t.Error("a request that left got a page")
	}
	// One that waits for the slow page leaves too, and the slow page still gets cached.
	ctx2, cancel2 := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel2()
	if p := c.get(ctx2, "slow", nil); p != nil {
		t.Error("a request that left got a page")
	}
	close(block)
	if p := c.get(t.Context(), "slow", nil); p == nil || p.status != 200 {
		t.Errorf("after the render, the page is %+v", p)
	}
}

func TestCheckQuery(t *testing.T) {
	tests := []struct {
		name, raw string
		ok        bool
	}{
		{"no query is fine", "", true},
		{"a deep link is fine", "event=geneva-meeting", true},
		{"escaped UTF-8 is fine", "actor=%C3%A9lys%C3%A9e", true},
		{"a query of the longest allowed length is fine", "event=" + strings.Repeat("a", maxQueryBytes-6), true},
		{"one byte more is refused", "event=" + strings.Repeat("a", maxQueryBytes-5), false},
		{"a bad escape is refused", "event=%zz", false},
		{"a semicolon is refused", "event=a;actor=b", false},
		{"a value that is not UTF-8 is refused", "event=%ff", false},
		{"a name that is not UTF-8 is refused", "%ff=1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := checkQuery(tt.raw); (err == nil) != tt.ok {
				t.Errorf("checkQuery(%.40q) = %v, want ok %v", tt.raw, err, tt.ok)
			}
		})
	}
}
