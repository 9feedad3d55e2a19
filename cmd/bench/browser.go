//go:build !wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
	"timeline/internal/load"
)

// startBrowser starts the Chromium the browser tests drive, with their flags and a fresh profile.
func startBrowser() (*browsertest.Browser, error) {
	path := browsertest.Find()
	if path == "" {
		return nil, errors.New("chromium is not installed: run `make chromium` (apt-get install -y chromium)")
	}
	return browsertest.Start(path)
}

// profile is the device a load emulates.
type profile struct {
	Name          string  `json:"name"`
	Width, Height int64   `json:"-"`
	Scale         float64 `json:"-"`
	Mobile        bool    `json:"-"`
	CPUSlowdown   float64 `json:"cpuSlowdown"` // Emulation.setCPUThrottlingRate; 1 for none
	LatencyMs     float64 `json:"latencyMs"`   // round trip added to every request; 0 for none
	DownMbps      float64 `json:"downMbps"`    // 0 for no limit
	UpMbps        float64 `json:"upMbps"`      // 0 for no limit
	Viewport      string  `json:"viewport"`    // e.g. 1280×800
	Description   string  `json:"description"` // for the table
	throttled     bool
	readyTimeout  time.Duration // how long a load may take to become interactive
}

var (
	desktop = profile{Name: "desktop", Width: 1280, Height: 800, Scale: 1, CPUSlowdown: 1, Viewport: "1280×800",
		Description: "1280×800, no throttling"}
	phone = profile{Name: "phone", Width: 390, Height: 844, Scale: 3, Mobile: true, CPUSlowdown: 4,
		LatencyMs: 150, DownMbps: 9, UpMbps: 1.5, Viewport: "390×844", throttled: true,
		Description: "390×844 at 3× pixels, CPU ×4 slower, 9 Mbps down, 1.5 Mbps up, 150 ms round trip"}
)

// networkConditions are the parameters of Network.emulateNetworkConditions, which Chromium still
// honours though the protocol package in go.mod only has its per-rule successor.
type networkConditions struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

var emulateNetworkConditions = cdp.Command[networkConditions, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

// widget is how the harness reads one widget: when it is interactive, what its markers are and
// when a clicked marker shows as selected.
type widget struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// ready matches what says the widget is interactive; onScreen asks that a match also be in
	// the viewport (the peers' markers), not merely in the document (our data-ready).
	ready    string
	onScreen bool
	// markers are the elements a reader clicks; selected is a JavaScript function of {el, id}
	// (id being the marker's data-event-id) that says whether the click's selection shows.
	markers  string
	selected string
}

var (
	ours = widget{Key: "timeline", Name: "timeline", ready: `[data-widget][data-ready="true"]`,
		markers: `[data-view="timeline"] [data-event-id]`,
		// The selected mark and the details' headline, both.
		selected: `t => {
			const q = '[data-event-id="' + CSS.escape(t.id) + '"]';
			const m = document.querySelector('[data-view="timeline"] ' + q);
			return !!(m && m.getAttribute('data-selected') === 'true' && document.querySelector('[data-detail]' + q + ' .detail-title'));
		}`}
	// A TimelineJS marker's own box has no width: what shows, and takes the click, is its content.
	timelineJS = widget{Key: "timelinejs", Name: "TimelineJS " + timelineJSVersion, ready: `.tl-timemarker`, onScreen: true,
		markers:  `.tl-timemarker-content-container`,
		selected: `t => t.el.closest('.tl-timemarker').classList.contains('tl-timemarker-active')`}
	visTimeline = widget{Key: "vis", Name: "vis-timeline " + visTimelineVersion, ready: `.vis-item`, onScreen: true,
		markers: `.vis-item.vis-box, .vis-item.vis-range, .vis-item.vis-point`, selected: `t => t.el.classList.contains('vis-selected')`}
	// The hello world has two markers with the widget's hooks, which select through the URL.
	helloWorld = widget{Key: "hello", Name: "go-app hello world", ready: ours.ready, markers: ours.markers, selected: ours.selected}
)

// readyJS runs before any script of every page. It keeps the WebAssembly memory a page
// instantiates (to measure it), and notes in the page's own clock when the widget became
// interactive: the first time its ready selector matches, and then a frame has been rendered
// (a task queued from the next frame's callback runs after that frame's style, layout and
// paint). It looks once per batch of mutations, so it costs little while a page is built.
const readyJS = `(() => {
	const b = window.__bench = {ready: 0, seen: 0, mem: null};
	for (const name of ['instantiate', 'instantiateStreaming']) {
		const f = WebAssembly[name];
		if (!f) continue;
		WebAssembly[name] = function (...args) {
			return f.apply(this, args).then(r => {
				const inst = r.instance || r;
				for (const v of Object.values((inst && inst.exports) || {})) if (v instanceof WebAssembly.Memory) b.mem = v;
				return r;
			});
		};
	}
	const sel = %q, onScreen = %t;
	const hit = () => {
		for (const el of document.querySelectorAll(sel)) {
			if (!onScreen) return true;
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth) return true;
		}
		return false;
	};
	const mo = new MutationObserver(() => {
		if (b.seen || !hit()) return;
		b.seen = performance.now();
		mo.disconnect();
		requestAnimationFrame(() => {
			const ch = new MessageChannel();
			ch.port1.onmessage = () => { b.ready = performance.now(); };
			ch.port2.postMessage(0);
		});
	});
	mo.observe(document, {subtree: true, childList: true, attributes: true});
})()`

// metricsJS reads what a load cost once the page is interactive. Times are milliseconds from
// the start of the navigation; bytes are what crossed the network, headers included.
const metricsJS = `(() => {
	const nav = performance.getEntriesByType('navigation')[0];
	const res = performance.getEntriesByType('resource');
	const fcp = performance.getEntriesByName('first-contentful-paint')[0];
	const wasm = res.find(r => /\.wasm(\?|$)/.test(r.name));
	let bytes = nav ? nav.transferSize : 0;
	for (const r of res) bytes += r.transferSize;
	const b = window.__bench;
	return {
		readyMs: b.ready, fcpMs: fcp ? fcp.startTime : 0, bytes, requests: res.length + 1,
		htmlEndMs: nav ? nav.responseEnd : 0, wasmEndMs: wasm ? wasm.responseEnd : 0,
		wasmTransfer: wasm ? wasm.transferSize : -1, wasmDelivery: wasm ? (wasm.deliveryType || (wasm.workerStart > 0 ? 'service worker' : 'network')) : '',
		markers: document.querySelectorAll(%q).length,
		elements: document.getElementsByTagName('*').length,
		wasmMemory: b.mem ? b.mem.buffer.byteLength : 0,
	};
})()`

// loadMetrics is one load of a page.
type loadMetrics struct {
	Ready        float64 `json:"readyMs"`      // interactive and a frame rendered, ms from navigation start
	FCP          float64 `json:"fcpMs"`        // first contentful paint
	Bytes        int64   `json:"bytes"`        // transferred until ready, headers included
	Requests     int     `json:"requests"`     // requests made until ready
	HTMLEnd      float64 `json:"htmlEndMs"`    // the page's HTML fully received
	WasmEnd      float64 `json:"wasmEndMs"`    // app.wasm fully received
	WasmTransfer int64   `json:"wasmTransfer"` // app.wasm's bytes on the wire (0 from a cache; -1 none)
	WasmDelivery string  `json:"wasmDelivery"` // where app.wasm came from: cache, service worker, network
	Markers      int     `json:"markers"`      // event markers in the DOM when ready
	Elements     int     `json:"elements"`     // elements in the document when ready
	HeapBytes    int64   `json:"heapBytes"`    // JavaScript heap in use after a garbage collection
	WasmMemory   int64   `json:"wasmMemory"`   // the WebAssembly instance's memory
	WallMs       float64 `json:"wallMs"`       // the whole load as the harness saw it
}

// sentElsewhere is the requests to other hosts the tab has sent so far.
func (tb *tab) sentElsewhere() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return slices.Clone(tb.offsite)
}

// firstPaint reads the first contentful paint of a page given up on, which may have painted though
// it never became interactive: 0 if it painted nothing, or its main thread is too busy to say so
// within a few seconds.
func (tb *tab) firstPaint() float64 {
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](
		`(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime`))
	if err != nil {
		return 0
	}
	return v
}

// tab is a tab in a browser context of its own: no cache, no service worker, no storage from
// any earlier load.
type tab struct {
	ctx    context.Context
	cancel func()
	w      widget
	p      profile

	mu      sync.Mutex
	offsite []string // the requests to a host other than this machine, in the order sent
}

// elsewhere reports whether a request's URL leaves this machine: the benchmark's pages must load
// nothing from elsewhere, and this machine has no way out.
func elsewhere(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	switch u.Scheme {
	case "http", "https", "ws", "wss":
		h := u.Hostname()
		return h != "127.0.0.1" && h != "localhost" && h != "::1"
	}
	return false // data:, blob: and the browser's own schemes stay in the page
}

// sent counts the requests the tab's pages send to other hosts.
func (tb *tab) sent(ev any) {
	if e, ok := ev.(*network.EventRequestWillBeSent); ok && elsewhere(e.Request.URL) {
		tb.mu.Lock()
		tb.offsite = append(tb.offsite, e.Request.URL)
		tb.mu.Unlock()
	}
}

// newTab opens a tab in a browser context of its own; cold turns its HTTP cache off, so that
// every load of it crosses the network.
func newTab(b *browsertest.Browser, w widget, p profile, cold bool) (*tab, error) {
	ctx, cancel := chromedp.NewContext(b.Ctx, chromedp.WithNewBrowserContext())
	viewport := []chromedp.EmulateViewportOption{chromedp.EmulateScale(p.Scale)}
	if p.Mobile {
		viewport = append(viewport, chromedp.EmulateMobile)
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(p.Width, p.Height, viewport...),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if _, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
				page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(readyJS, w.ready, w.onScreen)}); err != nil {
				return err
			}
			if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
				return err
			}
			if cold {
				if _, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
					return err
				}
			}
			if !p.throttled {
				return nil
			}
			if _, err := cdp.Call(ctx, t, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: p.CPUSlowdown}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, t, emulateNetworkConditions, networkConditions{
				Latency: p.LatencyMs, DownloadThroughput: p.DownMbps * 1e6 / 8, UploadThroughput: p.UpMbps * 1e6 / 8,
			})
			return err
		}),
	)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	tb := &tab{ctx: ctx, cancel: cancel, w: w, p: p}
	if err := chromedp.Listen(ctx, tb.sent); err != nil {
		cancel()
		return nil, fmt.Errorf("listening to a tab's requests: %w", err)
	}
	return tb, nil
}

// load opens url in the tab and waits up to timeout for the widget to be interactive.
func (tb *tab) load(url string, timeout time.Duration) (loadMetrics, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(tb.ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return loadMetrics{}, fmt.Errorf("loading %s: %w", url, err)
	}
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.__bench && window.__bench.ready > 0`,
		chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		return loadMetrics{FCP: tb.firstPaint()}, fmt.Errorf("not interactive (%s) within %v", tb.w.ready, timeout)
	}
	wall := ms(time.Since(start))
	// Requests still finishing when the widget became ready are counted too.
	time.Sleep(250 * time.Millisecond)
	m, err := chromedp.Run(ctx, chromedp.Evaluate[loadMetrics](fmt.Sprintf(metricsJS, tb.w.markersOrReady())))
	if err != nil {
		return loadMetrics{}, fmt.Errorf("reading the load metrics: %w", err)
	}
	m.WallMs = wall
	heap, err := chromedp.Run(ctx, chromedp.Action[int64](func(ctx context.Context, t *chromedp.Target) (int64, error) {
		if _, err := cdp.Call(ctx, t, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
			return 0, err
		}
		u, err := cdp.Call(ctx, t, runtime.GetHeapUsage, cdp.Empty{})
		return int64(u.UsedSize), err
	}))
	if err != nil {
		return loadMetrics{}, fmt.Errorf("reading the heap: %w", err)
	}
	m.HeapBytes = heap
	return m, nil
}

func (w widget) markersOrReady() string {
	if w.markers == "" {
		return w.ready
	}
	return w.markers
}

func (tb *tab) close() { tb.cancel() }

// pickJS chooses the k-th marker (in a fixed, spread-out order) of those whose centre is on
// screen and not covered by anything else, and arms the measure of a click on it: the
// pointerup event's timeStamp, when the selection shows (checked on every DOM mutation), and
// when a frame has been rendered after that (as in readyJS). It returns where to click.
const pickJS = `((k) => {
	const selected = %s;
	const b = window.__bench;
	const cands = [], seen = {markers: 0, sized: 0, onScreen: 0, uncovered: 0};
	let first = null;
	for (const el of document.querySelectorAll(%q)) {
		seen.markers++;
		const r = el.getBoundingClientRect();
		if (r.width < 2 || r.height < 2) continue;
		seen.sized++;
		const t = {el, id: el.getAttribute('data-event-id') || ''};
		if (!first && !selected(t)) first = el;
		const x = r.left + r.width / 2, y = r.top + r.height / 2;
		if (x < 1 || y < 1 || x >= innerWidth - 1 || y >= innerHeight - 1) continue;
		seen.onScreen++;
		const hit = document.elementFromPoint(x, y);
		if (!hit || !(hit === el || el.contains(hit))) {
			if (hit && !seen.coveredBy) seen.coveredBy = hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '') + (hit.className && typeof hit.className === 'string' ? '.' + hit.className.split(' ').join('.') : '');
			continue;
		}
		seen.uncovered++;
		if (selected(t)) continue;
		cands.push({t, x, y});
		if (cands.length >= 200) break;
	}
	if (cands.length === 0) {
		// A reader scrolls to the markers first: bring one to the middle of the screen.
		if (first && !b.scrolled) {
			b.scrolled = true;
			first.scrollIntoView({block: 'center', inline: 'center'});
			return {retry: true};
		}
		return {error: 'no unoccluded marker on screen (' + JSON.stringify(seen) + ', viewport ' + innerWidth + '×' + innerHeight + ')'};
	}
	b.scrolled = false;
	const c = cands[(k * 37 + 11) %% cands.length];
	const t = Object.assign(c.t, {up: 0, shown: 0, done: 0});
	b.click = t;
	if (!b.armed) {
		b.armed = true;
		addEventListener('pointerup', e => { if (b.click && !b.click.up) b.click.up = e.timeStamp; }, true);
	}
	const mo = new MutationObserver(() => {
		if (t.shown || !t.up || !selected(t)) return;
		t.shown = performance.now();
		mo.disconnect();
		requestAnimationFrame(() => {
			const ch = new MessageChannel();
			ch.port1.onmessage = () => { t.done = performance.now(); };
			ch.port2.postMessage(0);
		});
	});
	mo.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
	return {x: c.x, y: c.y, id: t.id};
})(%d)`

type pick struct {
	X, Y  float64
	ID    string
	Error string
	Retry bool // the page scrolled a marker into view: ask again
}

type clickResult struct {
	Up, Shown, Done float64
}

// clickStats summarises click → next paint: from the pointerup of a real click to the frame
// rendered after the selection showed (painted), and the part of it before the DOM showed it.
type clickStats struct {
	Samples       int       `json:"samples"`
	Median        float64   `json:"medianMs"`
	P95           float64   `json:"p95Ms"`
	ShownMedian   float64   `json:"shownMedianMs"`
	Err           string    `json:"error,omitempty"`
	SampleTimesMs []float64 `json:"paintedMs"`
}

// clicks takes warm-up and then n samples of real clicks (Input.dispatchMouseEvent: the mouse
// moves onto a marker, then presses and releases), stopping at the first failure or when
// budget has been spent; what it measured so far is kept.
func (tb *tab) clicks(warmUp, n int, settle, budget time.Duration) clickStats {
	var st clickStats
	var painted, shown []time.Duration
	deadline := time.Now().Add(budget)
	for k := range warmUp + n {
		if time.Now().After(deadline) {
			st.Err = fmt.Sprintf("stopped after %d samples: the %v budget was spent", len(painted), budget)
			break
		}
		r, err := tb.click(k)
		if err != nil {
			st.Err = err.Error()
			break
		}
		if k >= warmUp {
			painted = append(painted, msDur(r.Done-r.Up))
			shown = append(shown, msDur(r.Shown-r.Up))
			st.SampleTimesMs = append(st.SampleTimesMs, r.Done-r.Up)
		}
		time.Sleep(settle) // each sample starts from an idle page, as a reader's next click does
	}
	slices.Sort(painted)
	slices.Sort(shown)
	st.Samples = len(painted)
	st.Median, st.P95 = ms(load.Percentile(painted, 50)), ms(load.Percentile(painted, 95))
	st.ShownMedian = ms(load.Percentile(shown, 50))
	return st
}

func (tb *tab) click(k int) (clickResult, error) {
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	tb.still(ctx)
	p, err := chromedp.Run(ctx, chromedp.Evaluate[pick](fmt.Sprintf(pickJS, tb.w.selected, tb.w.markers, k)))
	if err == nil && p.Retry {
		time.Sleep(300 * time.Millisecond) // the scroll settles
		p, err = chromedp.Run(ctx, chromedp.Evaluate[pick](fmt.Sprintf(pickJS, tb.w.selected, tb.w.markers, k)))
	}
	if err == nil && p.Error != "" {
		err = errors.New(p.Error)
	}
	if err != nil {
		return clickResult{}, err
	}
	mouse := func(typ input.DispatchMouseEventType, clicks int64) chromedp.Action[chromedp.Void] {
		return chromedp.Action[chromedp.Void](func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			params := input.DispatchMouseEventParams{Type: typ, X: p.X, Y: p.Y, ClickCount: clicks}
			if typ != input.DispatchMouseEventTypeMouseMoved {
				params.Button = input.MouseButtonLeft
				params.Buttons = 1
			}
			_, err := cdp.Call(ctx, t, input.DispatchMouseEvent, params)
			return chromedp.Void{}, err
		})
	}
	if err := chromedp.Do(ctx, mouse(input.DispatchMouseEventTypeMouseMoved, 0)); err != nil {
		return clickResult{}, err
	}
	time.Sleep(50 * time.Millisecond) // a reader's pointer rests on the marker before pressing
	if err := chromedp.Do(ctx, mouse(input.DispatchMouseEventTypeMousePressed, 1), mouse(input.DispatchMouseEventTypeMouseReleased, 1)); err != nil {
		return clickResult{}, err
	}
	wait, cancelWait := context.WithTimeout(ctx, 10*time.Second)
	defer cancelWait()
	if _, err := chromedp.Run(wait, chromedp.Poll[bool](`window.__bench.click.done > 0`,
		chromedp.WithPollingInterval(10*time.Millisecond))); err != nil {
		return clickResult{}, fmt.Errorf("marker %q not shown as selected within 10 s of a click at (%.0f, %.0f)", p.ID, p.X, p.Y)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[clickResult](
		`(() => { const c = window.__bench.click; return {up: c.up, shown: c.shown, done: c.done}; })()`))
}

// still waits, for up to three seconds, until the markers on the page stop moving. TimelineJS
// slides its navigation to the selected marker for about a second after a click, so a marker
// picked while it slides is somewhere else by the time the mouse presses on it.
func (tb *tab) still(ctx context.Context) {
	js := fmt.Sprintf(`[...document.querySelectorAll(%q)].slice(0, 100).map(e => {
		const r = e.getBoundingClientRect();
		return Math.round(r.left) + ',' + Math.round(r.top);
	}).join(' ')`, tb.w.markers)
	last := ""
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		at, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil || at == last {
			return
		}
		last = at
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func msDur(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
