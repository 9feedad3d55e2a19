//go:build !wasm

// Browser tests of the actor map: legible nodes at phone and desktop widths, selection, the
// two-step focus, the time control and the keyboard.

package site

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"timeline/app/layout"
	"timeline/data"
)

// nodeBox is an actor node's symbol and label boxes, in page coordinates.
type nodeBox struct {
	ID             string
	SX, SY, SW, SH float64
	LX, LY, LW, LH float64
}

const nodeBoxesJS = `[...document.querySelectorAll('[data-view="map"] [data-actor-id]')].map(g => {
  const s = g.querySelector('[data-shape]').getBoundingClientRect();
  const l = g.querySelector('text').getBoundingClientRect();
  return {ID: g.dataset.actorId, SX: s.x + scrollX, SY: s.y + scrollY, SW: s.width, SH: s.height,
    LX: l.x + scrollX, LY: l.y + scrollY, LW: l.width, LH: l.height};
})`

// TestBrowserMapLegible: at 390 and 1280 px no node or label overlaps another, every one lies
// inside the drawing, and the page is no wider than the screen: a map wider than its frame
// scrolls inside it.
func TestBrowserMapLegible(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	for _, vp := range []viewport{phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, vp)
			tb.open("/")
			tb.showMap() // the map is the frame's second tab
			nodes, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]nodeBox](nodeBoxesJS))
			if err != nil {
				t.Fatal(err)
			}
			if len(nodes) != len(st.Actors) {
				t.Fatalf("%d nodes, want %d", len(nodes), len(st.Actors))
			}
			type rect struct {
				what       string
				x, y, w, h float64
			}
			var rects []rect
			for _, n := range nodes {
				rects = append(rects, rect{n.ID + " symbol", n.SX, n.SY, n.SW, n.SH}, rect{n.ID + " label", n.LX, n.LY, n.LW, n.LH})
				if n.LW <= 0 || n.LH < 8 {
					t.Errorf("the label of %s is too small to read: %+v", n.ID, n)
				}
			}
			svg, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]float64](`(() => {
				const r = document.querySelector('#actor-map > svg').getBoundingClientRect();
				return [r.x + scrollX, r.width]; })()`))
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range rects {
				if a.x < svg[0]-0.5 || a.x+a.w > svg[0]+svg[1]+0.5 {
					t.Errorf("%s spans x %v..%v, outside the drawing's %v..%v", a.what, a.x, a.x+a.w, svg[0], svg[0]+svg[1])
				}
				for _, b := range rects[i+1:] {
					if overlap(a.x, a.y, a.w, a.h, b.x, b.y, b.w, b.h) {
						t.Errorf("%s and %s overlap", a.what, b.what)
					}
				}
			}
			tb.noHorizontalOverflow()
			tb.screenshot("map-" + vp.name)
			tb.checkClean()
		})
	}
}

type mapState struct {
	Hops     string
	Day      string
	Lit      []string
	Inactive int
	Active   string
	Labelled []string // relations whose label shows without hover
}

const mapStateJS = `(() => {
  const m = document.querySelector('[data-view="map"]');
  return {Hops: m.dataset.hops, Day: m.querySelector('[data-map-day]').dataset.mapDay,
    Lit: [...m.querySelectorAll('[data-actor-id][data-lit="true"]')].map(g => g.dataset.actorId),
    Inactive: m.querySelectorAll('[data-relation-id][data-inactive="true"]').length,
    Active: document.activeElement && document.activeElement.dataset ? (document.activeElement.dataset.actorId || '') : '',
    Labelled: [...m.querySelectorAll('[data-edge][data-show-label="true"]')].map(g => g.dataset.edge)};
})()`

func (tb *tab) mapState() mapState {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[mapState](mapStateJS))
	if err != nil {
		tb.t.Fatalf("reading the map: %v", err)
	}
	return s
}

func (tb *tab) waitMap(what string, check func(mapState) error) mapState {
	tb.t.Helper()
	var last error
	for range int(stepTimeout / pollEvery) {
		s := tb.mapState()
		if last = check(s); last == nil {
			return s
		}
		chromedp.Do(tb.ctx, chromedp.Sleep(pollEvery))
	}
	tb.t.Fatalf("%s: %v%s", what, last, tb.rec.report())
	return mapState{}
}

// TestBrowserMapFocusAndTime: two steps widen what an actor lights; the time control changes
// which relations hold; selecting an event shows the relations of its day.
func TestBrowserMapFocusAndTime(t *testing.T) {
	t.Parallel()
	tb := newTab(t, desktop)
	tb.open("/?actor=blinken")
	one := tb.mapState()
	if one.Hops != "1" || len(one.Lit) == 0 {
		t.Fatalf("selecting blinken lights %v at %s hops", one.Lit, one.Hops)
	}
	tb.click(`[data-action="two-hops"]`)
	two := tb.waitMap("two steps light more actors", func(s mapState) error {
		if s.Hops != "2" || len(s.Lit) <= len(one.Lit) {
			return fmt.Errorf("hops %s, lit %v (one step lit %v)", s.Hops, s.Lit, one.Lit)
		}
		return nil
	})
	for _, id := range one.Lit {
		found := false
		for _, id2 := range two.Lit {
			found = found || id == id2
		}
		if !found {
			t.Errorf("%s is lit at one step but not at two", id)
		}
	}

	t.Run("the timeline offers to list only the actor's events", func(t *testing.T) {
		tb.click(`[data-tab="timeline"]`) // an actor's link opens the map tab
		tb.click(`[data-action="only"]`)
		want := eventsOf(story(t, defaultStoryID), "blinken")
		tb.waitFor("only blinken's events are listed", func(s pageState) error {
			if !sameSet(s.Events, want) {
				return fmt.Errorf("listed %v, want %v", s.Events, want)
			}
			return nil
		})
		tb.click(`[data-action="only"]`)
		tb.waitFor("every event is listed again", func(s pageState) error {
			if len(s.Events) != len(story(t, defaultStoryID).Events) {
				return fmt.Errorf("listed %d events", len(s.Events))
			}
			return nil
		})
	})
	t.Run("the time control moves the day and the relations that hold", func(t *testing.T) {
		tb.showMap()
		start := tb.mapState()
		_, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`(() => { const r = document.getElementById('map-time');
			r.value = 0; r.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`))
		if err != nil {
			t.Fatal(err)
		}
		tb.waitMap("the day moves to the first one", func(s mapState) error {
			if s.Day >= start.Day || s.Inactive <= start.Inactive {
				return fmt.Errorf("day %s with %d inactive relations; it was %s with %d", s.Day, s.Inactive, start.Day, start.Inactive)
			}
			return nil
		})
	})
	t.Run("an event shows the relations of its day", func(t *testing.T) {
		tb.open("/?event=geneva-meeting")
		tb.waitMap("the map is on 21 January 2022", func(s mapState) error {
			if s.Day != "2022-01-21" {
				return fmt.Errorf("the map shows %s", s.Day)
			}
			return nil
		})
	})
	tb.checkClean()
}

// TestBrowserMapKeyboard: the map is one tab stop; arrows move between actors; Enter selects;
// Escape clears.
func TestBrowserMapKeyboard(t *testing.T) {
	t.Parallel()
	tb := newTab(t, desktop)
	tb.open("/")
	tb.showMap() // the map is the frame's second tab
	stops, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-view="map"] [data-actor-id][tabindex="0"]').length`))
	if err != nil || stops != 1 {
		t.Fatalf("the map has %d tab stops, want 1 (%v)", stops, err)
	}
	tb.focus(`[data-view="map"] [data-actor-id][tabindex="0"]`)
	first := tb.mapState().Active
	tb.key(kb.ArrowDown)
	second := tb.waitMap("ArrowDown moves focus", func(s mapState) error {
		if s.Active == "" || s.Active == first {
			return fmt.Errorf("focus is on %q", s.Active)
		}
		return nil
	}).Active
	// The keyboard labels the focused actor's relations, all of them and only them.
	var want []string
	for _, r := range story(t, "ukraine-2022-01").Relations {
		if r.From == second || r.To == second {
			want = append(want, r.Key())
		}
	}
	if len(want) == 0 {
		t.Fatalf("%s has no relations: the test cannot see labels", second)
	}
	tb.waitMap("the focused actor's relations are labelled", func(s mapState) error {
		if !sameSet(s.Labelled, want) {
			return fmt.Errorf("labelled relations %v, want those of %s: %v", s.Labelled, second, want)
		}
		return nil
	})
	// The map laid out anew for another width keeps the focus where it was.
	width := tb.eval(`document.querySelector('[data-view="map"] svg[data-width]').dataset.width`)
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(1100, 800)); err != nil {
		t.Fatal(err)
	}
	tb.waitJS("the map is laid out for the new width",
		`document.querySelector('[data-view="map"] svg[data-width]').dataset.width !== "`+width+`"`)
	tb.waitMap("the focus stays on the actor after the new layout", func(s mapState) error {
		if s.Active != second {
			return fmt.Errorf("focus is on %q, want %q", s.Active, second)
		}
		return nil
	})
	tb.key(kb.Enter)
	tb.waitFor("Enter selects the focused actor", func(s pageState) error {
		if len(s.SelectedActors) != 1 || s.SelectedActors[0] != second {
			return fmt.Errorf("selected actors %v, want [%s]", s.SelectedActors, second)
		}
		return nil
	})
	tb.key(kb.Escape)
	tb.waitFor("Escape clears the selection", nothingSelected)

	// A click selects an actor: its lit relations are labelled, on the map or in the list under
	// it (TestBrowserMapLabels checks they never pile up).
	tb.open("/")
	tb.showMap()
	if err := chromedp.Do(tb.ctx, chromedp.Click(`[data-view="map"] [data-actor-id="russia"]`)); err != nil {
		t.Fatal(err)
	}
	tb.waitFor("a click selects the actor", func(s pageState) error {
		if len(s.SelectedActors) != 1 || s.SelectedActors[0] != "russia" {
			return fmt.Errorf("selected actors %v, want [russia]", s.SelectedActors)
		}
		return nil
	})
	tb.waitMap("russia's relations are labelled", func(s mapState) error {
		if len(s.Labelled) == 0 {
			return fmt.Errorf("no relation is labelled")
		}
		for _, key := range s.Labelled {
			if !strings.Contains(key, "russia") {
				return fmt.Errorf("%s is labelled, yet is not one of russia's", key)
			}
		}
		return nil
	})
	tb.checkClean()
}

// mapLabelReport is what the browser finds of the relation labels: the labelled relations, those
// placed on the map and those listed, the relations lit or selected that hold on the day shown,
// and every overlap of a placed label with another label, a node or an edge path, and of an edge
// path with an actor's symbol or name other than its own ends' (paths sampled every 2 px), in the
// drawing's own coordinates.
type mapLabelReport struct {
	Labelled, Placed, Listed []string
	Lit                      []string // relations lit or selected, and in force on the day shown
	Hidden                   []string // placed labels with no size or not displayed
	Overlaps                 []string
	FrameW, SvgW             float64
}

// mapLabelsJS takes the story's relations' ends, {key: [from, to]}, as its argument.
const mapLabelsJS = `((ends) => {
  const m = document.querySelector('[data-view="map"]');
  const svg = m.querySelector('svg[viewBox]');
  const box = el => { const b = el.getBBox(); return {x: b.x, y: b.y, w: b.width, h: b.height}; };
  const over = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const r = {Labelled: [...m.querySelectorAll('[data-edge][data-show-label="true"]')].map(g => g.dataset.edge),
    Placed: [], Listed: [...m.querySelectorAll('[data-relation-item]:not([data-on-map])')].map(li => li.dataset.relationItem),
    Lit: [...m.querySelectorAll('path[data-relation-id]:is([data-lit="true"], [data-selected="true"]):not([data-inactive])')].map(p => p.dataset.relationId),
    Hidden: [], Overlaps: [], FrameW: m.querySelector('#actor-map').clientWidth, SvgW: svg.getBoundingClientRect().width};
  const labels = [...m.querySelectorAll('[data-relation-label]')];
  const boxes = labels.map(box);
  const things = [];
  for (const g of m.querySelectorAll('[data-actor-id]')) {
    things.push({actor: g.dataset.actorId, what: g.dataset.actorId + ' symbol', b: box(g.querySelector('[data-shape]'))});
    things.push({actor: g.dataset.actorId, what: g.dataset.actorId + ' name', b: box(g.querySelector('text'))});
  }
  const inside = (pt, b) => pt.x > b.x && pt.x < b.x + b.w && pt.y > b.y && pt.y < b.y + b.h;
  labels.forEach((l, i) => {
    r.Placed.push(...l.dataset.relationLabel.split(' '));
    const b = boxes[i];
    if (b.w <= 0 || b.h <= 0 || getComputedStyle(l).display === 'none' || getComputedStyle(l).visibility === 'hidden') r.Hidden.push(l.dataset.relationLabel);
    boxes.forEach((q, j) => { if (j > i && over(b, q)) r.Overlaps.push(l.textContent + ' / label ' + labels[j].textContent); });
    for (const t of things) if (over(b, t.b)) r.Overlaps.push(l.textContent + ' / ' + t.what);
  });
  // A grid of 50 px cells finds the boxes near a point: a map of 500 actors has 2,000 paths.
  const grid = new Map(), cell = 50;
  const put = (b, v) => {
    for (let gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.w) / cell); gx++)
      for (let gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.h) / cell); gy++) {
        const k = gx + ',' + gy;
        if (!grid.has(k)) grid.set(k, []);
        grid.get(k).push(v);
      }
  };
  boxes.forEach((b, i) => put(b, {label: i, b}));
  things.forEach(t => put(t.b, t));
  const near = pt => grid.get(Math.floor(pt.x / cell) + ',' + Math.floor(pt.y / cell)) || [];
  // Points every 2 px along a path: by its own numbers when it is a polyline, as the layout draws
  // relations (getPointAtLength walks a path from its start at each call), else by the browser.
  const points = p => {
    const d = p.getAttribute('d'), out = [];
    if (/^M[-0-9. ]+(L[-0-9. ]+)*$/.test(d)) {
      const v = d.slice(1).split('L').map(s => s.trim().split(/ +/).map(Number));
      for (let i = 0; i + 1 < v.length; i++) {
        const [x0, y0] = v[i], [x1, y1] = v[i + 1], n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 2));
        for (let k = 0; k < n; k++) out.push({x: x0 + (x1 - x0) * k / n, y: y0 + (y1 - y0) * k / n});
      }
      if (v.length) out.push({x: v[v.length - 1][0], y: v[v.length - 1][1]});
      return out;
    }
    const len = p.getTotalLength();
    for (let s = 0; s <= len; s += 2) out.push(p.getPointAtLength(s));
    return out;
  };
  for (const p of m.querySelectorAll('path[data-relation-id]')) {
    const id = p.dataset.relationId, own = ends[id] || [];
    let label = false, thing = false;
    for (const pt of points(p)) {
      for (const v of near(pt)) {
        if (!inside(pt, v.b)) continue;
        if (v.label !== undefined && !label) { r.Overlaps.push(labels[v.label].textContent + ' / edge ' + id); label = true; }
        if (v.actor !== undefined && !thing && !own.includes(v.actor)) { r.Overlaps.push('edge ' + id + ' / ' + v.what); thing = true; }
      }
    }
  }
  return r;
})(%s)`

// TestBrowserMapLabels: after selecting an actor or an event, on phones 320 and 390 px wide and on
// a desktop, every lit relation's label shows, placed on the map or listed under it, and no placed
// label overlaps another, a node or an edge; with a selection or none, no edge runs through an
// actor's symbol or name other than its own ends'.
func TestBrowserMapLabels(t *testing.T) {
	t.Parallel()
	ends := mapEnds(t, story(t, defaultStoryID))
	for _, vp := range []viewport{narrow, phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, vp)
			for _, path := range []string{"/?actor=russia", "/?event=us-nato-written-responses", "/"} {
				r := tb.mapDrawing(path, ends)
				if path != "/" && len(r.Labelled) == 0 {
					t.Errorf("%s: no relation is labelled", path)
				}
				if strings.Contains(path, "actor=") && len(r.Placed) == 0 {
					t.Errorf("%s: no label is on the map (listed: %v)", path, r.Listed)
				}
				r.check(t, path)
				t.Logf("%s at %s: %d labels on the map, %d listed", path, vp.name, len(r.Placed), len(r.Listed))
			}
			tb.open("/?actor=russia") // the frame shows the map, in view, with no scrolling
			png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
			if err == nil {
				writeShot(t, "map-labels-"+vp.name, png)
			}
			tb.checkClean()
		})
	}
}

// TestBrowserMapGeneratedStories: the maps the layout is measured on (generated stories of 50, 100
// and 500 actors, four relations each), on a phone and a desktop, with their busiest actor
// selected and with nothing selected, as TestBrowserMapLabels checks the story's own.
func TestBrowserMapGeneratedStories(t *testing.T) {
	t.Parallel()
	requireBrowser(t)
	go buildWasm()
	dir := t.TempDir()
	var stories []*data.Story
	for _, n := range []int{50, 100, 500} {
		s := layout.GeneratedMap(n)
		s.Info.ID = fmt.Sprintf("map-of-%d-actors", n)
		writeStory(t, dir, s)
		stories = append(stories, s)
	}
	h, err := NewHandler(Config{WasmFile: builtWasm(t), DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	for _, vp := range []viewport{phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTabOn(t, vp, srv)
			for _, s := range stories {
				ends := mapEnds(t, s)
				page := "/story/" + s.Info.ID
				for _, path := range []string{page + "?actor=" + url.QueryEscape(busiestActor(s)), page} {
					start := time.Now()
					r := tb.mapDrawing(path, ends)
					if strings.Contains(path, "actor=") && len(r.Labelled) == 0 {
						t.Errorf("%s: no relation is labelled", path)
					}
					r.check(t, path)
					t.Logf("%s at %s: %d labels on the map, %d listed, in %v", path, vp.name, len(r.Placed), len(r.Listed), time.Since(start).Round(time.Millisecond))
				}
			}
			tb.checkClean()
		})
	}
}

// busiestActor is the actor with the most relations, the first of them in the story's order: the
// one the map opens on when nothing is selected.
func busiestActor(s *data.Story) string {
	ix := layout.NewIndex(s)
	hub, most := "", -1
	for _, a := range s.Actors {
		if n := len(ix.ActorRelations(a.ID)); n > most {
			hub, most = a.ID, n
		}
	}
	return hub
}

// mapEnds is what mapLabelsJS takes: the story's relations' ends, {key: [from, to]}.
func mapEnds(t *testing.T, s *data.Story) []byte {
	t.Helper()
	ends := map[string][2]string{}
	for _, r := range s.Relations {
		ends[r.Key()] = [2]string{r.From, r.To}
	}
	b, err := json.Marshal(ends)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mapDrawing opens path, shows the map if the page opens on another pane, waits for it to be laid
// out for its width and reads its labels and overlaps.
func (tb *tab) mapDrawing(path string, ends []byte) mapLabelReport {
	tb.t.Helper()
	tb.open(path)
	if !strings.Contains(path, "actor=") {
		// An event or nothing selected shows the timeline tab; the reader then opens the map.
		tb.showMap()
	}
	tb.waitView("the map is laid out for its width", func(v mapView) error {
		if math.Abs(v.LaidW-v.FrameW) >= 1 {
			return fmt.Errorf("laid out for %v px in a %v px frame", v.LaidW, v.FrameW)
		}
		return nil
	})
	r, err := chromedp.Run(tb.ctx, chromedp.Evaluate[mapLabelReport](fmt.Sprintf(mapLabelsJS, ends)))
	if err != nil {
		tb.t.Fatal(err)
	}
	return r
}

// check reports what the drawing at path does wrong: a lit relation not labelled, a labelled one
// neither placed nor listed, a placed label not visible, an overlap.
func (r mapLabelReport) check(t *testing.T, path string) {
	t.Helper()
	if !sameSet(r.Labelled, r.Lit) {
		t.Errorf("%s: labelled %v, but the relations lit or selected on the day shown are %v", path, r.Labelled, r.Lit)
	}
	shown := append(append([]string(nil), r.Placed...), r.Listed...)
	if !sameSet(shown, r.Labelled) {
		t.Errorf("%s: labelled %v, but placed %v and listed %v", path, r.Labelled, r.Placed, r.Listed)
	}
	for _, h := range r.Hidden {
		t.Errorf("%s: the label of %s is placed but not visible", path, h)
	}
	for _, o := range r.Overlaps {
		t.Errorf("%s: overlap: %s", path, o)
	}
}

// writeShot saves a PNG as screenshots/<name>.png.
func writeShot(t *testing.T, name string, png []byte) {
	t.Helper()
	path := screenshotDir(t) + "/" + name + ".png"
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// mapView is the map's zoom and scroll, and the size of its drawing and frame.
type mapView struct {
	Zoom                  string
	SvgW, SvgH            float64
	LaidW                 float64 // the width the map was laid out for
	FrameW, FrameH        float64
	ScrollLeft, ScrollTop float64
	SelX, SelY            float64 // the selected actor's centre, relative to the frame's box
}

const mapViewJS = `(() => {
  const f = document.getElementById('actor-map'), s = f.querySelector('svg[viewBox]').getBoundingClientRect();
  const fb = f.getBoundingClientRect();
  const sel = document.querySelector('[data-view="map"] [data-actor-id][data-selected="true"] [data-shape]');
  const sb = sel ? sel.getBoundingClientRect() : {x: -1e6, y: -1e6, width: 0, height: 0};
  return {Zoom: f.dataset.zoom, SvgW: s.width, SvgH: s.height, LaidW: parseFloat(f.querySelector('svg[viewBox]').dataset.width),
    FrameW: f.clientWidth, FrameH: f.clientHeight,
    ScrollLeft: f.scrollLeft, ScrollTop: f.scrollTop, SelX: sb.x + sb.width / 2 - fb.x, SelY: sb.y + sb.height / 2 - fb.y};
})()`

func (tb *tab) mapView() mapView {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[mapView](mapViewJS))
	if err != nil {
		tb.t.Fatalf("reading the map's view: %v", err)
	}
	return v
}

func (tb *tab) waitView(what string, check func(mapView) error) mapView {
	tb.t.Helper()
	var last error
	for range int(stepTimeout / pollEvery) {
		v := tb.mapView()
		if last = check(v); last == nil {
			return v
		}
		chromedp.Do(tb.ctx, chromedp.Sleep(pollEvery))
	}
	tb.t.Fatalf("%s: %v%s", what, last, tb.rec.report())
	return mapView{}
}

// inView reports whether the selected actor's centre lies inside the frame.
func (v mapView) inView() bool {
	return v.SelX >= 0 && v.SelX <= v.FrameW && v.SelY >= 0 && v.SelY <= v.FrameH
}

// TestBrowserMapZoomAndPan: the buttons, the keyboard, Ctrl+wheel and a two-finger pinch zoom
// the map; a wheel and a finger pan it; fit shows all of it; the selection stays in view.
func TestBrowserMapZoomAndPan(t *testing.T) {
	t.Parallel()
	t.Run("mouse and keys", func(t *testing.T) {
		tb := newTab(t, desktop)
		tb.open("/?actor=sherman")
		// It opens at its own size, laid out for the width the browser measured; a map whose
		// actors need more room than that is wider and scrolls in its frame.
		start := tb.waitView("the map opens laid out for its width", func(v mapView) error {
			if v.Zoom != "1" || math.Abs(v.LaidW-v.FrameW) >= 1 || v.SvgW < v.FrameW-1 {
				return fmt.Errorf("zoom %s, %v px wide, laid out for %v px in a %v px frame", v.Zoom, v.SvgW, v.LaidW, v.FrameW)
			}
			return nil
		})
		tb.click(`[data-action="map-zoom-in"]`)
		in := tb.waitView("the button zooms in", func(v mapView) error {
			if v.Zoom != "1.3" && v.Zoom != "1.2" && v.SvgW < start.SvgW*1.2 {
				return fmt.Errorf("zoom %s, %v px wide", v.Zoom, v.SvgW)
			}
			return nil
		})
		if !in.inView() {
			t.Errorf("after zooming in the selected actor is at (%v, %v), outside the %vx%v frame", in.SelX, in.SelY, in.FrameW, in.FrameH)
		}
		tb.focus(`[data-view="map"] [data-actor-id][tabindex="0"]`)
		tb.key("-")
		tb.waitView("- zooms out", func(v mapView) error {
			if v.SvgW >= in.SvgW-1 {
				return fmt.Errorf("zoom %s, %v px wide", v.Zoom, v.SvgW)
			}
			return nil
		})
		tb.key("0")
		fit := tb.waitView("0 fits the whole map", func(v mapView) error {
			if v.SvgH > v.FrameH+1 || v.SvgW > v.FrameW+1 {
				return fmt.Errorf("the drawing is %vx%v in a %vx%v frame", v.SvgW, v.SvgH, v.FrameW, v.FrameH)
			}
			return nil
		})
		// Zoomed in again far enough that the map is taller than its frame, however wide its
		// layout made it (fit shrinks a wide map the most).
		for range 5 {
			tb.click(`[data-action="map-zoom-in"]`)
		}
		tb.waitView("zoomed in again", func(v mapView) error {
			if v.SvgH <= v.FrameH {
				return fmt.Errorf("the drawing is %v px tall in a %v px frame", v.SvgH, v.FrameH)
			}
			return nil
		})
		// Ctrl+wheel zooms; a plain wheel pans.
		before := tb.mapView()
		x, y := 200.0, 400.0
		box, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]float64](`(() => { const b = document.getElementById('actor-map').getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`))
		if err == nil && len(box) == 2 {
			x, y = box[0], box[1]
		}
		wheel := func(dy float64, mods int64) { // mods: Ctrl is 2
			if err := sendCDP(tb, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseWheel, X: x, Y: y, DeltaX: 1e-9, DeltaY: dy, Modifiers: mods}); err != nil { // a zero DeltaX would be left out, and Chromium wants one
				t.Fatal(err)
			}
		}
		wheel(-200, 2)
		tb.waitView("Ctrl+wheel zooms in", func(v mapView) error {
			if v.SvgW <= before.SvgW+1 {
				return fmt.Errorf("%v px wide, was %v", v.SvgW, before.SvgW)
			}
			return nil
		})
		top := tb.mapView().ScrollTop
		wheel(240, 0)
		panned := tb.waitView("a wheel pans", func(v mapView) error {
			if v.ScrollTop <= top {
				return fmt.Errorf("scrollTop %v, was %v", v.ScrollTop, top)
			}
			return nil
		})
		// Shift with an arrow pans too, and leaves the focus where it was.
		tb.focus(`[data-view="map"] [data-actor-id][tabindex="0"]`)
		focused := tb.eval(`document.activeElement.dataset.actorId`)
		if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
			t.Fatal(err)
		}
		tb.waitView("Shift+ArrowDown pans down", func(v mapView) error {
			if v.ScrollTop <= panned.ScrollTop {
				return fmt.Errorf("scrollTop %v, was %v", v.ScrollTop, panned.ScrollTop)
			}
			return nil
		})
		if now := tb.eval(`document.activeElement.dataset.actorId`); now != focused {
			t.Errorf("Shift+ArrowDown moved the focus from %s to %s", focused, now)
		}
		// A mouse drags the map to pan it, selecting nothing; a click afterwards still selects.
		mouse := func(typ input.DispatchMouseEventType, x, y float64) {
			p := input.DispatchMouseEventParams{Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1}
			if typ == input.DispatchMouseEventTypeMouseMoved {
				p.ClickCount = 0
			}
			if err := sendCDP(tb, input.DispatchMouseEvent, p); err != nil {
				t.Fatal(err)
			}
		}
		scrollTo := func(left, top float64) {
			tb.eval(fmt.Sprintf(`(document.getElementById('actor-map').scrollTo(%v, %v), '')`, left, top))
		}
		scrollTo(0, 0)
		before = tb.mapView()
		mouse(input.DispatchMouseEventTypeMousePressed, x, y)
		for k := 1.0; k <= 4; k++ {
			mouse(input.DispatchMouseEventTypeMouseMoved, x-30*k, y-20*k)
		}
		mouse(input.DispatchMouseEventTypeMouseReleased, x-120, y-80)
		tb.waitView("a mouse drag pans", func(v mapView) error {
			if v.ScrollLeft < before.ScrollLeft+100 || v.ScrollTop < before.ScrollTop+60 {
				return fmt.Errorf("scrolled to (%v, %v) from (%v, %v) by a drag of (120, 80)", v.ScrollLeft, v.ScrollTop, before.ScrollLeft, before.ScrollTop)
			}
			return nil
		})
		if u := tb.eval(`location.search`); u != "?actor=sherman" {
			t.Errorf("after a drag the URL says %s, want the selection unchanged", u)
		}
		if tb.eval(`String(document.getElementById('actor-map').hasAttribute('data-dragging'))`) != "false" {
			t.Errorf("the frame is still marked as being dragged")
		}
		tb.click(actorItem("macron"))
		tb.waitJS("a click after the drag selects", `location.search === '?actor=macron'`)
		_ = fit
		tb.checkClean()
	})
	t.Run("touch", func(t *testing.T) {
		tb := newTab(t, phone)
		if err := sendCDP(tb, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5}); err != nil {
			t.Fatal(err)
		}
		tb.open("/?actor=putin")
		start := tb.mapView()
		box, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]float64](`(() => { const f = document.getElementById('actor-map'); f.scrollIntoView({block: 'center'}); const b = f.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`))
		if err != nil || len(box) != 2 {
			t.Fatalf("finding the map: %v", err)
		}
		cx, cy := box[0], box[1]
		touch := func(typ input.DispatchTouchEventType, d float64) {
			one, two := 1.0, 2.0
			pts := []*input.TouchPoint{{X: cx - d, Y: cy, ID: &one}, {X: cx + d, Y: cy, ID: &two}}
			if typ == input.DispatchTouchEventTypeTouchEnd {
				pts = nil
			}
			if err := sendCDP(tb, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts}); err != nil {
				t.Fatal(err)
			}
		}
		touch(input.DispatchTouchEventTypeTouchStart, 30)
		for d := 40.0; d <= 120; d += 10 {
			touch(input.DispatchTouchEventTypeTouchMove, d)
		}
		touch(input.DispatchTouchEventTypeTouchEnd, 0)
		pinched := tb.waitView("spreading two fingers zooms in", func(v mapView) error {
			if v.SvgW <= start.SvgW*1.2 {
				return fmt.Errorf("%v px wide, was %v", v.SvgW, start.SvgW)
			}
			return nil
		})
		if !pinched.inView() {
			t.Errorf("after the pinch the selected actor is at (%v, %v), outside the %vx%v frame", pinched.SelX, pinched.SelY, pinched.FrameW, pinched.FrameH)
		}
		tb.checkClean()
	})
}

// TestBrowserMapRelationSelectable: a click on a relation's line or on its label selects it:
// the URL says so and the details panel shows it, with its label, valid time, source sentence
// and events; a link in the list under the map does the same by keyboard.
func TestBrowserMapRelationSelectable(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	tb := newTab(t, desktop)
	tb.open("/")
	tb.showMap() // the frame opens on the timeline tab
	tb.waitView("the map is laid out for its width", func(v mapView) error {
		if math.Abs(v.LaidW-v.FrameW) >= 1 {
			return fmt.Errorf("laid out for %v px in a %v px frame", v.LaidW, v.FrameW)
		}
		return nil
	})
	key := "blinken-meets-lavrov"
	found := false
	for _, r := range st.Relations {
		found = found || r.Key() == key
	}
	if !found {
		t.Fatalf("the seed story has no relation %s", key)
	}
	// The first point along the line where the line itself is what a click there would hit.
	pt, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]float64](`(() => {
		const p = document.querySelector('[data-view="map"] path[data-relation-id="`+key+`"]');
		p.scrollIntoView({block: 'center', inline: 'center'});
		const m = p.getScreenCTM(), len = p.getTotalLength();
		for (let d = 0; d <= len; d += 2) {
			const q = p.getPointAtLength(d), x = m.a * q.x + m.c * q.y + m.e, y = m.b * q.x + m.d * q.y + m.f;
			const el = document.elementFromPoint(x, y), g = el && el.closest('[data-edge]');
			if (g && g.dataset.edge === '`+key+`') return [x, y];
		}
		return [];
	})()`))
	if err != nil || len(pt) != 2 {
		t.Fatalf("finding the relation's line: %v", err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.MouseClickXY(pt[0], pt[1])); err != nil {
		t.Fatal(err)
	}
	detail := func(want string) {
		t.Helper()
		tb.waitFor("the details show the relation", func(s pageState) error {
			if got := s.query("relation"); got != want {
				return fmt.Errorf("?relation=%q", got)
			}
			return nil
		})
		// The panel follows the URL: wait for it too.
		var d []string
		for range int(stepTimeout / pollEvery) {
			d, _ = chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`(() => { const d = document.querySelector('[data-detail]');
				return [d.dataset.relationId || '', d.textContent]; })()`))
			if len(d) == 2 && d[0] == want {
				break
			}
			chromedp.Do(tb.ctx, chromedp.Sleep(pollEvery))
		}
		if len(d) != 2 || d[0] != want {
			t.Fatalf("the details panel shows %v, want data-relation-id=%q", d, want)
		}
		for _, r := range st.Relations {
			if r.Key() == want && (!strings.Contains(d[1], r.Label) || !strings.Contains(collapseSpace(d[1]), collapseSpace(r.Source))) {
				t.Errorf("the details of %s lack its label or source sentence: %q", want, d[1])
			}
		}
	}
	detail(key)
	// The selected relation is marked on the map.
	if n, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-view="map"] path[data-relation-id="`+key+`"][data-selected="true"]').length`)); n != 1 {
		t.Errorf("the selected relation's line is not marked selected")
	}
	// By keyboard: select an actor, then follow a relation in the list under the map.
	tb.open("/?actor=macron")
	link := `[data-view="map"] [data-relation-list] a`
	href, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.querySelector('`+link+`').getAttribute('href')`))
	if err != nil || !strings.HasPrefix(href, "?relation=") {
		t.Fatalf("the first relation link is %q (%v)", href, err)
	}
	tb.pressEnterOn(link)
	detail(strings.TrimPrefix(href, "?relation="))
	tb.checkClean()
}

// TestBrowserMapPhoneTargets: on a phone, 320 and 390 px wide, every actor's target and every map
// control is at least 24 by 24 px (WCAG 2.5.8).
func TestBrowserMapPhoneTargets(t *testing.T) {
	t.Parallel()
	for _, vp := range []viewport{narrow, phone} {
		t.Run(vp.name, func(t *testing.T) { checkMapTargets(t, vp) })
	}
}

func checkMapTargets(t *testing.T, vp viewport) {
	tb := newTab(t, vp)
	tb.open("/?actor=russia")
	small, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`(() => {
		const m = document.querySelector('[data-view="map"]'), out = [];
		// What is not drawn (a list the layout leaves out) is no target.
		const check = (el, what) => { if (!el.getClientRects().length) return;
			const b = el.getBoundingClientRect(); if (b.width < 24 || b.height < 24) out.push(what + ' ' + b.width + 'x' + b.height); };
		m.querySelectorAll('[data-actor-id]').forEach(g => check(g, g.dataset.actorId));
		m.querySelectorAll('.map-controls button').forEach(b => check(b, b.dataset.action));
		m.querySelectorAll('[data-relation-list] [data-relation-item]:not([data-on-map]) a').forEach(a => check(a, a.textContent));
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range small {
		t.Errorf("target smaller than 24x24 px: %s", s)
	}
	tb.checkClean()
}

// sendCDP sends one DevTools command with no result to the tab.
func sendCDP[P any](tb *tab, c cdp.Command[P, cdp.Empty], p P) error {
	return chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, c, p)
		return err
	}))
}

// TestBrowserMapOpensOnItsHub: a map wider than its frame, opened with nothing selected, shows
// the actor with the most relations in its frame, not the drawing's top left corner.
func TestBrowserMapOpensOnItsHub(t *testing.T) {
	t.Parallel()
	hub := busiestActor(story(t, defaultStoryID))
	for _, vp := range []viewport{phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, vp)
			tb.open("/")
			tb.showMap()
			tb.waitJS("the hub "+hub+" in the middle of the map's frame", fmt.Sprintf(`(() => {
				const f = document.getElementById('actor-map').getBoundingClientRect();
				const n = document.querySelector('[data-view="map"] [data-actor-id=%q] [data-shape]');
				if (!n) return false;
				const r = n.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
				return x > f.left + f.width / 4 && x < f.right - f.width / 4 && y > f.top && y < f.bottom;
			})()`, hub))
		})
	}
}
