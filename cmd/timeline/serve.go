//go:build !wasm

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
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
}

func parseServe(args []string, stderr io.Writer) (serveOptions, error) {
	o := serveOptions{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8000", "listen `address`")
	fs.StringVar(&o.dataDir, "data", "", "serve the story files in `DIR` instead of the embedded ones")
	fs.StringVar(&o.frameAncestors, "frame-ancestors", "", "space-separated `sources` allowed to embed the widget (default any)")
	fs.StringVar(&o.wasmFile, "wasm", "", "serve this app.wasm `file` instead of the embedded one")
	if err := fs.Parse(args); err != nil {
		return o, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return o, usageError{fmt.Sprintf("serve takes no arguments, got %q", fs.Arg(0))}
	}
	return o, nil
}

func runServe(ctx context.Context, args []string, stderr io.Writer) error {
	o, err := parseServe(args, stderr)
	if err != nil {
		return err
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
	return serveUntilDone(ctx, ln, h)
}

// newServer returns an http.Server with the limits a public server needs.
func newServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
}

// serveUntilDone serves on ln until ctx ends, then stops accepting and lets in-flight requests
// finish for up to ten seconds.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := newServer(h)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loadStories returns the stories to serve: the embedded ones, or those in dir.
func loadStories(dir string) ([]*data.Story, error) {
	if dir == "" {
		return data.Embedded()
	}
	return data.Load(os.DirFS(dir), ".")
}

// newHandler builds the whole site: pages by go-app, assets under /web/, and /healthz.
func newHandler(o serveOptions) (http.Handler, error) {
	stories, err := loadStories(o.dataDir)
	if err != nil {
		return nil, err
	}
	registerRoutes.Do(ui.Register)
	ui.SetStories(stories)
	known := map[string]bool{}
	for _, s := range stories {
		known[s.Info.ID] = true
	}

	assets, err := newAssets(o.wasmFile)
	if err != nil {
		return nil, err
	}
	if err := assets.addStories(stories); err != nil {
		return nil, err
	}
	pages := &app.Handler{
		Name:            "Timeline",
		ShortName:       "Timeline",
		Title:           "Timeline",
		Description:     "An interactive news explainer: a timeline of events and a map of who is involved.",
		Lang:            "en",
		Icon:            app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", SVG: "/web/icon.svg", AppleTouch: "/web/icon-192.png"},
		Styles:          []string{"/web/style.css"},
		LoadingLabel:    "Loading the interactive view… {progress}%",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#1d3b6e",
		Version:         assets.version,
		Resources:       resources{},
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.Handle("/web/", assets)
	mux.Handle("/", pageHandler{pages: pages, known: known})
	return securityHeaders(mux, o.frameAncestors), nil
}

// registerRoutes declares go-app's routes once per process: they are global to go-app.
var registerRoutes sync.Once

// resources tells go-app where the assets are: at the site root, under /web/.
type resources struct{}

func (resources) Package() string { return "" }
func (resources) Static() string  { return "" }
func (resources) AppWASM() string { return "/web/app.wasm" }

// pageHandler serves go-app's pages, answering 404 for stories that do not exist and lifting the
// zoom lock go-app writes into its viewport meta (pinch-zoom must never be blocked).
type pageHandler struct {
	pages *app.Handler
	known map[string]bool
}

func (p pageHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status := http.StatusOK
	for _, prefix := range []string{"/story/", "/embed/"} {
		if id, ok := strings.CutPrefix(r.URL.Path, prefix); ok && !p.known[id] {
			status = http.StatusNotFound
		}
	}
	rec := &pageBuffer{header: http.Header{}, status: http.StatusOK}
	p.pages.ServeHTTP(rec, r)
	body := rec.body.Bytes()
	if strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") {
		body = bytes.Replace(body, []byte("maximum-scale=1, user-scalable=0, "), nil, 1)
		body = restoreTrue(body)
		rec.header.Set("Content-Type", "text/html; charset=utf-8")
		if rec.status == http.StatusOK {
			rec.status = status
		}
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(rec.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// pageBuffer keeps a response in memory so it can be changed before it is sent.
type pageBuffer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *pageBuffer) Header() http.Header         { return r.header }
func (r *pageBuffer) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *pageBuffer) WriteHeader(status int)      { r.status = status }

// securityHeaders sets the headers every response carries. The policy allows exactly what the
// widget needs: its own scripts and WebAssembly, inline style attributes (positions are CSS
// custom properties), and framing by frameAncestors (any page when empty).
func securityHeaders(h http.Handler, frameAncestors string) http.Handler {
	if frameAncestors == "" {
		frameAncestors = "*"
	}
	csp := "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
		"img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " +
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + frameAncestors
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.ServeHTTP(w, r)
	})
}

// trueAttrs are the state attributes whose value must read "true". go-app writes an attribute
// valued "true" bare (<a data-selected>), which [data-selected="true"] selectors and assistive
// technology read as empty; the browser's DOM is right, so only the prerendered HTML needs this.
var trueAttrs = []string{
	"data-selected", "data-lit", "data-dim", "data-ready", "data-open",
	"aria-current", "aria-pressed", "aria-selected", "aria-hidden", "aria-expanded",
}

// restoreTrue gives the bare state attributes inside tags their "true" value back.
func restoreTrue(page []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(page) + len(page)/50)
	for len(page) > 0 {
		lt := bytes.IndexByte(page, '<')
		if lt < 0 {
			out.Write(page)
			break
		}
		out.Write(page[:lt])
		page = page[lt:]
		end := tagEnd(page)
		out.Write(fixTag(page[:end]))
		page = page[end:]
	}
	return out.Bytes()
}

// tagEnd returns the length of the tag at the start of b, skipping '>' inside quoted values.
func tagEnd(b []byte) int {
	quote := byte(0)
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(b)
}

func fixTag(tag []byte) []byte {
	for _, name := range trueAttrs {
		for from := 0; ; {
			i := bytes.Index(tag[from:], []byte(" "+name))
			if i < 0 {
				break
			}
			i += from
			after := i + 1 + len(name)
			if after < len(tag) && (tag[after] == ' ' || tag[after] == '>' || tag[after] == '/') {
				tag = append(tag[:after:after], append([]byte(`="true"`), tag[after:]...)...)
			}
			from = after
		}
	}
	return tag
}
