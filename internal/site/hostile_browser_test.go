//go:build !wasm

package site

import (
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowserStoryTextStaysText: a story whose every prose field is hostileText, served and
// exported, shows that text as it was written, and nothing in it runs: no dialog, no navigation,
// no element it spells out, no console error.
func TestBrowserStoryTextStaysText(t *testing.T) {
	t.Parallel()
	requireBrowser(t)
	const id = "hostile-text"
	src := textStory(t, id, hostileText, hostileURL)
	dir := t.TempDir()
	copyFile(t, filepath.Join(src, id+".json"), filepath.Join(dir, id+".json"))
	for _, s := range embeddedStories(t) { // the export writes /, which shows the default story
		writeStory(t, dir, s)
	}
	wasm := builtWasm(t)
	h, err := NewHandler(Config{WasmFile: wasm, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	if err := Export(t.Context(), ExportConfig{Out: out, Base: "/", WasmFile: wasm, DataDir: dir, Quality: 1}, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, site := range []struct {
		name string
		srv  *httptest.Server
	}{
		{"served", httptest.NewServer(h)},
		{"exported", httptest.NewServer(staticSite{dir: out, base: "/"})},
	} {
		t.Run(site.name, func(t *testing.T) {
			t.Cleanup(site.srv.Close)
			tb := newTabOn(t, desktop, site.srv)
			var dialogs, navigations atomic.Int32
			err := chromedp.Listen(tb.ctx, func(ev any) {
				switch ev := ev.(type) {
				case *page.EventJavascriptDialogOpening:
					dialogs.Add(1)
				case *page.EventFrameNavigated:
					if ev.Frame.ParentID == "" {
						navigations.Add(1)
					}
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			go func() { // a dialog would block the page, and the test with it
				for _, err := range chromedp.Events(tb.ctx, page.JavascriptDialogOpening) {
					if err != nil {
						return
					}
					chromedp.Call(tb.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
				}
			}()
			for _, path := range []string{"/story/" + id, "/story/" + id + "?event=geneva"} {
				before := navigations.Load()
				tb.open(path)
				js := `(() => {
					const want = ` + strconv.Quote(hostileText) + `;
					const texts = (root) => { const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); let n = 0;
						while (w.nextNode()) if (w.currentNode.data === want) n++; return n; };
					const detail = document.querySelector('[data-detail]');
					return [texts(document.body), detail ? texts(detail) : -1,
						document.querySelectorAll('img[src="x"], body meta, body script:not([src])').length].join(' ');
				})()`
				got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](js))
				if err != nil {
					t.Fatal(err)
				}
				var inPage, inDetail, injected int
				if _, err := fmt.Sscan(got, &inPage, &inDetail, &injected); err != nil {
					t.Fatalf("reading %q: %v", got, err)
				}
				if inPage == 0 {
					t.Errorf("%s: no text on the page reads exactly as the story's text", path)
				}
				if path != "/story/"+id && inDetail == 0 {
					t.Errorf("%s: the details do not show the selected event's text as written", path)
				}
				if injected > 0 {
					t.Errorf("%s: the page has %d elements spelled out in the story's text", path, injected)
				}
				if n := navigations.Load() - before; n != 1 {
					t.Errorf("%s: the page navigated %d times, want once", path, n)
				}
			}
			if n := dialogs.Load(); n > 0 {
				t.Errorf("%d dialogs opened", n)
			}
			tb.checkClean()
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
