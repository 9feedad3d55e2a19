//go:build !wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"timeline/internal/load"
)

// browser is one headless Chromium for the whole run.
type browser struct {
	ctx     context.Context // the first tab; every load opens its own browser context from it
	cancel  func()
	dataDir string
	version string
}

// startBrowser starts Chromium with exactly the flags the browser tests use, and a fresh profile.
func startBrowser() (*browser, error) {
	path, err := exec.LookPath("chromium")
	if err != nil {
		return nil, errors.New("chromium is not installed: run `make chromium` (apt-get install -y chromium)")
	}
	dir, err := os.MkdirTemp("", "timeline-bench-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // it runs as root
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	b := &browser{ctx: ctx, cancel: func() { cancelBrowser(); cancelAlloc() }, dataDir: dir}
	if err := chromedp.Do(ctx); err != nil {
		b.close()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	b.version, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] || ''`))
	return b, nil
}

func (b *browser) close() {
	b.cancel()
	for range 50 { // Chromium's helpers can write into the profile for a moment after exit
		if os.RemoveAll(b.dataDir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// readyJS runs before any script of every page: it notes, in the page's own clock, when the
// widget root first says data-ready="true". It looks only at what each mutation touched, so it
// costs little even while a page of 10,000 events is parsed.
const readyJS = `(() => {
	const b = window.__bench = {ready: 0};
	const sel = '[data-widget][data-ready="true"]';
	const mo = new MutationObserver(records => {
		for (const r of records) {
			const hit = r.type === 'attributes' ? r.target.matches(sel) :
				Array.from(r.addedNodes).some(n => n.nodeType === 1 && (n.matches(sel) || n.querySelector(sel)));
			if (hit) { b.ready = performance.now(); mo.disconnect(); return; }
		}
	});
	mo.observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready']});
})()`

// metricsJS reads what a load cost once the page is ready. Times are milliseconds from the
// start of the navigation; bytes are what crossed the network, headers included.
const metricsJS = `(() => {
	const nav = performance.getEntriesByType('navigation')[0];
	const res = performance.getEntriesByType('resource');
	const fcp = performance.getEntriesByName('first-contentful-paint')[0];
	const wasm = res.find(r => /\.wasm(\?|$)/.test(r.name));
	let bytes = nav ? nav.transferSize : 0;
	for (const r of res) bytes += r.transferSize;
	return {
		readyMs: window.__bench.ready, fcpMs: fcp ? fcp.startTime : 0, bytes, requests: res.length + 1,
		htmlEndMs: nav ? nav.responseEnd : 0, wasmEndMs: wasm ? wasm.responseEnd : 0,
		markers: document.querySelectorAll('[data-view="timeline"] [data-event-id]').length,
	};
})()`

// loadMetrics is one cold load of a page.
type loadMetrics struct {
	Ready    float64 `json:"readyMs"`   // data-ready="true", ms from navigation start
	FCP      float64 `json:"fcpMs"`     // first contentful paint
	Bytes    int64   `json:"bytes"`     // transferred until ready, headers included
	Requests int     `json:"requests"`  // requests made until ready
	HTMLEnd  float64 `json:"htmlEndMs"` // the page's HTML fully received
	WasmEnd  float64 `json:"wasmEndMs"` // app.wasm fully received
	Markers  int     `json:"markers"`   // event markers in the DOM when ready
	WallMs   float64 `json:"wallMs"`    // the whole load as the harness saw it
	Err      string  `json:"error,omitempty"`
}

// tab is a tab in a browser context of its own: no cache, no service worker, no storage from
// any earlier load.
type tab struct {
	ctx    context.Context
	cancel func()
}

func (b *browser) newTab() (*tab, error) {
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 800),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
				page.AddScriptToEvaluateOnNewDocumentParams{Source: readyJS})
			return err
		}),
	)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	return &tab{ctx: ctx, cancel: cancel}, nil
}

// coldLoad opens url in a fresh tab and waits up to timeout for the widget to be ready. The tab
// is returned open, for clicks; the caller closes it.
func (b *browser) coldLoad(url string, timeout time.Duration) (*tab, loadMetrics, error) {
	tb, err := b.newTab()
	if err != nil {
		return nil, loadMetrics{}, err
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(tb.ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		tb.cancel()
		return nil, loadMetrics{}, fmt.Errorf("loading %s: %w", url, err)
	}
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`window.__bench && window.__bench.ready > 0`,
		chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		tb.cancel()
		return nil, loadMetrics{}, fmt.Errorf("not ready (data-ready=\"true\") within %v", timeout)
	}
	// Requests still finishing when the widget became ready are counted too.
	time.Sleep(250 * time.Millisecond)
	m, err := chromedp.Run(ctx, chromedp.Evaluate[loadMetrics](metricsJS))
	if err != nil {
		tb.cancel()
		return nil, loadMetrics{}, fmt.Errorf("reading the load metrics: %w", err)
	}
	m.WallMs = ms(time.Since(start))
	return tb, m, nil
}

func (tb *tab) close() { tb.cancel() }

// clickJS clicks one event marker and measures, in the page's clock, how long until its
// data-selected attribute says "true" (update), the next frame starts (requestAnimationFrame
// after the MutationObserver saw the change) and that frame has been rendered (a task queued
// from the frame callback runs after the frame's style, layout and paint: painted).
const clickJS = `(k) => new Promise(resolve => {
	const markers = Array.from(document.querySelectorAll('[data-view="timeline"] [data-event-id]'));
	const pick = markers.filter(m => m.getAttribute('data-selected') !== 'true');
	if (pick.length === 0) { resolve({error: 'no event marker ([data-view="timeline"] [data-event-id]) to click'}); return; }
	const el = pick[(k * 37 + 11) % pick.length];
	const id = el.getAttribute('data-event-id');
	const sel = '[data-view="timeline"] [data-event-id="' + CSS.escape(id) + '"]';
	let done = false, tUpdate = 0;
	const finish = r => { if (done) return; done = true; mo.disconnect(); clearTimeout(timer); resolve(r); };
	const timer = setTimeout(() => finish({id, error: 'marker ' + id + ' not selected within 5 s of a click'}), 5000);
	const mo = new MutationObserver(() => {
		if (tUpdate) return;
		const cur = document.querySelector(sel);
		if (!cur || cur.getAttribute('data-selected') !== 'true') return;
		tUpdate = performance.now();
		requestAnimationFrame(() => {
			const tFrame = performance.now();
			const ch = new MessageChannel();
			ch.port1.onmessage = () => finish({id, update: tUpdate - t0, frame: tFrame - t0, painted: performance.now() - t0});
			ch.port2.postMessage(0);
		});
	});
	mo.observe(document.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-selected']});
	const t0 = performance.now();
	el.click();
})`

type clickSample struct {
	ID      string  `json:"id"`
	Update  float64 `json:"update"`
	Frame   float64 `json:"frame"`
	Painted float64 `json:"painted"`
	Error   string  `json:"error"`
}

// clickStats summarises click-to-update latency: from the click to the frame with the new
// selection rendered (painted), and the part of it spent before the DOM said so (update).
type clickStats struct {
	Samples       int       `json:"samples"`
	Median        float64   `json:"medianMs"`
	P95           float64   `json:"p95Ms"`
	UpdateMedian  float64   `json:"updateMedianMs"`
	UpdateP95     float64   `json:"updateP95Ms"`
	Err           string    `json:"error,omitempty"`
	SampleTimesMs []float64 `json:"paintedMs"`
}

// clicks takes warm-up and then n samples in tb, stopping at the first failure or when budget
// has been spent; what it measured so far is kept.
func (tb *tab) clicks(warmUp, n int, budget time.Duration) clickStats {
	var st clickStats
	var painted, update []time.Duration
	deadline := time.Now().Add(budget)
	for k := range warmUp + n {
		if time.Now().After(deadline) {
			st.Err = fmt.Sprintf("stopped after %d samples: the %v budget was spent", len(painted), budget)
			break
		}
		ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
		s, err := chromedp.Run(ctx, chromedp.Evaluate[clickSample](
			fmt.Sprintf("(%s)(%d)", clickJS, k), chromedp.EvalAwaitPromise))
		cancel()
		if err == nil && s.Error != "" {
			err = errors.New(s.Error)
		}
		if err != nil {
			st.Err = err.Error()
			break
		}
		if k >= warmUp {
			painted = append(painted, msDur(s.Painted))
			update = append(update, msDur(s.Update))
			st.SampleTimesMs = append(st.SampleTimesMs, s.Painted)
		}
		time.Sleep(30 * time.Millisecond) // let the page settle: each sample starts from idle
	}
	slices.Sort(painted)
	slices.Sort(update)
	st.Samples = len(painted)
	st.Median, st.P95 = ms(load.Percentile(painted, 50)), ms(load.Percentile(painted, 95))
	st.UpdateMedian, st.UpdateP95 = ms(load.Percentile(update, 50)), ms(load.Percentile(update, 95))
	return st
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func msDur(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
