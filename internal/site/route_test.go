//go:build !wasm

// Tests that the server reads addresses as package route does: the page cache, the 404 check,
// oEmbed and the export agree on every page and selection.

package site

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"timeline/app/route"
)

// TestARelationLinkIsRenderedWithItsRelation: the page cache keys a page by the selection the
// widget reads, ?relation= included, so a shared link to a relation gets the relation's page,
// and the plain page is not the relation's.
func TestARelationLinkIsRenderedWithItsRelation(t *testing.T) {
	h := embeddedHandler(t)
	key := defaultStory(t).Relations[0].Key()
	// shown is the relation the detail panel of page shows, "" for none.
	shown := func(page string) string {
		for _, n := range parseHTML(page).find(hasAttrSet("data-detail")) {
			return n.attrs["data-relation-id"]
		}
		return ""
	}
	for range 2 { // the second from the cache
		res := get(t, h, "/?relation="+url.QueryEscape(key))
		if got := shown(body(t, res)); res.StatusCode != http.StatusOK || got != key {
			t.Fatalf("GET /?relation=%s = %d, its detail panel shows %q", key, res.StatusCode, got)
		}
	}
	if got := shown(body(t, get(t, h, "/"))); got != "" {
		t.Errorf("GET / shows the relation %q a previous request selected", got)
	}
	res := get(t, h, "/?relation=no-such-relation")
	if page := body(t, res); res.StatusCode != http.StatusOK || !strings.Contains(page, "No relation called") {
		t.Errorf("GET /?relation=no-such-relation = %d, without the notice", res.StatusCode)
	}
}

// TestNotFoundUnderABase: with the site under a prefix, an unknown story is still a 404, and the
// not-found page leads to the site's root, not to the host's.
func TestNotFoundUnderABase(t *testing.T) {
	wasm := filepath.Join(t.TempDir(), "app.wasm")
	if err := os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(Config{WasmFile: wasm, Base: "/news/"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, want string
	}{
		{route.Page{Kind: route.Story, ID: "no-such-story"}.Path("/"), "There is no story called"},
		{route.Page{Kind: route.Embed, ID: "no-such-story"}.Path("/"), "There is no story called"},
		{"/no/such/page", `<a href="/news/">`},
	}
	for _, tt := range tests {
		res := get(t, h, tt.path)
		if page := body(t, res); res.StatusCode != http.StatusNotFound || !strings.Contains(page, tt.want) {
			t.Errorf("GET %s under /news/ = %d, want 404 with %q", tt.path, res.StatusCode, tt.want)
		}
	}
}

// TestOEmbedKnowsEveryStoryPage: oEmbed answers for every kind of story page route has, under
// the site's base, with the selection the page opens on.
func TestOEmbedKnowsEveryStoryPage(t *testing.T) {
	h := embeddedHandler(t)
	s := defaultStory(t)
	sel := route.Selection{Key: route.Relation, ID: s.Relations[0].Key()}
	for _, kind := range append([]route.Kind{route.Home}, route.Kinds...) {
		page := "http://example.com" + route.Page{Kind: kind, ID: s.Info.ID}.Path("/") + "?" + sel.Query()
		res := get(t, h, route.OEmbed+"?url="+url.QueryEscape(page))
		b := body(t, res)
		want := url.QueryEscape(sel.ID)
		if res.StatusCode != http.StatusOK || !strings.Contains(b, want) {
			t.Errorf("oEmbed of %s = %d %s; want 200 with the relation %s", page, res.StatusCode, b, want)
		}
	}
}
