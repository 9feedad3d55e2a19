package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"golang.org/x/net/http/httpguts"

	"timeline/app/route"
	"timeline/app/ui"
	"timeline/data"
)

// Config configures the server. The zero value serves the embedded stories and assets.
type Config struct {
	WasmFile       string // an app.wasm on disk that replaces the embedded one; "" for the embedded
	DataDir        string // a folder of story files that replaces the embedded stories; "" for those
	FrameAncestors string // CSP frame-ancestors sources; "" allows any page to embed the widget
	Base           string // the URL path the site lives under, with slashes ("/news/"); "" for the root
	Static         bool   // for export: the site becomes files, so no /oembed and no discovery links

	// PublicURL is the site's public address (-base-url https://example.org/news): pages name
	// themselves by it (og:url, oEmbed) instead of by the request's Host, which they then
	// ignore. nil trusts Host, as a server on a single name may.
	PublicURL *url.URL
	Timeouts  Timeouts // zero for the defaults

	// Live is set by dev alone: the preview's script and meta on every page, and a pinned
	// Version. nil for serve and export, which stay free of it.
	Live *liveHead

	// Bounds that tests shrink; zero for the defaults.
	PageCacheBytes int           // the prerendered pages kept; pageCacheBytes
	ZipBytes       int           // the compressed pages kept; compressedBytes
	AssetWriteBase time.Duration // the least time an asset response may take; assetWriteBase
	AssetMinRate   int           // the slowest reading of an asset waited for, bytes/s; assetMinRate
}

// Timeouts are the server's write timeout (for pages; assets set their own) and the grace
// a shutdown gives the responses in flight. Zero for the defaults.
type Timeouts struct {
	Write time.Duration // 0 for writeTimeout
	Grace time.Duration // 0 for shutdownGrace
}

const (
	// writeTimeout bounds the writing of a page: pages are small and compressed.
	writeTimeout = 60 * time.Second
	// ShutdownGrace is how long a shutdown (SIGTERM, SIGINT) waits for the responses in flight,
	// downloads of the bundle included, before it closes their connections: the 30 s a
	// container platform usually allows between SIGTERM and SIGKILL.
	ShutdownGrace = 25 * time.Second
)

// newServer returns an http.Server with the limits a public server needs.
func newServer(h http.Handler, t Timeouts) *http.Server {
	if t.Write == 0 {
		t.Write = writeTimeout
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      t.Write,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
}

// Serve serves on ln until ctx ends, then stops accepting and lets the responses in
// flight finish for up to t.Grace (ShutdownGrace when zero), then closes what is left.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, t Timeouts) error {
	srv := newServer(h, t)
	if t.Grace == 0 {
		t.Grace = ShutdownGrace
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), t.Grace)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		srv.Close()
		return fmt.Errorf("responses still in flight after the %v grace were cut: %w", t.Grace, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// LoadStories returns the stories to serve: the embedded ones, or those in dir. The files of
// dir are read through an os.Root, so a story file, or a symbolic link, that resolves outside dir
// is refused rather than read.
func LoadStories(dir string) ([]*data.Story, error) {
	if dir == "" {
		return data.Embedded()
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("-data %s: %w", dir, errors.Unwrap(err))
	}
	defer root.Close()
	stories, err := data.Load(root.FS(), ".")
	var es data.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			e.File = filepath.Join(dir, e.File)
		}
	}
	return stories, err
}

// site is the whole server's handler, with its caches in reach for their counts.
type site struct {
	http.Handler
	pages *pageCache
	zips  *zipMemo
}

// robotsTxt lets every crawler read every page; there is no sitemap.
const robotsTxt = "User-agent: *\nAllow: /\n"

// NewHandler builds the whole site: pages by go-app, assets under /web/, /robots.txt and
// /healthz.
func NewHandler(o Config) (http.Handler, error) {
	stories, err := LoadStories(o.DataDir)
	if err != nil {
		return nil, err
	}
	assets, err := newAssets(o.WasmFile)
	if err != nil {
		return nil, err
	}
	if err := assets.addStories(stories); err != nil {
		return nil, err
	}
	s, err := newSite(o, stories, assets)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// newSite builds the whole site for stories, whose JSON assets already publishes.
func newSite(o Config, stories []*data.Story, assets *assets) (*site, error) {
	byID := map[string]*data.Story{}
	for _, s := range stories {
		byID[s.Info.ID] = s
	}
	base := route.Prefix(o.Base)
	worker, err := networkFirstWorker()
	if err != nil {
		return nil, err
	}

	assets.writeBase, assets.minRate = o.AssetWriteBase, o.AssetMinRate
	pages := &app.Handler{
		Name:            "Timeline",
		ShortName:       "Timeline",
		Title:           "Timeline",
		Description:     "An interactive news explainer: a timeline of events and a map of who is involved.",
		Lang:            "en",
		Icon:            app.Icon{Default: assets.url("icon-192.png"), Large: assets.url("icon-512.png"), SVG: assets.url("icon.svg"), AppleTouch: assets.url("icon-192.png")},
		Styles:          []string{assets.url("style.css")},
		Scripts:         []string{assets.url("frame.js") + " defer"},
		LoadingLabel:    "Loading the interactive view…", // no percentage: see directLoader
		BackgroundColor: "#ffffff",
		ThemeColor:      "#1d3b6e",
		Version:         assets.version,
		Resources:       resources{prefix: strings.TrimSuffix(base, "/"), wasm: assets.url("app.wasm")},

		ServiceWorkerTemplate:   worker,
		WasmContentLengthHeader: wasmLengthHeader,
	}
	pages.RawHeaders = append(pages.RawHeaders, wasmPreload(pages.Resources.AppWASM()))
	if o.Live != nil {
		o.Live.addTo(pages, assets)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET "+route.Health, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	// Crawlers ask for these first. go-app would fetch them from the server itself, over the
	// network, and answer 500 with a log line when that fails; a 5xx robots.txt reads as "do not
	// crawl". robots.txt is served, the others are quietly not found.
	mux.HandleFunc("GET "+route.Robots, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		io.WriteString(w, robotsTxt)
	})
	for _, p := range route.Unserved {
		mux.HandleFunc(p, http.NotFound)
	}
	mux.Handle(route.Assets, assets)
	mux.Handle(route.MuxPattern(route.Demo), newDemoHandler(byID, base, assets))
	list, err := newStoriesHandler(stories, base, assets)
	if err != nil {
		return nil, err
	}
	mux.Handle(route.Stories, list)
	cache := newPageCache(stories, cmp.Or(o.PageCacheBytes, pageCacheBytes))
	cache.ignoreHost = o.PublicURL != nil
	var pagesH http.Handler = pageHandler{pages: pages, stories: route.NewIndex(stories), catalog: ui.NewCatalog(stories), base: base, cache: cache, public: o.PublicURL,
		css: assets.files["style.css"], cssHref: assets.url("style.css")}
	if !o.Static {
		mux.Handle(route.OEmbed, oembedHandler{stories: byID, index: route.NewIndex(stories), base: base})
		pagesH = withDiscovery(pagesH, byID, base)
	}
	zips := newZipMemo(cmp.Or(o.ZipBytes, compressedBytes))
	mux.Handle("/", compressPages(pagesH, zips))
	var h http.Handler = securityHeaders(mux, o.FrameAncestors)
	if o.PublicURL != nil {
		h = atPublicURL(h, o.PublicURL)
	}
	return &site{Handler: h, pages: cache, zips: zips}, nil
}

// atPublicURL makes every request look as if it came to the public address u: its Host and
// X-Forwarded-Proto become u's, so that nothing downstream (og:url, oEmbed's links, the page
// cache's keys) depends on what a client writes in them.
func atPublicURL(h http.Handler, u *url.URL) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.Clone(r.Context())
		r.Host = u.Host
		r.Header.Set("X-Forwarded-Proto", u.Scheme)
		h.ServeHTTP(w, r)
	})
}

// goapp is go-app's router, which is global to the process: its routes are declared once, and
// each page it makes shows the stories of goapp.catalog. A handler renders with its own
// catalogue (renderWith), so that handlers of different stories may share the process.
var goapp struct {
	once    sync.Once
	mu      sync.RWMutex // read-held while a page renders, write-held to change catalog
	catalog *ui.Catalog
}

// renderWith runs render, which asks go-app for a page, with the stories of c. Renders with the
// same catalogue run concurrently; a process with one handler never waits here.
func renderWith(c *ui.Catalog, render func()) {
	goapp.once.Do(func() { ui.Register(func() *ui.Catalog { return goapp.catalog }) })
	for {
		goapp.mu.RLock()
		if goapp.catalog == c {
			defer goapp.mu.RUnlock()
			render()
			return
		}
		goapp.mu.RUnlock()
		goapp.mu.Lock()
		goapp.catalog = c
		goapp.mu.Unlock()
	}
}

// resources tells go-app where the assets are: under /web/ below the site's prefix ("" at the
// root, "/news" for a static host's sub-path), the bundle at its fingerprinted path.
type resources struct{ prefix, wasm string }

func (r resources) Package() string { return r.prefix }
func (r resources) Static() string  { return r.prefix }
func (r resources) AppWASM() string { return r.prefix + r.wasm }

// pageHandler serves go-app's pages, answering 404 for stories that do not exist and lifting the
// zoom lock go-app writes into its viewport meta (pinch-zoom must never be blocked). Story pages
// are rendered once and then served from cache (see pageCache); requests other than GET and
// HEAD, and oversized or malformed query strings, are refused before anything is rendered.
type pageHandler struct {
	pages   *app.Handler
	stories *route.Index // the stories that exist; a page of another is a 404
	catalog *ui.Catalog  // the stories the pages show
	base    string       // the site's prefix, with slashes: where the 404 page sends readers
	cache   *pageCache   // nil renders every request
	public  *url.URL     // the site's public address; nil to name pages by the request's Host
	css     []byte       // the stylesheet every page holds (inlineStylesheet)
	cssHref string       // the address pages would link it from
}

func (p pageHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if err := checkQuery(r.URL.RawQuery); err != nil {
		http.Error(w, "400 bad request: "+err.Error(), http.StatusBadRequest)
		return
	}
	// go-app would answer 304 to any request carrying its one version ETag: the ETag is the
	// content's, and compared here.
	plain := r.Clone(r.Context())
	plain.Header.Del("If-None-Match")
	plain.Host = strings.ToLower(r.Host)
	var page *renderedPage
	switch key, query, ok := p.cache.pageKey(r); {
	case ok:
		// Rendered from the canonical request, so that what a cached page shows never
		// depends on which request happened to render it.
		canon := plain
		canon.Method = http.MethodGet
		canon.URL.RawQuery = query
		canon.RequestURI = canon.URL.RequestURI()
		page = p.cache.get(r.Context(), key, func() *renderedPage { return p.finish(p.render(canon), canon) })
	case isStoryPage(r.URL.Path):
		page = p.cache.render(r.Context(), func() *renderedPage { return p.finish(p.render(plain), plain) })
	default:
		page = safeRender(func() *renderedPage { return p.finish(p.render(plain), plain) })
	}
	if page == nil { // the client went away while its page waited to be rendered
		return
	}
	if etag := page.header.Get("ETag"); page.status == http.StatusOK && etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Cache-Control", page.header.Get("Cache-Control"))
		w.WriteHeader(http.StatusNotModified)
		return
	}
	for k, v := range page.header {
		w.Header()[k] = slices.Clone(v) // a cached page's header is shared: never hand it out
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(page.body)))
	w.WriteHeader(page.status)
	if r.Method != http.MethodHead {
		w.Write(page.body)
	}
}

// render asks go-app for the page r asks for and applies the server's fixes to it.
func (p pageHandler) render(r *http.Request) *renderedPage {
	status := http.StatusOK
	if page, ok := goappPage(r.URL.Path); ok && !p.stories.Has(page.ID) {
		status = http.StatusNotFound
	}
	// go-app writes the page's address into it (og:url) as a Go literal, which a quote or a
	// backslash would break: in a query sent unescaped by a client, or in a host net/http does
	// not check (one written in the request line, or any, served another way). go-app is given
	// them escaped, the query with the same meaning.
	r = r.Clone(r.Context())
	r.URL.RawQuery = r.URL.Query().Encode()
	if !httpguts.ValidHostHeader(r.Host) {
		r.Host = url.QueryEscape(r.Host)
	}
	rec := &pageBuffer{header: http.Header{}, status: http.StatusOK}
	renderWith(p.catalog, func() { p.pages.ServeHTTP(rec, r) })
	body := rec.body.Bytes()
	switch {
	case strings.HasPrefix(rec.header.Get("Content-Type"), "text/html"):
		body = fixPage(body)
		body = inlineStylesheet(body, p.cssHref, p.css)
		if page, ok := goappPage(r.URL.Path); ok && p.stories.Has(page.ID) && status == http.StatusOK {
			body = editHead(body, nil, storyPreload(p.pages.Resources.Static(), page.ID), nil)
		}
		rec.header.Set("Content-Type", "text/html; charset=utf-8")
		if rec.status == http.StatusOK {
			rec.status = status
		}
	case r.URL.Path == route.Loader:
		body, _ = directLoader(body)
	case rec.status == http.StatusNotFound:
		// An address no route knows: go-app's bare "404 page not found" becomes a page.
		body = []byte(strings.Replace(notFoundPage, `href="/"`, `href="`+html.EscapeString(p.base)+`"`, 1))
		rec.header.Set("Content-Type", "text/html; charset=utf-8")
	}
	return &renderedPage{status: rec.status, header: rec.header, body: body}
}

// notFoundPage answers addresses that are not a page, a story or an asset.
const notFoundPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found</title></head>
<body><h1>Page not found</h1><p>There is nothing at this address. <a href="/">The stories start here.</a></p></body></html>
`

// pageBuffer keeps a response in memory so it can be changed before it is sent.
type pageBuffer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *pageBuffer) Header() http.Header         { return r.header }
func (r *pageBuffer) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *pageBuffer) WriteHeader(status int)      { r.status = status }

// contentPolicy is the Content-Security-Policy of every page, but for frame-ancestors, which only
// a header can set: the served pages have it as a header, the exported ones as a <meta>.
const contentPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'"

// securityHeaders sets the headers every response carries. The policy allows exactly what the
// widget needs: its own scripts and WebAssembly, inline style attributes (positions are CSS
// custom properties), and framing by frameAncestors (any page when empty).
func securityHeaders(h http.Handler, frameAncestors string) http.Handler {
	if frameAncestors == "" {
		frameAncestors = "*"
	}
	csp := contentPolicy + "; frame-ancestors " + frameAncestors
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.ServeHTTP(w, r)
	})
}

// ParseBaseURL reads -base-url, the site's public address: http or https, a host, a plain path, nothing else.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, fmt.Errorf("-base-url %q is not a URL: %v", raw, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("-base-url must start with https:// or http://; got %q", raw)
	case u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return nil, fmt.Errorf("-base-url must be a scheme, a host and at most a path, such as https://example.org/news; got %q", raw)
	}
	if u.Path != "" && u.Path != "/" {
		if err := route.CheckBase(u.Path); err != nil {
			return nil, fmt.Errorf("-base-url %q: its path: %v", raw, strings.TrimPrefix(err.Error(), "-base "))
		}
	}
	u.Host = strings.ToLower(u.Host)
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}
