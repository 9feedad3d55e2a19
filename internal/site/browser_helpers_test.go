//go:build !wasm

// The harness of the headless-browser tests in browser_test.go: one Chromium
// for the whole package, the WebAssembly built once, a test server per test,
// a tab per test that records console errors and failed requests, and small
// readers for the page state and for the server's first HTML response.
//
// Run: go test ./internal/site -run Browser -v
//
// Without Chromium the browser tests skip; with TIMELINE_REQUIRE_BROWSER=1
// they fail instead (for CI, where a skip would hide a broken setup).

package site

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	xhtml "golang.org/x/net/html"

	"timeline/data"
	"timeline/internal/browsertest"
)

const (
	// defaultStoryID is the story that / shows.
	defaultStoryID = "ukraine-2022-01"

	// readyTimeout bounds the wait for data-ready="true": the wasm is about
	// 7 MB on loopback and takes about a second; the margin is for slow CI.
	readyTimeout = 30 * time.Second
	// stepTimeout bounds the wait for the page to reflect one input (a click,
	// a key, a history step). It is a limit for a hang, not a performance
	// assertion: the checks wait for a condition and never for a duration.
	stepTimeout = 10 * time.Second
	// tabTimeout bounds everything one test does in its tab.
	tabTimeout = 2 * time.Minute
	// pollEvery is how often waitFor reads the page state again.
	pollEvery = 25 * time.Millisecond
)

// viewport is a window size a test runs at.
type viewport struct {
	name          string
	width, height int64
	mobile        bool // a mobile viewport: overlay scrollbars, meta viewport honoured
}

var (
	phone   = viewport{name: "phone", width: 390, height: 844, mobile: true}
	desktop = viewport{name: "desktop", width: 1280, height: 800}
	// narrow is the narrowest phone the widget is made for.
	narrow = viewport{name: "320x640", width: 320, height: 640, mobile: true}
)

// chromiumPath is the browser the tests drive; empty when none is installed.
var chromiumPath string

func TestMain(m *testing.M) {
	chromiumPath = browsertest.Find()
	code := m.Run()
	stopBrowser()
	removeWasmBuild()
	os.Exit(code)
}

// requireBrowser skips the test when Chromium is missing, or fails it when
// TIMELINE_REQUIRE_BROWSER=1.
func requireBrowser(t *testing.T) {
	t.Helper()
	if chromiumPath != "" {
		return
	}
	const msg = "chromium not installed: apt-get install -y chromium"
	if os.Getenv("TIMELINE_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + " (TIMELINE_REQUIRE_BROWSER=1)")
	}
	t.Skip(msg)
}

// ---- the WebAssembly, built once and lazily --------------------------------

var wasmBuild struct {
	started atomic.Bool
	once    sync.Once
	dir     string
	path    string
	took    time.Duration
	err     error
	logOnce sync.Once
}

// builtWasm returns the path of app.wasm built from this package with
// GOOS=js GOARCH=wasm. The first caller pays for the build; tests of the
// package that never call it pay nothing.
func builtWasm(t *testing.T) string {
	t.Helper()
	if err := buildWasm(); err != nil {
		t.Fatal(err)
	}
	wasmBuild.logOnce.Do(func() { t.Logf("built %s in %v", wasmBuild.path, wasmBuild.took.Round(time.Millisecond)) })
	return wasmBuild.path
}

// buildWasm runs the build once, and waits for it. newTab starts it in the
// background while Chromium starts.
func buildWasm() error {
	wasmBuild.started.Store(true)
	wasmBuild.once.Do(func() {
		start := time.Now()
		wasmBuild.path, wasmBuild.err = runWasmBuild()
		wasmBuild.took = time.Since(start)
	})
	return wasmBuild.err
}

func runWasmBuild() (string, error) {
	dir, err := os.MkdirTemp("", "timeline-wasm-")
	if err != nil {
		return "", err
	}
	wasmBuild.dir = dir
	// go test puts its own GOROOT/bin first on PATH, so this is the go
	// command that runs the tests.
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go command is not on PATH: %w", err)
	}
	out := filepath.Join(dir, "app.wasm")
	// Built as `make wasm` builds it (see WASM_BUILD in the Makefile), so that the tests drive
	// the bundle that ships.
	cmd := exec.Command(goBin, "build", "-trimpath", "-ldflags=-s -w", "-gcflags=all=-l", "-o", out, "timeline/cmd/timeline")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("GOOS=js GOARCH=wasm go build: %w\n%s", err, b)
	}
	return out, nil
}

func removeWasmBuild() {
	if !wasmBuild.started.Load() {
		return
	}
	buildWasm() // waits for a build still running in the background
	if wasmBuild.dir != "" {
		os.RemoveAll(wasmBuild.dir)
	}
}

// ---- the server --------------------------------------------------------------

var sharedHandler struct {
	once sync.Once
	h    http.Handler
	err  error
}

// testHandler is newHandler with the freshly built wasm, made once: it may
// precompress the wasm, which is too slow to repeat for every test.
func testHandler(t *testing.T) http.Handler {
	t.Helper()
	wasm := builtWasm(t)
	sharedHandler.once.Do(func() {
		start := time.Now()
		sharedHandler.h, sharedHandler.err = NewHandler(Config{WasmFile: wasm})
		t.Logf("newHandler took %v", time.Since(start).Round(time.Millisecond))
	})
	if sharedHandler.err != nil {
		t.Fatalf("newHandler: %v", sharedHandler.err)
	}
	return sharedHandler.h
}

// startServer serves the site on 127.0.0.1 at a free port until the test
// ends. Each test gets its own port, so its own origin: no service worker,
// cache or storage leaks from one test into another.
func startServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(testHandler(t))
	t.Cleanup(srv.Close)
	return srv
}

// getHTML fetches url with net/http, as a crawler or a reader before any
// script would, and returns the body of a 200 text/html response.
func getHTML(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", url, err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200", url, res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("GET %s: Content-Type %q, want text/html", url, ct)
	}
	return string(b)
}

// ---- the browser: one process for the package --------------------------------

var browser struct {
	once sync.Once
	b    *browsertest.Browser
	err  error
}

// browserContext starts Chromium on first use and returns a context that new
// tabs derive from.
func browserContext(t *testing.T) context.Context {
	t.Helper()
	requireBrowser(t)
	browser.once.Do(func() {
		start := time.Now()
		browser.b, browser.err = browsertest.Start(chromiumPath)
		if browser.err == nil {
			t.Logf("started %s in %v", chromiumPath, time.Since(start).Round(time.Millisecond))
		}
	})
	if browser.err != nil {
		t.Fatal(browser.err)
	}
	return browser.b.Ctx
}

func stopBrowser() {
	if browser.b != nil {
		browser.b.Close()
	}
}

// ---- a tab -------------------------------------------------------------------

// tab is one browser tab on one test server.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string // the server, e.g. http://127.0.0.1:40123
	vp   viewport
	rec  *recorder
}

// newTab opens a tab at the viewport size on its own test server. Console
// errors and warnings, uncaught exceptions, browser-log errors, failed
// requests and HTTP errors are recorded from the tab's first event on;
// checkClean reports them.
func newTab(t *testing.T, vp viewport) *tab {
	t.Helper()
	requireBrowser(t) // skip before any build when there is no browser
	go buildWasm()    // the build and Chromium's start overlap
	return newTabOn(t, vp, startServer(t))
}

// newTabOn is newTab on a given test server.
func newTabOn(t *testing.T, vp viewport, srv *httptest.Server) *tab {
	t.Helper()
	parent := browserContext(t)
	rec := &recorder{urls: map[network.RequestID]string{}}
	tabCtx, cancelTab := chromedp.NewContext(parent, chromedp.WithListener(rec.listen))
	t.Cleanup(cancelTab) // runs before srv.Close: the tab goes first
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tabCtx, tabTimeout)
	t.Cleanup(cancel)

	opts := []chromedp.EmulateViewportOption{}
	if vp.mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(vp.width, vp.height, opts...),
		// Pin the media features, so that layout and screenshots do not
		// depend on the machine, and no transition is caught half-way.
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{
					{Name: "prefers-color-scheme", Value: "light"},
					{Name: "prefers-reduced-motion", Value: "reduce"},
				},
			})
			return err
		}),
	)
	if err != nil {
		t.Fatalf("setting up the %s viewport: %v", vp.name, err)
	}
	return &tab{t: t, ctx: ctx, base: srv.URL, vp: vp, rec: rec}
}

// open navigates to path (e.g. "/" or "/?event=x") and waits until the
// widget is ready.
func (tb *tab) open(path string) {
	tb.t.Helper()
	res, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.t.Fatalf("navigating to %s: %v%s", path, err, tb.rec.report())
	}
	if res.Status != http.StatusOK { // no widget will come; do not wait for it
		tb.t.Fatalf("navigating to %s: HTTP %d %s%s", path, res.Status, res.StatusText, tb.rec.report())
	}
	tb.waitReady()
}

// waitReady waits for [data-widget][data-ready="true"]: the wasm has mounted
// and handles input.
func (tb *tab) waitReady() {
	tb.t.Helper()
	const ready = `[data-widget][data-ready="true"]`
	start := time.Now()
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](
		`document.querySelector('`+ready+`') !== null`,
		chromedp.WithPollingTimeout(readyTimeout)))
	if err != nil {
		tb.t.Fatalf("waiting %v for %s: %v\nwidget: %s%s", readyTimeout, ready, err,
			tb.eval(`(() => { const w = document.querySelector('[data-widget]');
				return w ? w.outerHTML.slice(0, 200) : 'no [data-widget] element'; })()`),
			tb.rec.report())
	}
	// For information only; nothing asserts on it.
	tb.t.Logf("%s: ready after %v", tb.vp.name, time.Since(start).Round(time.Millisecond))
}

// eval evaluates a JavaScript expression that gives a string; it is for
// diagnostics, so an error becomes the text.
func (tb *tab) eval(expr string) string {
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return s
}

// click clicks the centre of the first element that matches the CSS
// selector, with real mouse events, after scrolling it into view.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		tb.t.Fatalf("clicking %s: %v%s", sel, err, tb.rec.report())
	}
}

// pressEnterOn focuses the element with element.focus() and sends the Enter
// key (keyDown, char "\r", keyUp) to the focused element.
func (tb *tab) pressEnterOn(sel string) {
	tb.t.Helper()
	focused, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](fmt.Sprintf(
		`(() => { const el = document.querySelector(%q); if (!el) return false;
			el.focus(); return document.activeElement === el; })()`, sel)))
	if err != nil {
		tb.t.Fatalf("focusing %s: %v", sel, err)
	}
	if !focused {
		tb.t.Fatalf("focusing %s: element missing or not focusable (activeElement is %s)", sel,
			tb.eval(`document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'none'`))
	}
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		tb.t.Fatalf("pressing Enter on %s: %v", sel, err)
	}
}

// mapShownJS is true once the frame shows its map tab and the map is laid out for the width it
// has there (a hidden map keeps the width it was last drawn for).
const mapShownJS = `(() => {
	const w = document.querySelector('[data-widget]'), f = document.getElementById('actor-map');
	if (!w || w.getAttribute('data-tab') !== 'map' || !f || f.closest('[data-draft]')) return false;
	const svg = f.querySelector('svg');
	return !!svg && Math.abs(parseFloat(svg.dataset.width) - f.clientWidth) < 1;
})()`

// showMap clicks the frame's map tab and waits until the map is shown and laid out.
func (tb *tab) showMap() {
	tb.t.Helper()
	// The tab itself: once the map shows, the widget root carries data-tab="map" too, and a
	// click on its middle would land on the map.
	tb.click(`[role="tablist"] [data-tab="map"]`)
	tb.waitJS("the map tab is shown and the map laid out for its width", mapShownJS)
}

// back goes one step back in the tab's history, as the browser's back button
// does. chromedp.NavigateBack waits for a load event, which a same-document
// (pushState) entry never fires, so this sends the command by itself.
func (tb *tab) back() {
	tb.t.Helper()
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		h, err := cdp.Call(ctx, t, page.GetNavigationHistory, cdp.Empty{})
		if err != nil {
			return err
		}
		if h.CurrentIndex <= 0 {
			return errors.New("no history entry to go back to")
		}
		_, err = cdp.Call(ctx, t, page.NavigateToHistoryEntry,
			page.NavigateToHistoryEntryParams{EntryID: h.Entries[h.CurrentIndex-1].ID})
		return err
	}))
	if err != nil {
		tb.t.Fatalf("history back: %v", err)
	}
}

// ---- reading the page ----------------------------------------------------------

// detailState is what the detail panel [data-detail] shows.
type detailState struct {
	EventID string `json:"eventId"`
	ActorID string `json:"actorId"`
	Text    string `json:"text"` // textContent, whitespace collapsed
}

// pageState is a snapshot of the widget, read through the test hooks only.
// The id lists are sorted and without duplicates.
type pageState struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Ready bool   `json:"ready"`

	Events         []string `json:"events"` // [data-view=timeline] [data-event-id]
	SelectedEvents []string `json:"selectedEvents"`
	AriaEvents     []string `json:"ariaEvents"` // say "selected" in ARIA: see ariaSelected
	LitEvents      []string `json:"litEvents"`
	DimEvents      []string `json:"dimEvents"`

	Actors         []string `json:"actors"` // [data-view=map] [data-actor-id]
	SelectedActors []string `json:"selectedActors"`
	AriaActors     []string `json:"ariaActors"`
	LitActors      []string `json:"litActors"`
	DimActors      []string `json:"dimActors"`
	Relations      int      `json:"relations"` // [data-view=map] [data-relation-id]

	Detail *detailState `json:"detail"` // nil: no [data-detail] element
}

// query gives the URL's query parameter name, or "".
func (s pageState) query(name string) string {
	u, err := url.Parse(s.URL)
	if err != nil {
		return ""
	}
	return u.Query().Get(name)
}

// stateJS reads pageState. An element "says selected in ARIA" (ariaSelected)
// when it has aria-pressed="true", aria-selected="true" or an aria-current
// other than "false": DESIGN.md lets the role decide which one.
const stateJS = `(() => {
	const all = sel => Array.from(document.querySelectorAll(sel));
	const ids = (els, attr) => Array.from(new Set(els.map(e => e.getAttribute(attr) || ''))).sort();
	const is = (name, value) => e => e.getAttribute(name) === value;
	const ariaSelected = e => e.getAttribute('aria-pressed') === 'true' ||
		e.getAttribute('aria-selected') === 'true' ||
		(e.hasAttribute('aria-current') && !['', 'false'].includes(e.getAttribute('aria-current')));
	const ev = all('[data-view="timeline"] [data-event-id]');
	const ac = all('[data-view="map"] [data-actor-id]');
	const w = document.querySelector('[data-widget]');
	const d = document.querySelector('[data-detail]');
	return {
		url: location.href,
		title: document.title,
		ready: !!w && w.getAttribute('data-ready') === 'true',
		events: ids(ev, 'data-event-id'),
		selectedEvents: ids(ev.filter(is('data-selected', 'true')), 'data-event-id'),
		ariaEvents: ids(ev.filter(ariaSelected), 'data-event-id'),
		litEvents: ids(ev.filter(is('data-lit', 'true')), 'data-event-id'),
		dimEvents: ids(ev.filter(is('data-dim', 'true')), 'data-event-id'),
		actors: ids(ac, 'data-actor-id'),
		selectedActors: ids(ac.filter(is('data-selected', 'true')), 'data-actor-id'),
		ariaActors: ids(ac.filter(ariaSelected), 'data-actor-id'),
		litActors: ids(ac.filter(is('data-lit', 'true')), 'data-actor-id'),
		dimActors: ids(ac.filter(is('data-dim', 'true')), 'data-actor-id'),
		relations: all('[data-view="map"] [data-relation-id]').length,
		detail: d ? {
			eventId: d.getAttribute('data-event-id') || '',
			actorId: d.getAttribute('data-actor-id') || '',
			text: (d.textContent || '').replace(/\s+/g, ' ').trim(),
		} : null,
	};
})()`

// state reads a snapshot of the page.
func (tb *tab) state() pageState {
	tb.t.Helper()
	s, err := tb.readState()
	if err != nil {
		tb.t.Fatalf("reading the page state: %v%s", err, tb.rec.report())
	}
	return s
}

func (tb *tab) readState() (pageState, error) {
	return chromedp.Run(tb.ctx, chromedp.Evaluate[pageState](stateJS))
}

// waitFor reads the page state until check accepts it, and fails the test
// with check's last complaint when stepTimeout passes first. A state that
// cannot be read (a document being replaced) counts as not yet.
func (tb *tab) waitFor(what string, check func(pageState) error) pageState {
	tb.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		s, err := tb.readState()
		if err == nil {
			err = check(s)
		} else {
			err = fmt.Errorf("reading the page state: %w", err)
		}
		if err == nil {
			return s
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("%s: still not so after %v: %v\npage: %s%s", what, stepTimeout, err, s.summary(), tb.rec.report())
		}
		select {
		case <-tick.C:
		case <-tb.ctx.Done():
			tb.t.Fatalf("%s: %v", what, tb.ctx.Err())
		}
	}
}

func (s pageState) summary() string {
	d := "none"
	if s.Detail != nil {
		text := s.Detail.Text
		if len(text) > 120 {
			text = text[:120] + "…"
		}
		d = fmt.Sprintf("event=%q actor=%q text=%q", s.Detail.EventID, s.Detail.ActorID, text)
	}
	return fmt.Sprintf("url=%s ready=%v\n  events: selected=%v aria-selected=%v lit=%v dim=%v (of %d)\n"+
		"  actors: selected=%v aria-selected=%v lit=%v dim=%v (of %d)\n  detail: %s",
		s.URL, s.Ready, s.SelectedEvents, s.AriaEvents, s.LitEvents, s.DimEvents, len(s.Events),
		s.SelectedActors, s.AriaActors, s.LitActors, s.DimActors, len(s.Actors), d)
}

// noHorizontalOverflow checks that neither the document nor the body is
// wider than the window, and that the window has the requested width (a
// mobile viewport could otherwise widen to fit overflowing content).
func (tb *tab) noHorizontalOverflow() {
	tb.t.Helper()
	type widths struct {
		Inner     int64 `json:"inner"`
		Client    int64 `json:"client"`
		DocScroll int64 `json:"docScroll"`
		BodyWidth int64 `json:"bodyScroll"`
		Widest    string
	}
	w, err := chromedp.Run(tb.ctx, chromedp.Evaluate[widths](`(() => {
		const de = document.documentElement;
		let widest = '', max = de.clientWidth;
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.right > max + 0.5) { max = r.right; widest = el.outerHTML.slice(0, 120); }
		}
		return {inner: window.innerWidth, client: de.clientWidth,
			docScroll: de.scrollWidth, bodyScroll: document.body.scrollWidth, widest};
	})()`))
	if err != nil {
		tb.t.Fatalf("measuring the page width: %v", err)
	}
	if w.Inner != tb.vp.width {
		tb.t.Errorf("%s: window.innerWidth = %d, want the viewport width %d", tb.vp.name, w.Inner, tb.vp.width)
	}
	if w.DocScroll > w.Inner || w.BodyWidth > w.Inner || w.DocScroll > w.Client {
		tb.t.Errorf("%s: horizontal overflow: documentElement.scrollWidth=%d body.scrollWidth=%d "+
			"window.innerWidth=%d documentElement.clientWidth=%d; the rightmost element sticking out: %s",
			tb.vp.name, w.DocScroll, w.BodyWidth, w.Inner, w.Client, w.Widest)
	}
}

// screenshot saves a full-page PNG as <module root>/screenshots/<name>.png.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	// Web fonts are part of the picture.
	if err := chromedp.Do(tb.ctx, chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		tb.t.Fatalf("waiting for fonts: %v", err)
	}
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100)) // quality 100 = PNG
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := screenshotDir(tb.t)
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("screenshot: %s", path)
}

var screenshotMu sync.Mutex

// screenshotDir is <module root>/screenshots (git-ignored), created on first use.
func screenshotDir(t *testing.T) string {
	t.Helper()
	screenshotMu.Lock()
	defer screenshotMu.Unlock()
	dir := filepath.Join(moduleRoot(t), "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// moduleRoot walks up from the package directory to the folder with go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// ---- console errors and failed requests ----------------------------------------

// allowedProblems lists problems that are known and accepted, each with the
// reason. A recorded problem that contains one of the texts is not reported.
// Keep it empty unless go-app or Chromium emits something unavoidable.
var allowedProblems = []struct{ contains, why string }{}

// recorder keeps the problems of one tab. Its listen method runs on the
// tab's event loop (chromedp.WithListener), in the order the browser sent
// the events, so after any command returns it has seen every earlier event.
type recorder struct {
	mu       sync.Mutex
	urls     map[network.RequestID]string
	problems []string
}

func (r *recorder) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert, runtime.ConsoleAPICalledTypeWarning:
			r.add(fmt.Sprintf("console.%s: %s%s", ev.Type, remoteObjectsText(ev.Args), stackPlace(ev.StackTrace)))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		r.add(fmt.Sprintf("uncaught exception: %s (%s:%d:%d)", msg, d.URL, d.LineNumber+1, d.ColumnNumber+1))
	case *log.EventEntryAdded:
		// The browser's own errors: CSP violations, failed loads, ...
		if e := ev.Entry; e.Level == log.EntryLevelError {
			r.add(fmt.Sprintf("browser log (%s): %s %s", e.Source, e.Text, e.URL))
		}
	case *network.EventRequestWillBeSent:
		r.urls[ev.RequestID] = ev.Request.URL
	case *network.EventLoadingFailed:
		what := ev.ErrorText
		if ev.Canceled {
			what += " (canceled)"
		}
		if ev.BlockedReason != "" {
			what += " (blocked: " + string(ev.BlockedReason) + ")"
		}
		r.add(fmt.Sprintf("request failed: %s %s: %s", ev.Type, r.urls[ev.RequestID], what))
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			r.add(fmt.Sprintf("HTTP %d %s: %s %s", ev.Response.Status, ev.Response.StatusText, ev.Type, ev.Response.URL))
		}
	}
}

func (r *recorder) add(p string) {
	for _, a := range allowedProblems {
		if strings.Contains(p, a.contains) {
			return
		}
	}
	r.problems = append(r.problems, p)
}

func (r *recorder) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.problems)
}

// report is the recorded problems as text to append to a failure.
func (r *recorder) report() string {
	ps := r.list()
	if len(ps) == 0 {
		return ""
	}
	return "\nrecorded in the tab:\n  " + strings.Join(ps, "\n  ")
}

// checkClean fails the test if the tab recorded any console error or
// warning, uncaught exception, browser-log error, failed request or HTTP
// error status.
func (tb *tab) checkClean() {
	tb.t.Helper()
	// One round trip: the listener has seen every event sent before the reply.
	if err := chromedp.Do(tb.ctx, chromedp.Evaluate[chromedp.Void](`0`)); err != nil {
		tb.t.Fatalf("flushing the events: %v", err)
	}
	if ps := tb.rec.list(); len(ps) > 0 {
		tb.t.Errorf("the page logged %d problem(s):\n  %s", len(ps), strings.Join(ps, "\n  "))
	}
}

func remoteObjectsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Type == runtime.RemoteObjectTypeString && len(a.Value) > 0:
			var s string
			if err := json.Unmarshal(a.Value, &s); err == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		case a.UnserializableValue != "":
			parts = append(parts, string(a.UnserializableValue))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d:%d)", f.URL, f.LineNumber+1, f.ColumnNumber+1)
}

// ---- the story -------------------------------------------------------------------

// embeddedStories is data.Embedded, failing the test on an error.
func embeddedStories(t *testing.T) []*data.Story {
	t.Helper()
	stories, err := data.Embedded()
	if err != nil {
		t.Fatalf("data.Embedded: %v", err)
	}
	return stories
}

// story returns the embedded story with the id.
func story(t *testing.T, id string) *data.Story {
	t.Helper()
	for _, s := range embeddedStories(t) {
		if s.Info.ID == id {
			return s
		}
	}
	t.Fatalf("story %q is not embedded", id)
	return nil
}

// actorsOf gives the ids of the actors taking part in the event, sorted.
func actorsOf(e data.Event) []string {
	var ids []string
	for _, p := range e.Actors {
		ids = append(ids, p.Actor)
	}
	return sortedSet(ids)
}

// eventsOf gives the ids of the events the actor takes part in, sorted.
func eventsOf(s *data.Story, actorID string) []string {
	var ids []string
	for _, e := range s.Events {
		if slices.Contains(actorsOf(e), actorID) {
			ids = append(ids, e.ID)
		}
	}
	return sortedSet(ids)
}

func eventIDs(s *data.Story) []string {
	var ids []string
	for _, e := range s.Events {
		ids = append(ids, e.ID)
	}
	return sortedSet(ids)
}

func actorIDs(s *data.Story) []string {
	var ids []string
	for _, a := range s.Actors {
		ids = append(ids, a.ID)
	}
	return sortedSet(ids)
}

// linkingEvents gives, in story order, the events whose selection tells
// something: some actors lit, and some dimmed.
func linkingEvents(s *data.Story) []data.Event {
	var es []data.Event
	for _, e := range s.Events {
		if n := len(actorsOf(e)); n > 0 && n < len(s.Actors) {
			es = append(es, e)
		}
	}
	return es
}

// linkingActor gives the first actor, in story order, that takes part in
// some events but not in all.
func linkingActor(t *testing.T, s *data.Story) data.Actor {
	t.Helper()
	for _, a := range s.Actors {
		if n := len(eventsOf(s, a.ID)); n > 0 && n < len(s.Events) {
			return a
		}
	}
	t.Fatalf("story %s has no actor that is in some events but not all", s.Info.ID)
	return data.Actor{}
}

func sortedSet(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func minus(all, some []string) []string {
	var out []string
	for _, id := range all {
		if !slices.Contains(some, id) {
			out = append(out, id)
		}
	}
	return sortedSet(out)
}

// sameSet says whether the sorted id lists are equal, treating nil as empty.
func sameSet(a, b []string) bool {
	return slices.Equal(sortedSet(a), sortedSet(b))
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// CSS selectors of the hooks.
func markerSel(eventID string) string {
	return fmt.Sprintf(`[data-view="timeline"] [data-event-id=%s]`, cssString(eventID))
}

func actorSel(actorID string) string {
	return fmt.Sprintf(`[data-view="map"] [data-actor-id=%s]`, cssString(actorID))
}

func cssString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\a `)
	return `"` + r.Replace(s) + `"`
}

// ---- a small HTML reader for the server's first response ---------------------------

// htmlNode is an element or a text node of a parsed page.
type htmlNode struct {
	tag      string // lower case; "" for a text node
	attrs    map[string]string
	text     string // a text node's text, unescaped
	children []*htmlNode
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// parseHTML reads the element tree of a page as written, with x/net/html's tokenizer: tags,
// attributes, text; void and self-closed elements have no children, and script and style
// contents are skipped. No element the page leaves out (<tbody>, say) is implied.
func parseHTML(src string) *htmlNode {
	root := &htmlNode{tag: "#document"}
	stack := []*htmlNode{root}
	top := func() *htmlNode { return stack[len(stack)-1] }
	z := xhtml.NewTokenizer(strings.NewReader(src))
	for {
		switch tt := z.Next(); tt {
		case xhtml.ErrorToken:
			return root
		case xhtml.TextToken:
			if t := top().tag; t != "script" && t != "style" {
				top().children = append(top().children, &htmlNode{text: string(z.Text())})
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			for j := len(stack) - 1; j > 0; j-- {
				if stack[j].tag == string(name) {
					stack = stack[:j]
					break
				}
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			n := &htmlNode{tag: tok.Data, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Key] = a.Val
			}
			top().children = append(top().children, n)
			if !voidElements[n.tag] && tt == xhtml.StartTagToken {
				stack = append(stack, n)
			}
		}
	}
}

// find gives the elements under n (n included) that match.
func (n *htmlNode) find(match func(*htmlNode) bool) []*htmlNode {
	var out []*htmlNode
	var walk func(*htmlNode)
	walk = func(n *htmlNode) {
		if n.tag != "" && match(n) {
			out = append(out, n)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return out
}

// textContent is the text under n with whitespace collapsed.
func (n *htmlNode) textContent() string {
	var b strings.Builder
	var walk func(*htmlNode)
	walk = func(n *htmlNode) {
		if n.tag == "" {
			b.WriteString(n.text)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return collapseSpace(b.String())
}

// hasAttr matches elements whose attribute name has the value.
func hasAttr(name, value string) func(*htmlNode) bool {
	return func(n *htmlNode) bool {
		v, ok := n.attrs[name]
		return ok && v == value
	}
}

// hasAttrSet matches elements that have the attribute, whatever its value.
func hasAttrSet(name string) func(*htmlNode) bool {
	return func(n *htmlNode) bool {
		_, ok := n.attrs[name]
		return ok
	}
}

// ariaSelected says whether the element says "selected" in ARIA, as the
// role requires: aria-pressed="true", aria-selected="true", or aria-current
// with a value other than "false" and "" (a bare aria-current means false).
func ariaSelected(n *htmlNode) bool {
	cur, hasCur := n.attrs["aria-current"]
	return n.attrs["aria-pressed"] == "true" || n.attrs["aria-selected"] == "true" ||
		(hasCur && cur != "" && cur != "false")
}

// openingTag writes the element's opening tag back, for messages; a bare
// attribute (no value) shows as name="".
func (n *htmlNode) openingTag() string {
	keys := slices.Sorted(maps.Keys(n.attrs))
	var b strings.Builder
	b.WriteString("<" + n.tag)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%q", k, n.attrs[k])
	}
	b.WriteString(">")
	return b.String()
}

// body gives the page's body element, or the whole document if there is none.
func (n *htmlNode) body() *htmlNode {
	if b := n.find(func(n *htmlNode) bool { return n.tag == "body" }); len(b) > 0 {
		return b[0]
	}
	return n
}

// in gives the tab to a subtest, so that its failures go to that subtest.
func (tb *tab) in(t *testing.T) *tab {
	c := *tb
	c.t = t
	return &c
}
