//go:build !wasm

package data

import (
	"os"
	"slices"
	"testing"
)

// TestDeepTimeStoryReadsRight decodes the story from the Big Bang to 2022 made for the tests and
// checks the words of every date readers see, counted from its asOf and in its era notation, and
// that the schema accepts it too.
func TestDeepTimeStoryReadsRight(t *testing.T) {
	b, err := os.ReadFile("testdata/deep-time/big-bang-to-2022.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Decode("big-bang-to-2022.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if p := schemaProblems(t, b); p != nil {
		t.Errorf("the schema rejects it: %q", p)
	}
	want := map[string]string{
		"big-bang":          "13.8 billion years ago · to the nearest 100 million years",
		"first-stars":       "about 13.6 billion years ago · approximate",
		"milky-way":         "about 13 billion years ago · approximate",
		"sun-forms":         "about 4.6 billion years ago · approximate",
		"first-life":        "3.7 billion years ago, uncertain · uncertain",
		"great-oxidation":   "about 2.4–2 billion years ago · interval, approximate",
		"cambrian":          "538.8 million years ago · to the nearest 100,000 years",
		"dinosaurs-end":     "66 million years ago · to the nearest million years",
		"homo-sapiens":      "about 300,000 years ago · approximate",
		"farming":           "about 11,500 years ago · approximate",
		"rome-founded":      "21 April 753 BC · exact day",
		"republic":          "509 BC · to the year",
		"caesar":            "15 March 44 BC · exact day",
		"augustus-dies":     "19 August AD 14 · exact day",
		"rome-falls":        "AD 476 · to the year",
		"moon-landing":      "20 July 1969 · exact day",
		"webb-launch":       "25 December 2021 · exact day",
		"webb-first-images": "12 July 2022 · exact day",
	}
	for _, e := range s.Events {
		if got := e.When.Words() + " · " + e.When.PrecisionWords(); got != want[e.ID] {
			t.Errorf("%s: %q, want %q", e.ID, got, want[e.ID])
		}
	}
	eras := []string{"from 538.8 million years ago, ongoing", "509–27 BC"}
	for i, e := range s.Info.Eras {
		if got := e.When.Words(); got != eras[i] {
			t.Errorf("era %s: %q, want %q", e.ID, got, eras[i])
		}
	}
	// The same story in the BCE/CE notation.
	s.Info.EraNotation = EraBCECE
	if errs := s.Validate("", nil); len(errs) != 0 {
		t.Fatal(errs)
	}
	for id, want := range map[string]string{"caesar": "15 March 44 BCE", "augustus-dies": "19 August 14 CE", "big-bang": "13.8 billion years ago"} {
		i := slices.IndexFunc(s.Events, func(e Event) bool { return e.ID == id })
		if got := s.Events[i].When.Words(); got != want {
			t.Errorf("in BCE/CE, %s: %q, want %q", id, got, want)
		}
	}
}
