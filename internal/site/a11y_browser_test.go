//go:build !wasm

// Accessibility tests in the browser: axe-core's WCAG 2.0/2.1 A and AA rules on every view, a
// keyboard-only reader journey, the live region, and the story read without JavaScript.

package site

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"timeline/data"
)

// axeSource returns axe-core's script: from TIMELINE_AXE, or where `make test` installs it.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("TIMELINE_AXE")
	if path == "" {
		path = filepath.Join(moduleRoot(t), "bin", "npm", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("TIMELINE_REQUIRE_BROWSER") == "1" {
			t.Fatalf("axe-core is missing (%v): make test installs it with npm", err)
		}
		t.Skipf("axe-core is not installed (%v): run make test", err)
	}
	return string(b)
}

// setScheme emulates a colour scheme, keeping motion reduced.
func (tb *tab) setScheme(scheme string) {
	tb.t.Helper()
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{
				{Name: "prefers-color-scheme", Value: scheme},
				{Name: "prefers-reduced-motion", Value: "reduce"},
			},
		})
		return err
	}))
	if err != nil {
		tb.t.Fatalf("emulating %s: %v", scheme, err)
	}
}

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct {
		Target         []any
		FailureSummary string
	}
}

// audit runs axe-core on the page with the WCAG 2.0 and 2.1 A and AA rules and returns what fails.
func (tb *tab) audit(axe string) []axeViolation {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`(() => { if (!window.axe) { `+axe+`
		} return !!window.axe; })()`)); err != nil {
		tb.t.Fatalf("loading axe-core: %v", err)
	}
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']
	}).then(r => r.violations.map(v => ({ID: v.id, Impact: v.impact, Help: v.help,
		Nodes: v.nodes.slice(0, 5).map(n => ({Target: n.target, FailureSummary: n.failureSummary}))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("running axe-core: %v", err)
	}
	return v
}

// TestBrowserAccessibilityAudit: zero axe-core violations on the full page and the embed, with
// nothing, an event, an actor or a relation selected, at phone and desktop widths, in light and
// dark.
func TestBrowserAccessibilityAudit(t *testing.T) {
	t.Parallel()
	axe := axeSource(t)
	relation := "?relation=" + url.QueryEscape(story(t, defaultStoryID).Relations[0].Key())
	for _, route := range []string{"/", "/embed/" + defaultStoryID} {
		for _, vp := range []viewport{phone, desktop} {
			for _, scheme := range []string{"light", "dark"} {
				t.Run(fmt.Sprintf("%s %s %s", route, vp.name, scheme), func(t *testing.T) {
					t.Parallel()
					tb := newTab(t, vp)
					tb.setScheme(scheme)
					for _, q := range []string{"", "?event=geneva-meeting", "?actor=blinken", relation} {
						tb.open(route + q)
						for _, v := range tb.audit(axe) {
							var where []string
							for _, n := range v.Nodes {
								where = append(where, fmt.Sprint(n.Target)+": "+n.FailureSummary)
							}
							t.Errorf("%s%s: %s (%s): %s\n  %s", route, q, v.ID, v.Impact, v.Help, strings.Join(where, "\n  "))
						}
					}
					tb.checkClean()
				})
			}
		}
	}
}

// TestBrowserKeyboardJourney: with the keyboard alone a reader selects an event, moves to the
// next, selects an actor and clears the selection; the live region announces each headline.
func TestBrowserKeyboardJourney(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	order := chronological(st)
	tb := newTab(t, desktop)
	tb.open("/")
	active := func() string {
		return tb.eval(`(() => { const a = document.activeElement; if (!a) return '';
			if (a.closest('[data-view="timeline"]') && a.dataset.eventId) return 'event:' + a.dataset.eventId;
			if (a.dataset && a.dataset.actorId) return 'actor:' + a.dataset.actorId;
			return a.tagName; })()`)
	}
	tabToMap := func() {
		t.Helper()
		for range 40 {
			tb.key(kb.Tab)
			if tb.eval(`document.activeElement.getAttribute('role') || ''`) == "tab" {
				// The tabs are one tab stop; the arrows move between them and choose the one they reach.
				if tb.eval(`document.activeElement.getAttribute('data-tab') || ''`) != "map" {
					tb.key(kb.ArrowRight)
				}
				deadline := time.Now().Add(stepTimeout)
				for tb.eval(`document.activeElement.getAttribute('data-tab') + ' ' + document.querySelector('[data-widget]').dataset.tab`) != "map map" {
					if time.Now().After(deadline) {
						t.Fatalf("ArrowRight on the timeline's tab never chose the map's")
					}
					time.Sleep(pollEvery)
				}
				return
			}
		}
		t.Fatalf("40 presses of Tab never reached the frame's tabs")
	}
	tabTo := func(prefix string) string {
		t.Helper()
		for range 40 {
			tb.key(kb.Tab)
			if a := active(); strings.HasPrefix(a, prefix) {
				return strings.TrimPrefix(a, prefix)
			}
		}
		t.Fatalf("40 presses of Tab never reached a %s", prefix)
		return ""
	}
	first := tabTo("event:")
	if first != order[0] {
		t.Errorf("the timeline's tab stop is %s, want the first event %s", first, order[0])
	}
	tb.key(kb.Enter)
	tb.waitFor("Enter selects the event", selectedIs(first))
	tb.waitLive("Selected: " + eventOf(t, st, first).Headline)
	tb.key(kb.ArrowRight)
	tb.waitZoom("ArrowRight moves focus to the next event", func(z zoomState) bool { return z.Active == order[1] })
	tb.key(" ")
	tb.waitFor("Space selects the next event", selectedIs(order[1]))
	tb.waitLive("Selected: " + eventOf(t, st, order[1]).Headline)
	tabToMap()
	actor := tabTo("actor:")
	tb.key(kb.Enter)
	tb.waitFor("Enter selects the actor", func(s pageState) error {
		if len(s.SelectedActors) != 1 || s.SelectedActors[0] != actor {
			return fmt.Errorf("selected actors %v, want [%s]", s.SelectedActors, actor)
		}
		return nil
	})
	tb.key(kb.Escape)
	tb.waitFor("Escape clears the selection", nothingSelected)
	tb.checkClean()
}

// eventOf is st.EventByID, failing the test when there is no such event.
func eventOf(t *testing.T, st *data.Story, id string) *data.Event {
	t.Helper()
	ev, ok := st.EventByID(id)
	if !ok {
		t.Fatalf("no event %s", id)
	}
	return ev
}

// waitLive waits until the widget's polite live region says exactly want, and that the widget
// has only that one.
func (tb *tab) waitLive(want string) {
	tb.t.Helper()
	var got string
	for range int(stepTimeout / pollEvery) {
		got = tb.eval(`(() => { const l = document.querySelectorAll('[data-widget] [aria-live]');
			return l.length === 1 && l[0].getAttribute('aria-live') === 'polite' ? l[0].textContent : 'live regions: ' + l.length; })()`)
		if got == want {
			return
		}
		chromedp.Do(tb.ctx, chromedp.Sleep(pollEvery))
	}
	tb.t.Fatalf("the live region says %q, want %q", got, want)
}

// TestBrowserWithoutJavaScript: with scripts disabled the page still tells the whole story as
// text: every event in time order with its worded date, every actor and every relation.
func TestBrowserWithoutJavaScript(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	tb := newTab(t, desktop)
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.base+"/")); err != nil {
		t.Fatal(err)
	}
	// The response has come, not yet the whole page: on a busy machine the story as text, at its
	// end, may not have been parsed.
	tb.waitJS("the page is parsed", `document.readyState === "complete"`)
	// The story as text is below the fold, where content-visibility: auto may leave it unlaid
	// out, and then out of innerText, on a busy machine: a reader who scrolls there reads it.
	text := collapseSpace(tb.eval(`(() => {
		const s = document.createElement('style');
		s.textContent = '* { content-visibility: visible !important; }';
		document.head.append(s);
		return document.body.innerText;
	})()`))
	pos := 0
	for _, id := range chronological(st) {
		ev := eventOf(t, st, id)
		line := collapseSpace(ev.When.Words())
		i := strings.Index(text[pos:], line)
		if i < 0 {
			t.Errorf("without JavaScript the page does not show %q (%s) after the previous event", line, id)
			continue
		}
		pos += i
		if !strings.Contains(text, collapseSpace(ev.Headline)) {
			t.Errorf("without JavaScript the page does not show the headline %q", ev.Headline)
		}
	}
	for _, a := range st.Actors {
		if !strings.Contains(text, a.Name) {
			t.Errorf("without JavaScript the page does not name %s", a.Name)
		}
	}
	if ready := tb.eval(`String(!!document.querySelector('[data-ready="true"]'))`); ready != "false" {
		t.Errorf("data-ready is set without JavaScript")
	}
}

// TestBrowserStoryAsTextOnceReady: in the browser the story as text is drawn once the widget is
// ready, and then holds every event, actor and relation, as the page the server sent does; a
// reader who opens it finds it there.
func TestBrowserStoryAsTextOnceReady(t *testing.T) {
	t.Parallel()
	st := story(t, defaultStoryID)
	tb := newTab(t, desktop)
	tb.open("/")
	tb.waitReady()
	want := len(st.Events) + len(st.Actors) + len(st.Relations)
	tb.waitJS("the story as text is drawn", fmt.Sprintf(
		`document.querySelectorAll('.text-alt .text-alt-body li').length === %d`, want))
	tb.click(".text-alt summary")
	tb.waitJS("the story as text opens", `document.querySelector('.text-alt').open`)
	for _, id := range chronological(st)[:3] {
		ev := eventOf(t, st, id)
		if got := tb.eval(`document.querySelector('.text-alt .text-alt-body').innerText`); !strings.Contains(collapseSpace(got), collapseSpace(ev.Headline)) {
			t.Errorf("the story as text, opened, does not show %q", ev.Headline)
		}
	}
	tb.checkClean()
}
