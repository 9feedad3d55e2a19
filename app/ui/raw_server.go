//go:build !wasm

package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// attrText returns text as an attribute value that go-app's server writes the way HTML reads it.
//
// go-app writes every attribute value of a prerendered page as a Go string literal
// (strconv.Quote), which HTML does not read: `\"` escapes nothing, so a quote in a headline would
// end the attribute and turn the rest of the headline into markup; a backslash would double, a
// newline or a no-break space would read `\n` or `\u00a0`. So each character a Go literal escapes
// (a quote, a backslash, a character Go does not print) is given here as an HTML character
// reference, which a Go literal leaves as it is and HTML reads back as the character; an
// ampersand too, so that no reference is read where the text has none. Text that needs none of
// this, most of it, is returned as it is.
//
// Every attribute value that comes from a story's prose or links goes through here; ids, dates
// and numbers cannot hold such characters. In the browser, where go-app sets attributes through
// the DOM, it is the text itself (raw_wasm.go).
func attrText(text string) string {
	text = strings.TrimSpace(text) // as go-app does in the browser
	i := strings.IndexFunc(text, needsReference)
	switch {
	case text == "true":
		return "&#116;rue" // go-app writes "true" as a bare attribute, which reads as empty
	case !utf8.ValidString(text):
		i = 0 // every bad byte becomes U+FFFD, as the browser reads it
	case i < 0:
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	b.WriteString(text[:i])
	for _, r := range text[i:] {
		switch {
		case r >= 0x80 && r <= 0x9f:
			// A C1 control, which no reference can give: HTML reads &#128; to &#159; as the
			// Windows-1252 characters (€, ‘, ™…). It shows as nothing, and is left out.
		case r == '&':
			b.WriteString("&amp;")
		case needsReference(r):
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		default:
			b.WriteRune(r) // an invalid byte too: as U+FFFD, which Go prints
		}
	}
	out := b.String()
	if out == "true" { // what was left once the C1 controls were left out
		return "&#116;rue"
	}
	// A C1 control left out may have stood before or after a space, which go-app would now trim:
	// the only space Go prints, so the only one not given as a reference above.
	if trimmed := strings.Trim(out, " "); trimmed != out {
		lead := len(out) - len(strings.TrimLeft(out, " "))
		trail := len(out) - len(strings.TrimRight(out, " "))
		if trimmed == "" {
			lead, trail = len(out), 0
		}
		out = strings.Repeat("&#32;", lead) + trimmed + strings.Repeat("&#32;", trail)
	}
	return out
}

// needsReference tells whether a Go literal would escape r, or HTML would read it as the start
// of a reference.
func needsReference(r rune) bool {
	return r == '"' || r == '\\' || r == '&' || !strconv.IsPrint(r)
}
