package ui

import (
	"testing"

	"timeline/app/layout"
)

func TestEmbedSnippet(t *testing.T) {
	tests := []struct {
		name  string
		embed Embed
		want  string
	}{
		{"the whole story, from a site at the root",
			Embed{Base: "https://news.example/", StoryID: "s1", Title: "A story"},
			`<iframe src="https://news.example/embed/s1" title="Interactive timeline: A story" loading="lazy" allowfullscreen style="width:100%;height:min(720px,90vh);border:0" data-timeline-embed="s1"></iframe>` + "\n" +
				`<script async src="https://news.example/web/embed.js"></script>`},
		{"a view, from a site under a path",
			Embed{Base: "https://cdn.example/news/timeline/", StoryID: "s1", Title: "A story", Query: "event=a&b"},
			`<iframe src="https://cdn.example/news/timeline/embed/s1?event=a&amp;b" title="Interactive timeline: A story" loading="lazy" allowfullscreen style="width:100%;height:min(720px,90vh);border:0" data-timeline-embed="s1"></iframe>` + "\n" +
				`<script async src="https://cdn.example/news/timeline/web/embed.js"></script>`},
		{"a title with markup stays text",
			Embed{Base: "/", StoryID: "s1", Title: `"Quotes" & <tags>`},
			`<iframe src="/embed/s1" title="Interactive timeline: &#34;Quotes&#34; &amp; &lt;tags&gt;" loading="lazy" allowfullscreen style="width:100%;height:min(720px,90vh);border:0" data-timeline-embed="s1"></iframe>` + "\n" +
				`<script async src="/web/embed.js"></script>`},
		{"caps lower the fallback height and bound the size",
			Embed{Base: "/", StoryID: "s1", Title: "T", MaxWidth: 500, MaxHeight: 300},
			`<iframe src="/embed/s1" title="Interactive timeline: T" loading="lazy" allowfullscreen style="width:100%;height:min(300px,90vh);border:0;max-width:500px;max-height:300px" data-timeline-embed="s1"></iframe>` + "\n" +
				`<script async src="/web/embed.js"></script>`},
		{"an id is escaped in the path",
			Embed{Base: "/", StoryID: "a b", Title: "T"},
			`<iframe src="/embed/a%20b" title="Interactive timeline: T" loading="lazy" allowfullscreen style="width:100%;height:min(720px,90vh);border:0" data-timeline-embed="a b"></iframe>` + "\n" +
				`<script async src="/web/embed.js"></script>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.embed.Snippet(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestSelectionQuery(t *testing.T) {
	tests := []struct {
		name string
		sel  layout.Selection
		want string
	}{
		{"no selection opens the whole story", layout.Selection{}, ""},
		{"an event", layout.Selection{Event: "geneva-meeting"}, "event=geneva-meeting"},
		{"an actor", layout.Selection{Actor: "blinken"}, "actor=blinken"},
		{"an id is query-escaped", layout.Selection{Event: "a&b c"}, "event=a%26b+c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SelectionQuery(tt.sel); got != tt.want {
				t.Errorf("SelectionQuery(%+v) = %q, want %q", tt.sel, got, tt.want)
			}
		})
	}
}

func TestStoryIDIsFoundBelowAPrefix(t *testing.T) {
	tests := []struct{ name, path, want string }{
		{"the root shows the default story", "/", DefaultStory},
		{"a story page", "/story/s1", "s1"},
		{"an embed page", "/embed/s1", "s1"},
		{"a story page below a static host's prefix", "/news/timeline/story/s1", "s1"},
		{"an embed page below a prefix", "/news/timeline/embed/s1", "s1"},
		{"the root below a prefix", "/news/timeline/", DefaultStory},
		{"a prefix that looks like a route", "/story/site/", DefaultStory},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := storyID(tt.path); got != tt.want {
				t.Errorf("storyID(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}
