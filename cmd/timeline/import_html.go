//go:build !wasm

package main

import (
	"html"
	"strings"

	"timeline/data"
)

// plainText is HTML reduced to what a story keeps of it: text, and the web pages it links to.
type plainText struct {
	// text is the words, entities decoded, white space collapsed, elements gone.
	text string
	// links are the http and https links, in order, each with its words (or its URL when it has
	// none). Their words stay in text too.
	links []data.Link
	// dropped words what was left out: links that are not web pages, images, scripts and the like.
	dropped []string
}

// droppedWithContent are the elements whose content is not text for readers; they are left out
// whole, and reported.
var droppedWithContent = map[string]bool{
	"script": true, "style": true, "iframe": true, "noscript": true, "template": true, "object": true,
	"svg": true, "math": true, "audio": true, "video": true, "canvas": true, "textarea": true, "select": true,
}

// droppedVoid are the elements without content that are left out, and reported.
var droppedVoid = map[string]bool{"img": true, "embed": true, "input": true, "source": true, "track": true}

// breaking are the elements that separate words: a space stands in for them.
var breaking = map[string]bool{
	"br": true, "p": true, "div": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "hr": true,
	"table": true, "tr": true, "td": true, "th": true, "section": true, "article": true, "header": true,
	"footer": true, "figure": true, "figcaption": true, "pre": true, "cite": true, "aside": true,
}

// reduceHTML turns the HTML of a TimelineJS field (which may also be plain text) into plain text,
// keeping the targets of its links as data. It never fails: what is not HTML is text. It is
// deterministic, and reads the input once.
func reduceHTML(src string) plainText {
	var out plainText
	var b strings.Builder
	type openLink struct {
		href  string
		start int // b.Len() when the link opened
	}
	var link *openLink
	closeLink := func() {
		if link == nil {
			return
		}
		words := squeezeSpace(b.String()[link.start:])
		href := strings.TrimSpace(link.href)
		switch {
		case href == "":
		case data.IsWebURL(href):
			if words == "" {
				words = href
			}
			out.links = append(out.links, data.Link{URL: href, Text: words})
		default:
			out.dropped = append(out.dropped, "the link to "+curlyQuote(href)+" (not an http or https address; its words are kept)")
		}
		link = nil
	}
	for src != "" {
		lt := strings.IndexByte(src, '<')
		if lt < 0 {
			b.WriteString(html.UnescapeString(src))
			break
		}
		b.WriteString(html.UnescapeString(src[:lt]))
		src = src[lt:]
		if strings.HasPrefix(src, "<!--") {
			if end := strings.Index(src[4:], "-->"); end >= 0 {
				src = src[4+end+3:]
			} else {
				src = ""
			}
			continue
		}
		if !isTagStart(src) {
			b.WriteByte('<')
			src = src[1:]
			continue
		}
		end := tagEnd(src)
		name, closing, attrs := parseTag(src[:end])
		src = src[end:]
		switch {
		case name == "a" && !closing:
			closeLink() // links do not nest
			link = &openLink{href: attrs["href"], start: b.Len()}
		case name == "a":
			closeLink()
		case droppedWithContent[name] && !closing:
			out.dropped = append(out.dropped, "a <"+name+"> element and its content")
			if i := indexFold(src, "</"+name); i >= 0 {
				src = src[i:]
				src = src[tagEnd(src):]
			} else {
				src = ""
			}
			b.WriteByte(' ')
		case droppedVoid[name] && !closing:
			what := "an <" + name + "> element"
			if alt := strings.TrimSpace(attrs["alt"]); alt != "" {
				what += " (alt text " + curlyQuote(alt) + ")"
			}
			out.dropped = append(out.dropped, what)
			b.WriteByte(' ')
		case breaking[name]:
			b.WriteByte(' ')
		}
	}
	closeLink()
	out.text = squeezeSpace(b.String())
	return out
}

// isTagStart reports whether s, which starts with "<", starts a tag ("<p", "</p", "<!DOCTYPE")
// rather than being a lone "<" in text ("a < b").
func isTagStart(s string) bool {
	if len(s) < 2 {
		return false
	}
	c := s[1]
	if c == '/' && len(s) > 2 {
		c = s[2]
	}
	return c == '!' || c == '?' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// parseTag reads a tag such as `<a href="x" target=_blank>` or `</p>`: its lower-case name,
// whether it closes an element, and its attributes (lower-case names, decoded values).
func parseTag(tag string) (name string, closing bool, attrs map[string]string) {
	s := strings.TrimSuffix(strings.TrimPrefix(tag, "<"), ">")
	if strings.HasPrefix(s, "/") {
		closing, s = true, s[1:]
	}
	i := strings.IndexFunc(s, func(r rune) bool { return r == '/' || isHTMLSpace(r) })
	if i < 0 {
		i = len(s)
	}
	name, s = strings.ToLower(s[:i]), s[i:]
	attrs = map[string]string{}
	for {
		s = strings.TrimLeftFunc(s, func(r rune) bool { return r == '/' || isHTMLSpace(r) })
		if s == "" {
			return name, closing, attrs
		}
		j := strings.IndexFunc(s, func(r rune) bool { return r == '=' || r == '/' || isHTMLSpace(r) })
		if j < 0 {
			j = len(s)
		}
		key := strings.ToLower(s[:j])
		s = strings.TrimLeftFunc(s[j:], isHTMLSpace)
		if !strings.HasPrefix(s, "=") {
			if _, ok := attrs[key]; !ok {
				attrs[key] = ""
			}
			continue
		}
		s = strings.TrimLeftFunc(s[1:], isHTMLSpace)
		var value string
		if s != "" && (s[0] == '"' || s[0] == '\'') {
			if k := strings.IndexByte(s[1:], s[0]); k >= 0 {
				value, s = s[1:1+k], s[2+k:]
			} else {
				value, s = s[1:], ""
			}
		} else {
			k := strings.IndexFunc(s, isHTMLSpace)
			if k < 0 {
				k = len(s)
			}
			value, s = s[:k], s[k:]
		}
		if _, ok := attrs[key]; !ok { // the first of repeated attributes counts, as in browsers
			attrs[key] = html.UnescapeString(value)
		}
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
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

// squeezeSpace trims s and turns each run of white space into one space.
func squeezeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// curlyQuote wraps s in curly quotes, for messages about text a person wrote.
func curlyQuote(s string) string { return "“" + s + "”" }
