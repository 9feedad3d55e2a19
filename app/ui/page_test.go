//go:build !wasm

package ui

import (
	"net/url"
	"testing"
)

func TestParseTheme(t *testing.T) {
	tests := []struct {
		name, query, theme, accent string
	}{
		{"nothing asked, nothing set", "", "", ""},
		{"a dark theme", "theme=dark", "dark", ""},
		{"a light theme", "theme=light", "light", ""},
		{"an unknown theme is ignored", "theme=neon", "", ""},
		{"a six-digit accent", "accent=%23AA3300", "", "#aa3300"},
		{"an accent without its #", "accent=a30", "", "#a30"},
		{"a named colour is ignored", "accent=red", "", ""},
		{"an injection attempt is ignored", "accent=%23fff;background:url(x)", "", ""},
		{"a five-digit accent is ignored", "accent=%23abcde", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			theme, accent := parseTheme(q)
			if theme != tt.theme || accent != tt.accent {
				t.Errorf("parseTheme(%q) = %q, %q; want %q, %q", tt.query, theme, accent, tt.theme, tt.accent)
			}
		})
	}
}

func TestStoryIDFromPath(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/", DefaultStory},
		{"/story/x", "x"},
		{"/embed/y", "y"},
	}
	for _, tt := range tests {
		if got := storyID(tt.path); got != tt.want {
			t.Errorf("storyID(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
