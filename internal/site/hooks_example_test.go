//go:build !wasm

package site

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"timeline/app/ui"
)

// The README's chromedp example, as written there: TestREADMEShowsTheHooksExample keeps the two
// the same, and TestBrowserHooksExample runs it.

// README example begins
// checkWidget opens the widget at embedURL (the src of the article's iframe), selects the first
// event of the timeline as a reader would, and checks that the selection and its details show.
func checkWidget(ctx context.Context, embedURL string) error {
	if err := chromedp.Do(ctx,
		chromedp.Navigate(embedURL),
		// data-ready="true": the widget has mounted and handles input.
		chromedp.WaitVisible(`[data-widget][data-ready="true"]`),
	); err != nil {
		return err
	}
	first, err := chromedp.Run(ctx, chromedp.AttributeValue(`[data-event-id]`, "data-event-id"))
	if err != nil {
		return err
	}
	event := `[data-event-id="` + first.Value + `"]`
	return chromedp.Do(ctx,
		chromedp.Click(event),
		// The selected item says so, and the details panel names what it shows.
		chromedp.WaitVisible(event+`[data-selected="true"]`),
		chromedp.WaitVisible(`[data-detail]`+event),
	)
}

// README example ends

func TestBrowserHooksExample(t *testing.T) {
	t.Parallel()
	tb := newTab(t, desktop)
	if err := checkWidget(tb.ctx, tb.base+"/embed/"+ui.DefaultStory); err != nil {
		t.Fatalf("the README's example fails: %v%s", err, tb.rec.report())
	}
	tb.checkClean()
}

func TestREADMEShowsTheHooksExample(t *testing.T) {
	src, err := os.ReadFile("hooks_example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, code, _ := strings.Cut(string(src), "// README example begins\n")
	code, _, _ = strings.Cut(code, "\n// README example ends")
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```go\n"+code+"```") {
		t.Errorf("README.md does not show the chromedp example of hooks_example_test.go as written there:\n%s", code)
	}
}
