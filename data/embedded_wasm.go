//go:build wasm

package data

import (
	"encoding/json"
	"strings"
)

// Embedded returns the story files built into the bundle, sorted by id, with their dates parsed.
//
// In the browser it trusts them: the server validates the very same embedded files when it starts
// (and the tests do too), so the WebAssembly build leaves the decoder's positions and the
// validator out, which keeps the bundle small.
func Embedded() ([]*Story, error) {
	// The embed.FS methods themselves, not io/fs's helpers: those bring a general directory
	// reader and sort into the bundle.
	entries, err := storiesFS.ReadDir("stories")
	if err != nil {
		return nil, err
	}
	var stories []*Story
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := storiesFS.ReadFile("stories/" + e.Name())
		if err != nil {
			return nil, err
		}
		s := new(Story)
		if err := json.Unmarshal(b, s); err != nil {
			return nil, err
		}
		s.parseDates()
		stories = append(stories, s)
	}
	return stories, nil // ReadDir lists by name, and names are ids
}

// parseDates fills the parsed dates of a story that has been validated elsewhere.
func (s *Story) parseDates() {
	s.Info.AsOfDate, _ = ParseDate(s.Info.AsOf)
	for i := range s.Info.Eras {
		s.Info.Eras[i].When, _ = ParseDate(s.Info.Eras[i].Date)
	}
	for i := range s.Events {
		s.Events[i].When, _ = ParseDate(s.Events[i].Date)
	}
	for i := range s.Relations {
		if s.Relations[i].Valid != "" {
			s.Relations[i].ValidWhen, _ = ParseDate(s.Relations[i].Valid)
		}
	}
}
