//go:build !wasm

// Browser tests of a story across deep time, from the Big Bang to 2022: legible at 320 and
// 1280 px, its dates worded for readers (years ago, BC, AD), its axis broken and labelled across
// the gaps. The harness is in browser_helpers_test.go.
//
// Run: go test ./internal/site -run 'BrowserDeepTime' -v

package site

import (
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"timeline/data"
)

// deepTimeFile is the story made for these tests, shared with the data and layout tests.
const deepTimeFile = "../../data/testdata/deep-time/big-bang-to-2022.json"

// negativeYear matches a minus before a digit, as in an astronomical year shown to readers.
var negativeYear = regexp.MustCompile(`(^|[^0-9A-Za-z])-[0-9]`)

// deepTimeFolder writes the embedded stories and the deep-time story into a new folder for -data,
// and returns it and the deep-time story.
func deepTimeFolder(t *testing.T) (string, *data.Story) {
	t.Helper()
	b, err := os.ReadFile(deepTimeFile)
	if err != nil {
		t.Fatal(err)
	}
	deep, err := data.Decode("big-bang-to-2022.json", b)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeStory(t, dir, deep)
	return dir, deep
}

// deepTimeServer serves the embedded stories and the deep-time story, which it returns too.
func deepTimeServer(t *testing.T) (*httptest.Server, *data.Story) {
	t.Helper()
	requireBrowser(t)
	go buildWasm()
	dir, deep := deepTimeFolder(t)
	h, err := NewHandler(Config{WasmFile: builtWasm(t), DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, deep
}

// TestDeepTimeFirstHTML: the page of the story from the Big Bang to 2022 arrives with its dates
// worded for readers, before any script. No browser needed.
func TestDeepTimeFirstHTML(t *testing.T) {
	dir, deep := deepTimeFolder(t)
	h, err := NewHandler(Config{WasmFile: fakeWasm(t), DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	res := get(t, h, "/story/"+deep.Info.ID)
	page := body(t, res)
	if res.StatusCode != 200 {
		t.Fatalf("GET /story/%s = %d", deep.Info.ID, res.StatusCode)
	}
	for _, want := range []string{"13.8 billion years ago", "About 4.6 billion years ago", "21 April 753 BC", "19 August AD 14", "12 July 2022"} {
		if !strings.Contains(page, want) {
			t.Errorf("the first HTML lacks %q", want)
		}
	}
}

// TestBrowserDeepTime: at 320, 390 and 1280 px the story from the Big Bang to 2022 shows every event,
// none overlapping another, each date inside its card and worded for readers; on the desktop the
// axis marks billions of years and labels its breaks; a click shows the date and its precision.
func TestBrowserDeepTime(t *testing.T) {
	t.Parallel()
	srv, deep := deepTimeServer(t)
	path := "/story/" + deep.Info.ID

	for _, vp := range []viewport{narrow, phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTabOn(t, vp, srv)
			tb.open(path)
			boxes := tb.boxes()
			if len(boxes) != len(deep.Events) {
				t.Fatalf("%d markers, want %d", len(boxes), len(deep.Events))
			}
			for i, a := range boxes {
				if a.W < 40 || a.H < 20 || a.LW <= 0 || a.LH <= 0 || a.DW <= 0 {
					t.Errorf("marker %s is too small to read: %+v", a.ID, a)
				}
				if !inside(a.LX, a.LY, a.LW, a.LH, a.X, a.Y, a.W, a.H) || !inside(a.DX, a.DY, a.DW, a.DH, a.X, a.Y, a.W, a.H) {
					t.Errorf("the labels of %s spill out of its marker: %+v", a.ID, a)
				}
				for _, b := range boxes[i+1:] {
					if overlap(a.X, a.Y, a.W, a.H, b.X, b.Y, b.W, b.H) {
						t.Errorf("markers %s and %s overlap: %+v %+v", a.ID, b.ID, a, b)
					}
				}
			}
			dates, err := chromedp.Run(tb.ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries(
				[...document.querySelectorAll('[data-view="timeline"] [data-event-id]')].map(el =>
					[el.dataset.eventId, el.querySelector('.tl-date').textContent]))`))
			if err != nil {
				t.Fatal(err)
			}
			for id, want := range map[string]string{
				"big-bang": "13.8 billion years ago", "sun-forms": "about 4.6 billion years ago",
				"cambrian": "538.8 million years ago", "rome-founded": "21 Apr 753 BC",
				"augustus-dies": "19 Aug AD 14", "webb-first-images": "12 July 2022",
			} {
				if got := dates[id]; !strings.EqualFold(strings.TrimSpace(got), want) {
					t.Errorf("%s is dated %q, want %q", id, got, want)
				}
			}
			if vp.width >= 1000 {
				axis, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(
					'[data-view="timeline"] .tl-tick, [data-view="timeline"] .tl-break')].map(el => el.className + ': ' + el.textContent)`))
				if err != nil {
					t.Fatal(err)
				}
				text := strings.Join(axis, "\n")
				for _, want := range []string{"tl-tick: 13.8 billion years ago", "tl-break: 8.4 billion years", "tl-break: 291,000 years", "tl-break: 7 months"} {
					if !strings.Contains(text, want) {
						t.Errorf("the axis lacks %q:\n%s", want, text)
					}
				}
				for _, l := range axis {
					if _, label, _ := strings.Cut(l, ": "); negativeYear.MatchString(label) {
						t.Errorf("the axis shows a negative year: %q", l)
					}
				}
			}
			tb.noHorizontalOverflow()
			tb.screenshot("deeptime-" + vp.name)

			tb.click(markerSel("big-bang"))
			tb.waitFor("a click on the Big Bang shows it", func(s pageState) error {
				if s.Detail == nil || s.Detail.EventID != "big-bang" {
					return fmt.Errorf("the detail shows %+v", s.Detail)
				}
				if !strings.Contains(s.Detail.Text, "13.8 billion years ago") || !strings.Contains(s.Detail.Text, "to the nearest 100 million years") {
					return fmt.Errorf("the detail does not word the date: %q", s.Detail.Text)
				}
				return nil
			})
			tb.screenshot("deeptime-" + vp.name + "-big-bang")
			tb.checkClean()
		})
	}
}
