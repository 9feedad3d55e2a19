package timelinejs

import (
	"strings"

	"golang.org/x/net/html"

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
// deterministic, and reads the input once, with x/net/html's tokenizer, so it splits tags,
// attributes, comments and the raw text of scripts as browsers do.
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
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		name, closing := tok.Data, tt == html.EndTagToken
		switch {
		case tt == html.TextToken:
			b.WriteString(tok.Data)
		case tt != html.StartTagToken && tt != html.EndTagToken && tt != html.SelfClosingTagToken:
			// comments and doctypes say nothing to readers
		case name == "a" && !closing:
			closeLink() // links do not nest
			link = &openLink{href: attr(tok, "href"), start: b.Len()}
		case name == "a":
			closeLink()
		case droppedWithContent[name] && !closing:
			out.dropped = append(out.dropped, "a <"+name+"> element and its content")
			if tt == html.StartTagToken {
				skipElement(z, name)
			}
			b.WriteByte(' ')
		case droppedVoid[name] && !closing:
			what := "an <" + name + "> element"
			if alt := strings.TrimSpace(attr(tok, "alt")); alt != "" {
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

// attr returns the value of tok's first attribute named key (lower case), or "".
func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// skipElement reads up to and including the end tag of the element name whose start tag z has
// just read, or to the end of the input.
func skipElement(z *html.Tokenizer, name string) {
	for depth := 1; depth > 0; {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == name {
				depth++
			}
		case html.EndTagToken:
			if n, _ := z.TagName(); string(n) == name {
				depth--
			}
		}
	}
}

// squeezeSpace trims s and turns each run of white space into one space.
func squeezeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// curlyQuote wraps s in curly quotes, for messages about text a person wrote.
func curlyQuote(s string) string { return "“" + s + "”" }
