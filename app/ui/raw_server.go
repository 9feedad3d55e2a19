//go:build !wasm

package ui

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// serverMarkup rewrites HTML markup as go-app writes the rest of a prerendered page: each
// attribute value a Go string literal (strconv.Quote), text escaped as HTML. go-app's server
// writes attributes that way and the server turns them into HTML afterwards, once, for the whole
// page; markup written the HTML way would be mangled by that pass (`\` and entities in its
// values), so it speaks the page's dialect too. Tag and attribute names come out in lower case,
// as the HTML parser reads them anyway (SVG's viewBox included: it restores their case).
func serverMarkup(markup string) string {
	var b strings.Builder
	b.Grow(len(markup) + len(markup)/16)
	z := html.NewTokenizer(strings.NewReader(markup))
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			b.WriteString("<" + tok.Data)
			for _, a := range tok.Attr {
				b.WriteString(" " + a.Key)
				if a.Val != "" && a.Val != "true" {
					b.WriteString("=" + strconv.Quote(a.Val))
				}
			}
			if tt == html.SelfClosingTagToken {
				b.WriteString("/")
			}
			b.WriteString(">")
		case html.TextToken:
			b.WriteString(html.EscapeString(string(z.Text())))
		default: // end tags, comments
			b.Write(z.Raw())
		}
	}
}
