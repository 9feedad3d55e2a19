//go:build !wasm

package ui

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"golang.org/x/net/html"
)

// readBack writes an element with the title attrText(s) and the text s as go-app's server does,
// and returns the title and the text as HTML reads them.
func readBack(t *testing.T, s string) (title, text string) {
	t.Helper()
	var b bytes.Buffer
	app.PrintHTML(&b, app.P().Title(attrText(s)).Text(s))
	doc, err := html.Parse(&b)
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
		t.Fatalf("%q reads as %d <p>, the first with attributes %v", b.String(), len(ps), ps)
	}
	if len(ps[0].Attr) == 1 {
		title = ps[0].Attr[0].Val
	}
	var tb strings.Builder
	for n := range ps[0].Descendants() {
		if n.Type == html.TextNode {
			tb.WriteString(n.Data)
		}
	}
	return title, tb.String()
}

// withoutC1 is s without the C1 controls, which attrText leaves out.
func withoutC1(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x80 && r <= 0x9f {
			return -1
		}
		return r
	}, s)
}

func TestAttrText(t *testing.T) {
	for _, s := range []string{
		"plain words", `A "quoted" <b>word</b> & more`, `a\b`, "a\nb\u00a0c\u202fd", "true", " padded ",
		"&amp; is not a reference", `"'><img src=x onerror=alert(1)></script><meta http-equiv=refresh content=0>`,
		"bad \xff byte", "\xff\"q", "a C1\u0091control", "tr\u0091ue", "\u0080 0", "0 \u0091", "\u0085 \u0091",
	} {
		title, text := readBack(t, s)
		want := withoutC1(strings.ToValidUTF8(strings.TrimSpace(s), "\ufffd"))
		if title != want {
			t.Errorf("attrText(%q) reads %q, want %q", s, title, want)
		}
		if utf8.ValidString(s) && s != text { // go-app's own text escaping passes bad bytes on
			t.Errorf("text %q reads %q", s, text)
		}
	}
	if got := attrText("Plain words"); got != "Plain words" {
		t.Errorf("attrText(%q) = %q, want it as it is", "Plain words", got)
	}
}

// FuzzAttrText: whatever text a story holds, go-app's server writes it into an attribute and an
// element so that HTML reads it back exactly, in one element with one attribute.
func FuzzAttrText(f *testing.F) {
	for _, s := range []string{"", "true", "false", `A "quoted" <b>word</b> & more`, "a\\b\nc\u00a0d", `"'><img src=x onerror=alert(1)></script><meta http-equiv=refresh content=0>`, "\x00\x7f\ufffd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ToValidUTF8(s, "") != s || strings.ContainsAny(s, "\x00\r") {
			return // HTML has no NUL and folds CR; Go strings from stories are UTF-8
		}
		title, text := readBack(t, s)
		if want := withoutC1(strings.TrimSpace(s)); title != want {
			t.Errorf("attrText(%q) reads %q, want %q", s, title, want)
		}
		if text != s {
			t.Errorf("text %q reads %q", s, text)
		}
	})
}
