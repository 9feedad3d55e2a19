//go:build !wasm

// Browser tests of the actor map: legible nodes at phone and desktop widths, selection, the
// two-step focus, the time control and the keyboard.

package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
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

// TestBrowserMapLegible: at 390 and 1280 px no node or label overlaps another, and the map is no
// wider than the screen.
func TestBrowserMapLegible(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	for _, vp := range []viewport{phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, vp)
			tb.open("/")
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
			for i, a := range rects {
				if a.x < 0 || a.x+a.w > float64(vp.width) {
					t.Errorf("%s spans x %v..%v, outside the %d px screen", a.what, a.x, a.x+a.w, vp.width)
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
// placed on the map and those listed, and every overlap of a placed label with another label, a
// node or an edge path (sampled every 2 px along it), in the drawing's own coordinates.
type mapLabelReport struct {
	Labelled, Placed, Listed []string
	Hidden                   []string // placed labels with no size or not displayed
	Overlaps                 []string
	FrameW, SvgW             float64
}

const mapLabelsJS = `(() => {
  const m = document.querySelector('[data-view="map"]');
  const svg = m.querySelector('svg[viewBox]');
  const box = el => { const b = el.getBBox(); return {x: b.x, y: b.y, w: b.width, h: b.height}; };
  const over = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const r = {Labelled: [...m.querySelectorAll('[data-edge][data-show-label="true"]')].map(g => g.dataset.edge),
    Placed: [], Listed: [...m.querySelectorAll('[data-relation-item]:not([data-on-map])')].map(li => li.dataset.relationItem),
    Hidden: [], Overlaps: [], FrameW: m.querySelector('#actor-map').clientWidth, SvgW: svg.getBoundingClientRect().width};
  const labels = [...m.querySelectorAll('[data-relation-label]')];
  const boxes = labels.map(box);
  const things = [];
  for (const g of m.querySelectorAll('[data-actor-id]')) {
    things.push({what: g.dataset.actorId + ' symbol', b: box(g.querySelector('[data-shape]'))});
    things.push({what: g.dataset.actorId + ' name', b: box(g.querySelector('text'))});
  }
  labels.forEach((l, i) => {
    r.Placed.push(...l.dataset.relationLabel.split(' '));
    const b = boxes[i];
    if (b.w <= 0 || b.h <= 0 || getComputedStyle(l).display === 'none' || getComputedStyle(l).visibility === 'hidden') r.Hidden.push(l.dataset.relationLabel);
    boxes.forEach((q, j) => { if (j > i && over(b, q)) r.Overlaps.push(l.textContent + ' / label ' + labels[j].textContent); });
    for (const t of things) if (over(b, t.b)) r.Overlaps.push(l.textContent + ' / ' + t.what);
  });
  for (const p of m.querySelectorAll('path[data-relation-id]')) {
    const len = p.getTotalLength();
    for (let d = 0; d <= len; d += 2) {
      const pt = p.getPointAtLength(d);
      const hit = boxes.findIndex(b => pt.x > b.x && pt.x < b.x + b.w && pt.y > b.y && pt.y < b.y + b.h);
      if (hit >= 0) { r.Overlaps.push(labels[hit].textContent + ' / edge ' + p.dataset.relationId); break; }
    }
  }
  return r;
})()`

// TestBrowserMapLabels: after selecting an actor, an event or a relation, at phone and desktop
// widths, every lit relation's label shows, placed on the map or listed under it, and no placed
// label overlaps another, a node or an edge.
func TestBrowserMapLabels(t *testing.T) {
	t.Parallel()
	for _, vp := range []viewport{phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, vp)
			for _, path := range []string{"/?actor=russia", "/?actor=blinken", "/?event=us-nato-written-responses", "/?event=geneva-meeting"} {
				tb.open(path)
				r, err := chromedp.Run(tb.ctx, chromedp.Evaluate[mapLabelReport](mapLabelsJS))
				if err != nil {
					t.Fatal(err)
				}
				if r.SvgW > r.FrameW+1 {
					t.Errorf("%s: the drawing is %v px wide in a frame of %v at its default zoom", path, r.SvgW, r.FrameW)
				}
				if len(r.Labelled) == 0 {
					t.Errorf("%s: no relation is labelled", path)
				}
				shown := append(append([]string(nil), r.Placed...), r.Listed...)
				if !sameSet(shown, r.Labelled) {
					t.Errorf("%s: labelled %v, but placed %v and listed %v", path, r.Labelled, r.Placed, r.Listed)
				}
				if strings.Contains(path, "actor=") && len(r.Placed) == 0 {
					t.Errorf("%s: no label is on the map (listed: %v)", path, r.Listed)
				}
				for _, h := range r.Hidden {
					t.Errorf("%s: the label of %s is placed but not visible", path, h)
				}
				for _, o := range r.Overlaps {
					t.Errorf("%s: overlap: %s", path, o)
				}
				t.Logf("%s at %s: %d labels on the map, %d listed", path, vp.name, len(r.Placed), len(r.Listed))
			}
			tb.open("/?actor=russia")
			if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`(document.getElementById('actor-map').scrollIntoView(), true)`)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
			if err == nil {
				writeShot(t, "map-labels-"+vp.name, png)
			}
			tb.checkClean()
		})
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
