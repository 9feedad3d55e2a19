package site

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"timeline/app/route"
)

// pageHTML turns a page as go-app v9 writes it into HTML.
//
// go-app writes every attribute value as a Go string literal (strconv.Quote), which HTML does not
// read: `\"` escapes nothing, so a quote in a headline ends the attribute it is in and the rest of
// the text becomes markup; a backslash doubles; a newline or a no-break space turns into `\n` or
// `\u00a0`. Text between tags is escaped correctly (html.EscapeString). The widget's own markup
// (app.Raw) is written in the same dialect on the server (see app/ui's rawMarkup), so that in the
// whole page a double-quoted attribute value is always a Go literal: this pass reads each one and
// writes it again as HTML requires. Fixing the page here, where it is written, covers every page
// kind and every attribute, whatever component or go-app itself put it there.
//
// The same pass undoes two things go-app writes for the browser's DOM rather than for HTML: an
// attribute valued "true" comes out bare (<a data-selected>), which reads as empty, so the state
// attributes of trueAttrs get their "true" back; boolean attributes valued "false" come out
// present, which means true, so they are dropped.
//
// It fails only on a value that is not a Go literal, which go-app never writes: the page would
// be ambiguous, so it is not served.
func pageHTML(page []byte) ([]byte, error) {
	out := make([]byte, 0, len(page)+len(page)/32)
	for i := 0; i < len(page); {
		lt := bytes.IndexByte(page[i:], '<')
		if lt < 0 {
			return append(out, page[i:]...), nil
		}
		out = append(out, page[i:i+lt]...)
		i += lt
		rest := page[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			n := bytes.Index(rest, []byte("-->"))
			if n < 0 {
				return append(out, rest...), nil
			}
			out = append(out, rest[:n+3]...)
			i += n + 3
		case len(rest) > 1 && isLetter(rest[1]):
			tag, n, err := startTag(rest)
			if err != nil {
				return nil, fmt.Errorf("byte %d of the page: %w", i, err)
			}
			out = append(out, tag...)
			i += n
			if name := tagName(rest); name == "script" || name == "style" {
				// Raw text: nothing in it is a tag until its end tag.
				end := indexFold(string(page[i:]), "</"+name)
				if end < 0 {
					return append(out, page[i:]...), nil
				}
				out = append(out, page[i:i+end]...)
				i += end
			}
		default: // end tags, <!DOCTYPE>, and a "<" that starts nothing
			n := bytes.IndexByte(rest, '>')
			if n < 0 || !(rest[1] == '/' || rest[1] == '!' || rest[1] == '?') {
				n = 0
			}
			out = append(out, rest[:n+1]...)
			i += n + 1
		}
	}
	return out, nil
}

// startTag reads the start tag at the beginning of b and returns it written as HTML, with the
// number of bytes of b it took.
func startTag(b []byte) ([]byte, int, error) {
	name := tagName(b)
	out := append(make([]byte, 0, 64), '<')
	out = append(out, name...)
	i := 1 + len(name)
	for i < len(b) {
		switch c := b[i]; {
		case c == '>':
			return append(out, '>'), i + 1, nil
		case c == '/' || isSpace(c):
			i++
			if c == '/' {
				out = append(out, '/')
			}
			continue
		}
		// An attribute: its name, then a value or none.
		start := i
		for i < len(b) && b[i] != '=' && b[i] != '>' && b[i] != '/' && !isSpace(b[i]) {
			i++
		}
		key := string(b[start:i])
		if i >= len(b) || b[i] != '=' {
			out = append(out, ' ')
			out = append(out, key...)
			if trueAttrs[key] {
				out = append(out, `="true"`...)
			}
			continue
		}
		i++ // '='
		var value string
		switch {
		case i < len(b) && b[i] == '"':
			lit, err := strconv.QuotedPrefix(string(b[i:]))
			if err != nil {
				return nil, 0, fmt.Errorf("the value of %s in <%s> is not a Go string literal: %w", key, name, err)
			}
			value, _ = strconv.Unquote(lit)
			i += len(lit)
		default: // unquoted or single-quoted: not go-app's, and not the widget's
			return nil, 0, fmt.Errorf("the value of %s in <%s> is not double-quoted", key, name)
		}
		if falseBooleans[key] && value == "false" {
			continue
		}
		out = append(out, ' ')
		out = append(out, key...)
		out = append(out, `="`...)
		out = append(out, html.EscapeString(value)...)
		out = append(out, '"')
	}
	return nil, 0, fmt.Errorf("<%s> does not end", name)
}

// tagName returns the name of the start tag at the beginning of b ("<div class=…" gives "div").
func tagName(b []byte) string {
	i := 1
	for i < len(b) && b[i] != '>' && b[i] != '/' && !isSpace(b[i]) {
		i++
	}
	return string(b[1:i])
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// trueAttrs are the state attributes whose value must read "true": see pageHTML. The browser's
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

// indexFold returns the index of the first ASCII-case-insensitive match of the lower-case substr
// in s, or -1.
func indexFold(s, substr string) int {
	for i := 0; i+len(substr) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(substr)], substr) {
			return i
		}
	}
	return -1
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
