//go:build wasm

package data

import "encoding/json"

// Decode decodes a story the server has already validated (the page's, as the server publishes
// it), and parses its dates. In the browser it trusts its input: the server validated the very
// same file, so the WebAssembly build leaves the decoder's positions and the validator out, which
// keeps the bundle small; file is unused.
func Decode(file string, b []byte) (*Story, error) {
	s := new(Story)
	if err := json.Unmarshal(b, s); err != nil {
		return nil, err
	}
	s.parseDates()
	return s, nil
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
