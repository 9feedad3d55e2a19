//go:build !wasm

// Headless-browser tests of embedding and hosting: the widget in an article of another site,
// the embed code of the full page, the exported site on a plain static server under a sub-path,
// and a returning reader after a new release. The harness is in browser_helpers_test.go.
//
// Run: go test ./internal/site -run 'Browser(Embed|Export|NewRelease)' -v

package site

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"timeline/app/ui"
)

// TestBrowserEmbedCrossOrigin: an article on one site embeds two widgets from another with the
// snippet (so embed.js is included twice). Each iframe takes the height its widget asks for, one
// that suits its width and never more than the window, and keeps it after a selection; height
// messages from any other window are ignored.
func TestBrowserEmbedCrossOrigin(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	evB := linkingEvent(t, st, 1)
	evA := otherEvent(t, st, evB.ID)
	tb := newTab(t, desktop)
	widget := otherSiteServer(t, testHandler(t))
	base := widget.URL + "/"
	embedA := ui.Embed{Base: base, StoryID: st.Info.ID, Title: st.Info.Title}
	embedB := ui.Embed{Base: base, StoryID: st.Info.ID, Title: st.Info.Title, Query: "event=" + url.QueryEscape(evB.ID)}
	host := httptest.NewServer(staticPages{
		"/article.html": hostArticle(embedA.Snippet(), embedB.Snippet()),
		"/forger.html":  forgerPage(st.Info.ID),
	})
	t.Cleanup(host.Close)
	if _, err := chromedp.Run(tb.ctx, chromedp.Navigate(host.URL+"/article.html")); err != nil {
		t.Fatalf("opening the article: %v", err)
	}

	a := tb.frame("widget A", func(u string) bool { return u == base+"embed/"+st.Info.ID })
	b := tb.frame("widget B", func(u string) bool { return strings.HasPrefix(u, base+"embed/"+st.Info.ID+"?") })
	a.waitReady()
	b.waitReady()

	var before int
	t.Run("each iframe takes a height that suits its width and the window", func(t *testing.T) {
		ha := tb.in(t).waitSized("#a", a, 0)
		hb := tb.in(t).waitSized("#b", b, 0)
		if ha != hb {
			t.Errorf("the iframes are %d and %d px high, though they are as wide: the height must not "+
				"depend on what they show", ha, hb)
		}
		vh, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`innerHeight`))
		if err != nil {
			t.Fatal(err)
		}
		if ha > vh || ha > 800 {
			t.Errorf("the iframe is %d px high in a %d px window; want at most the window and 800", ha, vh)
		}
		before = ha
	})
	t.Run("a selection leaves the height as it is", func(t *testing.T) {
		a.eval(fmt.Sprintf(`document.querySelector(%q).click()`, markerSel(evA.ID)))
		a.waitFor("after a click on event "+evA.ID+", the detail panel shows it", fmt.Sprintf(
			`document.querySelector('[data-detail]')?.getAttribute('data-event-id') === %q`, evA.ID))
		if got := tb.in(t).iframeHeight("#a"); got != before {
			t.Errorf("after a selection the iframe is %d px high, was %d", got, before)
		}
	})
	t.Run("height messages from other windows are ignored", func(t *testing.T) {
		tb := tb.in(t)
		ha, hb := tb.iframeHeight("#a"), tb.iframeHeight("#b")
		// Each window's messages arrive in order: once the article has the last one, embed.js
		// has seen the forged ones.
		tb.evalJS(`window.postMessage({sentinel: "amp", type: "embed-size", height: 123}, "*");
			window.postMessage({"datawrapper-height": {"` + st.Info.ID + `": 123}}, "*");
			window.postMessage("pymxPYMx` + st.Info.ID + `xPYMxheightxPYMx123", "*");
			window.postMessage("flushed", "*");
			document.getElementById("forger").contentWindow.postMessage("forge", "*");`)
		tb.waitJS("the article has the forged messages", `window.flushed === true && window.forged !== undefined`)
		if got := tb.evalString(`window.forged`); got != fmt.Sprintf("%d %d", ha, hb) {
			t.Errorf("after the forged messages the iframes were %q px high, want %d %d", got, ha, hb)
		}
		if got := tb.evalString(`window.flushedHeights`); got != fmt.Sprintf("%d %d", ha, hb) {
			t.Errorf("after the article's own forged messages the iframes were %q px high, want %d %d", got, ha, hb)
		}
	})
	t.Run("embed.js included twice runs once", func(t *testing.T) {
		tb := tb.in(t)
		if n := tb.evalString(`String(document.querySelectorAll('script[src$="/web/embed.js"]').length)`); n != "2" {
			t.Errorf("the article includes embed.js %s times, want 2", n)
		}
		if got := tb.evalString(`String(window.__timelineEmbed)`); got != "true" {
			t.Errorf("window.__timelineEmbed = %s", got)
		}
	})
	tb.checkClean()
	a.checkClean(t)
	b.checkClean(t)
}

// hostArticle is a news article of another site that embeds two widgets with their snippets. Its
// column is narrow, so the widgets stack and a selection changes their height. Its own script
// records, as each marker message arrives, the heights the iframes have then.
func hostArticle(snippetA, snippetB string) string {
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>An article</title><link rel="icon" href="data:,">
<style>body { margin: 0; font: 16px/1.5 serif; } main { max-width: 600px; margin: 0 auto; }</style>
</head><body><main>
<h1>An article on another site</h1>
<p>The article's text, before the first widget.</p>
<div id="a">` + snippetA + `</div>
<p>More text, between the widgets.</p>
<div id="b">` + snippetB + `</div>
<iframe id="forger" src="/forger.html" title="Another frame" style="width: 100%; height: 60px; border: 0"></iframe>
</main>
<script>
const heights = () => ["#a", "#b"].map(s => Math.round(document.querySelector(s + " iframe").getBoundingClientRect().height)).join(" ");
window.addEventListener("message", (e) => {
  if (e.source === window && e.data === "flushed") { window.flushedHeights = heights(); window.flushed = true; }
  if (e.data === "forged") window.forged = heights();
});
</script>
</body></html>`
}

// forgerPage is a frame of the article's own site that, when asked, sends the article height
// messages in the three forms, naming the widget's story as a widget would.
func forgerPage(id string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Another frame</title><link rel="icon" href="data:,"></head><body>
<script>
window.addEventListener("message", (e) => {
  if (e.data !== "forge") return;
  parent.postMessage({sentinel: "amp", type: "embed-size", height: 123}, "*");
  parent.postMessage({"datawrapper-height": {"` + id + `": 123}}, "*");
  parent.postMessage("pymxPYMx` + id + `xPYMxheightxPYMx123", "*");
  parent.postMessage("forged", "*");
});
</script></body></html>`
}

// staticPages serves fixed HTML pages by path.
type staticPages map[string]string

func (p staticPages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	page, ok := p[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, page)
}

// otherSiteServer serves h from another site than the tests' 127.0.0.1: 127.0.0.2 where the
// system routes it, else "localhost".
func otherSiteServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	if ln, err := net.Listen("tcp", "127.0.0.2:0"); err == nil {
		srv.Listener.Close()
		srv.Listener = ln
		srv.Start()
	} else {
		srv.Start()
		srv.URL = strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	}
	t.Cleanup(srv.Close)
	return srv
}

// ---- frames of another site ------------------------------------------------------

// frame is a cross-site iframe of a tab, attached as its own target: Chrome runs it in another
// process, out of reach of the page's DOM.
type frame struct {
	tb   *tab
	what string
	ctx  context.Context
	rec  *recorder
}

// frame waits for Chrome to list an iframe whose address matches, and attaches to it. Problems
// it records start from the attachment.
func (tb *tab) frame(what string, match func(url string) bool) *frame {
	tb.t.Helper()
	var id target.ID
	tb.waitUntil("the "+what+" iframe is listed", func() error {
		infos, err := chromedp.Targets(tb.ctx)
		if err != nil {
			return err
		}
		var seen []string
		for _, info := range infos {
			if info.Type == "iframe" && match(info.URL) {
				id = info.TargetID
				return nil
			}
			seen = append(seen, info.Type+" "+info.URL)
		}
		return fmt.Errorf("targets: %v", seen)
	})
	rec := &recorder{urls: map[network.RequestID]string{}}
	listen := func(ev any) {
		if failed, ok := ev.(*network.EventLoadingFailed); ok {
			rec.mu.Lock()
			_, seen := rec.urls[failed.RequestID]
			rec.mu.Unlock()
			if !seen {
				return // a request from before the attachment, which the frame never saw answered
			}
		}
		rec.listen(ev)
	}
	ctx, cancel := chromedp.NewContext(tb.ctx, chromedp.WithTargetID(id), chromedp.WithListener(listen), chromedp.WithDetachOnCancel())
	tb.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		tb.t.Fatalf("attaching to the %s iframe: %v", what, err)
	}
	return &frame{tb: tb, what: what, ctx: ctx, rec: rec}
}

// eval runs JavaScript in the frame and gives its result as a string.
func (f *frame) eval(expr string) string {
	f.tb.t.Helper()
	v, err := chromedp.Run(f.ctx, chromedp.Evaluate[any](expr))
	if err != nil {
		f.tb.t.Fatalf("in the %s iframe, %s: %v%s", f.what, expr, err, f.rec.report())
	}
	return fmt.Sprint(v)
}

// waitFor waits until the expression is true in the frame.
func (f *frame) waitFor(what, expr string) {
	f.tb.t.Helper()
	f.tb.waitUntil(what, func() error {
		ok, err := chromedp.Run(f.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && !ok {
			err = fmt.Errorf("%s is false", expr)
		}
		return err
	})
}

func (f *frame) waitReady() {
	f.tb.t.Helper()
	f.tb.waitUntilFor(readyTimeout, "the "+f.what+" widget is ready", func() error {
		ok, err := chromedp.Run(f.ctx, chromedp.Evaluate[bool](`document.querySelector('[data-widget][data-ready="true"]') !== null`))
		if err == nil && !ok {
			err = fmt.Errorf("no [data-widget][data-ready=true]")
		}
		return err
	})
}

// contentHeight is the height of the frame's document, as frame.js reports it.
func (f *frame) contentHeight() (int, error) {
	return chromedp.Run(f.ctx, chromedp.Evaluate[int](`Math.ceil(document.documentElement.getBoundingClientRect().height)`))
}

func (f *frame) checkClean(t *testing.T) {
	t.Helper()
	if ps := f.rec.list(); len(ps) > 0 {
		t.Errorf("the %s iframe logged %d problem(s):\n  %s", f.what, len(ps), strings.Join(ps, "\n  "))
	}
}

// ---- reading and waiting in the tab ------------------------------------------------

// waitUntil calls check until it returns nil, and fails the test with its last complaint when
// stepTimeout passes first.
func (tb *tab) waitUntil(what string, check func() error) {
	tb.t.Helper()
	tb.waitUntilFor(stepTimeout, what, check)
}

func (tb *tab) waitUntilFor(limit time.Duration, what string, check func() error) {
	tb.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("%s: still not so after %v: %v%s", what, limit, err, tb.rec.report())
		}
		select {
		case <-time.After(pollEvery):
		case <-tb.ctx.Done():
			tb.t.Fatalf("%s: %v", what, tb.ctx.Err())
		}
	}
}

// waitJS waits until the expression is true in the page.
func (tb *tab) waitJS(what, expr string) {
	tb.t.Helper()
	tb.waitUntil(what, func() error {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && !ok {
			err = fmt.Errorf("%s is false", expr)
		}
		return err
	})
}

// evalJS runs JavaScript in the page for its effect.
func (tb *tab) evalJS(expr string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Evaluate[chromedp.Void](expr)); err != nil {
		tb.t.Fatalf("%s: %v", expr, err)
	}
}

// evalString runs JavaScript in the page and gives its string result.
func (tb *tab) evalString(expr string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		tb.t.Fatalf("%s: %v", expr, err)
	}
	return s
}

// iframeHeight is the height in CSS pixels of the iframe inside the element sel.
func (tb *tab) iframeHeight(sel string) int {
	tb.t.Helper()
	h, err := tb.readIframeHeight(sel)
	if err != nil {
		tb.t.Fatal(err)
	}
	return h
}

func (tb *tab) readIframeHeight(sel string) (int, error) {
	return chromedp.Run(tb.ctx, chromedp.Evaluate[int](fmt.Sprintf(
		`Math.round(document.querySelector(%q).getBoundingClientRect().height)`, sel+" iframe")))
}

// waitSized waits until the iframe in sel is exactly as high as its frame's content (the widget
// fills its frame), and that height is not the snippet's fallback nor the height not wanted; it
// returns the height.
func (tb *tab) waitSized(sel string, f *frame, not int) int {
	tb.t.Helper()
	// Chrome pauses the rendering, and so the ResizeObserver, of a cross-site iframe out of
	// view: a reader's widget resizes as it scrolls into view, and so does the test's.
	tb.evalJS(fmt.Sprintf(`document.querySelector(%q).scrollIntoView()`, sel+" iframe"))
	var h int
	tb.waitUntil("the iframe in "+sel+" is as high as its content", func() error {
		got, err := tb.readIframeHeight(sel)
		if err != nil {
			return err
		}
		content, err := f.contentHeight()
		switch {
		case err != nil:
			return err
		case got != content:
			return fmt.Errorf("the iframe is %d px high, its content %d px", got, content)
		case got == ui.EmbedHeight:
			return fmt.Errorf("the iframe keeps the snippet's %d px", got)
		case got == not:
			return fmt.Errorf("the iframe is still %d px high", got)
		}
		h = got
		return nil
	})
	return h
}

// TestBrowserEmbedCode: the full page shows the embed code of the view on screen, and its button
// puts that code on the clipboard.
func TestBrowserEmbedCode(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	ev := linkingEvent(t, st, 0)
	other := otherEvent(t, st, ev.ID)
	tb := newTab(t, desktop)
	// Reading the clipboard needs the permission and a focused page.
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(tb.ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted, Origin: tb.base,
		})
		if err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	path := "/story/" + st.Info.ID + "?event=" + url.QueryEscape(ev.ID)
	tb.open(path)
	code := func(e string) string {
		return ui.Embed{Base: tb.base + "/", StoryID: st.Info.ID, Title: st.Info.Title, Query: "event=" + url.QueryEscape(e)}.Snippet()
	}
	shown := `document.getElementById("embed-code-text").textContent`
	tb.waitJS("the embed code is that of the view", fmt.Sprintf(`%s === %q`, shown, code(ev.ID)))

	tb.click(".embed-code-copy")
	tb.waitJS("the button says the code is copied", `document.querySelector(".embed-code-status").textContent === "Copied to the clipboard."`)
	got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reading the clipboard: %v", err)
	}
	if got != code(ev.ID) {
		t.Errorf("the clipboard has\n%s\nwant\n%s", got, code(ev.ID))
	}

	tb.click(markerSel(other.ID))
	tb.waitJS("after another selection the code follows the view, and the button is ready again", fmt.Sprintf(
		`%s === %q && document.querySelector(".embed-code-status").textContent === ""`, shown, code(other.ID)))
	tb.checkClean()
}

// ---- the exported site -----------------------------------------------------------------------

// TestBrowserExportUnderASubPath: the exported site, served under /news/timeline/ by a plain
// static file server, passes the reader's journeys: ready, select, back, deep link, the story and
// embed pages, and the demo article whose widget takes its height.
func TestBrowserExportUnderASubPath(t *testing.T) {
	t.Parallel()
	const base = "/news/timeline/"
	st := story(t, defaultStoryID)
	evA := linkingEvent(t, st, 0)
	evB := otherEvent(t, st, evA.ID)
	evDeep := linkingEvent(t, st, 2)
	tb := newTab(t, desktop)
	dir := filepath.Join(t.TempDir(), "site")
	// A fast brotli: the export of a release uses the best, which takes half a minute here.
	o := ExportConfig{Out: dir, Base: base, WasmFile: builtWasm(t), Quality: 5}
	if err := Export(t.Context(), o, io.Discard); err != nil {
		t.Fatalf("export: %v", err)
	}
	srv := httptest.NewServer(staticSite{dir: dir, base: base})
	t.Cleanup(srv.Close)
	tb.base = srv.URL + strings.TrimSuffix(base, "/")

	t.Run("ready, select, select, back", func(t *testing.T) {
		tb := tb.in(t)
		tb.open("/")
		tb.waitFor("at the root, nothing is selected", nothingSelected)
		tb.click(markerSel(evA.ID))
		tb.waitFor("after a click on "+evA.ID+", it is selected", eventSelected(st, evA))
		tb.click(markerSel(evB.ID))
		tb.waitFor("after a click on "+evB.ID+", it is selected", eventSelected(st, evB))
		tb.back()
		tb.waitFor("after back, "+evA.ID+" is selected again", eventSelected(st, evA))
	})
	t.Run("a deep link opens its view", func(t *testing.T) {
		tb := tb.in(t)
		tb.open("/?event=" + url.QueryEscape(evDeep.ID))
		tb.waitFor("at ?event="+evDeep.ID+", it is selected", eventSelected(st, evDeep))
	})
	t.Run("the story and embed pages show the story", func(t *testing.T) {
		for _, p := range []string{"/story/", "/embed/"} {
			tb := tb.in(t)
			tb.open(p + st.Info.ID + "?event=" + url.QueryEscape(evA.ID))
			tb.waitFor("at "+p+st.Info.ID+", "+evA.ID+" is selected", eventSelected(st, evA))
			wantChrome := p == "/story/"
			if got := tb.evalString(`String(document.querySelector(".masthead") !== null)`); got != fmt.Sprint(wantChrome) {
				t.Errorf("at %s the page has a masthead: %s, want %v", p, got, wantChrome)
			}
		}
	})
	t.Run("the demo article's widget takes its height", func(t *testing.T) {
		tb := tb.in(t)
		if _, err := chromedp.Run(tb.ctx, chromedp.Navigate(tb.base+"/demo/"+st.Info.ID)); err != nil {
			t.Fatal(err)
		}
		// Same site: the article reads the iframe's document directly.
		tb.waitUntilFor(readyTimeout, "the demo's widget is ready and as high as its content", func() error {
			s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(() => {
				const f = document.querySelector(".demo-embed iframe");
				const d = f && f.contentDocument;
				if (!d || !d.querySelector('[data-widget][data-ready="true"]')) return "not ready";
				const content = Math.ceil(d.documentElement.getBoundingClientRect().height);
				const height = Math.round(f.getBoundingClientRect().height);
				return content === height && height !== `+fmt.Sprint(ui.EmbedHeight)+` ? "" : "iframe " + height + " px, content " + content + " px";
			})()`))
			if err == nil && s != "" {
				err = fmt.Errorf("%s", s)
			}
			return err
		})
	})
	tb.checkClean()
}

// staticSite is a plain static file server, as a CDN or nginx with try_files $uri $uri.html and
// brotli_static would be: the files of dir under base, an address without an extension answered
// by its .html file, a precompressed sibling sent when the browser accepts it. It knows nothing
// of timeline.
type staticSite struct{ dir, base string }

func (s staticSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rel, ok := strings.CutPrefix(r.URL.Path, s.base)
	if !ok {
		if r.URL.Path+"/" == s.base {
			http.Redirect(w, r, s.base, http.StatusMovedPermanently)
			return
		}
		http.NotFound(w, r)
		return
	}
	switch {
	case rel == "":
		rel = "index.html"
	case path.Ext(rel) == "":
		rel += ".html"
	}
	name := filepath.Join(s.dir, filepath.FromSlash(path.Clean("/"+rel)))
	ctype := mime.TypeByExtension(path.Ext(rel))
	if path.Ext(rel) == ".webmanifest" {
		ctype = "application/manifest+json"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Vary", "Accept-Encoding")
	for _, enc := range encodings {
		if accepts(r.Header.Get("Accept-Encoding"), enc.name) {
			if f, err := os.Open(name + enc.ext); err == nil {
				defer f.Close()
				w.Header().Set("Content-Encoding", enc.name)
				io.Copy(w, f)
				return
			}
		}
	}
	f, err := os.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.IsDir() {
		http.NotFound(w, r)
		return
	}
	io.Copy(w, f)
}

// ---- a new release ----------------------------------------------------------------------------

// TestBrowserNewReleaseReachesAReturningReader: a reader has the site open and its service worker
// installed; the site is rebuilt with a story changed and redeployed at the same address; on the
// next load the reader gets the new release, page and bundle, and not what the worker cached.
func TestBrowserNewReleaseReachesAReturningReader(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	newTitle := "Corrected: " + st.Info.Title
	tb := newTab(t, desktop)
	release2 := buildRelease(t, st.Info.ID, newTitle) // in the background of the first visit

	var current atomic.Pointer[http.Handler]
	first := testHandler(t)
	current.Store(&first)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*current.Load()).ServeHTTP(w, r)
	}))
	t.Cleanup(site.Close)
	tb.base = site.URL

	title := `document.querySelector(".masthead h1")?.textContent`
	version := `goappGetenv("GOAPP_VERSION")`
	tb.open("/")
	oldVersion := tb.evalString(version)
	tb.waitUntil("the service worker has cached the release and is active", func() error {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`Promise.all([
				caches.keys().then(k => k.includes("app-" + %q)),
				navigator.serviceWorker.getRegistration().then(r => !!(r && r.active && r.active.state === "activated")),
			]).then(([cached, active]) => cached && active)`, oldVersion), chromedp.EvalAwaitPromise))
		if err == nil && !ok {
			err = fmt.Errorf("not yet")
		}
		return err
	})
	// A returning reader: the page is now under the worker's control.
	if _, err := chromedp.Run(tb.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	tb.waitReady()
	if got := tb.evalString(`String(navigator.serviceWorker.controller !== null)`); got != "true" {
		t.Fatalf("after a reload the service worker does not control the page")
	}
	if got := tb.evalString(title); got != st.Info.Title {
		t.Fatalf("the first release shows the title %q, want %q", got, st.Info.Title)
	}

	next := release2()
	current.Store(&next)
	if _, err := chromedp.Run(tb.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	tb.waitReady()
	// Read once, on the first load of the new release: a cache-first worker would show the old one.
	if got, v := tb.evalString(title), tb.evalString(version); got != newTitle || v == oldVersion {
		t.Errorf("after the new release, one reload shows the title %q at version %s (the old one is %s); want %q at a new version",
			got, v, oldVersion, newTitle)
	}
	tb.checkClean()
}

// buildRelease starts building, in the background, a second release of the site: the binary and
// the bundle built with the story's title changed (go build -overlay swaps the story file), and
// returns a func that waits for it, starts it, and gives a handler that forwards to it. The second
// release runs as its own process, as a redeployed server would, with stories of its own.
func buildRelease(t *testing.T, id, title string) func() http.Handler {
	t.Helper()
	root := moduleRoot(t)
	dir := t.TempDir()
	storyFile := filepath.Join(root, "data", "stories", id+".json")
	b, err := os.ReadFile(storyFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	doc["story"].(map[string]any)["title"] = title
	changed, _ := json.MarshalIndent(doc, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, id+".json"), changed, 0o644); err != nil {
		t.Fatal(err)
	}
	overlay, _ := json.Marshal(map[string]any{"Replace": map[string]string{storyFile: filepath.Join(dir, id+".json")}})
	if err := os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	bin, wasm := filepath.Join(dir, "timeline"), filepath.Join(dir, "app.wasm")
	done := make(chan error, 1)
	go func() {
		for _, c := range []struct {
			out string
			env []string
		}{{wasm, []string{"GOOS=js", "GOARCH=wasm"}}, {bin, nil}} {
			cmd := exec.Command(goBin, "build", "-overlay", filepath.Join(dir, "overlay.json"), "-o", c.out, "timeline/cmd/timeline")
			cmd.Env = append(os.Environ(), c.env...)
			if out, err := cmd.CombinedOutput(); err != nil {
				done <- fmt.Errorf("go build -o %s: %v\n%s", c.out, err, out)
				return
			}
		}
		done <- nil
	}()
	return func() http.Handler {
		t.Helper()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-wasm", wasm)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		addr := make(chan string, 1)
		go func() {
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				if u, ok := strings.CutPrefix(sc.Text(), "timeline: serving on "); ok {
					addr <- u
				}
			}
		}()
		select {
		case u := <-addr:
			target, err := url.Parse(u)
			if err != nil {
				t.Fatal(err)
			}
			return httputil.NewSingleHostReverseProxy(target)
		case <-time.After(readyTimeout):
			t.Fatal("the second release did not say where it serves")
		}
		return nil
	}
}
