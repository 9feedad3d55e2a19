//go:build !wasm

package site

import (
	"testing"
)

func TestFixPage(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// go-app's writing for the DOM, undone.
		{"a bare state attribute reads true", `<a data-selected href="?">x</a>`, `<a data-selected="true" href="?">x</a>`},
		{"at the end of a tag too", `<g aria-pressed>`, `<g aria-pressed="true">`},
		{"valued state attributes are left alone", `<a data-selected="false" aria-current="page">`, `<a data-selected="false" aria-current="page">`},
		{"other bare attributes are left alone", `<aside data-detail>`, `<aside data-detail>`},
		{"a longer name is not mistaken", `<a data-selected-x>`, `<a data-selected-x>`},
		{"a false boolean attribute is dropped", `<button disabled="false" type="button">`, `<button type="button">`},
		{"a true boolean attribute stays", `<details open class="x">`, `<details open class="x">`},
		{"a fixed tag keeps its other values, escaped", `<a title="a &#34;b&#34; &amp; c" data-lit>`, `<a title="a &#34;b&#34; &amp; c" data-lit="true">`},
		{"the title's references are read once more", `<title>A &amp;#34;b&amp;#34; &amp;amp; c</title>`, `<title>A &#34;b&#34; &amp; c</title>`},
		{"only the page title's", `<title>a</title><p>A &amp;#34;b&amp;#34;<svg><title>x &amp;amp; y</title></svg></p>`, `<title>a</title><p>A &amp;#34;b&amp;#34;<svg><title>x &amp;amp; y</title></svg></p>`},
		{"readers may zoom", `<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover">`,
			`<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">`},
		{"only the viewport's", `<meta name="description" content="Apps block zoom, user-scalable=no, maximum-scale=1, and readers suffer">`,
			`<meta name="description" content="Apps block zoom, user-scalable=no, maximum-scale=1, and readers suffer">`},
		// What is not a tag to fix is copied as it is.
		{"text is left alone", `<p>a data-selected="\" b</p>`, `<p>a data-selected="\" b</p>`},
		{"doctype, comments and end tags pass", `<!DOCTYPE html><!-- a "b" --></p>`, `<!DOCTYPE html><!-- a "b" --></p>`},
		{"a lone < is text", `a < b <3`, `a < b <3`},
		{"a script's text is not read as tags", `<script src="a.js">if (a<b) x = "<p data-lit>"</script><p data-lit>`, `<script src="a.js">if (a<b) x = "<p data-lit>"</script><p data-lit="true">`},
		{"SVG keeps its case where nothing is fixed", `<svg viewBox="0 0 1 1"><clipPath id="c"></clipPath></svg>`, `<svg viewBox="0 0 1 1"><clipPath id="c"></clipPath></svg>`},
		{"self-closing tags keep their slash", `<img src="a.png"/>`, `<img src="a.png"/>`},
		{"a tag left unfinished at the end is kept", `<p>a</p><a href="x`, `<p>a</p><a href="x`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(fixPage([]byte(tt.in))); got != tt.want {
				t.Errorf("fixPage(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
