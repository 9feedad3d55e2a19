//go:build !wasm

package site

import (
	"bytes"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"golang.org/x/net/html"
)

func TestPageHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		// go-app's Go literals become HTML.
		{"a plain value stays", `<a href="/story/x">x</a>`, `<a href="/story/x">x</a>`, true},
		{"a quote is escaped, not backslashed", `<meta content="a \"b\" c">`, `<meta content="a &#34;b&#34; c">`, true},
		{"a backslash is one backslash", `<p title="a\\b">`, `<p title="a\b">`, true},
		{"a newline is a newline", `<p title="a\nb">`, "<p title=\"a\nb\">", true},
		{"a no-break space is the character", `<p title="a\u00a0b">`, "<p title=\"a\u00a0b\">", true},
		{"markup in a value stays text", `<p title="\"><img src=x onerror=alert(1)>">`, `<p title="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;">`, true},
		{"ampersands are escaped", `<a href="?a=1&b=2">`, `<a href="?a=1&amp;b=2">`, true},
		// go-app's writing for the DOM, undone.
		{"a bare state attribute reads true", `<a data-selected href="?">x</a>`, `<a data-selected="true" href="?">x</a>`, true},
		{"at the end of a tag too", `<g aria-pressed>`, `<g aria-pressed="true">`, true},
		{"valued state attributes are left alone", `<a data-selected="false" aria-current="page">`, `<a data-selected="false" aria-current="page">`, true},
		{"other bare attributes are left alone", `<aside data-detail>`, `<aside data-detail>`, true},
		{"a longer name is not mistaken", `<a data-selected-x>`, `<a data-selected-x>`, true},
		{"a false boolean attribute is dropped", `<button disabled="false" type="button">`, `<button type="button">`, true},
		{"a true boolean attribute stays", `<details open class="x">`, `<details open class="x">`, true},
		// What is not in a tag is left alone.
		{"text between tags is left alone", `<p>a data-selected="\" b</p>`, `<p>a data-selected="\" b</p>`, true},
		{"a quoted > does not end the tag", `<a title="a>b" data-lit>`, `<a title="a&gt;b" data-lit="true">`, true},
		{"doctype, comments and end tags pass", `<!DOCTYPE html><!-- a "b" --></p>`, `<!DOCTYPE html><!-- a "b" --></p>`, true},
		{"a lone < is text", `a < b <3`, `a < b <3`, true},
		{"a script's text is not read as tags", `<script src="a.js">if (a<b) x = "<p title='\\'>"</script><p title="x">`, `<script src="a.js">if (a<b) x = "<p title='\\'>"</script><p title="x">`, true},
		{"self-closing tags keep their slash", `<img src="a.png"/>`, `<img src="a.png"/>`, true},
		// What go-app never writes is refused: the page would be ambiguous.
		{"a value that is not a Go literal", `<p title="a\qb">`, "", false},
		{"a single-quoted value", `<p title='a'>`, "", false},
		{"an unquoted value", `<p title=a>`, "", false},
		{"a tag that does not end", `<p title="a"`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pageHTML([]byte(tt.in))
			if (err == nil) != tt.ok {
				t.Fatalf("pageHTML(%q) error %v, want ok %v", tt.in, err, tt.ok)
			}
			if tt.ok && string(got) != tt.want {
				t.Errorf("pageHTML(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzPageHTML: whatever text go-app writes into an attribute and an element, the page as HTML
// reads it back exactly, in one element with one attribute.
func FuzzPageHTML(f *testing.F) {
	for _, s := range []string{"", "true", "false", `A "quoted" <b>word</b> & more`, "a\\b\nc\u00a0d", `"'><img src=x onerror=alert(1)></script><meta http-equiv=refresh content=0>`, "\x00\x7f\ufffd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ToValidUTF8(s, "") != s || strings.ContainsAny(s, "\x00\r") {
			return // HTML has no NUL and folds CR; Go strings from stories are UTF-8
		}
		var b bytes.Buffer
		app.PrintHTML(&b, app.P().Title(s).Text(s))
		page, err := pageHTML(b.Bytes())
		if err != nil {
			t.Fatalf("pageHTML(%q): %v", b.String(), err)
		}
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		var ps []*html.Node
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.Data == "p" {
				ps = append(ps, n)
			}
		}
		if len(ps) != 1 || len(ps[0].Attr) > 1 {
			t.Fatalf("%q reads as %d <p>, the first with attributes %v", page, len(ps), ps)
		}
		title := ""
		if len(ps[0].Attr) == 1 {
			title = ps[0].Attr[0].Val
		}
		want := strings.TrimSpace(s) // as go-app keeps it, in the browser too
		if want == "true" {
			want = "" // go-app writes a bare attribute; not one the widget gives text
		}
		if title != want {
			t.Errorf("title %q reads %q", s, title)
		}
		var text strings.Builder
		for n := range ps[0].Descendants() {
			if n.Type == html.TextNode {
				text.WriteString(n.Data)
			}
		}
		if text.String() != s {
			t.Errorf("text %q reads %q", s, text.String())
		}
	})
}
