//go:build !wasm

package main

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTheBundleIsPreloadedAndCompiledAsItArrives checks the two halves of a fast start: every page
// asks for the bundle from its head, and the loader hands the very same request to
// instantiateStreaming, with no relay in between.
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
		if len(preloads) != 1 {
			t.Fatalf("%s: %d preload links, want 1", path, len(preloads))
		}
		p := preloads[0]
		// A preload only serves the loader's fetch when destination and credentials mode match it.
		if p["href"] != wasm || p["as"] != "fetch" || p["type"] != "application/wasm" || p["crossorigin"] != "" {
			t.Errorf("%s: preload %v, want href=%s as=fetch type=application/wasm crossorigin", path, p, wasm)
		}
		if _, ok := p["crossorigin"]; !ok {
			t.Errorf("%s: preload without crossorigin would not match the loader's fetch", path)
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
