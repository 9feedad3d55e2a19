package site

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"timeline/app/route"
	"timeline/app/ui"
	"timeline/data"
)

// oembedWidth is the width in CSS pixels an oEmbed response gives when the consumer sets no
// maxwidth. The iframe itself is as wide as the column it is put in.
const oembedWidth = 960

// oembedCacheAge is how long, in seconds, a consumer may keep an oEmbed response: the snippet
// only changes when a story's title does.
const oembedCacheAge = 3600

// oembedHandler answers /oembed?url=<page>[&maxwidth=N][&maxheight=N][&format=json] with a
// "rich" oEmbed response (https://oembed.com) whose html is the embed snippet of the page: the
// story and the view (?event=, ?actor=) it shows. Only pages of this site are answered; anything
// else is a 404 whose JSON says why.
type oembedHandler struct {
	stories map[string]*data.Story // by id
	index   *route.Index           // what exists: the stories and what their pages may select
	base    string                 // the site's path prefix, with slashes: "/" at the root
}

// oembedResponse is the JSON of a rich oEmbed response.
type oembedResponse struct {
	Type         string `json:"type"`
	Version      string `json:"version"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	CacheAge     int    `json:"cache_age"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// oembedError is a request the handler cannot answer: the status and what to tell the consumer.
type oembedError struct {
	status int
	msg    string
}

func (e *oembedError) Error() string { return e.msg }

func oembedErrorf(status int, format string, args ...any) *oembedError {
	return &oembedError{status: status, msg: fmt.Sprintf(format, args...)}
}

func (h oembedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	// Editors' browsers ask for oEmbed from other origins (a CMS previewing a pasted link).
	hd.Set("Access-Control-Allow-Origin", "*")
	res, err := h.respond(r)
	var body []byte
	if err != nil {
		hd.Set("Cache-Control", "no-store")
		if err.status == http.StatusMethodNotAllowed {
			hd.Set("Allow", "GET, HEAD")
		}
		body, _ = json.Marshal(struct {
			Error string `json:"error"`
		}{err.msg})
		w.WriteHeader(err.status)
	} else {
		hd.Set("Cache-Control", "public, max-age="+strconv.Itoa(oembedCacheAge))
		body, _ = json.Marshal(res)
	}
	if r.Method != http.MethodHead {
		w.Write(append(body, '\n'))
	}
}

// respond builds the response for the request, or says why there is none.
func (h oembedHandler) respond(r *http.Request) (*oembedResponse, *oembedError) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return nil, oembedErrorf(http.StatusMethodNotAllowed, "%s is not allowed: ask with GET", r.Method)
	}
	q := r.URL.Query()
	switch f := q.Get("format"); f {
	case "", "json":
	default:
		return nil, oembedErrorf(http.StatusNotImplemented, "format %q is not supported: only format=json is", f)
	}
	maxWidth, err := pixels(q, "maxwidth")
	if err != nil {
		return nil, err
	}
	maxHeight, err := pixels(q, "maxheight")
	if err != nil {
		return nil, err
	}
	raw := q.Get("url")
	if raw == "" {
		return nil, oembedErrorf(http.StatusBadRequest, "the url parameter is required: /oembed?url=<address of a story page>")
	}
	page, err := h.page(raw, r.Host)
	if err != nil {
		return nil, err
	}
	embed := ui.Embed{
		Base:      page.site,
		StoryID:   page.story.Info.ID,
		Title:     page.story.Info.Title,
		Query:     page.query,
		MaxWidth:  maxWidth,
		MaxHeight: maxHeight,
	}
	width := oembedWidth
	if maxWidth > 0 && maxWidth < width {
		width = maxWidth
	}
	return &oembedResponse{
		Type:         "rich",
		Version:      "1.0",
		Title:        page.story.Info.Title,
		ProviderName: "Timeline",
		ProviderURL:  page.site,
		CacheAge:     oembedCacheAge,
		HTML:         embed.Snippet(),
		Width:        width,
		Height:       embed.Height(),
	}, nil
}

// pixels reads an optional size parameter: a positive whole number of CSS pixels, 0 when absent.
func pixels(q url.Values, name string) (int, *oembedError) {
	v := q.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, oembedErrorf(http.StatusBadRequest, "%s must be a positive whole number of pixels, got %q", name, v)
	}
	return n, nil
}

// storyPage is a page of this site that shows a story.
type storyPage struct {
	site  string      // the site's address with a trailing slash, as the URL gives it
	story *data.Story // the story the page shows
	query string      // the view the page opens ("event=<id>"), "" for the whole story
}

// page reads a URL given to /oembed: a page of this site (same host as the request) that shows a
// story that exists, in a view that exists.
func (h oembedHandler) page(raw, host string) (storyPage, *oembedError) {
	notFound := func(format string, args ...any) (storyPage, *oembedError) {
		return storyPage{}, oembedErrorf(http.StatusNotFound, format, args...)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return notFound("%q is not an http or https address of a page", raw)
	}
	if !strings.EqualFold(u.Host, host) {
		return notFound("%q is not on this site: it only embeds pages of %s", raw, host)
	}
	if !strings.HasPrefix(u.Path+"/", h.base) {
		return notFound("%q is not a page of this site: its pages are under %s", raw, h.base)
	}
	page, ok := route.Parse(h.base, u.Path)
	if !ok {
		known := []string{h.base}
		for _, kind := range route.Kinds {
			known = append(known, h.base+string(kind)+"/<id>")
		}
		return notFound("%q is not a story page: oEmbed knows %s and %s",
			raw, strings.Join(known[:len(known)-1], ", "), known[len(known)-1])
	}
	id := page.ID
	if !h.index.Has(id) {
		return notFound("there is no story called %q", id)
	}
	p := storyPage{site: u.Scheme + "://" + u.Host + h.base, story: h.stories[id]}
	sel := route.ParseSelection(u.Query())
	if !h.index.Selects(id, sel) {
		return notFound("story %q has no %s called %q", id, sel.Key, sel.ID)
	}
	p.query = sel.Query()
	return p, nil
}

// withDiscovery adds the oEmbed discovery link to the head of the story pages h serves (/,
// /story/<id>, /embed/<id>), so that a CMS given a page's address finds how to embed it. The link
// names the page by the address it was asked by; other responses pass through untouched.
func withDiscovery(h http.Handler, stories map[string]*data.Story, base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := discoverable(r, stories)
		if s == nil {
			h.ServeHTTP(w, r)
			return
		}
		// HEAD is answered as GET and the body dropped, so Content-Length counts the link.
		get := r.Clone(r.Context())
		get.Method = http.MethodGet
		rec := &pageBuffer{header: http.Header{}, status: http.StatusOK}
		h.ServeHTTP(rec, get)
		body := rec.body.Bytes()
		if rec.status == http.StatusOK && strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") {
			body = editHead(body, nil, nil, discoveryLink(r, s.Info.Title, base))
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		if rec.status == http.StatusOK || len(body) > 0 {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		}
		w.WriteHeader(rec.status)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
	})
}

// discoverable returns the story a GET or HEAD request's page shows, or nil when the page does not
// show one that exists.
func discoverable(r *http.Request, stories map[string]*data.Story) *data.Story {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return nil
	}
	page, ok := goappPage(r.URL.Path)
	if !ok {
		return nil
	}
	return stories[page.ID]
}

// discoveryLink is the <link> that points oEmbed consumers at /oembed for the page r asked for.
// The scheme is the one the reader used: https behind a proxy that says so (or -base-url's); the
// site lives under base, the path a proxy strips before the server sees the request.
func discoveryLink(r *http.Request, title, base string) []byte {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-Proto"), ",")[0]), "https") {
		scheme = "https"
	}
	site := scheme + "://" + r.Host + strings.TrimSuffix(base, "/")
	href := site + route.OEmbed + "?format=json&url=" + url.QueryEscape(site+r.URL.RequestURI())
	return []byte(`<link rel="alternate" type="application/json+oembed" href="` + html.EscapeString(href) +
		`" title="` + html.EscapeString(title) + `">`)
}
