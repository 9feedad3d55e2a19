//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// The peers: the two timeline widgets a newsroom would otherwise embed, installed with npm
// (`make bench` installs them into bin/npm) and served by the benchmark's own loopback server.
const (
	timelineJSVersion  = "3.9.11"
	visTimelineVersion = "8.5.4"
)

// storyEvent is what the peers are given of each event: the same events the widget draws.
type storyEvent struct {
	ID       string `json:"id"`
	Date     string `json:"date"`
	Headline string `json:"headline"`
	Text     string `json:"text"`
	Track    string `json:"track"`
}

// readStory reads a story file as plain JSON, so the benchmark does not depend on the story
// model.
func readStory(name string) (title string, events []storyEvent, err error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return "", nil, err
	}
	var s struct {
		Story struct {
			Title string `json:"title"`
		} `json:"story"`
		Events []storyEvent `json:"events"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return "", nil, fmt.Errorf("%s: %w", name, err)
	}
	return s.Story.Title, s.Events, nil
}

// span turns an EDTF date or interval into a start and, for intervals, an end, each as
// year[-month[-day]]: what both peers can draw. Qualifiers (~ ? %) are dropped and an open end
// ("..", or nothing) leaves the other end alone.
func span(date string) (start, end string) {
	clean := func(s string) string {
		s = strings.Trim(s, "~?% ")
		if s == ".." {
			return ""
		}
		return s
	}
	from, to, interval := strings.Cut(date, "/")
	start, end = clean(from), ""
	if interval {
		end = clean(to)
	}
	if start == "" {
		start, end = end, ""
	}
	if end == start {
		end = ""
	}
	return start, end
}

// tlDate is a TimelineJS date object.
type tlDate struct {
	Year  string `json:"year"`
	Month string `json:"month,omitempty"`
	Day   string `json:"day,omitempty"`
}

func newTLDate(s string) *tlDate {
	if s == "" {
		return nil
	}
	p := strings.SplitN(s, "-", 3)
	d := &tlDate{Year: strings.TrimLeft(p[0], "0")}
	if len(p) > 1 {
		d.Month = strings.TrimLeft(p[1], "0")
	}
	if len(p) > 2 {
		d.Day = strings.TrimLeft(p[2], "0")
	}
	return d
}

// timelineJSStory is the story in TimelineJS's JSON format.
func timelineJSStory(events []storyEvent) any {
	type text struct {
		Headline string `json:"headline"`
		Text     string `json:"text,omitempty"`
	}
	type slide struct {
		UniqueID  string  `json:"unique_id"`
		StartDate *tlDate `json:"start_date"`
		EndDate   *tlDate `json:"end_date,omitempty"`
		Text      text    `json:"text"`
		Group     string  `json:"group,omitempty"`
	}
	var out struct {
		Events []slide `json:"events"`
	}
	for _, e := range events {
		start, end := span(e.Date)
		out.Events = append(out.Events, slide{
			UniqueID: "ev-" + e.ID, StartDate: newTLDate(start), EndDate: newTLDate(end),
			Text:  text{Headline: html.EscapeString(e.Headline), Text: html.EscapeString(e.Text)},
			Group: e.Track,
		})
	}
	return out
}

// visItems is the story as vis-timeline items.
func visItems(events []storyEvent) any {
	type item struct {
		ID      string `json:"id"`
		Content string `json:"content"`
		Start   string `json:"start"`
		End     string `json:"end,omitempty"`
		Title   string `json:"title,omitempty"`
	}
	var items []item
	for _, e := range events {
		start, end := span(e.Date)
		items = append(items, item{ID: e.ID, Content: html.EscapeString(e.Headline), Start: start, End: end,
			Title: html.EscapeString(e.Text)})
	}
	return items
}

// The peers' pages: each widget alone on a page, as its documentation embeds it, with its story
// in a JSON file beside the page. TimelineJS gets font: null, so it asks no other host for fonts.
const timelineJSPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<link rel="stylesheet" href="/npm/@knight-lab/timelinejs/dist/css/timeline.css">
<style>html,body{margin:0}#timeline-embed{width:100%%;height:min(650px,100vh)}</style>
</head><body>
<div id="timeline-embed"></div>
<script src="/npm/@knight-lab/timelinejs/dist/js/timeline.js"></script>
<script>window.timeline = new TL.Timeline('timeline-embed', %q, {font: null});</script>
</body></html>
`

const visTimelinePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>html,body{margin:0}</style>
</head><body>
<div id="visualization"></div>
<script src="/npm/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"></script>
<script>
fetch(%q).then(r => r.json()).then(items => {
	window.timeline = new vis.Timeline(document.getElementById('visualization'), new vis.DataSet(items), {});
});
</script>
</body></html>
`

// writePeerPages writes, into dir, the pages and data of both peers for one story, named after
// key; it returns the two pages' paths on the peer server.
func writePeerPages(dir, key, storyFile string) (timelineJS, visTimeline string, n int, err error) {
	title, events, err := readStory(storyFile)
	if err != nil {
		return "", "", 0, err
	}
	write := func(name string, b []byte) error { return os.WriteFile(filepath.Join(dir, name), b, 0o644) }
	for _, f := range []struct {
		name string
		v    any
	}{{"timelinejs-" + key + ".json", timelineJSStory(events)}, {"vis-" + key + ".json", visItems(events)}} {
		b, err := json.Marshal(f.v)
		if err != nil {
			return "", "", 0, err
		}
		if err := write(f.name, b); err != nil {
			return "", "", 0, err
		}
	}
	t := html.EscapeString(title)
	if err := write("timelinejs-"+key+".html", fmt.Appendf(nil, timelineJSPage, t, "timelinejs-"+key+".json")); err != nil {
		return "", "", 0, err
	}
	if err := write("vis-"+key+".html", fmt.Appendf(nil, visTimelinePage, t, "vis-"+key+".json")); err != nil {
		return "", "", 0, err
	}
	return "/peers/timelinejs-" + key + ".html", "/peers/vis-" + key + ".html", len(events), nil
}

// peerServer serves the peers' packages from the npm folder under /npm/ and their pages under
// /peers/, on loopback, compressed with brotli as a CDN would send them (each file compressed
// once, then kept in memory).
type peerServer struct {
	npm, pages string
	base       string
	srv        *http.Server

	mu sync.Mutex
	br map[string][]byte
}

func startPeerServer(npm, pages string) (*peerServer, error) {
	for _, f := range []string{
		"@knight-lab/timelinejs/dist/js/timeline.js",
		"vis-timeline/standalone/umd/vis-timeline-graph2d.min.js",
	} {
		if _, err := os.Stat(filepath.Join(npm, f)); err != nil {
			return nil, fmt.Errorf("%w (run `make bench`, which installs TimelineJS %s and vis-timeline %s with npm)",
				err, timelineJSVersion, visTimelineVersion)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &peerServer{npm: npm, pages: pages, base: "http://" + ln.Addr().String(), br: map[string][]byte{}}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 5 * time.Second}
	go p.srv.Serve(ln)
	return p, nil
}

func (p *peerServer) stop() error { return p.srv.Close() }

func (p *peerServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var root, rel string
	switch {
	case strings.HasPrefix(r.URL.Path, "/npm/"):
		root, rel = p.npm, strings.TrimPrefix(r.URL.Path, "/npm/")
	case strings.HasPrefix(r.URL.Path, "/peers/"):
		root, rel = p.pages, strings.TrimPrefix(r.URL.Path, "/peers/")
	default:
		http.NotFound(w, r)
		return
	}
	name := filepath.Join(root, filepath.FromSlash(path.Clean("/"+rel)))
	b, err := os.ReadFile(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(b)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Vary", "Accept-Encoding")
	w.Header().Set("Cache-Control", "no-cache")
	compressible := strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") ||
		strings.Contains(ctype, "json") || strings.Contains(ctype, "svg")
	if compressible && strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
		b = p.brotli(name, b)
		w.Header().Set("Content-Encoding", "br")
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// brotli compresses a file once at the level a CDN compresses on the fly.
func (p *peerServer) brotli(name string, b []byte) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c, ok := p.br[name]; ok {
		return c
	}
	var buf bytes.Buffer
	zw := brotli.NewWriterLevel(&buf, 6)
	io.Copy(zw, bytes.NewReader(b))
	zw.Close()
	p.br[name] = buf.Bytes()
	return p.br[name]
}
