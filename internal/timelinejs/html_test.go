//go:build !wasm

package timelinejs

import (
	"reflect"
	"strings"
	"testing"

	"timeline/data"
)

func TestReduceHTML(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		text    string
		links   []data.Link
		dropped []string
	}{
		{"plain text stays", "A plain  sentence.\n", "A plain sentence.", nil, nil},
		{"tags go, their words stay", "<p>A <strong>bold</strong> <em>move</em></p>", "A bold move", nil, nil},
		{"block elements separate words", "<p>one</p><p>two</p><ul><li>three</li><li>four</li></ul>five<br>six", "one two three four five six", nil, nil},
		{"entities are decoded", "&ldquo;Q&rdquo; &amp; &lt;b&gt; &#8212; &nbsp;x", "“Q” & <b> — x", nil, nil},
		{"a < not before a letter is text", "a < b, 1<2", "a < b, 1<2", nil, nil},
		{"comments go", "a<!-- hidden <b>-->b<!-- never closed", "ab", nil, nil},
		{"a web link is kept with its words", `See <a href="https://example.org/a?b=1&amp;c=2" target="_blank">the <b>page</b></a>.`,
			"See the page.", []data.Link{{URL: "https://example.org/a?b=1&c=2", Text: "the page"}}, nil},
		{"a link without words is named by its URL", `<a href='http://example.org/'></a>`, "", []data.Link{{URL: "http://example.org/", Text: "http://example.org/"}}, nil},
		{"unquoted and upper-case attributes are read", `<A HREF=https://example.org/x>x</A>`, "x", []data.Link{{URL: "https://example.org/x", Text: "x"}}, nil},
		{"an unclosed link ends with the text", `<a href="https://example.org/">to the end`, "to the end", []data.Link{{URL: "https://example.org/", Text: "to the end"}}, nil},
		{"a link opened inside a link closes the first", `<a href="https://a.example/">a <a href="https://b.example/">b</a>`, "a b",
			[]data.Link{{URL: "https://a.example/", Text: "a"}, {URL: "https://b.example/", Text: "b"}}, nil},
		{"other links keep their words only", `<a href="mailto:x@example.org">mail</a> <a href="/about">about</a> <a href="javascript:alert(1)">run</a> <a>none</a>`,
			"mail about run none", nil, []string{
				"the link to “mailto:x@example.org” (not an http or https address; its words are kept)",
				"the link to “/about” (not an http or https address; its words are kept)",
				"the link to “javascript:alert(1)” (not an http or https address; its words are kept)",
			}},
		{"scripts and styles go with their content", `a<script type="text/javascript">var s = "</b>";</script>b<STYLE>p{}</STYLE>c`, "a b c", nil,
			[]string{"a <script> element and its content", "a <style> element and its content"}},
		{"an unclosed script takes the rest", `a<script>b`, "a", nil, []string{"a <script> element and its content"}},
		{"images go, their alt text said", `a<img src="x.png" alt="A cat">b<img src=y.png>`, "a b", nil,
			[]string{"an <img> element (alt text “A cat”)", "an <img> element"}},
		{"a quoted > does not end a tag", `<a title="a>b" href="https://example.org/">x</a>`, "x", []data.Link{{URL: "https://example.org/", Text: "x"}}, nil},
		{"an unended tag is dropped", `a <p class="x`, "a", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reduceHTML(tt.in)
			if got.text != tt.text {
				t.Errorf("text %q, want %q", got.text, tt.text)
			}
			if !reflect.DeepEqual(got.links, tt.links) {
				t.Errorf("links %v, want %v", got.links, tt.links)
			}
			if !reflect.DeepEqual(got.dropped, tt.dropped) {
				t.Errorf("dropped %q, want %q", got.dropped, tt.dropped)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in                    string
		hour, min, sec, milli string
		ok                    bool
	}{
		{"14:30", "14", "30", "", "", true},
		{"9:05:07", "9", "5", "7", "", true},
		{"09:05:07.25", "9", "5", "7", "250", true},
		{"2:30 PM", "14", "30", "", "", true},
		{"12:05 am", "0", "5", "", "", true},
		{"12pm", "12", "0", "", "", true},
		{"7 PM", "19", "0", "", "", true},
		{"24:00", "", "", "", "", false},
		{"13:00 PM", "", "", "", "", false},
		{"14", "", "", "", "", false},
		{"14:60", "", "", "", "", false},
		{"1:2:3:4", "", "", "", "", false},
		{"noon", "", "", "", "", false},
		{"10:00:00.1234", "", "", "", "", false},
	}
	for _, tt := range tests {
		h, m, s, ms, ok := parseClock(tt.in)
		if got, want := []any{h, m, s, ms, ok}, []any{tt.hour, tt.min, tt.sec, tt.milli, tt.ok}; !reflect.DeepEqual(got, want) {
			t.Errorf("parseClock(%q) = %v, want %v", tt.in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A slide with a picture", "a-slide-with-a-picture"},
		{"  Talks -- in Geneva! ", "talks-in-geneva"},
		{"Rózsa Péter writes recursion", "rozsa-peter-writes-recursion"},
		{"Встреча в Женеве 2022", "2022"},
		{`"><script>alert(1)</script>`, "script-alert-1-script"},
		{"2022: the year", "2022-the-year"},
		{"!!!", ""},
		{"A headline that goes on and on far beyond what an id should hold", "a-headline-that-goes-on-and-on-far-beyond-what"},
		{strings.Repeat("é", 60), strings.Repeat("e", 48)},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := slug(tt.in); len(got) > 48 || (got != "" && !data.ValidID(got)) {
			t.Errorf("slug(%q) = %q: more than 48 bytes, or not an id", tt.in, got)
		}
	}
}

// FuzzImportTimelineJS: no input makes the importer panic; what it writes is always a valid
// story; every note and error says something and is located sensibly.
func FuzzImportTimelineJS(f *testing.F) {
	// Seeds are small, every field once: the fuzzer minimises each new input, which takes long for
	// large ones (the example files).
	f.Add([]byte(`{"title": {"text": {"headline": "T", "text": "<p>S</p>"}}, "scale": "human",
"eras": [{"start_date": {"year": 2021}, "end_date": {"year": 2022}, "text": {"headline": "E"}}],
"events": [{"unique_id": "u", "group": "G", "display_date": "D", "autolink": false, "background": {"color": "#000"},
"start_date": {"year": 2021, "month": 3, "day": 1, "hour": 9, "minute": 5, "second": 7, "millisecond": 25, "display_date": "d", "format": "f"},
"end_date": {"year": "2021", "month": "4"}, "text": {"headline": "<b>H</b>", "text": "<a href=\"https://example.org/\">x</a>"},
"media": {"url": "/web/icon.svg", "alt": "A", "caption": "C", "credit": "R", "title": "T", "thumbnail": "t", "link": "https://example.org/m", "link_target": "_blank"}}]}`))
	f.Add([]byte("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n" +
		",,,,,,,,,T,S,,,,,title,,\n2021,1,,,2022,,,,,E,,,,,,era,,\n2021,3,1,2:30 PM,2021,3,2,17:00,D,H,<i>X</i>,/web/icon.svg,R,C,t,,G,#000\n"))
	f.Add([]byte(timeline(keeper)))
	f.Add([]byte(`{"events": [{"start_date": {"year": "-1"}}, {"start_date": {"year": 2020, "month": 2, "day": 29, "hour": 23}, "end_date": {"year": 2020}}]}`))
	f.Add([]byte("Year,End Year,Headline,Type,Media\n2020,2019,<a href=x>H</a>,,<iframe>\n,,T,title,\n"))
	f.Add([]byte(`{"events": [], "title": null}`))
	f.Add([]byte(`{"events": [` + strings.Repeat(`{"a":[`, maxJSONDepth/2) + strings.Repeat(`]}`, maxJSONDepth/2) + `]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		res := Import(Options{File: "f", Schema: "s", Lang: "en"}, b)
		for _, e := range append(append(data.Errors{}, res.NotMapped...), res.Errs...) {
			if e.Msg == "" || (e.Line == 0) != (e.Col == 0) || e.Line < 0 || e.Col < 0 || e.File != "f" {
				t.Errorf("malformed note or error %+v", *e)
			}
		}
		if res.Errs != nil {
			if res.Story != nil {
				t.Error("a story with errors")
			}
			return
		}
		if _, err := data.Decode(res.ID+".json", res.Story); err != nil {
			t.Fatalf("the imported story is invalid: %v\n%s", err, res.Story)
		}
	})
}

// FuzzReduceHTML: reduced text has no markup left of what was markup, its space is collapsed,
// and its links are web addresses.
func FuzzReduceHTML(f *testing.F) {
	for _, s := range []string{"<p>a <b>b</b></p>", `<a href="https://example.org/">x</a>`, "<script>x</script>y", "a < b", "<!--", "&amp;&lt;", "<a href=mailto:x>y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := reduceHTML(s)
		if got.text != strings.Join(strings.Fields(got.text), " ") {
			t.Errorf("text %q is not collapsed", got.text)
		}
		for _, l := range got.links {
			if !data.IsWebURL(l.URL) || strings.TrimSpace(l.Text) == "" {
				t.Errorf("link %+v", l)
			}
		}
	})
}
