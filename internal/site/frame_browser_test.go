//go:build !wasm

// Headless-browser tests of the one-screen frame: the widget is never taller than the window
// (nor than 800 px from 600 px wide), on the full page and in the demo article's iframe, whatever
// the story; it opens on the news; and every selection answers in view, uncovered. They sample
// viewports and stories rather than multiply them. The harness is in browser_helpers_test.go.
//
// Run: go test ./internal/site -run 'BrowserFrame' -v

package site

import (
	"context"
	"fmt"
	"math"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"timeline/data"
)

// The viewports of the frame's contract.
var frameViewports = []viewport{
	{name: "320x640", width: 320, height: 640, mobile: true},
	phone,
	{name: "768x1024", width: 768, height: 1024, mobile: true},
	desktop,
	{name: "1440x900", width: 1440, height: 900},
}

// frameServer serves the embedded stories and a generated story of 1,000 events, which it
// returns too.
func frameServer(t *testing.T) (*httptest.Server, *data.Story) {
	t.Helper()
	requireBrowser(t)
	go buildWasm()
	dir := t.TempDir()
	big := data.Generate(data.GenerateOptions{Events: 1000, Actors: 60, Seed: 7})
	writeStory(t, dir, big)
	for _, s := range embeddedStories(t) {
		writeStory(t, dir, s)
	}
	h, err := NewHandler(Config{WasmFile: builtWasm(t), DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, big
}

// spot is where an element is in its document's viewport, and whether a hit test at its centre
// finds it (or something inside it).
type spot struct {
	Found bool    `json:"found"`
	T     float64 `json:"top"`
	B     float64 `json:"bottom"`
	L     float64 `json:"left"`
	R     float64 `json:"right"`
	VW    float64 `json:"vw"`
	VH    float64 `json:"vh"`
	Hit   bool    `json:"hit"`
	At    string  `json:"at"` // what the hit test found
}

// probeJS reads the spot of the first element that matches a selector.
const probeJS = `((sel) => {
	const el = document.querySelector(sel);
	if (!el) return {found: false};
	const r = el.getBoundingClientRect();
	const at = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
	return {found: true, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
		vw: document.documentElement.clientWidth, vh: innerHeight,
		hit: !!at && (at === el || el.contains(at)), at: at ? at.outerHTML.slice(0, 100) : "nothing"};
})`

// where runs JavaScript in the page or in one of its same-site iframes.
type where struct {
	tb    *tab
	frame string // a selector of the iframe; "" for the page itself
}

func (w where) run(expr string) string {
	if w.frame == "" {
		return expr
	}
	// The widget's CSP forbids eval in the iframe, so the expression runs here, on its document.
	return fmt.Sprintf(`((f) => ((document, innerHeight) => (%s))(f.contentDocument, f.contentWindow.innerHeight))(document.querySelector(%q))`, expr, w.frame)
}

func (w where) probe(sel string) (spot, error) {
	b, err := chromedp.Run(w.tb.ctx, chromedp.Evaluate[spot](w.run(probeJS+"("+jsString(sel)+")")))
	if err != nil || w.frame == "" {
		return b, err
	}
	// In the iframe, the spot must be on the host page's screen too.
	f, err := chromedp.Run(w.tb.ctx, chromedp.Evaluate[spot](probeJS+"("+jsString(w.frame)+")"))
	if err != nil {
		return b, err
	}
	b.T, b.B, b.L, b.R = b.T+f.T, b.B+f.T, b.L+f.L, b.R+f.L
	b.VW, b.VH = f.VW, f.VH
	return b, nil
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }

// inView says why the spot is not wholly inside the viewport and uncovered, or "" when it is.
func (b spot) inView(hit bool) string {
	switch {
	case !b.Found:
		return "not in the page"
	case b.T < -1 || b.B > b.VH+1 || b.L < -1 || b.R > b.VW+1:
		return fmt.Sprintf("at %.0f,%.0f–%.0f,%.0f, outside the %.0f×%.0f viewport", b.L, b.T, b.R, b.B, b.VW, b.VH)
	case hit && !b.Hit:
		return "covered at its centre by " + b.At
	}
	return ""
}

// waitInView waits until the element sel is in view and, with hit, uncovered.
func (w where) waitInView(what, sel string, hit bool) {
	w.tb.t.Helper()
	w.tb.waitUntil(what, func() error {
		b, err := w.probe(sel)
		if err != nil {
			return err
		}
		if why := b.inView(hit); why != "" {
			return fmt.Errorf("%s is %s", sel, why)
		}
		return nil
	})
}

// widgetHeight is the height of the frame: the widget root's on the page, the iframe's in the demo.
func (w where) widgetHeight() (h, vh float64) {
	w.tb.t.Helper()
	sel := "[data-widget]"
	if w.frame != "" {
		sel = w.frame
	}
	b, err := chromedp.Run(w.tb.ctx, chromedp.Evaluate[spot](probeJS+"("+jsString(sel)+")"))
	if err != nil || !b.Found {
		w.tb.t.Fatalf("measuring %s: %v (found %v)", sel, err, b.Found)
	}
	return b.B - b.T, b.VH
}

// checkHeight checks the frame's height against the viewport's, and returns it.
func (w where) checkHeight(t *testing.T, what string) float64 {
	t.Helper()
	h, vh := w.widgetHeight()
	if h > vh+0.5 {
		t.Errorf("%s: the widget is %.0f px high in a %.0f px viewport", what, h, vh)
	}
	if w.tb.vp.width >= 600 && h > 800.5 {
		t.Errorf("%s: the widget is %.0f px high at %d px wide, over 800", what, h, w.tb.vp.width)
	}
	return h
}

// showMap clicks the frame's map tab and waits until the map is shown and laid out.
func (w where) showMap() {
	w.tb.t.Helper()
	w.clickAt(`[data-tab="map"]`)
	w.tb.waitJS("the map tab is shown and the map laid out for its width", w.run(mapShownJS))
}

// openDemo opens the demo article of a story and waits for its widget.
func (tb *tab) openDemo(id string) where {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Navigate(tb.base+"/demo/"+id)); err != nil {
		tb.t.Fatal(err)
	}
	w := where{tb, ".demo-embed iframe"}
	tb.evalJS(`document.querySelector(".demo-embed iframe").scrollIntoView({block: "center"})`)
	tb.waitUntilFor(readyTimeout, "the demo's widget is ready and sized", func() error {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`(() => {
			const f = document.querySelector(".demo-embed iframe");
			const d = f && f.contentDocument;
			return !!d && !!d.querySelector('[data-widget][data-ready="true"]') && f.hasAttribute("data-timeline-height");
		})()`))
		if err == nil && !ok {
			err = fmt.Errorf("not yet")
		}
		return err
	})
	return w
}

// clickAt clicks the centre of the element sel with real mouse input, after the element's own
// region brings it into view (as a reader scrolls to what they want to click).
func (w where) clickAt(sel string) {
	w.tb.t.Helper()
	w.tb.evalJS(w.run(fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "nearest", inline: "nearest"})`, sel)))
	b, err := w.probe(sel)
	if err != nil || b.inView(true) != "" {
		w.tb.t.Fatalf("before clicking %s: %v %s", sel, err, b.inView(true))
	}
	if err := chromedp.Do(w.tb.ctx, chromedp.MouseClickXY((b.L+b.R)/2, (b.T+b.B)/2)); err != nil {
		w.tb.t.Fatal(err)
	}
}

// answersInView waits until the detail panel shows the item attr=id in full (not only the
// headline the first frame after a click shows, data-pending), then until its headline and the
// selected item are in view and uncovered.
func (w where) answersInView(what, attr, id, item string) {
	w.tb.t.Helper()
	w.tb.waitUntil(what+": the details show it", func() error {
		got, err := chromedp.Run(w.tb.ctx, chromedp.Evaluate[string](w.run(
			`(document.querySelector("[data-detail]:not([data-pending])") || {getAttribute: () => ""}).getAttribute("`+attr+`") || ""`)))
		if err == nil && got != id {
			err = fmt.Errorf("the details show %q", got)
		}
		return err
	})
	w.waitInView(what+": the details' headline is in view", "[data-detail] .detail-title", true)
	w.waitInView(what+": the selected item is in view and uncovered", item, true)
}

func eventItem(id string) string { return `[data-view="timeline"] [data-event-id="` + id + `"]` }
func actorItem(id string) string {
	return `[data-view="map"] [data-actor-id="` + id + `"] [data-shape]`
}

// TestBrowserFrameFits: at every viewport of the contract, on the seed story, the imported one
// and a generated one of 1,000 events, the widget is at most the viewport's height (and 800 px
// from 600 px wide), on the full page and in the demo article; selections leave that height as
// it is; and the first view, unscrolled, shows the lead event's card and a card of the story's date.
func TestBrowserFrameFits(t *testing.T) {
	t.Parallel()
	srv, big := frameServer(t)
	stories := []*data.Story{story(t, defaultStoryID), story(t, "timelinejs-example"), big}
	for _, vp := range frameViewports {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTabOn(t, vp, srv)
			for _, st := range stories {
				tb.open("/story/" + st.Info.ID)
				w := where{tb: tb}
				h := w.checkHeight(t, st.Info.ID)
				checkFirstView(t, w, st, st != big)
				order := chronological(st)
				for _, id := range []string{order[len(order)-1], order[0]} {
					if w.visible(eventItem(id)) {
						w.clickAt(eventItem(id))
						w.answersInView("after a click on "+id, "data-event-id", id, eventItem(id))
						if got, _ := w.widgetHeight(); math.Abs(got-h) > 0.5 {
							t.Errorf("%s: a selection changed the widget's height from %.0f to %.0f px", st.Info.ID, h, got)
						}
					}
				}
			}
			st := stories[0]
			w := tb.openDemo(st.Info.ID)
			h := w.checkHeight(t, "demo")
			tb.evalJS(`document.querySelector(".demo-embed iframe").scrollIntoView({block: "nearest"})`)
			id := chronological(st)[0]
			w.clickAt(eventItem(id))
			w.answersInView("in the demo, after a click on "+id, "data-event-id", id, eventItem(id))
			if got, _ := w.widgetHeight(); math.Abs(got-h) > 0.5 {
				t.Errorf("demo: a selection changed the iframe's height from %.0f to %.0f px", h, got)
			}
			tb.checkClean()
		})
	}
}

// visible says whether the element is on the page (a big story lists only part of itself).
func (w where) visible(sel string) bool {
	b, err := w.probe(sel)
	return err == nil && b.Found
}

// checkFirstView checks, without scrolling, that the lead event's card (or the cluster that
// holds it) is in view and, with dateCard, a card of the story's date. (A generated story of
// 1,000 events opens on the whole story, where its last days are clusters.)
func checkFirstView(t *testing.T, w where, st *data.Story, dateCard bool) {
	t.Helper()
	lead := st.Events[st.LeadEvent()]
	if why := mustProbe(t, w, `[data-view="timeline"] [data-lead]`).inView(true); why != "" {
		t.Errorf("%s at %s: the lead event's card (%s) is %s", st.Info.ID, w.tb.vp.name, lead.ID, why)
	}
	if b := mustProbe(t, w, `[data-view="timeline"] [data-lead] [data-event-id]`); b.Found && !w.has(eventItem(lead.ID)) {
		t.Errorf("%s: the card marked as the lead is not %s's", st.Info.ID, lead.ID)
	}
	if !dateCard {
		return
	}
	asOf := st.Info.AsOfDate.First()
	for _, e := range st.Events {
		if e.When.First().Equal(asOf) || e.When.Last(asOf).Equal(asOf) {
			if b, err := w.probe(eventItem(e.ID)); err == nil && b.inView(true) == "" {
				return
			}
		}
	}
	t.Errorf("%s at %s: no card of the story's date (%s) is in the first view", st.Info.ID, w.tb.vp.name, st.Info.AsOf)
}

func (w where) has(sel string) bool { return w.visible(sel) }

func mustProbe(t *testing.T, w where, sel string) spot {
	t.Helper()
	b, err := w.probe(sel)
	if err != nil {
		t.Fatalf("probing %s: %v", sel, err)
	}
	return b
}

// TestBrowserFrameAnswersInView: at a phone's and a desktop's size, ten events selected by a
// click at their card, five actors by a click at their node, previous and next, and deep links
// to events and actors (on the full page and in the embed) show the details' headline and the
// selected item in view and uncovered. In the demo article, the host page's viewport counts.
func TestBrowserFrameAnswersInView(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	order := chronological(st)
	var events []string
	for k := 0; k < 10; k++ {
		events = append(events, order[k*(len(order)-1)/9])
	}
	actors := actorsWithEvents(st, 5)
	for _, vp := range []viewport{phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, vp)
			tb.open("/")
			page := where{tb: tb}
			for _, id := range events {
				page.clickAt(eventItem(id))
				page.answersInView("after a click on event "+id, "data-event-id", id, eventItem(id))
			}
			page.clickAt(`[data-action="prev"]`)
			prev := order[slices.Index(order, events[len(events)-1])-1]
			page.answersInView("after Previous", "data-event-id", prev, eventItem(prev))
			page.clickAt(`[data-action="next"]`)
			page.answersInView("after Next", "data-event-id", events[len(events)-1], eventItem(events[len(events)-1]))
			page.showMap()
			for _, id := range actors {
				page.clickAt(actorItem(id))
				page.answersInView("after a click on actor "+id, "data-actor-id", id, actorItem(id))
			}
			for _, link := range []struct{ path, attr, id, item string }{
				{"/?event=" + url.QueryEscape(events[2]), "data-event-id", events[2], eventItem(events[2])},
				{"/?event=" + url.QueryEscape(events[9]), "data-event-id", events[9], eventItem(events[9])},
				{"/embed/" + st.Info.ID + "?event=" + url.QueryEscape(events[5]), "data-event-id", events[5], eventItem(events[5])},
				{"/?actor=" + url.QueryEscape(actors[0]), "data-actor-id", actors[0], actorItem(actors[0])},
				{"/embed/" + st.Info.ID + "?actor=" + url.QueryEscape(actors[3]), "data-actor-id", actors[3], actorItem(actors[3])},
			} {
				tb.open(link.path)
				page.answersInView("at "+link.path, link.attr, link.id, link.item)
			}
			demo := tb.openDemo(st.Info.ID)
			for _, id := range events[6:] {
				demo.clickAt(eventItem(id))
				demo.answersInView("in the demo, after a click on event "+id, "data-event-id", id, eventItem(id))
			}
			demo.showMap()
			demo.clickAt(actorItem(actors[1]))
			demo.answersInView("in the demo, after a click on actor "+actors[1], "data-actor-id", actors[1], actorItem(actors[1]))
			tb.checkClean()
		})
	}
}

// actorsWithEvents returns up to n actors that take part in events, in story order.
func actorsWithEvents(st *data.Story, n int) []string {
	seen := map[string]bool{}
	for _, e := range st.Events {
		for _, p := range e.Actors {
			seen[p.Actor] = true
		}
	}
	var ids []string
	for _, a := range st.Actors {
		if seen[a.ID] && len(ids) < n {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

// legibleJS lists the text in cards and the details that is cut (its content overflows its spot)
// and the status badges that overlap a card's text.
const legibleJS = `(() => {
	const bad = [];
	const cut = el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
	const sel = '[data-view="timeline"] .tl-card, [data-view="timeline"] .tl-date, [data-view="timeline"] .tl-headline, ' +
		'[data-detail] .detail-title, [data-detail] .detail-date';
	for (const el of document.querySelectorAll(sel)) {
		if (el.getClientRects().length && cut(el)) bad.push("cut: " + el.className + " " + el.textContent.slice(0, 60));
	}
	const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
	// Text is measured line by line: a date on two lines has the badge beside its second line.
	const lines = el => {
		const range = document.createRange();
		range.selectNodeContents(el);
		return [...range.getClientRects()];
	};
	for (const badge of document.querySelectorAll('[data-view="timeline"] .tl-status')) {
		const card = badge.closest(".tl-card"), r = badge.getBoundingClientRect();
		for (const text of card.querySelectorAll(".tl-date, .tl-headline")) {
			if (lines(text).some(l => meet(r, l))) bad.push("badge over text: " + card.textContent.slice(0, 60));
		}
	}
	return bad;
})()`

// TestBrowserFrameLegible: at a phone's and a desktop's size, no date or headline of a card or
// of the details is cut, and no badge lies over text; on a phone, headlines are at least 15 px.
func TestBrowserFrameLegible(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	for _, vp := range []viewport{phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, vp)
			for _, path := range []string{"/", "/?event=" + url.QueryEscape(st.Events[st.LeadEvent()].ID), "/story/timelinejs-example"} {
				tb.open(path)
				bad, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](legibleJS))
				if err != nil {
					t.Fatal(err)
				}
				if len(bad) > 0 {
					t.Errorf("%s at %s:\n  %s", path, vp.name, strings.Join(bad, "\n  "))
				}
			}
			if vp.mobile {
				px, err := chromedp.Run(tb.ctx, chromedp.Evaluate[float64](
					`parseFloat(getComputedStyle(document.querySelector('[data-view="timeline"] .tl-headline')).fontSize)`))
				if err != nil || px < 15 {
					t.Errorf("on a phone the cards' headlines are %v px (%v), want at least 15", px, err)
				}
			}
			tb.checkClean()
		})
	}
}

// TestBrowserFrameNoJump: the page as the server sends it, with frame.js but before the
// WebAssembly runs, shows the lead event's card where the running widget shows it.
func TestBrowserFrameNoJump(t *testing.T) {
	t.Parallel()
	for _, vp := range []viewport{phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, vp)
			lead := `[data-view="timeline"] [data-lead]`
			block := func(patterns ...string) {
				var ps []*network.BlockPattern
				for _, p := range patterns {
					ps = append(ps, &network.BlockPattern{URLPattern: p, Block: true})
				}
				err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
					if _, err := cdp.Call(ctx, target, network.Enable, network.EnableParams{}); err != nil {
						return err
					}
					_, err := cdp.Call(ctx, target, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: ps})
					return err
				}))
				if err != nil {
					t.Fatal(err)
				}
			}
			// Without the WebAssembly: the server's page and frame.js alone.
			block(tb.base + "/*.wasm")
			if _, err := chromedp.Run(tb.ctx, chromedp.Navigate(tb.base+"/")); err != nil {
				t.Fatal(err)
			}
			w := where{tb: tb}
			w.waitInView("before the WebAssembly, the lead card is in view", lead, true)
			before := mustProbe(t, w, lead)
			block()
			tb.open("/")
			after := mustProbe(t, w, lead)
			if math.Abs(before.T-after.T) > 2 || math.Abs(before.L-after.L) > 2 {
				t.Errorf("the lead card moves from %.0f,%.0f to %.0f,%.0f when the WebAssembly takes over",
					before.L, before.T, after.L, after.T)
			}
		})
	}
}

// TestBrowserFrameTabsByKeyboard: the frame's tabs are one tab stop; the arrow keys, Home and End
// move between them and choose the tab they reach, as the ARIA tabs pattern has it.
func TestBrowserFrameTabsByKeyboard(t *testing.T) {
	t.Parallel()
	tb := newTab(t, desktop)
	tb.open("/")
	tb.focus(`#tab-timeline`)
	state := func() string {
		return tb.eval(`document.querySelector('[data-widget]').dataset.tab + ' ' + document.activeElement.id + ' ' +
			[...document.querySelectorAll('[role="tab"]')].map(t => t.tabIndex).join(',')`)
	}
	for _, step := range []struct{ key, want string }{
		{kb.ArrowRight, "map tab-map -1,0"},
		{kb.ArrowRight, "timeline tab-timeline 0,-1"},
		{kb.End, "map tab-map -1,0"},
		{kb.Home, "timeline tab-timeline 0,-1"},
		{kb.ArrowLeft, "map tab-map -1,0"},
	} {
		tb.key(step.key)
		deadline := time.Now().Add(stepTimeout)
		for got := state(); got != step.want; got = state() {
			if time.Now().After(deadline) {
				t.Fatalf("after %q: pane, focus and tab stops are %q, want %q", step.key, got, step.want)
			}
			time.Sleep(pollEvery)
		}
	}
	tb.checkClean()
}

// quickClickJS clicks an event's card the way a reader's click reaches it and reports, from the
// same task, what the click has already changed: the selection must show in the very next frame.
const quickClickJS = `((id) => {
	const card = document.querySelector('[data-view="timeline"] .tl-card[data-event-id="' + CSS.escape(id) + '"]');
	card.click();
	const panel = document.querySelector('[data-detail]');
	const title = panel.querySelector('[data-provisional] .detail-title');
	return {
		selected: card.getAttribute('data-selected') || '',
		others: document.querySelectorAll('[data-view="timeline"] .tl-card[data-selected]').length,
		panel: panel.getAttribute('data-event-id') || '',
		title: title ? title.textContent : '',
		url: location.search,
	};
})(%q)`

// TestBrowserClickAnswersInItsFrame: a click on an event's card marks the card and puts the
// event's headline in the details in the click's own task, before go-app renders; then go-app
// follows the link (a history entry, back returns), renders the same selection in full and leaves
// no provisional headline behind.
func TestBrowserClickAnswersInItsFrame(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	order := chronological(st)
	tb := newTab(t, desktop)
	tb.open("/")
	type quick struct {
		Selected, Panel, Title, URL string
		Others                      int
	}
	for _, id := range []string{order[0], order[len(order)/2], order[len(order)-1]} {
		ev := st.Events[slices.IndexFunc(st.Events, func(e data.Event) bool { return e.ID == id })]
		q, err := chromedp.Run(tb.ctx, chromedp.Evaluate[quick](fmt.Sprintf(quickClickJS, id)))
		if err != nil {
			t.Fatal(err)
		}
		if q.Selected != "true" || q.Others != 1 || q.Panel != id || q.Title != ev.Headline {
			t.Errorf("in the click on %s: selected %q (%d cards selected), details of %q headed %q; want the card alone selected and its headline %q",
				id, q.Selected, q.Others, q.Panel, q.Title, ev.Headline)
		}
		if strings.Contains(q.URL, url.QueryEscape(id)) {
			t.Errorf("in the click on %s: the address is already %q, before the frame is painted", id, q.URL)
		}
		tb.waitUntil("go-app renders the selection of "+id, func() error {
			got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`location.search + " " +
				document.querySelectorAll('[data-detail] [data-provisional], [data-detail][data-pending]').length + " " +
				document.querySelectorAll('[data-detail] .detail-title').length`))
			if want := "?event=" + url.QueryEscape(id) + " 0 1"; err == nil && got != want {
				err = fmt.Errorf("address, provisional parts and headlines: %q, want %q", got, want)
			}
			return err
		})
	}
	if err := chromedp.Do(tb.ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	tb.waitUntil("back returns to the previous selection", func() error {
		got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.querySelector('[data-detail]').getAttribute('data-event-id') || ''`))
		if want := order[len(order)/2]; err == nil && got != want {
			err = fmt.Errorf("the details show %q, want %q", got, want)
		}
		return err
	})
	tb.checkClean()
}
