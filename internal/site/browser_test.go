//go:build !wasm

// Headless-browser tests of the widget, driven through the test hooks of
// DESIGN.md ("Hooks for tests"). The harness is in browser_helpers_test.go.
//
// Run: go test ./internal/site -run Browser -v
// Screenshots land in <module root>/screenshots/.

package site

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"timeline/data"
)

// TestBrowserReady: / becomes ready, shows the default story with every event
// and actor, selects nothing, and logs no error.
func TestBrowserReady(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	tb := newTab(t, desktop)
	tb.open("/")
	s := tb.state()

	t.Run("the title and the headline name the story", func(t *testing.T) {
		if !strings.Contains(s.Title, st.Info.Title) {
			t.Errorf("document.title = %q, want it to contain the story title %q", s.Title, st.Info.Title)
		}
		body := collapseSpace(tb.in(t).eval(`document.body.textContent`))
		if !strings.Contains(body, collapseSpace(st.Info.Title)) {
			t.Errorf("the page does not show the story title %q", st.Info.Title)
		}
	})
	t.Run("every event has a marker and every actor a node", func(t *testing.T) {
		if want := eventIDs(st); !sameSet(s.Events, want) {
			t.Errorf("timeline markers = %v\nwant the story's events %v", s.Events, want)
		}
		if want := actorIDs(st); !sameSet(s.Actors, want) {
			t.Errorf("map nodes = %v\nwant the story's actors %v", s.Actors, want)
		}
		if len(st.Relations) > 0 && s.Relations == 0 {
			t.Errorf("the map draws no [data-relation-id] edge; the story has %d relations", len(st.Relations))
		}
	})
	t.Run("nothing is selected", func(t *testing.T) {
		if err := nothingSelected(s); err != nil {
			t.Error(err)
		}
	})
	t.Run("the bundle and the story are fetched once: their preloads are taken", func(t *testing.T) {
		n := tb.in(t).eval(`String(performance.getEntriesByType("resource").filter(e => /\/web\/app\.[0-9a-f]+\.wasm$/.test(new URL(e.name).pathname)).length)`)
		if n != "1" {
			t.Errorf("app.wasm was requested %s times, want once", n)
		}
		n = tb.in(t).eval(`String(performance.getEntriesByType("resource").filter(e => new URL(e.name).pathname == "/web/data/` + defaultStoryID + `.json").length)`)
		if n != "1" {
			t.Errorf("the story's JSON was requested %s times, want once: from the head, taken by the WebAssembly", n)
		}
	})
	t.Run("no console errors or failed requests", func(t *testing.T) {
		tb.in(t).checkClean()
	})
}

// TestBrowserSelectEvent: a click on an event marker selects the event, puts
// it in the URL and the detail panel, and lights exactly its actors.
func TestBrowserSelectEvent(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	ev := linkingEvent(t, st, 0)
	tb := newTab(t, desktop)
	tb.open("/")
	tb.click(markerSel(ev.ID))
	tb.waitFor("after a click on event "+ev.ID+", it is selected and its actors lit", eventSelected(st, ev))
	tb.checkClean()
}

// TestBrowserSelectActor: a click on an actor node selects the actor, shows
// it in the detail panel, and lights exactly its events on the timeline.
func TestBrowserSelectActor(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	a := linkingActor(t, st)
	tb := newTab(t, desktop)
	tb.open("/")
	tb.showMap() // the map is the frame's second tab
	tb.click(actorSel(a.ID))
	tb.waitFor("after a click on actor "+a.ID+", it is selected and its events lit", actorSelected(st, a))
	tb.checkClean()
}

// TestBrowserDeepLink: /?event=<id> and /?actor=<id> open with the selection
// made, both in the server's first HTML (prerendered) and in the running
// widget, before any click.
func TestBrowserDeepLink(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	ev := linkingEvent(t, st, 1)
	a := linkingActor(t, st)
	eventPath := "/?event=" + url.QueryEscape(ev.ID)
	actorPath := "/?actor=" + url.QueryEscape(a.ID)

	t.Run("the first HTML response has the event selected", func(t *testing.T) {
		t.Parallel()
		srv := startServer(t)
		doc := parseHTML(getHTML(t, srv.URL+eventPath))
		checkPrerenderedSelection(t, doc, "timeline", "data-event-id", ev.ID, ev.Headline)
	})
	t.Run("the first HTML response has the actor selected", func(t *testing.T) {
		t.Parallel()
		srv := startServer(t)
		doc := parseHTML(getHTML(t, srv.URL+actorPath))
		checkPrerenderedSelection(t, doc, "map", "data-actor-id", a.ID, a.Name)
	})
	t.Run("the widget opens with the event selected", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, desktop)
		tb.open(eventPath)
		tb.waitFor("at "+eventPath+", event "+ev.ID+" is selected without a click", eventSelected(st, ev))
		tb.checkClean()
	})
	t.Run("the widget opens with the actor selected", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, desktop)
		tb.open(actorPath)
		tb.waitFor("at "+actorPath+", actor "+a.ID+" is selected without a click", actorSelected(st, a))
		tb.checkClean()
	})
}

// checkPrerenderedSelection checks, in the parsed first HTML response, that
// inside [data-view=<view>] the element with <idAttr>=<id> and only it has
// data-selected="true", and that the detail panel shows it with its text.
func checkPrerenderedSelection(t *testing.T, doc *htmlNode, view, idAttr, id, text string) {
	t.Helper()
	roots := doc.find(hasAttr("data-view", view))
	if len(roots) == 0 {
		t.Fatalf(`no [data-view=%q] element in the HTML`, view)
	}
	var selected, aria, own []string
	for _, r := range roots {
		for _, n := range r.find(hasAttr("data-selected", "true")) {
			selected = append(selected, n.attrs[idAttr])
		}
		for _, n := range r.find(hasAttr(idAttr, id)) {
			if ariaSelected(n) {
				aria = append(aria, id)
			}
			own = append(own, n.openingTag())
		}
	}
	if len(own) == 0 {
		t.Fatalf(`no element with %s=%q in [data-view=%q]`, idAttr, id, view)
	}
	if !sameSet(selected, []string{id}) {
		t.Errorf("[data-view=%q] elements with data-selected=\"true\": %s=%q, want only %q; the %s element(s):\n  %s",
			view, idAttr, selected, id, id, strings.Join(own, "\n  "))
	}
	if len(aria) == 0 {
		t.Errorf("the %s element does not say it is selected in ARIA (aria-pressed=\"true\", aria-selected=\"true\" "+
			"or an aria-current other than \"\" and \"false\"):\n  %s", id, strings.Join(own, "\n  "))
	}
	details := doc.find(hasAttrSet("data-detail"))
	if len(details) != 1 {
		t.Fatalf("%d [data-detail] elements in the HTML, want 1", len(details))
	}
	d := details[0]
	if got := d.attrs[idAttr]; got != id {
		t.Errorf("[data-detail] has %s=%q, want %q", idAttr, got, id)
	}
	if got := d.textContent(); !strings.Contains(got, collapseSpace(text)) {
		t.Errorf("[data-detail] text does not contain %q; it is %q", text, got)
	}
}

// TestBrowserBackButton: back walks the selections: A, then B, back shows A
// again, back once more shows nothing selected.
func TestBrowserBackButton(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	evA := linkingEvent(t, st, 0)
	evB := otherEvent(t, st, evA.ID)
	tb := newTab(t, desktop)
	tb.open("/")
	tb.waitFor("at /, nothing is selected", nothingSelected)

	tb.click(markerSel(evA.ID))
	tb.waitFor("after a click on event A ("+evA.ID+"), A is selected", eventSelected(st, evA))
	tb.click(markerSel(evB.ID))
	tb.waitFor("after a click on event B ("+evB.ID+"), B is selected", eventSelected(st, evB))

	tb.back()
	tb.waitFor("after back, A ("+evA.ID+") is selected again", func(s pageState) error {
		if !s.Ready {
			return fmt.Errorf("the widget is no longer ready (did back reload the page?)")
		}
		return eventSelected(st, evA)(s)
	})
	tb.back()
	tb.waitFor("after back again, nothing is selected", func(s pageState) error {
		if !s.Ready {
			return fmt.Errorf("the widget is no longer ready (did back reload the page?)")
		}
		return nothingSelected(s)
	})
	tb.checkClean()
}

// TestBrowserKeyboard: Enter on a focused event marker selects the event.
func TestBrowserKeyboard(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	es := linkingEvents(st)
	if len(es) == 0 {
		t.Fatalf("story %s has no event with some but not all actors", st.Info.ID)
	}
	ev := es[len(es)-1] // another event than the click tests use
	tb := newTab(t, desktop)
	tb.open("/")
	tb.pressEnterOn(markerSel(ev.ID))
	tb.waitFor("after Enter on the focused marker of "+ev.ID+", it is selected", eventSelected(st, ev))
	tb.checkClean()
}

// TestBrowserResponsive: at a phone and a desktop size the page has no
// horizontal overflow, before and after a selection; screenshots of each.
func TestBrowserResponsive(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	ev := linkingEvent(t, st, 0)
	a := linkingActor(t, st)

	t.Run("phone 390x844", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, phone)
		tb.open("/")
		tb.noHorizontalOverflow()
		tb.screenshot("phone-default")
		tb.click(markerSel(ev.ID))
		tb.waitFor("on a phone, a click on event "+ev.ID+" selects it", eventSelected(st, ev))
		tb.noHorizontalOverflow()
		tb.screenshot("phone-event-selected")
		tb.checkClean()
	})
	t.Run("desktop 1280x800", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, desktop)
		tb.open("/")
		tb.noHorizontalOverflow()
		tb.screenshot("desktop-default")
		tb.showMap()
		tb.click(actorSel(a.ID))
		tb.waitFor("on a desktop, a click on actor "+a.ID+" selects it", actorSelected(st, a))
		tb.noHorizontalOverflow()
		tb.screenshot("desktop-actor-selected")
		tb.checkClean()
	})
}

// TestBrowserFirstHTMLHasTheWholeStory: the server's first HTML response,
// before any script, has the title, every event headline and every actor
// name, for / and for each /story/<id>. No browser needed.
func TestBrowserFirstHTMLHasTheWholeStory(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	check := func(t *testing.T, path string, st *data.Story) {
		text := parseHTML(getHTML(t, srv.URL+path)).body().textContent()
		want := []string{st.Info.Title}
		for _, e := range st.Events {
			want = append(want, e.Headline)
		}
		for _, a := range st.Actors {
			want = append(want, a.Name)
		}
		var missing []string
		for _, w := range want {
			if !strings.Contains(text, collapseSpace(w)) {
				missing = append(missing, w)
			}
		}
		if len(missing) > 0 {
			t.Errorf("GET %s: the body text lacks %d of %d titles/headlines/names:\n  %s",
				path, len(missing), len(want), strings.Join(missing, "\n  "))
		}
	}
	t.Run("/", func(t *testing.T) { check(t, "/", story(t, defaultStoryID)) })
	for _, st := range embeddedStories(t) {
		path := "/story/" + url.PathEscape(st.Info.ID)
		t.Run(path, func(t *testing.T) { check(t, path, st) })
	}
}

// ---- expected states -------------------------------------------------------------

// eventSelected accepts the state where ev is the one selection: in the URL,
// on its marker, in the detail panel, with exactly its actors lit and the
// other actors dimmed.
func eventSelected(st *data.Story, ev data.Event) func(pageState) error {
	lit := actorsOf(ev)
	dim := minus(actorIDs(st), lit)
	return func(s pageState) error {
		var p problems
		if got := s.query("event"); got != ev.ID {
			p.addf("the URL %s has ?event=%q, want %q", s.URL, got, ev.ID)
		}
		if got := s.query("actor"); got != "" {
			p.addf("the URL %s still has ?actor=%q", s.URL, got)
		}
		if !sameSet(s.SelectedEvents, []string{ev.ID}) {
			p.addf(`events with data-selected="true": %v, want [%s]`, s.SelectedEvents, ev.ID)
		}
		if !sameSet(s.AriaEvents, []string{ev.ID}) {
			p.addf(`markers selected in ARIA (aria-pressed/-selected/-current): %v, want [%s]`, s.AriaEvents, ev.ID)
		}
		if len(s.SelectedActors) > 0 {
			p.addf(`an event is selected, yet actors %v have data-selected="true"`, s.SelectedActors)
		}
		switch {
		case s.Detail == nil:
			p.addf("no [data-detail] panel")
		case s.Detail.EventID != ev.ID || s.Detail.ActorID != "":
			p.addf("the detail panel has data-event-id=%q data-actor-id=%q, want event %q", s.Detail.EventID, s.Detail.ActorID, ev.ID)
		case !strings.Contains(s.Detail.Text, collapseSpace(ev.Headline)):
			p.addf("the detail panel does not show the headline %q", ev.Headline)
		}
		if !sameSet(s.LitActors, lit) {
			p.addf(`lit actors (data-lit="true"): %v, want exactly the event's actors %v`, s.LitActors, lit)
		}
		if !sameSet(s.DimActors, dim) {
			p.addf(`dimmed actors (data-dim="true"): %v, want the others %v`, s.DimActors, dim)
		}
		return p.err()
	}
}

// actorSelected accepts the state where a is the one selection: in the URL,
// on its node, in the detail panel, with exactly its events lit.
func actorSelected(st *data.Story, a data.Actor) func(pageState) error {
	lit := eventsOf(st, a.ID)
	return func(s pageState) error {
		var p problems
		if got := s.query("actor"); got != a.ID {
			p.addf("the URL %s has ?actor=%q, want %q", s.URL, got, a.ID)
		}
		if got := s.query("event"); got != "" {
			p.addf("the URL %s still has ?event=%q", s.URL, got)
		}
		if !sameSet(s.SelectedActors, []string{a.ID}) {
			p.addf(`actors with data-selected="true": %v, want [%s]`, s.SelectedActors, a.ID)
		}
		if !sameSet(s.AriaActors, []string{a.ID}) {
			p.addf(`actor nodes selected in ARIA (aria-pressed/-selected/-current): %v, want [%s]`, s.AriaActors, a.ID)
		}
		if len(s.SelectedEvents) > 0 {
			p.addf(`an actor is selected, yet events %v have data-selected="true"`, s.SelectedEvents)
		}
		switch {
		case s.Detail == nil:
			p.addf("no [data-detail] panel")
		case s.Detail.ActorID != a.ID || s.Detail.EventID != "":
			p.addf("the detail panel has data-event-id=%q data-actor-id=%q, want actor %q", s.Detail.EventID, s.Detail.ActorID, a.ID)
		case !strings.Contains(s.Detail.Text, collapseSpace(a.Name)):
			p.addf("the detail panel does not show the name %q", a.Name)
		}
		if !sameSet(s.LitEvents, lit) {
			p.addf(`lit events (data-lit="true"): %v, want exactly the actor's events %v`, s.LitEvents, lit)
		}
		return p.err()
	}
}

// nothingSelected accepts the state with no selection: none in the URL,
// none marked, nothing dimmed, and a detail panel that shows no item.
func nothingSelected(s pageState) error {
	var p problems
	for _, q := range []string{"event", "actor"} {
		if got := s.query(q); got != "" {
			p.addf("the URL %s has ?%s=%q", s.URL, q, got)
		}
	}
	for _, l := range []struct {
		what string
		ids  []string
	}{
		{`events with data-selected="true"`, s.SelectedEvents},
		{`markers selected in ARIA`, s.AriaEvents},
		{`actors with data-selected="true"`, s.SelectedActors},
		{`actor nodes selected in ARIA`, s.AriaActors},
		{`dimmed events`, s.DimEvents},
		{`dimmed actors`, s.DimActors},
	} {
		if len(l.ids) > 0 {
			p.addf("%s: %v, want none", l.what, l.ids)
		}
	}
	if d := s.Detail; d != nil && (d.EventID != "" || d.ActorID != "") {
		p.addf("the detail panel has data-event-id=%q data-actor-id=%q, want neither", d.EventID, d.ActorID)
	}
	return p.err()
}

// problems collects the mismatches of one check.
type problems []string

func (p *problems) addf(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("\n  - %s", strings.Join(p, "\n  - "))
}

// ---- picking what to click ---------------------------------------------------------

// linkingEvent gives the i-th event (story order) that lights some actors
// and dims others, or the last such event when there are fewer.
func linkingEvent(t *testing.T, st *data.Story, i int) data.Event {
	t.Helper()
	es := linkingEvents(st)
	if len(es) == 0 {
		t.Fatalf("story %s has no event with some but not all actors", st.Info.ID)
	}
	return es[min(i, len(es)-1)]
}

// otherEvent gives a linking event other than id, or any other event.
func otherEvent(t *testing.T, st *data.Story, id string) data.Event {
	t.Helper()
	for _, es := range [][]data.Event{linkingEvents(st), st.Events} {
		if i := slices.IndexFunc(es, func(e data.Event) bool { return e.ID != id }); i >= 0 {
			return es[i]
		}
	}
	t.Fatalf("story %s has only one event", st.Info.ID)
	return data.Event{}
}
