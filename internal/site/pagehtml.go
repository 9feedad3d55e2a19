package site

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"

	"timeline/app/route"
)

// fixPage undoes, in a page go-app v9 has written, what go-app writes for the browser's DOM
// rather than for HTML. The page is read as HTML (x/net/html's tokenizer), and only the tags and
// the text named here are written anew; everything else is copied byte for byte.
//
//   - An attribute valued "true" comes out bare (<a data-selected>), which reads as empty: the
//     state attributes of trueAttrs get their "true" back.
//   - A boolean attribute valued "false" comes out present, which means true, so that the page
//     would show closed things open and enabled buttons disabled: it is dropped.
//   - Its viewport forbids zooming (maximum-scale=1, user-scalable=0), which readers with low
//     vision need (WCAG 1.4.4): those two are left out.
//   - The page's title is written twice, as an attribute (og:title) and as the <title>'s text.
//     go-app writes attribute values as Go literals, so the widget gives the title with HTML's
//     character references for what a Go literal escapes (app/ui's attrText); in the text, go-app
//     escapes those references again, and they are read back once here.
func fixPage(page []byte) []byte {
	out := make([]byte, 0, len(page)+len(page)/64)
	z := html.NewTokenizer(bytes.NewReader(page))
	inTitle, titled := false, false // the page's <title>, the first: the SVG's are the widget's own
	read := 0                       // the bytes of page the tokens so far hold
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// The end of the page (the tokenizer reads from memory), where a tag left unfinished
			// is no token: it is kept as it is.
			return append(out, page[read:]...)
		}
		start := len(out)
		out = append(out, z.Raw()...) // before TagName, which lower-cases the tag in place
		read += len(z.Raw())
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			inTitle = tt == html.StartTagToken && string(name) == "title" && !titled
			titled = titled || inTitle
			var attrs []html.Attribute
			fix := false
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				a := html.Attribute{Key: string(k), Val: string(v)}
				switch {
				case a.Val == "" && trueAttrs[a.Key]:
					a.Val, fix = "true", true
				case a.Val == "false" && falseBooleans[a.Key]:
					fix = true
					continue
				}
				attrs = append(attrs, a)
			}
			if string(name) == "meta" && isViewport(attrs) {
				for i, a := range attrs {
					if a.Key != "content" {
						continue
					}
					if z := allowZoom(a.Val); z != a.Val {
						attrs[i].Val, fix = z, true
					}
				}
			}
			if fix {
				tok := html.Token{Type: tt, Data: string(name), Attr: attrs}
				out = append(out[:start], tok.String()...)
			}
		case html.TextToken:
			if inTitle {
				out = append(out[:start], html.EscapeString(html.UnescapeString(string(z.Text())))...)
			}
		default:
			inTitle = false
		}
	}
}

// isViewport tells whether the attributes are those of the viewport's <meta>.
func isViewport(attrs []html.Attribute) bool {
	for _, a := range attrs {
		if a.Key == "name" && a.Val == "viewport" {
			return true
		}
	}
	return false
}

// allowZoom returns a viewport's content without what keeps readers from zooming.
func allowZoom(viewport string) string {
	var kept []string
	for _, p := range strings.Split(viewport, ",") {
		if k, _, _ := strings.Cut(strings.TrimSpace(p), "="); k != "maximum-scale" && k != "user-scalable" {
			kept = append(kept, strings.TrimSpace(p))
		}
	}
	return strings.Join(kept, ", ")
}

// trueAttrs are the state attributes whose value must read "true": see fixPage. The browser's
// DOM is right, so only the prerendered HTML needs this.
var trueAttrs = setOf(
	"data-selected", "data-lit", "data-dim", "data-ready", "data-open",
	"aria-current", "aria-pressed", "aria-selected", "aria-hidden", "aria-expanded",
)

// falseBooleans are HTML boolean attributes, which mean true by being there at all: go-app writes
// them as name="false" when false, so the page would show closed things open and enabled buttons
// disabled.
var falseBooleans = setOf(
	"disabled", "open", "hidden", "checked", "selected", "required", "readonly", "multiple",
	"autofocus", "autoplay", "controls", "loop", "muted", "reversed", "default", "async", "defer",
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// editHead returns page with its head changed: the elements for which drop is true left out
// (void elements such as <meta> and <link> only), first written at the start of the head and last
// at its end. The page is read as HTML (x/net/html's tokenizer); everything else is copied byte
// for byte. A page without a head is returned as it is.
func editHead(page []byte, drop func(html.Token) bool, first, last []byte) []byte {
	out := make([]byte, 0, len(page)+len(first)+len(last))
	z := html.NewTokenizer(bytes.NewReader(page))
	for inHead, offset := false, 0; ; {
		tt := z.Next()
		if tt == html.ErrorToken {
			return page // no </head>
		}
		raw := append([]byte(nil), z.Raw()...) // Token changes what Raw returned
		offset += len(raw)                     // the tokens partition the page
		var tok html.Token
		if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
			tok = z.Token()
		}
		switch {
		case tt == html.StartTagToken && tok.Data == "head":
			inHead = true
			out = append(append(out, raw...), first...)
			continue
		case tt == html.EndTagToken && tok.Data == "head":
			out = append(append(out, last...), raw...)
			return append(out, page[offset:]...)
		case inHead && tok.Data != "" && tt != html.EndTagToken && drop != nil && drop(tok):
			continue
		}
		out = append(out, raw...)
	}
}

// inlineStylesheet writes css, the widget's stylesheet, into the page's head as a <style>, and
// leaves out the links to it (href) and to go-app's own stylesheet, whose few rules the widget's
// restates: a stylesheet linked from the head holds the first paint back for its request. The
// stylesheet is about 6 kB compressed; the pages compress with it.
func inlineStylesheet(page []byte, href string, css []byte) []byte {
	drop := func(t html.Token) bool {
		if t.Data != "link" {
			return false
		}
		for _, a := range t.Attr {
			if a.Key == "href" {
				return strings.HasSuffix(a.Val, href) || strings.HasSuffix(a.Val, route.GoAppCSS)
			}
		}
		return false
	}
	style := make([]byte, 0, len(css)+len("<style></style>"))
	style = append(append(append(style, "<style>"...), css...), "</style>"...)
	return editHead(page, drop, nil, style)
}
