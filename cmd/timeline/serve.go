//go:build !wasm

package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/ui"
	"timeline/data"
)

// serveOptions configures the server. The zero value serves the embedded stories and assets.
type serveOptions struct {
	addr           string // listen address
	wasmFile       string // an app.wasm on disk that replaces the embedded one; "" for the embedded
	dataDir        string // a folder of story files that replaces the embedded stories; "" for those
	frameAncestors string // CSP frame-ancestors sources; "" allows any page to embed the widget
	base           string // the URL path the site lives under, with slashes ("/news/"); "" for the root
	static         bool   // for export: the site becomes files, so no /oembed and no discovery links

	// publicURL is the site's public address (-base-url https://example.org/news): pages name
	// themselves by it (og:url, oEmbed) instead of by the request's Host, which they then
	// ignore. nil trusts Host, as a server on a single name may.
	publicURL *url.URL
	timeouts  serverTimeouts // zero for the defaults

	// live is set by dev alone: the preview's script and meta on every page, and a pinned
	// Version. nil for serve and export, which stay free of it.
	live *liveHead

	// Bounds that tests shrink; zero for the defaults.
	pageCacheBytes int           // the prerendered pages kept; pageCacheBytes
	zipBytes       int           // the compressed pages kept; compressedBytes
	assetWriteBase time.Duration // the least time an asset response may take; assetWriteBase
	assetMinRate   int           // the slowest reading of an asset waited for, bytes/s; assetMinRate
}

// serverTimeouts are the server's write timeout (for pages; assets set their own) and the grace
// a shutdown gives the responses in flight. Zero for the defaults.
type serverTimeouts struct {
	write time.Duration // 0 for writeTimeout
	grace time.Duration // 0 for shutdownGrace
}

const (
	// writeTimeout bounds the writing of a page: pages are small and compressed.
	writeTimeout = 60 * time.Second
	// shutdownGrace is how long a shutdown (SIGTERM, SIGINT) waits for the responses in flight,
	// downloads of the bundle included, before it closes their connections: the 30 s a
	// container platform usually allows between SIGTERM and SIGKILL.
	shutdownGrace = 25 * time.Second
	// memoryLimit is the Go runtime's soft memory limit for serve, unless GOMEMLIMIT sets one:
	// the caches hold at most 96 MB (pageCacheBytes, compressedBytes) over about 70 MB for the
	// binary and the bundle, and the garbage collector, left to itself, lets the heap grow to
	// twice what is live. Under this limit it collects sooner instead, so that the resident set
	// stays within the 256 MB README states and `make bench` checks.
	memoryLimit = 224 << 20
)

func parseServe(args []string, stderr io.Writer) (serveOptions, error) {
	o := serveOptions{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8000", "listen `address`")
	fs.StringVar(&o.dataDir, "data", "", "serve the story files in `DIR` instead of the embedded ones")
	fs.StringVar(&o.frameAncestors, "frame-ancestors", "", "space-separated `sources` allowed to embed the widget (default any)")
	fs.StringVar(&o.wasmFile, "wasm", "", "serve this app.wasm `file` instead of the embedded one")
	baseURL := fs.String("base-url", "", "the site's public `URL`, such as https://example.org/news: pages name themselves by it, not by the request's Host")
	fs.DurationVar(&o.timeouts.grace, "grace", shutdownGrace, "how long a shutdown waits for responses in flight")
	if err := fs.Parse(args); err != nil {
		return o, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return o, usageError{fmt.Sprintf("serve takes no arguments, got %q", fs.Arg(0))}
	}
	if *baseURL != "" {
		u, err := parseBaseURL(*baseURL)
		if err != nil {
			return o, usageError{err.Error()}
		}
		o.publicURL, o.base = u, sitePrefix(u.Path)
	}
	return o, nil
}

// parseBaseURL reads -base-url: http or https, a host, a plain path, nothing else.
func parseBaseURL(raw string) (*url.URL, error) {
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
		if err := checkBase(u.Path); err != nil {
			return nil, fmt.Errorf("-base-url %q: its path: %v", raw, strings.TrimPrefix(err.Error(), "-base "))
		}
	}
	u.Host = strings.ToLower(u.Host)
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

func runServe(ctx context.Context, args []string, stderr io.Writer) error {
	o, err := parseServe(args, stderr)
	if err != nil {
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	h, err := newHandler(o)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "timeline: serving on http://%s/\n", ln.Addr())
	return serveUntilDone(ctx, ln, h, o.timeouts)
}

// newServer returns an http.Server with the limits a public server needs.
func newServer(h http.Handler, t serverTimeouts) *http.Server {
	if t.write == 0 {
		t.write = writeTimeout
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      t.write,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
}

// serveUntilDone serves on ln until ctx ends, then stops accepting and lets the responses in
// flight finish for up to t.grace (shutdownGrace when zero), then closes what is left.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, t serverTimeouts) error {
	srv := newServer(h, t)
	if t.grace == 0 {
		t.grace = shutdownGrace
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), t.grace)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		srv.Close()
		return fmt.Errorf("responses still in flight after the %v grace were cut: %w", t.grace, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loadStories returns the stories to serve: the embedded ones, or those in dir. The files of
// dir are read through an os.Root, so a story file, or a symbolic link, that resolves outside dir
// is refused rather than read.
func loadStories(dir string) ([]*data.Story, error) {
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

// newHandler builds the whole site: pages by go-app, assets under /web/, /robots.txt and
// /healthz. Its result is a *site.
func newHandler(o serveOptions) (http.Handler, error) {
	stories, err := loadStories(o.dataDir)
	if err != nil {
		return nil, err
	}
	assets, err := newAssets(o.wasmFile)
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
func newSite(o serveOptions, stories []*data.Story, assets *assets) (*site, error) {
	registerRoutes.Do(ui.Register)
	ui.SetStories(stories)
	known := map[string]bool{}
	byID := map[string]*data.Story{}
	for _, s := range stories {
		known[s.Info.ID] = true
		byID[s.Info.ID] = s
	}
	base := sitePrefix(o.base)
	worker, err := networkFirstWorker()
	if err != nil {
		return nil, err
	}

	assets.writeBase, assets.minRate = o.assetWriteBase, o.assetMinRate
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
	if o.live != nil {
		o.live.addTo(pages, assets)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	// Crawlers ask for these first. go-app would fetch them from the server itself, over the
	// network, and answer 500 with a log line when that fails; a 5xx robots.txt reads as "do not
	// crawl". robots.txt is served, the others are quietly not found.
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		io.WriteString(w, robotsTxt)
	})
	mux.HandleFunc("/sitemap.xml", http.NotFound)
	mux.HandleFunc("/ads.txt", http.NotFound)
	mux.Handle("/web/", assets)
	mux.Handle("/demo/{id}", newDemoHandler(byID, base, assets))
	list, err := newStoriesHandler(stories, base, assets)
	if err != nil {
		return nil, err
	}
	mux.Handle("/stories", list)
	cache := newPageCache(stories, cmp.Or(o.pageCacheBytes, pageCacheBytes))
	cache.ignoreHost = o.publicURL != nil
	var pagesH http.Handler = pageHandler{pages: pages, known: known, cache: cache, public: o.publicURL,
		css: assets.files["style.css"], cssHref: assets.url("style.css")}
	if !o.static {
		mux.Handle("/oembed", oembedHandler{stories: byID, base: base})
		pagesH = withDiscovery(pagesH, byID, base)
	}
	zips := newZipMemo(cmp.Or(o.zipBytes, compressedBytes))
	mux.Handle("/", compressPages(pagesH, zips))
	var h http.Handler = securityHeaders(mux, o.frameAncestors)
	if o.publicURL != nil {
		h = atPublicURL(h, o.publicURL)
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

// registerRoutes declares go-app's routes once per process: they are global to go-app.
var registerRoutes sync.Once

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
	known   map[string]bool
	cache   *pageCache // nil renders every request
	public  *url.URL   // the site's public address; nil to name pages by the request's Host
	css     []byte     // the stylesheet every page holds (inlineStylesheet)
	cssHref string     // the address pages would link it from
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
	for _, prefix := range []string{"/story/", "/embed/"} {
		if id, ok := strings.CutPrefix(r.URL.Path, prefix); ok && !p.known[id] {
			status = http.StatusNotFound
		}
	}
	rec := &pageBuffer{header: http.Header{}, status: http.StatusOK}
	p.pages.ServeHTTP(rec, r)
	body := rec.body.Bytes()
	switch {
	case strings.HasPrefix(rec.header.Get("Content-Type"), "text/html"):
		fixed, err := pageHTML(body)
		if err != nil {
			log.Printf("timeline: %s: %v", r.URL.Path, err)
			return &renderedPage{status: http.StatusInternalServerError, header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
				body: []byte("500 internal server error: the page could not be written\n")}
		}
		body = bytes.Replace(fixed, []byte("maximum-scale=1, user-scalable=0, "), nil, 1)
		body = inlineStylesheet(body, p.cssHref, p.css)
		if id, ok := storyOf(r.URL.Path); ok && p.known[id] && status == http.StatusOK {
			body = editHead(body, nil, storyPreload(p.pages.Resources.Static(), id), nil)
		}
		rec.header.Set("Content-Type", "text/html; charset=utf-8")
		if rec.status == http.StatusOK {
			rec.status = status
		}
	case r.URL.Path == "/app.js":
		body, _ = directLoader(body)
	case rec.status == http.StatusNotFound:
		// An address no route knows: go-app's bare "404 page not found" becomes a page.
		body = []byte(notFoundPage)
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
