package site

import (
	"bytes"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"timeline/app/route"
	"timeline/data"
)

// storiesHandler serves /stories: every story of the site, each with its summary, its size and
// links to read it, to embed it and to see it in an article. It is a plain page, not a go-app one:
// a list needs no WebAssembly, and a go-app page would cost the bundle some 16 KB.
type storiesHandler struct {
	page []byte // rendered once: the stories do not change while the server runs
}

// storiesList is what the stories page template shows.
type storiesList struct {
	CSS, Icon string
	Stories   []storyEntry
}

// storyEntry is one story of the list.
type storyEntry struct {
	ID, Title, Summary, Facts string
	Read, Embed, Demo         string // the page's links, below the site's prefix
}

var storiesPage = template.Must(template.New("stories").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stories</title>
<meta name="description" content="Every story of this site: a timeline of its events and a map of who is involved.">
<link rel="icon" href="{{.Icon}}">
<link rel="stylesheet" href="{{.CSS}}">
</head>
<body>
<div class="page stories-page">
<header class="masthead">
<p class="kicker">Explainers</p>
<h1>Stories</h1>
</header>
<main>
<ul class="story-list" data-stories>
{{range .Stories}}<li data-story-id="{{.ID}}">
<h2><a href="{{.Read}}">{{.Title}}</a></h2>
{{with .Summary}}<p class="summary">{{.}}</p>
{{end}}<p class="story-facts">{{.Facts}}</p>
<p><a href="{{.Embed}}">The widget alone, for embedding</a> · <a href="{{.Demo}}">In an article</a></p>
</li>
{{end}}</ul>
</main>
</div>
</body>
</html>
`))

// newStoriesHandler lists the stories, sorted by id, for a site under base ("/" at the root).
func newStoriesHandler(stories []*data.Story, base string, a *assets) (storiesHandler, error) {
	prefix := strings.TrimSuffix(base, "/")
	list := storiesList{CSS: prefix + a.url("style.css"), Icon: prefix + a.url("icon.svg")}
	for _, s := range stories {
		id := s.Info.ID
		list.Stories = append(list.Stories, storyEntry{
			ID: id, Title: s.Info.Title, Summary: s.Info.Summary, Facts: storyFacts(s),
			Read:  route.Page{Kind: route.Story, ID: id}.Path(base),
			Embed: route.Page{Kind: route.Embed, ID: id}.Path(base),
			Demo:  route.Page{Kind: route.Demo, ID: id}.Path(base),
		})
	}
	sort.Slice(list.Stories, func(i, j int) bool { return list.Stories[i].ID < list.Stories[j].ID })
	var buf bytes.Buffer
	if err := storiesPage.Execute(&buf, list); err != nil {
		return storiesHandler{}, err
	}
	return storiesHandler{page: buf.Bytes()}, nil
}

func (h storiesHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("Content-Length", strconv.Itoa(len(h.page)))
	if r.Method != http.MethodHead {
		w.Write(h.page)
	}
}

// storyFacts words the size of a story: "44 events, 26 actors and 38 relations, as of 27 January
// 2022"; a story without actors says so.
func storyFacts(s *data.Story) string {
	text := howMany(len(s.Events), "event")
	if len(s.Actors) == 0 {
		text += ", no actors"
	} else {
		text += ", " + howMany(len(s.Actors), "actor") + " and " + howMany(len(s.Relations), "relation")
	}
	if w := s.Info.AsOfDate.Words(); w != "" {
		text += ", as of " + w
	}
	return text
}

// howMany words n things: "1 event", "8 events".
func howMany(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
