//go:build !wasm

// The reader's journey on the second story, imported from a TimelineJS example: it has no actors,
// so its actor map says so, and its events carry media and links. Also the /stories list. The
// harness is in browser_helpers_test.go.
//
// Run: go test ./internal/site -run 'BrowserSecondStory|StoriesPage' -v

package site

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"timeline/data"
)

// secondStoryID is the story imported from testdata/timelinejs/timelinejs-example.json.
const secondStoryID = "timelinejs-example"

// TestStoriesPageListsEveryStory: /stories lists each story with its title, summary, size and
// links to read it, embed it and see it in an article. No browser needed.
func TestStoriesPageListsEveryStory(t *testing.T) {
	res := get(t, embeddedHandler(t), "/stories")
	page := body(t, res)
	if res.StatusCode != 200 {
		t.Fatalf("GET /stories = %d", res.StatusCode)
	}
	doc := parseHTML(page)
	items := doc.find(hasAttrSet("data-story-id"))
	stories := embeddedStories(t)
	if len(items) != len(stories) {
		t.Fatalf("%d stories listed, want %d", len(items), len(stories))
	}
	for i, s := range stories {
		item := items[i]
		if got := item.attrs["data-story-id"]; got != s.Info.ID {
			t.Errorf("item %d is %q, want %q (sorted by id)", i, got, s.Info.ID)
			continue
		}
		var hrefs []string
		for _, a := range item.find(func(n *htmlNode) bool { return n.tag == "a" }) {
			hrefs = append(hrefs, a.attrs["href"])
		}
		id := url.PathEscape(s.Info.ID)
		sameLines(t, s.Info.ID+" links", hrefs, []string{"/story/" + id, "/embed/" + id, "/demo/" + id})
		text := item.textContent()
		for _, want := range []string{s.Info.Title, s.Info.Summary, fmt.Sprintf("%d events", len(s.Events))} {
			if !strings.Contains(text, collapseSpace(want)) {
				t.Errorf("%s: the item lacks %q: %q", s.Info.ID, want, text)
			}
		}
	}
	if second := items[0].textContent(); !strings.Contains(second, "9 events, no actors, as of 28 February 2022") {
		t.Errorf("the example's item does not give its size: %q", second)
	}
}

// TestBrowserSecondStory walks a reader through the imported story: it opens with every event
// and an actor map that says there are no actors; a click selects an event and shows its
// picture (loaded lazily, from this server) and links; a deep link opens the same view, also in
// the first HTML; back walks the selections; the embed works; a phone does not overflow; axe-core
// finds nothing to fault, nor on /stories.
func TestBrowserSecondStory(t *testing.T) {
	t.Parallel()
	st := story(t, secondStoryID)
	path := "/story/" + secondStoryID
	picture := eventWithMedia(t, st, "/web/")
	other := otherEvent(t, st, picture.ID)

	t.Run("it opens with every event, no actors, nothing selected", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, desktop)
		tb.open(path)
		s := tb.state()
		if want := eventIDs(st); !sameSet(s.Events, want) {
			t.Errorf("timeline markers = %v, want the story's events %v", s.Events, want)
		}
		if len(s.Actors) != 0 || s.Relations != 0 {
			t.Errorf("the map shows %d actors and %d relations, want none", len(s.Actors), s.Relations)
		}
		if got := tb.eval(`document.querySelector('[data-view="map"][data-empty="true"]')?.textContent.trim() ?? 'no empty map'`); !strings.Contains(got, "This story names no actors.") {
			t.Errorf("the actor map says %q, want that the story names no actors", got)
		}
		if err := nothingSelected(s); err != nil {
			t.Error(err)
		}
		tb.checkClean()
	})
	t.Run("a click shows an event's picture and links", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, desktop)
		tb.open(path)
		tb.click(markerSel(picture.ID))
		tb.waitFor("after a click on "+picture.ID+", it is selected", eventSelected(st, picture))
		img := tb.waitForImage(`[data-detail] [data-media="image"] img`)
		if img.Src != picture.Media.URL || img.Alt != picture.Media.Alt || img.Loading != "lazy" {
			t.Errorf("the picture is %+v, want src %q, alt %q, loading lazy", img, picture.Media.URL, picture.Media.Alt)
		}
		detail := tb.state().Detail.Text
		for _, want := range []string{picture.Media.Caption, "Credit: " + picture.Media.Credit, picture.Links[0].Text} {
			if !strings.Contains(detail, want) {
				t.Errorf("the detail panel lacks %q: %q", want, detail)
			}
		}
		tb.checkClean()
	})
	t.Run("a deep link opens the event, in the first HTML too", func(t *testing.T) {
		t.Parallel()
		link := path + "?event=" + url.QueryEscape(other.ID)
		srv := startServer(t)
		checkPrerenderedSelection(t, parseHTML(getHTML(t, srv.URL+link)), "timeline", "data-event-id", other.ID, other.Headline)
		tb := newTab(t, desktop)
		tb.open(link)
		tb.waitFor("at "+link+", "+other.ID+" is selected without a click", eventSelected(st, other))
		tb.checkClean()
	})
	t.Run("back walks the selections", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, desktop)
		tb.open(path)
		tb.click(markerSel(picture.ID))
		tb.waitFor("after a click on "+picture.ID+", it is selected", eventSelected(st, picture))
		tb.click(markerSel(other.ID))
		tb.waitFor("after a click on "+other.ID+", it is selected", eventSelected(st, other))
		tb.back()
		tb.waitFor("after back, "+picture.ID+" is selected again", eventSelected(st, picture))
		tb.back()
		tb.waitFor("after back again, nothing is selected", nothingSelected)
		tb.checkClean()
	})
	t.Run("the story with its picture and the list of stories pass the accessibility audit", func(t *testing.T) {
		t.Parallel()
		axe := axeSource(t)
		tb := newTab(t, phone)
		tb.open(path + "?event=" + url.QueryEscape(picture.ID))
		tb.waitForImage(`[data-detail] [data-media="image"] img`)
		tb.checkAudit(axe)
		if res, err := chromedp.RunResponse(tb.ctx, chromedp.Navigate(tb.base+"/stories")); err != nil || res.Status != 200 {
			t.Fatalf("navigating to /stories: %v", err)
		}
		tb.checkAudit(axe)
		tb.checkClean()
	})
	t.Run("the embed and a phone work", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t, phone)
		tb.open("/embed/" + secondStoryID + "?event=" + url.QueryEscape(picture.ID))
		tb.waitFor("in the embed, "+picture.ID+" is selected", eventSelected(st, picture))
		tb.waitForImage(`[data-detail] [data-media="image"] img`)
		tb.noHorizontalOverflow()
		tb.screenshot("phone-second-story-event")
		tb.checkClean()
	})
}

// checkAudit fails the test for each WCAG 2.1 A or AA violation axe-core finds on the page.
func (tb *tab) checkAudit(axe string) {
	tb.t.Helper()
	for _, v := range tb.audit(axe) {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target)+": "+n.FailureSummary)
		}
		tb.t.Errorf("%s: %s (%s): %s\n  %s", tb.eval("location.pathname + location.search"), v.ID, v.Impact, v.Help, strings.Join(where, "\n  "))
	}
}

// eventWithMedia returns the first event whose media URL starts with prefix.
func eventWithMedia(t *testing.T, st *data.Story, prefix string) data.Event {
	t.Helper()
	for _, e := range st.Events {
		if strings.HasPrefix(e.Media.URL, prefix) && len(e.Links) > 0 {
			return e
		}
	}
	t.Fatalf("story %s has no event with media under %s and links", st.Info.ID, prefix)
	return data.Event{}
}

// imageState is what the page says of an image.
type imageState struct {
	Src      string `json:"src"` // the attribute, as written
	Alt      string `json:"alt"`
	Loading  string `json:"loading"`
	Complete bool   `json:"complete"`
	Width    int    `json:"width"` // naturalWidth: 0 until it has loaded
}

// waitForImage scrolls the image matching sel into view (it loads lazily) and waits until it has
// loaded, failing the test after stepTimeout.
func (tb *tab) waitForImage(sel string) imageState {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(sel))); err != nil {
		tb.t.Fatalf("scrolling to %s: %v%s", sel, err, tb.rec.report())
	}
	js := fmt.Sprintf(`(() => { const i = document.querySelector(%q);
		return i ? {src: i.getAttribute('src'), alt: i.alt, loading: i.getAttribute('loading'), complete: i.complete, width: i.naturalWidth} : null; })()`, sel)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js+`?.width > 0`, chromedp.WithPollingTimeout(stepTimeout))); err != nil {
		tb.t.Fatalf("waiting for %s to load: %v%s", sel, err, tb.rec.report())
	}
	img, err := chromedp.Run(ctx, chromedp.Evaluate[imageState](js))
	if err != nil {
		tb.t.Fatalf("reading %s: %v", sel, err)
	}
	return img
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
		t.Errorf("%s:\n got  %s\n want %s", what, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

// TestBrowserLinkToAnotherStoryPage: a link to another page of the site, as the live preview's
// notice of a renamed story makes, or a story's own link to another of the site, loads that page:
// the other story shows, ready, and Back shows the first again.
func TestBrowserLinkToAnotherStoryPage(t *testing.T) {
	t.Parallel()
	other := story(t, secondStoryID)
	tb := newTab(t, desktop)
	tb.open("/")
	tb.evalJS(`(() => {
		const a = document.createElement("a");
		a.id = "to-other";
		a.href = "/story/` + secondStoryID + `";
		a.textContent = "Another story";
		document.body.appendChild(a);
	})()`)
	tb.click("#to-other")
	tb.waitJS("the other story's page shows, ready", fmt.Sprintf(
		`location.pathname === "/story/%s" && document.querySelector('[data-widget][data-ready="true"] [data-event-id="%s"]') !== null`,
		secondStoryID, other.Events[0].ID))
	tb.back()
	tb.waitJS("Back shows the first story again, ready", fmt.Sprintf(
		`location.pathname === "/" && document.querySelector('[data-widget][data-ready="true"] [data-event-id="%s"]') !== null`,
		story(t, defaultStoryID).Events[0].ID))
	tb.checkClean()
}
