package route

import (
	"net/url"
	"regexp"
	"testing"

	"timeline/data"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, base, path string
		want             Page
		ok               bool
	}{
		{"the root is the default story", "/", "/", Page{Home, DefaultStory}, true},
		{"an empty base is the root", "", "/", Page{Home, DefaultStory}, true},
		{"a story page", "/", "/story/a", Page{Story, "a"}, true},
		{"an embed page", "/", "/embed/a", Page{Embed, "a"}, true},
		{"a demo page", "/", "/demo/a", Page{Demo, "a"}, true},
		{"under a base", "/news/", "/news/story/a", Page{Story, "a"}, true},
		{"a base without its slashes", "news", "/news/embed/a", Page{Embed, "a"}, true},
		{"the base is the root of its site", "/news/", "/news/", Page{Home, DefaultStory}, true},
		{"the base without its last slash too", "/news/", "/news", Page{Home, DefaultStory}, true},
		{"outside the base is no page", "/news/", "/story/a", Page{}, false},
		{"an unknown kind is no page", "/", "/stories/a", Page{}, false},
		{"a kind without an id is no page", "/", "/story/", Page{}, false},
		{"a deeper path is no page", "/", "/story/a/b", Page{}, false},
		{"an asset is no page", "/", "/web/style.css", Page{}, false},
		{"the list of stories is no story page", "/", "/stories", Page{}, false},
	}
	for _, tt := range tests {
		got, ok := Parse(tt.base, tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: Parse(%q, %q) = %+v, %v; want %+v, %v", tt.name, tt.base, tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

// TestPathParsesBack: the address built for a page reads back as that page, under any base.
func TestPathParsesBack(t *testing.T) {
	for _, base := range []string{"/", "/news/", "/a/b.c/"} {
		for _, p := range []Page{{Home, DefaultStory}, {Story, "x"}, {Embed, "geneva-2022"}, {Demo, "a.b_c"}} {
			got, ok := Parse(base, p.Path(base))
			if !ok || got != p {
				t.Errorf("Parse(%q, %q) = %+v, %v; want %+v", base, p.Path(base), got, ok, p)
			}
			if any := ParseAnyPrefix(p.Path(base)); any != p {
				t.Errorf("ParseAnyPrefix(%q) = %+v; want %+v", p.Path(base), any, p)
			}
		}
	}
}

func TestParseAnyPrefix(t *testing.T) {
	tests := []struct {
		path string
		want Page
	}{
		{"/", Page{Home, DefaultStory}},
		{"/news/timeline/", Page{Home, DefaultStory}},
		{"/news/timeline/story/a", Page{Story, "a"}},
		{"/embed/a", Page{Embed, "a"}},
		{"/story/", Page{Home, DefaultStory}},
		{"/anything", Page{Home, DefaultStory}},
	}
	for _, tt := range tests {
		if got := ParseAnyPrefix(tt.path); got != tt.want {
			t.Errorf("ParseAnyPrefix(%q) = %+v, want %+v", tt.path, got, tt.want)
		}
	}
}

func TestPatternMatchesWhatParseReads(t *testing.T) {
	for _, kind := range append([]Kind{Home}, Kinds...) {
		p := Page{kind, "x"}
		if kind == Home {
			p.ID = DefaultStory
		}
		if !regexpMatch(t, Pattern(kind), p.Path("/")) {
			t.Errorf("Pattern(%q) = %s does not match %s", kind, Pattern(kind), p.Path("/"))
		}
		if regexpMatch(t, Pattern(kind), p.Path("/")+"/more") {
			t.Errorf("Pattern(%q) matches a deeper path", kind)
		}
	}
}

func TestSelection(t *testing.T) {
	tests := []struct {
		name, query string
		want        Selection
		back        string
	}{
		{"nothing", "", Selection{}, ""},
		{"an event", "event=a", Selection{Event, "a"}, "event=a"},
		{"an actor", "actor=putin", Selection{Actor, "putin"}, "actor=putin"},
		{"a relation", "relation=a--meets--b", Selection{Relation, "a--meets--b"}, "relation=a--meets--b"},
		{"an event wins over an actor", "actor=b&event=a", Selection{Event, "a"}, "event=a"},
		{"an actor wins over a relation", "relation=r&actor=b", Selection{Actor, "b"}, "actor=b"},
		{"an empty event gives way", "event=&actor=b", Selection{Actor, "b"}, "actor=b"},
		{"other keys change nothing", "theme=dark", Selection{}, ""},
		{"an id is escaped", "event=a%20b%26c", Selection{Event, "a b&c"}, "event=a+b%26c"},
	}
	for _, tt := range tests {
		q, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got := ParseSelection(q)
		if got != tt.want || got.Query() != tt.back {
			t.Errorf("%s: ParseSelection(%q) = %+v, query %q; want %+v, %q", tt.name, tt.query, got, got.Query(), tt.want, tt.back)
		}
		if again, _ := url.ParseQuery(got.Query()); ParseSelection(again) != got {
			t.Errorf("%s: %q does not read back as %+v", tt.name, got.Query(), got)
		}
	}
	if got := Select("", "b", "r"); got != (Selection{Actor, "b"}) {
		t.Errorf("Select = %+v, want the actor", got)
	}
}

func TestWithSelectionKeepsTheRestOfTheQuery(t *testing.T) {
	q := url.Values{"event": {"a"}, "relation": {"r"}, "theme": {"dark"}}
	got := WithSelection(q, Selection{Actor, "b"}).Encode()
	if want := "actor=b&theme=dark"; got != want {
		t.Errorf("WithSelection = %q, want %q", got, want)
	}
	if got := WithSelection(q, Selection{}).Encode(); got != "theme=dark" {
		t.Errorf("WithSelection of nothing = %q, want theme=dark", got)
	}
	if q.Get("event") != "a" {
		t.Error("WithSelection changed its argument")
	}
}

func TestDataPath(t *testing.T) {
	if got := DataPath("a b"); got != "/web/data/a%20b.json" {
		t.Errorf("DataPath = %q", got)
	}
}

func TestPrefixAndCheckBase(t *testing.T) {
	for in, want := range map[string]string{"": "/", "/": "/", "news": "/news/", "/news/timeline": "/news/timeline/"} {
		if got := Prefix(in); got != want {
			t.Errorf("Prefix(%q) = %q, want %q", in, got, want)
		}
	}
	for base, ok := range map[string]bool{"/": true, "/news/": true, "/a/b": true, "news/": false, "/a//b": false, "/a/../b": false, "/a?x": false, "/a b/": false, "/é/": false, "/a~b.c_D-9/": true} {
		if err := CheckBase(base); (err == nil) != ok {
			t.Errorf("CheckBase(%q) = %v", base, err)
		}
	}
}

func regexpMatch(t *testing.T, pattern, s string) bool {
	t.Helper()
	re, err := regexp.Compile(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return re.MatchString(s)
}

func TestAddressesUnderAWholeBase(t *testing.T) {
	const base = "https://news.example/timeline/"
	if got := (Page{Embed, "a b"}).Path(base); got != "https://news.example/timeline/embed/a%20b" {
		t.Errorf("Path = %q", got)
	}
	if got := (Page{Home, DefaultStory}).Path("https://news.example/timeline"); got != base {
		t.Errorf("Path of Home = %q, want %q", got, base)
	}
	if got := Asset(base, "embed.js"); got != "https://news.example/timeline/web/embed.js" {
		t.Errorf("Asset = %q", got)
	}
	if got := Asset("/", "embed.js"); got != "/web/embed.js" {
		t.Errorf("Asset at the root = %q", got)
	}
}

func TestIndex(t *testing.T) {
	s := &data.Story{
		Info:      data.Info{ID: "s"},
		Events:    []data.Event{{ID: "e"}},
		Actors:    []data.Actor{{ID: "a"}, {ID: "b"}},
		Relations: []data.Relation{{From: "a", Kind: "meets", To: "b"}},
	}
	x := NewIndex([]*data.Story{s})
	tests := []struct {
		name  string
		story string
		sel   Selection
		want  bool
	}{
		{"the whole story", "s", Selection{}, true},
		{"an event it has", "s", Selection{Event, "e"}, true},
		{"an actor it has", "s", Selection{Actor, "b"}, true},
		{"a relation by its key", "s", Selection{Relation, s.Relations[0].Key()}, true},
		{"an event it lacks", "s", Selection{Event, "a"}, false},
		{"an actor id is not an event", "s", Selection{Event, "b"}, false},
		{"a story it lacks", "t", Selection{}, false},
	}
	for _, tt := range tests {
		if got := x.Selects(tt.story, tt.sel); got != tt.want {
			t.Errorf("%s: Selects(%q, %+v) = %v, want %v", tt.name, tt.story, tt.sel, got, tt.want)
		}
	}
	if !x.Has("s") || x.Has("t") || (*Index)(nil).Has("s") {
		t.Error("Has is wrong")
	}
}
