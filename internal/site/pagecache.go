package site

import (
	"container/list"
	"context"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"unicode/utf8"

	"timeline/app/route"
	"timeline/data"
)

const (
	// maxQueryBytes bounds a page's query string. A deep link is ?event=<id> or ?actor=<id>;
	// the margin is for the tracking parameters that links pick up when shared.
	maxQueryBytes = 2048
	// pageCacheBytes bounds the memory the prerendered pages take: about 8 pages of a story of
	// 10,000 events (7 MB each), or thousands of the seed story's (65 kB).
	pageCacheBytes = 64 << 20
	// maxCachedHosts bounds the Host names whose pages are cached when the server does not know
	// its public address (serve without -base-url), where go-app writes the Host into og:url: a
	// handful of real names (the public one, localhost, an address), and not one more cache per
	// name that anyone may put in a request. Pages for other hosts are rendered, not kept.
	maxCachedHosts = 8
)

// checkQuery says why a page's query string is refused, or returns nil. What go-app's page
// rendering and url.ParseQuery would silently drop or garble is refused instead.
func checkQuery(raw string) error {
	if len(raw) > maxQueryBytes {
		return fmt.Errorf("the query string is %d bytes, more than %d", len(raw), maxQueryBytes)
	}
	q, err := url.ParseQuery(raw)
	if err != nil {
		return fmt.Errorf("the query string is malformed: %v", err)
	}
	for name, values := range q {
		for _, v := range append(values, name) {
			if !utf8.ValidString(v) {
				return fmt.Errorf("the query string is not UTF-8")
			}
		}
	}
	return nil
}

// renderedPage is a page as sent: go-app's response after the server's fixes.
type renderedPage struct {
	status int
	header http.Header
	body   []byte
}

// size is what the page costs the cache, in bytes of memory: the body's capacity (see
// exactBody), and for the headers, the map, list element and key, a generous estimate.
func (p *renderedPage) size() int {
	n := cap(p.body) + 1024
	for k, vs := range p.header {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return n
}

// pageCache keeps prerendered pages in memory, least recently used first out, so that a story
// is rendered once per page and not once per reader: go-app takes about 20 ms to render the seed
// story and about a second for 10,000 events. A page is cached under its host, path and
// canonical selection (pageKey), so the other query parameters a shared link carries
// (?utm_source=…) neither miss the cache nor grow it. Concurrent requests for a page being
// rendered wait for that one render, and at most one render per CPU runs at a time, so a burst
// of requests for pages not yet cached queues instead of starving the server.
type pageCache struct {
	maxBytes   int
	maxHosts   int           // distinct hosts whose pages are kept
	ignoreHost bool          // pages do not depend on Host (serve -base-url): keys leave it out
	stories    *route.Index  // what each story's deep links may select
	renders    chan struct{} // a slot per render allowed to run

	mu      sync.Mutex
	size    int
	lru     *list.List               // of *cacheEntry, most recent first
	entries map[string]*list.Element // by key
	hosts   map[string]int           // pages kept, by host
	filling map[string]*pageFill     // renders in progress, by key
}

type cacheEntry struct {
	key, host string
	page      *renderedPage
}

// pageFill is one render that other requests for the same page wait for.
type pageFill struct {
	done chan struct{}
	page *renderedPage // nil when the render did not happen (its request went away first)
}

// newPageCache returns a cache of at most maxBytes for the pages of stories.
func newPageCache(stories []*data.Story, maxBytes int) *pageCache {
	c := &pageCache{
		maxBytes: maxBytes,
		maxHosts: maxCachedHosts,
		stories:  route.NewIndex(stories),
		hosts:    map[string]int{},
		renders:  make(chan struct{}, max(1, runtime.GOMAXPROCS(0))),
		lru:      list.New(),
		entries:  map[string]*list.Element{},
		filling:  map[string]*pageFill{},
	}
	return c
}

// pageKey returns the cache key of the page r asks for and the query that page is rendered
// from, or ok=false when the page is not cached: anything but a story page, an unknown story,
// or a selection the story does not have (those pages are cheap, or would let anyone fill the
// cache with junk). The selection is read as the widget reads it (route.ParseSelection): a
// non-empty ?event= wins over ?actor=, which wins over ?relation=, and nothing else in the query
// changes the page. The host,
// lower-cased, is in the key because go-app writes the page's URL into og:url, unless the
// server knows its public address (ignoreHost); the page is rendered for that same spelling.
func (c *pageCache) pageKey(r *http.Request) (key, query string, ok bool) {
	page, ok := goappPage(r.URL.Path)
	if c == nil || !ok {
		return "", "", false
	}
	sel := route.ParseSelection(r.URL.Query())
	if !c.stories.Selects(page.ID, sel) {
		return "", "", false
	}
	query = sel.Query()
	host := ""
	if !c.ignoreHost {
		host = strings.ToLower(r.Host)
	}
	return host + " " + r.URL.Path + "?" + query, query, true
}

// goappPage reads a path the page handler serves: a page go-app draws (/, /story/<id> and
// /embed/<id>), whether or not its story exists. The server sees paths below its prefix, which
// a proxy or the static host has taken off.
func goappPage(path string) (route.Page, bool) {
	p, ok := route.Parse("/", path)
	return p, ok && p.Kind != route.Demo
}

// isStoryPage says whether the path is a story page, which can be slow to render.
func isStoryPage(path string) bool {
	_, ok := goappPage(path)
	return ok
}

// get returns the page under key, calling render to make it when it is not cached, or nil when
// ctx ends first. A panic in render is answered with a 500 page and logged; it is not cached.
func (c *pageCache) get(ctx context.Context, key string, render func() *renderedPage) *renderedPage {
	for {
		c.mu.Lock()
		if el, ok := c.entries[key]; ok {
			c.lru.MoveToFront(el)
			c.mu.Unlock()
			return el.Value.(*cacheEntry).page
		}
		if f, ok := c.filling[key]; ok {
			c.mu.Unlock()
			select {
			case <-f.done:
				if f.page != nil {
					return f.page
				}
				continue // the request that was rendering it went away: render it here
			case <-ctx.Done():
				return nil
			}
		}
		f := &pageFill{done: make(chan struct{})}
		c.filling[key] = f
		c.mu.Unlock()

		f.page = c.render(ctx, render)
		c.mu.Lock()
		delete(c.filling, key)
		if f.page != nil && f.page.status == http.StatusOK {
			c.add(key, f.page)
		}
		c.mu.Unlock()
		close(f.done)
		return f.page
	}
}

// render runs render when a render slot is free, or returns nil when ctx ends first.
func (c *pageCache) render(ctx context.Context, render func() *renderedPage) *renderedPage {
	if c == nil {
		return safeRender(render)
	}
	select {
	case c.renders <- struct{}{}:
	case <-ctx.Done():
		return nil
	}
	defer func() { <-c.renders }()
	return safeRender(render)
}

// safeRender turns a panic while rendering into a 500 page, so that one broken page never
// takes a connection down with it.
func safeRender(render func() *renderedPage) (p *renderedPage) {
	defer func() {
		if v := recover(); v != nil {
			log.Printf("timeline: rendering a page panicked: %v\n%s", v, debug.Stack())
			p = &renderedPage{
				status: http.StatusInternalServerError,
				header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
				body:   []byte("500 internal server error: the page could not be rendered\n"),
			}
		}
	}()
	return render()
}

// add caches the page under key and drops the least recently used pages beyond the bound. A
// page bigger than a quarter of the bound is not kept: it would push out too many others; nor
// is a page of a host beyond the first maxHosts that have pages kept. The caller holds c.mu.
func (c *pageCache) add(key string, p *renderedPage) {
	n := p.size()
	host, _, _ := strings.Cut(key, " ")
	if n > c.maxBytes/4 || (c.hosts[host] == 0 && len(c.hosts) >= c.maxHosts) {
		return
	}
	c.entries[key] = c.lru.PushFront(&cacheEntry{key: key, host: host, page: p})
	c.hosts[host]++
	c.size += n
	for c.size > c.maxBytes {
		last := c.lru.Back()
		e := last.Value.(*cacheEntry)
		c.lru.Remove(last)
		delete(c.entries, e.key)
		if c.hosts[e.host]--; c.hosts[e.host] == 0 {
			delete(c.hosts, e.host)
		}
		c.size -= e.page.size()
	}
}

// cached reports how many pages the cache holds, their size in bytes as counted against the
// bound, and for how many hosts.
func (c *pageCache) cached() (pages, bytes, hosts int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len(), c.size, len(c.hosts)
}
