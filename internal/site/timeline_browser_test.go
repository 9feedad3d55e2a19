//go:build !wasm

// Browser tests of the timeline: legibility at several widths, the vertical layout, zoom, pan,
// fit, previous/next, the keyboard, and a generated story of 10,000 events.

package site

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"timeline/data"
)

// box is an element's bounding box in CSS pixels.
type box struct {
	ID                 string
	X, Y, W, H         float64
	LX, LY, LW, LH     float64 // the headline's box
	DX, DY, DW, DH     float64 // the date's box
	InScroll           bool    // inside the timeline's visible window
	ScrollX0, ScrollX1 float64 // that window
}

const boxesJS = `(() => {
  const sc = document.querySelector('[data-view="timeline"] .tl-scroll').getBoundingClientRect();
  return [...document.querySelectorAll('[data-view="timeline"] [data-event-id]')].map(el => {
    const r = el.getBoundingClientRect();
    const h = el.querySelector('.tl-headline').getBoundingClientRect();
    const d = el.querySelector('.tl-date').getBoundingClientRect();
    return {ID: el.dataset.eventId, X: r.x + scrollX, Y: r.y + scrollY, W: r.width, H: r.height,
      LX: h.x + scrollX, LY: h.y + scrollY, LW: h.width, LH: h.height,
      DX: d.x + scrollX, DY: d.y + scrollY, DW: d.width, DH: d.height,
      InScroll: r.left >= sc.left - 0.5 && r.right <= sc.right + 0.5, ScrollX0: sc.left, ScrollX1: sc.right};
  });
})()`

func (tb *tab) boxes() []box {
	tb.t.Helper()
	b, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]box](boxesJS))
	if err != nil {
		tb.t.Fatalf("reading marker boxes: %v", err)
	}
	return b
}

func overlap(ax, ay, aw, ah, bx, by, bw, bh float64) bool {
	const eps = 0.5
	return ax+eps < bx+bw && bx+eps < ax+aw && ay+eps < by+bh && by+eps < ay+ah
}

func inside(x, y, w, h, bx, by, bw, bh float64) bool {
	const eps = 1
	return x >= bx-eps && y >= by-eps && x+w <= bx+bw+eps && y+h <= by+bh+eps
}

// TestBrowserTimelineLegible: at 320, 768 and 1280 px, in the default view, every event has a
// marker, no two markers overlap, and each marker's date and headline are visible inside it.
func TestBrowserTimelineLegible(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	for _, vp := range []viewport{
		{name: "narrow-phone", width: 320, height: 640, mobile: true},
		{name: "tablet", width: 768, height: 1024},
		desktop,
	} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, vp)
			tb.open("/")
			boxes := tb.boxes()
			if len(boxes) != len(st.Events) {
				t.Fatalf("%d markers, want %d", len(boxes), len(st.Events))
			}
			for i, a := range boxes {
				if a.W < 40 || a.H < 20 || a.LW <= 0 || a.LH <= 0 || a.DW <= 0 {
					t.Errorf("%s: marker %s is too small to read: %+v", vp.name, a.ID, a)
				}
				if !inside(a.LX, a.LY, a.LW, a.LH, a.X, a.Y, a.W, a.H) || !inside(a.DX, a.DY, a.DW, a.DH, a.X, a.Y, a.W, a.H) {
					t.Errorf("%s: the labels of %s spill out of its marker: %+v", vp.name, a.ID, a)
				}
				for _, b := range boxes[i+1:] {
					if overlap(a.X, a.Y, a.W, a.H, b.X, b.Y, b.W, b.H) {
						t.Errorf("%s: markers %s and %s overlap: %+v %+v", vp.name, a.ID, b.ID, a, b)
					}
				}
			}
			tb.noHorizontalOverflow()
			tb.screenshot("timeline-" + vp.name)
			tb.checkClean()
		})
	}
}

// TestBrowserTimelineVertical: on a phone the timeline is a vertical list in time order, with the
// same markers and uncertainty drawing, and nothing wider than the screen.
func TestBrowserTimelineVertical(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	tb := newTab(t, phone)
	tb.open("/")
	boxes := tb.boxes()
	want := chronological(st)
	if len(boxes) != len(want) {
		t.Fatalf("%d markers, want %d", len(boxes), len(want))
	}
	for i, b := range boxes {
		if b.ID != want[i] {
			t.Fatalf("marker %d is %s, want %s: the list is not in time order", i, b.ID, want[i])
		}
		if b.X < 0 || b.X+b.W > float64(phone.width) {
			t.Errorf("marker %s spans x %v..%v, outside the %d px screen", b.ID, b.X, b.X+b.W, phone.width)
		}
		if i > 0 && b.Y < boxes[i-1].Y+boxes[i-1].H {
			t.Errorf("marker %s starts above the end of %s: not a vertical list", b.ID, boxes[i-1].ID)
		}
	}
	// Uncertainty keeps its drawing: an exact day has a dot, anything else a span mark.
	kinds, err := chromedp.Run(tb.ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries(
		[...document.querySelectorAll('[data-view="timeline"] [data-event-id]')].map(el =>
			[el.dataset.eventId, el.querySelector('.tl-dot') ? 'dot' : (el.querySelector('.tl-span') ? 'span' : 'none')]))`))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range st.Events {
		want := "span"
		if ev.When.Exact() {
			want = "dot"
		}
		if kinds[ev.ID] != want {
			t.Errorf("%s (%s) is drawn as %s, want %s", ev.ID, ev.Date, kinds[ev.ID], want)
		}
	}
	tb.noHorizontalOverflow()
	tb.checkClean()
}

func chronological(st *data.Story) []string {
	ids := make([]string, 0, len(st.Events))
	asOf := st.Info.AsOfDate.First()
	idx := make([]int, len(st.Events))
	for i := range idx {
		idx[i] = i
	}
	// The same order as the layout: first day, then last day, then story order.
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0; j-- {
			a, b := st.Events[idx[j-1]].When, st.Events[idx[j]].When
			if b.First().Before(a.First()) || (b.First().Equal(a.First()) && b.Last(asOf).Before(a.Last(asOf))) {
				idx[j-1], idx[j] = idx[j], idx[j-1]
			}
		}
	}
	for _, i := range idx {
		ids = append(ids, st.Events[i].ID)
	}
	return ids
}

// zoomState reads the timeline's zoom, its scroll position and the widths that matter.
type zoomState struct {
	Zoom           float64
	ScrollLeft     float64
	ClientWidth    float64
	CanvasWidth    float64
	Active         string
	SelectedInView bool
}

const zoomJS = `(() => {
  const tl = document.querySelector('[data-view="timeline"]');
  const sc = tl.querySelector('.tl-scroll');
  const sel = tl.querySelector('[data-event-id][data-selected="true"]');
  let inView = false;
  if (sel) {
    const r = sel.getBoundingClientRect(), s = sc.getBoundingClientRect();
    inView = r.left >= s.left - 1 && r.right <= s.right + 1;
  }
  return {Zoom: parseFloat(tl.dataset.zoom), ScrollLeft: sc.scrollLeft, ClientWidth: sc.clientWidth,
    CanvasWidth: tl.querySelector('.tl-canvas').getBoundingClientRect().width,
    Active: document.activeElement && document.activeElement.dataset ? (document.activeElement.dataset.eventId || '') : '',
    SelectedInView: inView};
})()`

func (tb *tab) zoomState() zoomState {
	tb.t.Helper()
	z, err := chromedp.Run(tb.ctx, chromedp.Evaluate[zoomState](zoomJS))
	if err != nil {
		tb.t.Fatalf("reading the zoom: %v", err)
	}
	return z
}

// waitZoom polls until check accepts the zoom state.
func (tb *tab) waitZoom(what string, check func(zoomState) bool) zoomState {
	tb.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		z := tb.zoomState()
		if check(z) {
			return z
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("%s: still not so after %v: %+v%s", what, stepTimeout, z, tb.rec.report())
		}
		time.Sleep(pollEvery)
	}
}

func (tb *tab) key(k string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(k)); err != nil {
		tb.t.Fatalf("pressing %q: %v", k, err)
	}
}

func (tb *tab) focus(sel string) {
	tb.t.Helper()
	ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](fmt.Sprintf(
		`(() => { const el = document.querySelector(%q); if (!el) return false; el.focus(); return document.activeElement === el; })()`, sel)))
	if err != nil || !ok {
		tb.t.Fatalf("focusing %s: %v", sel, err)
	}
}

// TestBrowserTimelineNavigation: the zoom buttons, fit all, the keyboard's + and -, panning,
// previous and next, arrow keys between events, and the selected event staying in view.
func TestBrowserTimelineNavigation(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	order := chronological(st)
	tb := newTab(t, desktop)
	tb.open("/")
	z0 := tb.zoomState()

	t.Run("zoom in and out with the buttons", func(t *testing.T) {
		tb.click(`[data-action="zoom-in"]`)
		tb.waitZoom("zoomed in", func(z zoomState) bool { return sameZoom(z.Zoom, 2*z0.Zoom) && z.CanvasWidth > z0.CanvasWidth })
		tb.click(`[data-action="zoom-out"]`)
		tb.waitZoom("zoomed back out", func(z zoomState) bool { return sameZoom(z.Zoom, z0.Zoom) })
	})
	t.Run("fit all fits the story in the window", func(t *testing.T) {
		tb.click(`[data-action="fit"]`)
		tb.waitZoom("fitted", func(z zoomState) bool { return z.CanvasWidth <= z.ClientWidth+1 && z.Zoom < z0.Zoom })
	})
	t.Run("the keyboard zooms inside the timeline", func(t *testing.T) {
		tb.focus(markerSelAny())
		before := tb.zoomState().Zoom
		tb.key("+")
		tb.waitZoom("+ zoomed in", func(z zoomState) bool { return sameZoom(z.Zoom, 2*before) })
		tb.key("-")
		tb.waitZoom("- zoomed out", func(z zoomState) bool { return sameZoom(z.Zoom, before) })
	})
	t.Run("shift and an arrow pan", func(t *testing.T) {
		// Zoom in until there is room to pan: how many steps that takes depends on the story.
		for range 6 {
			if z := tb.zoomState(); z.CanvasWidth > 2*z.ClientWidth {
				break
			}
			before := tb.zoomState().Zoom
			tb.key("=")
			tb.waitZoom("= zoomed in", func(z zoomState) bool { return z.Zoom > before })
		}
		tb.waitZoom("zoomed in for panning", func(z zoomState) bool { return z.CanvasWidth > 2*z.ClientWidth })
		start := tb.zoomState().ScrollLeft
		if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
			t.Fatal(err)
		}
		tb.waitZoom("panned right", func(z zoomState) bool { return z.ScrollLeft > start })
	})
	t.Run("next and previous walk the events in time order, in view", func(t *testing.T) {
		tb.click(`[data-action="next"]`)
		tb.waitFor("next selects the first event", selectedIs(order[0]))
		tb.click(`[data-action="next"]`)
		tb.waitFor("next selects the second event", selectedIs(order[1]))
		tb.waitZoom("the selected event is in view", func(z zoomState) bool { return z.SelectedInView })
		tb.click(`[data-action="prev"]`)
		tb.waitFor("previous selects the first again", selectedIs(order[0]))
		tb.waitZoom("the selected event is in view", func(z zoomState) bool { return z.SelectedInView })
	})
	t.Run("arrow keys move between events in time order", func(t *testing.T) {
		tb.focus(markerSel(order[0]))
		tb.key(kb.ArrowRight)
		tb.waitZoom("focus moved to the second event", func(z zoomState) bool { return z.Active == order[1] })
		tb.key(kb.End)
		tb.waitZoom("End moved focus to the last event", func(z zoomState) bool { return z.Active == order[len(order)-1] })
		tb.key(kb.Home)
		tb.waitZoom("Home moved focus to the first event", func(z zoomState) bool { return z.Active == order[0] })
	})
	t.Run("a deep link to the last event shows it", func(t *testing.T) {
		last := order[len(order)-1]
		tb.open("/?event=" + last)
		tb.waitZoom("the selected event is in view", func(z zoomState) bool { return z.SelectedInView })
	})
	tb.checkClean()
}

// sameZoom compares zooms read from data-zoom, which has four significant digits: twice a rounded
// zoom can differ from the rounded double in the last digit.
func sameZoom(got, want float64) bool { return math.Abs(got-want) <= 1e-3*want }

func markerSelAny() string { return `[data-view="timeline"] [data-event-id]` }

func selectedIs(id string) func(pageState) error {
	return func(s pageState) error {
		if len(s.SelectedEvents) != 1 || s.SelectedEvents[0] != id {
			return fmt.Errorf("selected events %v, want [%s]", s.SelectedEvents, id)
		}
		return nil
	}
}

// TestBrowserBigStory: a generated story of 10,000 events becomes ready, lists only part of
// itself, and a click on a cluster zooms in while a click on a marker selects it.
func TestBrowserBigStory(t *testing.T) {
	t.Parallel()
	requireBrowser(t)
	dir := t.TempDir()
	big := data.Generate(data.GenerateOptions{Events: 10000, Actors: 500, Relations: 2000, Seed: 1})
	writeStory(t, dir, big)
	h, err := NewHandler(Config{WasmFile: builtWasm(t), DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	tb := newTabOn(t, desktop, srv)
	tb.open("/story/" + big.Info.ID)

	count, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-view="timeline"] .tl-item').length`))
	if err != nil {
		t.Fatal(err)
	}
	if count == 0 || count > 2*virtualLimit {
		t.Errorf("the timeline lists %d items; want some, and not all 10,000", count)
	}
	before := tb.zoomState().Zoom
	tb.click(`[data-view="timeline"] [data-cluster]`)
	tb.waitZoom("a click on a cluster zooms in", func(z zoomState) bool { return z.Zoom > before })
	tb.click(markerSelAny())
	tb.waitFor("a click on a marker selects it", func(s pageState) error {
		if len(s.SelectedEvents) != 1 {
			return fmt.Errorf("selected events %v", s.SelectedEvents)
		}
		return nil
	})
	tb.checkClean()
}

// virtualLimit mirrors the widget's limit on listed cards (app/ui's virtualAbove).
const virtualLimit = 400

func writeStory(t *testing.T, dir string, s *data.Story) {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, s.Info.ID+".json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
