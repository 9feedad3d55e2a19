//go:build !wasm

// Browser tests of the actor map: legible nodes at phone and desktop widths, selection, the
// two-step focus, the time control and the keyboard.

package main

import (
	"fmt"
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
	tb.key(kb.Enter)
	tb.waitFor("Enter selects the focused actor", func(s pageState) error {
		if len(s.SelectedActors) != 1 || s.SelectedActors[0] != second {
			return fmt.Errorf("selected actors %v, want [%s]", s.SelectedActors, second)
		}
		return nil
	})
	tb.key(kb.Escape)
	tb.waitFor("Escape clears the selection", nothingSelected)

	// A click focuses an actor too, but labels nothing: hover shows one label at a time, and every
	// relation of a well-connected actor labelled at once would pile up.
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
	if s := tb.mapState(); len(s.Labelled) > 0 {
		t.Errorf("after a click on russia, relations %v are labelled without hover", s.Labelled)
	}
	tb.checkClean()
}
