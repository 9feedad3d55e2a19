//go:build wasm

package data

import "encoding/json"

// EmbeddedStory returns the story built into the bundle with the given id, its dates parsed, and
// false when the bundle has none. It decodes that one file only, on each call: a page decodes the
// story it shows, not every story of the bundle.
//
// In the browser it trusts the file: the server validates the very same embedded files when it
// starts (and the tests do too), so the WebAssembly build leaves the decoder's positions and the
// validator out, which keeps the bundle small.
func EmbeddedStory(id string) (*Story, bool, error) {
	if !validEmbeddedID(id) {
		return nil, false, nil
	}
	b, err := storiesFS.ReadFile("stories/" + id + ".json") // file names are ids
	if err != nil {
		return nil, false, nil
	}
	s := new(Story)
	if err := json.Unmarshal(b, s); err != nil {
		return nil, true, err
	}
	s.parseDates()
	return s, true, nil
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
	s.reckon()
}
