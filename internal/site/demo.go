package site

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"timeline/app/ui"
	"timeline/data"
)

// demoParagraphs is how many paragraphs of the story's own text the demo article has above the
// widget, and again below it.
const demoParagraphs = 3

// demoHandler serves /demo/<id>: an article page of the kind a newsroom publishes, its text taken
// from the story, with the widget embedded in the middle by the very snippet an editor pastes, so
// the newsroom sees exactly what readers will. It is a plain page, not a go-app one: the host page
// of an embed knows nothing of the widget but the snippet.
type demoHandler struct {
	stories   map[string]*data.Story // by id
	base      string                 // the site's path prefix, with slashes: "/" at the root
	css, icon string                 // the paths of the article's stylesheet and icon
}

// newDemoHandler serves the demo articles of the stories, for a site under base.
func newDemoHandler(stories map[string]*data.Story, base string, a *assets) demoHandler {
	prefix := strings.TrimSuffix(base, "/")
	return demoHandler{stories: stories, base: base, css: prefix + a.url("demo.css"), icon: prefix + a.url("icon.svg")}
}

// demoArticle is what the demo page template shows.
type demoArticle struct {
	Lang, Title, Summary, Date string
	CSS, Icon                  string
	Before, After              []string
	Sources                    []string
	Snippet                    template.HTML
}

var demoPage = template.Must(template.New("demo").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}} · demo article</title>
<link rel="icon" href="{{.Icon}}">
<link rel="stylesheet" href="{{.CSS}}">
</head>
<body>
<header class="demo-masthead">
<p class="demo-brand">The Example Gazette</p>
<p class="demo-note">A demonstration page: the explainer below is embedded the way an article embeds it.</p>
</header>
<main>
<article class="demo-article">
<p class="demo-kicker">Explainer</p>
<h1>{{.Title}}</h1>
<p class="demo-standfirst">{{.Summary}}</p>
{{with .Date}}<p class="demo-dateline">As of {{.}}</p>{{end}}
{{range .Before}}<p>{{.}}</p>
{{end}}<figure class="demo-embed">
{{.Snippet}}
</figure>
{{range .After}}<p>{{.}}</p>
{{end}}{{with .Sources}}<footer class="demo-sources">{{range .}}<p>{{.}}</p>{{end}}</footer>{{end}}
</article>
</main>
</body>
</html>
`))

var demoMissing = template.Must(template.New("missing").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Story not found</title>
<link rel="icon" href="{{.Icon}}">
<link rel="stylesheet" href="{{.CSS}}">
</head>
<body>
<main class="demo-article">
<h1>Story not found</h1>
<p>There is no story called “{{.ID}}”.</p>
</main>
</body>
</html>
`))

func (h demoHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	id := r.PathValue("id")
	var buf bytes.Buffer
	status := http.StatusOK
	var err error
	if s, ok := h.stories[id]; ok {
		err = demoPage.Execute(&buf, h.article(s))
	} else {
		status = http.StatusNotFound
		err = demoMissing.Execute(&buf, struct{ ID, CSS, Icon string }{id, h.css, h.icon})
	}
	if err != nil {
		http.Error(w, "the demo page could not be made: "+err.Error(), http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// article lays the story out as an article: its summary as the standfirst, the text of its first
// events around the widget, and its sources at the foot.
func (h demoHandler) article(s *data.Story) demoArticle {
	a := demoArticle{
		Lang:    s.Info.Language,
		Title:   s.Info.Title,
		Summary: s.Info.Summary,
		CSS:     h.css,
		Icon:    h.icon,
		Snippet: template.HTML(ui.Embed{Base: h.base, StoryID: s.Info.ID, Title: s.Info.Title}.Snippet()),
	}
	if a.Lang == "" {
		a.Lang = "en"
	}
	if s.Info.AsOf != "" {
		a.Date = s.Info.AsOfDate.Words()
	}
	var paras []string
	for _, e := range s.Events {
		if e.Text != "" {
			paras = append(paras, e.Text)
		}
	}
	n := min(demoParagraphs, len(paras))
	a.Before = paras[:n]
	a.After = paras[n:min(2*demoParagraphs, len(paras))]
	for _, src := range s.Info.Sources {
		line := "Source: “" + src.Headline + "”"
		if src.Publisher != "" {
			line += ", " + src.Publisher
		}
		a.Sources = append(a.Sources, line+".")
	}
	return a
}
