//go:build !wasm

package site

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"timeline/app/ui"
	"timeline/data"
)

// hostileText is what every prose field of the hostile story holds: markup, a script's end, a
// refresh, an ampersand, quotes, a backslash, a newline and a no-break space.
const hostileText = `"'><img src=x onerror=alert(1)></script><meta http-equiv=refresh content=0> & "quotes" \ ` +
	"\nnext\u00a0line"

// hostileURL is a link address with markup in its query.
const hostileURL = `https://example.org/?q="><script>alert(1)</script>&x=\`

// harmless is s with every character but white space replaced by a letter: the same length and
// the same lines, so that the story lays out alike, but nothing to escape.
func harmless(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return r
		}
		return 'x'
	}, s)
}

// notProse are the string fields of a story that are ids, references, kinds, dates or addresses.
var notProse = map[string]bool{
	"$schema": true, "id": true, "language": true, "asOf": true, "date": true, "url": true, "kind": true,
	"affiliation": true, "from": true, "to": true, "valid": true, "track": true, "status": true,
	"actor": true, "part": true, "speaker": true, "lead": true,
}

// setProse sets every prose string field reachable from v (a pointer) that is not empty to text.
func setProse(v reflect.Value, text string) {
	switch v.Kind() {
	case reflect.Pointer:
		setProse(v.Elem(), text)
	case reflect.Slice:
		for i := range v.Len() {
			setProse(v.Index(i), text)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			f := v.Field(i)
			switch {
			case name == "-" || notProse[name] || !f.CanSet():
			case f.Kind() == reflect.String:
				if f.String() != "" { // absent fields stay absent
					f.SetString(text)
				}
			default:
				setProse(f, text)
			}
		}
	}
}

// textStory writes, in a new folder, a story named id whose every prose field is text and whose
// link address is link; every kind of field is present.
func textStory(t *testing.T, id, text, link string) string {
	t.Helper()
	b, err := os.ReadFile("../../data/testdata/stories/good/talks.json")
	if err != nil {
		t.Fatal(err)
	}
	var s data.Story
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	s.Schema, s.Info.ID = "", id
	s.Info.Sources[0].Credit = "c"
	for i := range s.Actors {
		s.Actors[i].Role, s.Actors[i].Description = "r", "d"
	}
	ev := &s.Events[0]
	ev.DateNote, ev.Text, ev.Place = "n", "t", "p"
	ev.Media = data.Media{URL: "/web/icon.svg", Alt: "a", Caption: "c", Credit: "c"}
	ev.Links = []data.Link{{URL: link, Text: "l"}}
	setProse(reflect.ValueOf(&s), text)
	out, err := json.MarshalIndent(&s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, id+".json"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := data.Decode(id+".json", out); err != nil {
		t.Fatalf("the %s story is not valid: %v", id, err)
	}
	return dir
}

// shape is the elements and attribute names of an HTML document in order, one a line, with the
// text of its <title>: what must not change whatever the story's text.
func shape(t *testing.T, what string, page []byte) (lines []string, title string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		var keys []string
		for _, a := range n.Attr {
			keys = append(keys, a.Key)
		}
		slices.Sort(keys)
		lines = append(lines, n.Data+" "+strings.Join(keys, " "))
		if n.Data == "title" && n.FirstChild != nil && title == "" {
			title = n.FirstChild.Data
		}
	}
	return lines, title
}

// sameShape fails the test unless the pages have the same elements and attributes, in order.
func sameShape(t *testing.T, what string, hostile, plain []byte) (title string) {
	t.Helper()
	got, title := shape(t, what, hostile)
	want, _ := shape(t, what, plain)
	if !slices.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		at := func(l []string) string {
			if i < len(l) {
				return l[i]
			}
			return "(the end)"
		}
		t.Errorf("%s: the hostile story's page has other elements or attributes: element %d is\n  %s\nwhere the harmless story's is\n  %s",
			what, i, at(got), at(want))
	}
	return title
}

// TestStoryTextStaysText renders every page kind, and exports the site, for a story whose every
// prose field is hostileText, and for one whose fields are harmless: parsed as HTML, the pages
// have the same elements and attributes, and the text is there as it was written.
func TestStoryTextStaysText(t *testing.T) {
	id := ui.DefaultStory // so that / shows it too
	wasm := fakeWasm(t)
	targets := []string{
		"/", "/?event=geneva", "/?actor=blinken", "/story/" + id, "/story/" + id + "?event=reply",
		"/embed/" + id, "/embed/" + id + "?actor=lavrov", "/demo/" + id, "/stories",
		"/oembed?format=json&url=" + url.QueryEscape("http://example.com/story/"+id),
	}
	// site renders every target and exports the site for a story whose prose is text. One
	// handler at a time: handlers share the story catalogue of the widget's package.
	site := func(text, link string) (pages map[string][]byte, export string) {
		dir := textStory(t, id, text, link)
		h, err := NewHandler(Config{WasmFile: wasm, DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		pages = map[string][]byte{}
		for _, target := range targets {
			res := get(t, h, target)
			if pages[target] = []byte(body(t, res)); res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d\n%s", target, res.StatusCode, pages[target])
			}
		}
		export = filepath.Join(t.TempDir(), "site")
		o := ExportConfig{Out: export, Base: "/", WasmFile: wasm, DataDir: dir, Quality: 1}
		if err := Export(t.Context(), o, io.Discard); err != nil {
			t.Fatal(err)
		}
		return pages, export
	}
	plain, plainExport := site(harmless(hostileText), "https://example.org/"+harmless(hostileURL[20:]))
	pages, export := site(hostileText, hostileURL)

	want := strings.TrimSpace(hostileText) // as go-app keeps attribute values, in the browser too
	for _, target := range targets[:len(targets)-1] {
		title := sameShape(t, target, pages[target], plain[target])
		if !strings.Contains(title, want) && target != "/stories" {
			t.Errorf("%s: the title reads %q, want it to hold the story's title as written", target, title)
		}
	}

	t.Run("oEmbed", func(t *testing.T) {
		target := targets[len(targets)-1]
		var got, harmless struct{ Title, HTML string }
		if err := json.Unmarshal(pages[target], &got); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(plain[target], &harmless); err != nil {
			t.Fatal(err)
		}
		if got.Title != hostileText {
			t.Errorf("oEmbed title %q, want %q", got.Title, hostileText)
		}
		sameShape(t, "the oEmbed html", []byte(got.HTML), []byte(harmless.HTML))
	})

	t.Run("export", func(t *testing.T) {
		n := 0
		filepath.WalkDir(export, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
				return err
			}
			rel, _ := filepath.Rel(export, p)
			sameShape(t, rel, mustRead(t, p), mustRead(t, filepath.Join(plainExport, rel)))
			n++
			return nil
		})
		if n < 5 {
			t.Errorf("the export has %d pages, want at least 5", n)
		}
	})
}
