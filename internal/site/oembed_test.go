//go:build !wasm

package site

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"timeline/app/ui"
)

// oembedGet asks h for /oembed with the query and decodes the JSON answer into v.
func oembedGet(t *testing.T, h http.Handler, query url.Values, v any) *http.Response {
	t.Helper()
	res := get(t, h, "/oembed?"+query.Encode())
	b := body(t, res)
	if ct := res.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q, want application/json; charset=utf-8", ct)
	}
	if err := json.Unmarshal([]byte(b), v); err != nil {
		t.Fatalf("the answer is not JSON: %v\n%s", err, b)
	}
	return res
}

func TestOEmbedAnswersWithTheSnippetOfThePage(t *testing.T) {
	h := embeddedHandler(t)
	s := defaultStory(t)
	id := s.Info.ID
	// httptest.NewRequest asks for host example.com.
	tests := []struct {
		name, url, maxwidth, maxheight string
		want                           ui.Embed
		width, height                  int
	}{
		{"the default page embeds the default story", "http://example.com/", "", "",
			ui.Embed{Base: "http://example.com/", StoryID: id, Title: s.Info.Title}, oembedWidth, ui.EmbedHeight},
		{"an address without a path is the default page", "http://example.com", "", "",
			ui.Embed{Base: "http://example.com/", StoryID: id, Title: s.Info.Title}, oembedWidth, ui.EmbedHeight},
		{"a story page embeds its story", "http://example.com/story/" + id, "", "",
			ui.Embed{Base: "http://example.com/", StoryID: id, Title: s.Info.Title}, oembedWidth, ui.EmbedHeight},
		{"an event link embeds that view", "http://example.com/story/" + id + "?event=geneva-meeting", "", "",
			ui.Embed{Base: "http://example.com/", StoryID: id, Title: s.Info.Title, Query: "event=geneva-meeting"}, oembedWidth, ui.EmbedHeight},
		{"an actor link on the embed page embeds that view", "http://example.com/embed/" + id + "?actor=blinken", "", "",
			ui.Embed{Base: "http://example.com/", StoryID: id, Title: s.Info.Title, Query: "actor=blinken"}, oembedWidth, ui.EmbedHeight},
		{"the demo article embeds its story", "http://example.com/demo/" + id, "", "",
			ui.Embed{Base: "http://example.com/", StoryID: id, Title: s.Info.Title}, oembedWidth, ui.EmbedHeight},
		{"an https address gives https addresses", "https://example.com/story/" + id, "", "",
			ui.Embed{Base: "https://example.com/", StoryID: id, Title: s.Info.Title}, oembedWidth, ui.EmbedHeight},
		{"maxwidth and maxheight cap the size", "http://example.com/", "480", "300",
			ui.Embed{Base: "http://example.com/", StoryID: id, Title: s.Info.Title, MaxWidth: 480, MaxHeight: 300}, 480, 300},
		{"a maxwidth wider than the default keeps the default width", "http://example.com/", "4000", "",
			ui.Embed{Base: "http://example.com/", StoryID: id, Title: s.Info.Title, MaxWidth: 4000}, oembedWidth, ui.EmbedHeight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := url.Values{"url": {tt.url}, "format": {"json"}}
			if tt.maxwidth != "" {
				q.Set("maxwidth", tt.maxwidth)
			}
			if tt.maxheight != "" {
				q.Set("maxheight", tt.maxheight)
			}
			var got oembedResponse
			res := oembedGet(t, h, q, &got)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", res.StatusCode)
			}
			want := oembedResponse{
				Type: "rich", Version: "1.0", Title: s.Info.Title, ProviderName: "Timeline",
				ProviderURL: tt.want.Base, CacheAge: oembedCacheAge, HTML: tt.want.Snippet(),
				Width: tt.width, Height: tt.height,
			}
			if got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("Access-Control-Allow-Origin = %q, want *", got)
			}
			if got := res.Header.Get("Cache-Control"); !strings.HasPrefix(got, "public, max-age=") {
				t.Errorf("Cache-Control = %q, want a public max-age", got)
			}
		})
	}
}

func TestOEmbedRefusesWithAClearJSONError(t *testing.T) {
	h := embeddedHandler(t)
	id := defaultStory(t).Info.ID
	tests := []struct {
		name   string
		query  url.Values
		status int
		says   string
	}{
		{"no url is a bad request", url.Values{}, 400, "the url parameter is required"},
		{"an address that does not parse is not found", url.Values{"url": {"http://exa mple.com/%zz"}}, 404, "is not an http or https address"},
		{"a relative address is not found", url.Values{"url": {"/story/" + id}}, 404, "is not an http or https address"},
		{"another scheme is not found", url.Values{"url": {"ftp://example.com/story/" + id}}, 404, "is not an http or https address"},
		{"another site is not found", url.Values{"url": {"http://elsewhere.example/story/" + id}}, 404, "is not on this site"},
		{"another port is another site", url.Values{"url": {"http://example.com:8080/story/" + id}}, 404, "is not on this site"},
		{"an unknown story is not found", url.Values{"url": {"http://example.com/story/no-such-story"}}, 404, `there is no story called "no-such-story"`},
		{"an asset is not a story page", url.Values{"url": {"http://example.com/web/style.css"}}, 404, "is not a story page"},
		{"a story route without an id is not a story page", url.Values{"url": {"http://example.com/story/"}}, 404, "is not a story page"},
		{"a deeper path is not a story page", url.Values{"url": {"http://example.com/story/" + id + "/more"}}, 404, "is not a story page"},
		{"an unknown event is not found", url.Values{"url": {"http://example.com/story/" + id + "?event=nope"}}, 404, `has no event called "nope"`},
		{"an unknown actor is not found", url.Values{"url": {"http://example.com/?actor=nope"}}, 404, `has no actor called "nope"`},
		{"xml is not implemented", url.Values{"url": {"http://example.com/"}, "format": {"xml"}}, 501, `format "xml" is not supported`},
		{"a maxwidth that is not a number is a bad request", url.Values{"url": {"http://example.com/"}, "maxwidth": {"wide"}}, 400, `maxwidth must be a positive whole number of pixels, got "wide"`},
		{"a zero maxheight is a bad request", url.Values{"url": {"http://example.com/"}, "maxheight": {"0"}}, 400, "maxheight must be a positive whole number"},
		{"a negative maxwidth is a bad request", url.Values{"url": {"http://example.com/"}, "maxwidth": {"-5"}}, 400, "maxwidth must be a positive whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got struct {
				Error string `json:"error"`
			}
			res := oembedGet(t, h, tt.query, &got)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			if !strings.Contains(got.Error, tt.says) {
				t.Errorf("error %q does not say %q", got.Error, tt.says)
			}
		})
	}
	t.Run("a POST is not allowed", func(t *testing.T) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/oembed?url=http://example.com/", nil))
		if w.Code != http.StatusMethodNotAllowed {
			t.Errorf("status %d, want 405", w.Code)
		}
	})
}

// discoveryLinks returns the href of each oEmbed discovery link in the head of page.
func discoveryLinks(page string) []string {
	var hrefs []string
	for _, head := range parseHTML(page).find(func(n *htmlNode) bool { return n.tag == "head" }) {
		for _, l := range head.find(hasAttr("type", "application/json+oembed")) {
			if l.tag == "link" && l.attrs["rel"] == "alternate" && l.attrs["title"] != "" {
				hrefs = append(hrefs, l.attrs["href"])
			}
		}
	}
	return hrefs
}

func TestPagesCarryTheOEmbedDiscoveryLink(t *testing.T) {
	h := embeddedHandler(t)
	id := defaultStory(t).Info.ID
	tests := []struct {
		name, target string
		header       []string
		page         string // the address the link must name; "" when the page has no link
	}{
		{"the default page", "/", nil, "http://example.com/"},
		{"a story page with its view", "/story/" + id + "?event=geneva-meeting", nil, "http://example.com/story/" + id + "?event=geneva-meeting"},
		{"the embed page", "/embed/" + id, nil, "http://example.com/embed/" + id},
		{"a page asked for over https through a proxy", "/story/" + id, []string{"X-Forwarded-Proto", "https"}, "https://example.com/story/" + id},
		{"no link on an unknown story", "/story/no-such-story", nil, ""},
		{"no link on the demo article", "/demo/" + id, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := body(t, get(t, h, tt.target, tt.header...))
			m := discoveryLinks(page)
			if tt.page == "" {
				if len(m) > 0 || strings.Contains(page, "json+oembed") {
					t.Errorf("the page has a discovery link: %v", m)
				}
				return
			}
			if len(m) != 1 {
				t.Fatalf("%d discovery links in the head, want 1", len(m))
			}
			href, err := url.Parse(m[0])
			if err != nil {
				t.Fatal(err)
			}
			if got := href.Query().Get("url"); got != tt.page {
				t.Errorf("the link names %q, want %q", got, tt.page)
			}
			// Following the link gives the page's snippet.
			var res oembedResponse
			if r := oembedGet(t, h, href.Query(), &res); r.StatusCode != http.StatusOK {
				t.Fatalf("following the link: status %d", r.StatusCode)
			}
			if !strings.Contains(res.HTML, `/embed/`+id) {
				t.Errorf("following the link gives html %q, which does not embed %s", res.HTML, id)
			}
		})
	}
	t.Run("HEAD counts the link in Content-Length", func(t *testing.T) {
		full := body(t, get(t, h, "/"))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodHead, "/", nil))
		if got := w.Header().Get("Content-Length"); got != strconv.Itoa(len(full)) {
			t.Errorf("HEAD Content-Length = %s, GET body is %d bytes", got, len(full))
		}
		if w.Body.Len() != 0 {
			t.Errorf("HEAD has a %d-byte body", w.Body.Len())
		}
	})
	t.Run("a hostile Host stays inside the link", func(t *testing.T) {
		// net/http refuses such a Host; the link must not rely on that.
		const host = `evil"><script>alert(1)</script>`
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		page := w.Body.String()
		m := discoveryLinks(page)
		if len(m) != 1 {
			t.Fatal("no intact discovery link")
		}
		href, err := url.Parse(m[0])
		if err != nil || href.Query().Get("url") != "http://"+host+"/" {
			t.Errorf("the link's href %q does not name the page http://%s/ (%v)", m[0], host, err)
		}
		if s := parseHTML(page).find(func(n *htmlNode) bool { return n.tag == "script" && n.attrs["src"] == "" }); len(s) > 0 {
			t.Errorf("the Host wrote a <script> into the page")
		}
	})
}
