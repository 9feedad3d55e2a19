//go:build !wasm

package site

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTheBundleIsPreloadedAndCompiledAsItArrives checks what a fast start rests on: every story
// page asks for the bundle and for its story from its head, and the loader hands the very same
// request for the bundle to instantiateStreaming, with no relay in between.
func TestTheBundleIsPreloadedAndCompiledAsItArrives(t *testing.T) {
	h := embeddedHandler(t)
	js := body(t, get(t, h, "/app.js"))
	if strings.Contains(js, "fetchWithProgress(") && !strings.Contains(js, "async function fetchWithProgress") {
		t.Errorf("/app.js still calls fetchWithProgress")
	}
	m := regexp.MustCompile(`instantiateStreaming\(\s*fetch\("([^"]+)"\)`).FindStringSubmatch(js)
	if m == nil {
		t.Fatalf("/app.js does not hand fetch's response to instantiateStreaming:\n%s", js)
	}
	wasm := m[1]
	if !strings.HasPrefix(wasm, "/web/app.") || !strings.HasSuffix(wasm, ".wasm") {
		t.Errorf("/app.js fetches %q, want the fingerprinted bundle", wasm)
	}
	for _, path := range []string{"/", "/story/ukraine-2022-01", "/embed/ukraine-2022-01?event=geneva-meeting"} {
		doc, err := html.Parse(strings.NewReader(body(t, get(t, h, path))))
		if err != nil {
			t.Fatal(err)
		}
		var preloads []map[string]string
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "link" {
				a := map[string]string{}
				for _, at := range n.Attr {
					a[at.Key] = at.Val
				}
				if a["rel"] == "preload" {
					preloads = append(preloads, a)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		var bundle, story map[string]string
		for _, p := range preloads {
			if _, ok := p["data-story"]; ok {
				story = p
			} else {
				bundle = p
			}
		}
		if len(preloads) != 2 || bundle == nil || story == nil {
			t.Fatalf("%s: preload links %v, want one for the bundle and one for the story", path, preloads)
		}
		// A preload only serves the page's fetch when destination and credentials mode match it.
		for _, p := range preloads {
			if _, ok := p["crossorigin"]; !ok || p["crossorigin"] != "" || p["as"] != "fetch" {
				t.Errorf("%s: preload %v, want as=fetch crossorigin (fetch's defaults)", path, p)
			}
		}
		if bundle["href"] != wasm || bundle["type"] != "application/wasm" {
			t.Errorf("%s: bundle preload %v, want href=%s type=application/wasm", path, bundle, wasm)
		}
		if story["data-story"] != "ukraine-2022-01" || story["href"] != "/web/data/ukraine-2022-01.json" {
			t.Errorf("%s: story preload %v, want the story's JSON", path, story)
		}
		if res := get(t, h, story["href"]); res.StatusCode != 200 {
			t.Errorf("%s: the story preload's %s answers %d", path, story["href"], res.StatusCode)
		}
	}
	for _, path := range []string{"/story/no-such-story", "/stories"} {
		if strings.Contains(body(t, get(t, h, path)), "data-story=") {
			t.Errorf("%s preloads a story it does not show", path)
		}
	}
}

func TestDirectLoaderLeavesAnUnknownScriptAlone(t *testing.T) {
	in := []byte(`const wasm = await instantiateStreaming(somethingElse("/x.wasm"), go.importObject);`)
	out, ok := directLoader(in)
	if ok || string(out) != string(in) {
		t.Errorf("directLoader changed a script it does not know: %q, %v", out, ok)
	}
}
