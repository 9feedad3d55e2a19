//go:build !wasm

package site

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"timeline/data"
)

// TestBrowserDevPreview writes a story while a page shows it, as a writer with `timeline dev`
// does: an edit shows without a reload, keeping the selection and the scroll; a broken file
// shows the overlay with the problem's place over the last good version; the fix removes it; a
// new file appears in /stories. The overlay passes axe-core and can be dismissed. Every step waits for the page to show its result.
func TestBrowserDevPreview(t *testing.T) {
	for _, vp := range []viewport{desktop, phone} {
		t.Run(vp.name, func(t *testing.T) {
			requireBrowser(t)
			dir := t.TempDir()
			file := filepath.Join(dir, defaultStoryID+".json")
			good := seedStory(t)
			if err := os.WriteFile(file, good, 0o644); err != nil {
				t.Fatal(err)
			}
			_, srv := startDev(t, dir, builtWasm(t))
			tb := newTabOn(t, vp, srv)
			s := story(t, defaultStoryID)
			ev := s.Events[len(s.Events)/2]
			tb.open("/story/" + defaultStoryID + "?event=" + ev.ID)
			tb.wait("the selected event's details", detailShows(ev.ID, ev.Headline))
			// A reload would lose this mark.
			tb.eval(`String(window.notReloaded = true)`)
			scroll := tb.eval(scrollJS)

			// An edit shows in place.
			edited := "Edited live: " + ev.Headline
			headline, _ := json.Marshal(ev.Headline)
			newHeadline, _ := json.Marshal(edited)
			editedFile := strings.Replace(string(good), `"headline": `+string(headline), `"headline": `+string(newHeadline), 1)
			if editedFile == string(good) {
				t.Fatalf("the event's headline %s is not in the file as written", headline)
			}
			saveAsEditors(t, file, []byte(editedFile))
			tb.wait("the edited headline in the details", detailShows(ev.ID, edited))
			if got := tb.eval(scrollJS); got != scroll {
				t.Errorf("scroll after the edit = %s, want it kept at %s", got, scroll)
			}

			// A broken file: the overlay names the file, line and column; the edit stays on screen.
			broken := strings.Replace(editedFile, `"asOf": "2022-01-27"`, `"asOf": "2022-02-30"`, 1)
			saveAsEditors(t, file, []byte(broken))
			tb.wait("the overlay with the problem's place", `(() => {
				const o = document.querySelector('[data-live-problems]');
				return !!o && !o.hidden && /`+regexpJS(file)+`:\d+:\d+: story\.asOf: /.test(o.textContent) && o.textContent.includes('Hint: ');
			})()`)
			tb.wait("the last good version under the overlay", detailShows(ev.ID, edited))
			if got := tb.eval(`document.querySelector('[data-live-status]').textContent`); !strings.Contains(got, "1 problem") {
				t.Errorf("the status line says %q, want the problem announced", got)
			}
			tb.viewportShot("dev-overlay-" + vp.name)
			for _, v := range tb.audit(axeSource(t)) {
				t.Errorf("with the overlay: %s (%s): %s %v", v.ID, v.Impact, v.Help, v.Nodes)
			}

			// Dismissed, the overlay stays away until the problems change.
			tb.click("[data-live-dismiss]")
			tb.wait("the overlay dismissed", `document.querySelector('[data-live-problems]').hidden`)
			tb.viewportShot("dev-overlay-dismissed-" + vp.name)
			saveAsEditors(t, file, []byte(strings.Replace(broken, `"language": "en"`, `"language": ""`, 1)))
			tb.wait("the overlay back with both problems", `(() => {
				const o = document.querySelector('[data-live-problems]');
				return !o.hidden && o.querySelectorAll('[data-live-problem]').length === 2 && /story\.language: /.test(o.textContent);
			})()`)

			// Fixed: the overlay goes by itself, and the fixed file shows.
			saveAsEditors(t, file, good)
			tb.wait("the overlay gone and the fixed story shown", `(() => {
				const o = document.querySelector('[data-live-problems]');
				return !!o && o.hidden && `+detailShows(ev.ID, ev.Headline)+`;
			})()`)
			if tb.eval(`String(window.notReloaded === true)`) != "true" {
				t.Errorf("the page was reloaded")
			}

			// A new file appears in the list of stories.
			if err := chromedp.Do(tb.ctx, chromedp.Navigate(srv.URL+"/stories")); err != nil {
				t.Fatal(err)
			}
			tb.wait("the list's stream", `!!document.querySelector('[data-live-status]')`)
			b, err := data.Starter("fresh", "story.schema.json", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			saveAsEditors(t, filepath.Join(dir, "fresh.json"), b)
			// The list reloads itself: the condition is read again across the reload.
			tb.waitAcrossLoads("the new story in /stories", `!!document.querySelector('[data-story-id="fresh"]')`)
			tb.checkClean()
		})
	}
}

// scrollJS reads where the timeline and the details are scrolled to.
const scrollJS = `(() => {
	const tl = document.getElementById('tl-scroll'), d = document.querySelector('[data-detail]');
	return [tl.scrollLeft, tl.scrollTop, d.scrollTop].join(',');
})()`

// detailShows is true while the details show the event with that headline.
func detailShows(id, headline string) string {
	return `(() => {
		const d = document.querySelector('[data-detail]');
		return !!d && d.getAttribute('data-event-id') === ` + cssString(id) + ` && d.textContent.includes(` + cssString(headline) + `);
	})()`
}

// regexpJS escapes s for a JavaScript regular expression literal.
func regexpJS(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\^$.|?*+()[]{}/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wait waits until the JavaScript condition is true.
func (tb *tab) wait(what, cond string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(pollEvery))); err != nil {
		tb.t.Fatalf("waiting for %s: %v%s", what, err, tb.rec.report())
	}
}

// waitAcrossLoads waits until the JavaScript condition is true, in whichever document the tab
// has loaded by then: a reading cut short by a navigation is read again.
func (tb *tab) waitAcrossLoads(what, cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		last = err
		<-tick.C
	}
	tb.t.Fatalf("waiting %v for %s: %v%s", stepTimeout, what, last, tb.rec.report())
}

// viewportShot saves what the reader sees, the viewport alone, as screenshots/<name>.png.
func (tb *tab) viewportShot(name string) {
	tb.t.Helper()
	png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(screenshotDir(tb.t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("screenshot: %s", path)
}
