//go:build !wasm

package data

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// talks is a small valid story, testdata/stories/good/talks.json, that the rule tests break.
func talks(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/stories/good/talks.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// errorLines returns the lines of err's message, or nil for a nil err.
func errorLines(err error) []string {
	if err == nil {
		return nil
	}
	var es Errors
	if errors.As(err, &es) {
		for _, e := range es {
			if !slices.Contains(Codes, e.Code) {
				return []string{"no code: " + e.Error()} // fails every comparison
			}
		}
	}
	return strings.Split(err.Error(), "\n")
}

func TestDecodeAcceptsAValidStory(t *testing.T) {
	s, err := Decode("stories/talks.json", []byte(talks(t)))
	if err != nil {
		t.Fatalf("Decode failed:\n%v", err)
	}
	checks := []struct {
		name      string
		got, want string
	}{
		{"the id is decoded", s.Info.ID, "talks"},
		{"asOf is parsed", s.Info.AsOfDate.Words(), "27 January 2022"},
		{"era dates are parsed", s.Info.Eras[0].When.Words(), "from November 2021, ongoing"},
		{"event dates are parsed", s.Events[1].When.Words(), "27 January – mid-February 2022, approximately"},
		{"relation valid dates are parsed", s.Relations[0].ValidWhen.Words(), "21 January 2022"},
		{"a relation with no valid date has the zero date", s.Relations[1].ValidWhen.Raw, ""},
		{"a relation without an id is keyed by its ends and kind", s.Relations[0].Key(), "blinken--meets--lavrov"},
		{"quotes are decoded", s.Events[0].Quotes[0].Text, "We are not on a path."},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if !s.Relations[1].Directed {
		t.Error("relations[1].directed: got false, want true")
	}
}

func TestDecodeAcceptsAnyFileNameWithoutJSONSuffix(t *testing.T) {
	for _, file := range []string{"", "<stdin>", "talks.txt"} {
		if _, err := Decode(file, []byte(talks(t))); err != nil {
			t.Errorf("Decode(%q) failed: %v", file, err)
		}
	}
	if _, err := Decode(`C:\stories\talks.json`, []byte(talks(t))); err != nil {
		t.Errorf("a Windows path's base name is the id: %v", err)
	}
}

// TestDecodeReportsEachRule breaks the valid story one rule at a time. Each row replaces old, which
// occurs once in talks.json, with new, and lists the exact errors.
func TestDecodeReportsEachRule(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		// story
		{"a missing story id points at the story object",
			"    \"id\": \"talks\",\n", "",
			[]string{`stories/talks.json:3:12: story.id: required field is missing`}},
		{"an empty title is named",
			`"title": "Talks in Geneva"`, `"title": ""`,
			[]string{`stories/talks.json:5:14: story.title: must not be empty`}},
		{"a blank language is empty",
			`"language": "en"`, `"language": "  "`,
			[]string{`stories/talks.json:7:17: story.language: must not be empty`}},
		{"a missing asOf is named",
			"    \"asOf\": \"2022-01-27\",\n", "",
			[]string{`stories/talks.json:3:12: story.asOf: required field is missing`}},
		{"the lead must name an event",
			`"asOf": "2022-01-27",`, `"asOf": "2022-01-27", "lead": "genva",`,
			[]string{`stories/talks.json:8:35: story.lead: no event has id "genva"`}},
		{"the story id must match the file name",
			`"id": "talks"`, `"id": "talk"`,
			[]string{`stories/talks.json:4:11: story.id: "talk" must match the file name "talks.json"`}},
		{"asOf must be an EDTF date",
			`"asOf": "2022-01-27"`, `"asOf": "27 Jan"`,
			[]string{`stories/talks.json:8:13: story.asOf: "27 Jan" is not an EDTF date: year must have 4 digits (YYYY)`}},
		{"asOf must be a day, not a month",
			`"asOf": "2022-01-27"`, `"asOf": "2022-01"`,
			[]string{`stories/talks.json:8:13: story.asOf: "2022-01" must be a single exact day (YYYY-MM-DD)`}},
		{"asOf must not be approximate",
			`"asOf": "2022-01-27"`, `"asOf": "2022-01-27~"`,
			[]string{`stories/talks.json:8:13: story.asOf: "2022-01-27~" must be a single exact day (YYYY-MM-DD)`}},
		{"asOf must not be an interval",
			`"asOf": "2022-01-27"`, `"asOf": "2022-01-27/.."`,
			[]string{`stories/talks.json:8:13: story.asOf: "2022-01-27/.." must be a single exact day (YYYY-MM-DD)`}},
		{"source dates must be EDTF dates",
			`"date": "2022-01-27", "url"`, `"date": "yesterday", "url"`,
			[]string{`stories/talks.json:9:76: story.sources[0].date: "yesterday" is not an EDTF date: year must have 4 digits (YYYY)`}},
		// tracks
		{"tracks must not be empty, and events then name no track",
			`"tracks": [{"id": "diplomacy", "label": "Diplomacy"}, {"id": "military", "label": "Military"}]`, `"tracks": []`,
			[]string{
				`stories/talks.json:10:15: story.tracks: must not be empty`,
				`stories/talks.json:28:16: events[0].track: no track has id "diplomacy"`,
				`stories/talks.json:40:16: events[1].track: no track has id "diplomacy"`,
			}},
		{"tracks are required",
			"    \"tracks\": [{\"id\": \"diplomacy\", \"label\": \"Diplomacy\"}, {\"id\": \"military\", \"label\": \"Military\"}],\n", "",
			[]string{
				`stories/talks.json:3:12: story.tracks: required field is missing`,
				`stories/talks.json:27:16: events[0].track: no track has id "diplomacy"`,
				`stories/talks.json:39:16: events[1].track: no track has id "diplomacy"`,
			}},
		{"a track id is required",
			`{"id": "military", "label": "Military"}`, `{"label": "Military"}`,
			[]string{`stories/talks.json:10:59: story.tracks[1].id: required field is missing`}},
		{"a track label must not be empty",
			`"label": "Military"`, `"label": ""`,
			[]string{`stories/talks.json:10:87: story.tracks[1].label: must not be empty`}},
		{"track ids are unique",
			`{"id": "military"`, `{"id": "diplomacy"`,
			[]string{`stories/talks.json:10:66: story.tracks[1].id: "diplomacy" is already the id of story.tracks[0]`}},
		// eras
		{"an era's interval must be ordered",
			`"2021-11/.."`, `"2021-11/2021-10"`,
			[]string{`stories/talks.json:11:58: story.eras[0].date: "2021-11/2021-10" is not an EDTF date: start date 2021-11 is after end date 2021-10`}},
		{"an era label is required",
			`"label": "Crisis", `, ``,
			[]string{`stories/talks.json:11:14: story.eras[0].label: required field is missing`}},
		{"an era date is required",
			`, "date": "2021-11/.."`, ``,
			[]string{`stories/talks.json:11:14: story.eras[0].date: required field is missing`}},
		{"era ids are unique",
			`"date": "2021-11/.."}`, `"date": "2021-11/.."}, {"id": "crisis", "label": "Again", "date": "2022"}`,
			[]string{`stories/talks.json:11:80: story.eras[1].id: "crisis" is already the id of story.eras[0]`}},
		// actors
		{"an actor name is required",
			`"name": "Russia", `, ``,
			[]string{`stories/talks.json:16:5: actors[2].name: required field is missing`}},
		{"an actor kind must be known",
			`"kind": "state", "source": "Russia said."`, `"kind": "country", "source": "Russia said."`,
			[]string{`stories/talks.json:16:48: actors[2].kind: "country" is not an actor kind (want one of state, organisation, person, group)`}},
		{"an actor kind is required",
			`"kind": "state", "source": "Russia said."`, `"source": "Russia said."`,
			[]string{`stories/talks.json:16:5: actors[2].kind: required field is missing`}},
		{"an actor source must not be blank",
			`"source": "Russia said."`, `"source": " "`,
			[]string{`stories/talks.json:16:67: actors[2].source: must not be empty`}},
		{"a missing actor id leaves references dangling",
			`{"id": "lavrov", `, `{`,
			[]string{
				`stories/talks.json:17:5: actors[3].id: required field is missing`,
				`stories/talks.json:20:31: relations[0].to: no actor has id "lavrov"`,
				`stories/talks.json:30:73: events[0].actors[1].actor: no actor has id "lavrov"`,
			}},
		{"actor ids are unique",
			"  \"actors\": [\n", "  \"actors\": [\n    {\"id\": \"us\", \"name\": \"US\", \"kind\": \"state\", \"source\": \"US.\"},\n",
			[]string{`stories/talks.json:15:12: actors[1].id: "us" is already the id of actors[0]`}},
		{"an affiliation must name an actor",
			`"affiliation": "russia"`, `"affiliation": "rusia"`,
			[]string{`stories/talks.json:17:80: actors[3].affiliation: no actor has id "rusia"`}},
		{"an actor cannot be affiliated with itself",
			`"affiliation": "us"`, `"affiliation": "blinken"`,
			[]string{`stories/talks.json:15:112: actors[1].affiliation: "blinken" cannot be affiliated with itself`}},
		{"an affiliation cycle is reported once",
			`"kind": "state", "source": "The US said."`, `"kind": "state", "affiliation": "blinken", "source": "The US said."`,
			[]string{`stories/talks.json:14:75: actors[0].affiliation: affiliation cycle: us -> blinken -> us`}},
		// relations
		{"a relation needs a from",
			`{"from": "blinken", "to": "lavrov"`, `{"to": "lavrov"`,
			[]string{`stories/talks.json:20:5: relations[0].from: required field is missing`}},
		{"a relation's to must name an actor",
			`"to": "lavrov"`, `"to": "lavrow"`,
			[]string{`stories/talks.json:20:31: relations[0].to: no actor has id "lavrow"`}},
		{"a relation cannot link an actor with itself",
			`"to": "russia"`, `"to": "us"`,
			[]string{`stories/talks.json:21:43: relations[1].to: a relation cannot link "us" with itself`}},
		{"a relation kind must be known",
			`"kind": "warns"`, `"kind": "threatens"`,
			[]string{`stories/talks.json:21:61: relations[1].kind: "threatens" is not a relation kind (want one of member-of, leads, speaks-for, meets, negotiates-with, warns, demands, rejects, supports, opposes)`}},
		{"a relation label must not be empty",
			`"label": "warns"`, `"label": ""`,
			[]string{`stories/talks.json:21:97: relations[1].label: must not be empty`}},
		{"a relation source is required",
			`, "source": "They met."`, ``,
			[]string{`stories/talks.json:20:5: relations[0].source: required field is missing`}},
		{"relations without ids are unique by from, kind and to",
			"  \"relations\": [\n", "  \"relations\": [\n    {\"from\": \"blinken\", \"to\": \"lavrov\", \"kind\": \"meets\", \"label\": \"meets again\", \"source\": \"Again.\"},\n",
			[]string{`stories/talks.json:21:5: relations[1]: "blinken--meets--lavrov" is already the key of relations[0] (give them different "id"s)`}},
		{"relation ids are unique",
			`{"from": "blinken", "to": "lavrov"`, `{"id": "warning", "from": "blinken", "to": "lavrov"`,
			[]string{`stories/talks.json:21:12: relations[1].id: "warning" is already the id of relations[0]`}},
		{"a relation's valid date must be ordered",
			`"valid": "2022-01-21"`, `"valid": "2022-01-21/2022-01-20"`,
			[]string{`stories/talks.json:20:104: relations[0].valid: "2022-01-21/2022-01-20" is not an EDTF date: start date 2022-01-21 is after end date 2022-01-20`}},
		{"a relation's events must exist",
			`"events": ["geneva"]`, `"events": ["genva"]`,
			[]string{`stories/talks.json:20:129: relations[0].events[0]: no event has id "genva"`}},
		{"a relation's event ids must not be empty",
			`"events": ["geneva"]`, `"events": ["geneva", ""]`,
			[]string{`stories/talks.json:20:139: relations[0].events[1]: must not be empty`}},
		{"directed must be true or false",
			`"directed": true`, `"directed": "yes"`,
			[]string{`stories/talks.json:21:82: relations[1].directed: want true or false, got a string`}},
		{"a value of the wrong type is reported once, not also as empty",
			`"label": "warns"`, `"label": ["warns"]`,
			[]string{`stories/talks.json:21:97: relations[1].label: want a string, got an array`}},
		// events
		{"an event id is required",
			"      \"id\": \"reply\",\n", "",
			[]string{`stories/talks.json:34:5: events[1].id: required field is missing`}},
		{"event ids are unique",
			`"id": "reply"`, `"id": "geneva"`,
			[]string{`stories/talks.json:35:13: events[1].id: "geneva" is already the id of events[0]`}},
		{"an event date must be an EDTF date",
			`"date": "2022-01-21"`, `"date": "2022-13-01"`,
			[]string{`stories/talks.json:26:15: events[0].date: "2022-13-01" is not an EDTF date: month 13 is out of range`}},
		{"an event interval must be ordered",
			`"2022-01-27/2022-02-15~"`, `"2022-02-15/2022-01-27"`,
			[]string{`stories/talks.json:36:15: events[1].date: "2022-02-15/2022-01-27" is not an EDTF date: start date 2022-02-15 is after end date 2022-01-27`}},
		{"an event date is required",
			"      \"date\": \"2022-01-21\",\n", "",
			[]string{`stories/talks.json:24:5: events[0].date: required field is missing`}},
		{"an event headline must not be empty",
			`"headline": "Reply expected"`, `"headline": ""`,
			[]string{`stories/talks.json:38:19: events[1].headline: must not be empty`}},
		{"an event track must exist",
			"\"track\": \"diplomacy\",\n      \"status\": \"happened\"", "\"track\": \"military \",\n      \"status\": \"happened\"",
			[]string{`stories/talks.json:28:16: events[0].track: no track has id "military "`}},
		{"an event status must be known",
			`"status": "planned"`, `"status": "expected"`,
			[]string{`stories/talks.json:41:17: events[1].status: "expected" is not an event status (want one of happened, planned, reported)`}},
		{"an event status is required",
			"      \"status\": \"planned\",\n", "",
			[]string{`stories/talks.json:34:5: events[1].status: required field is missing`}},
		{"an event source is required",
			",\n      \"source\": \"A reply is expected.\"", "",
			[]string{`stories/talks.json:34:5: events[1].source: required field is missing`}},
		{"a participant must be an actor",
			`{"actor": "russia", "part": "speaker"}`, `{"actor": "kremlin", "part": "speaker"}`,
			[]string{`stories/talks.json:42:28: events[1].actors[0].actor: no actor has id "kremlin"`}},
		{"a participant actor is required",
			`{"actor": "russia", "part": "speaker"}`, `{"part": "speaker"}`,
			[]string{`stories/talks.json:42:18: events[1].actors[0].actor: required field is missing`}},
		{"an actor takes part in an event once",
			`{"actor": "lavrov", "part": "participant"}`, `{"actor": "blinken", "part": "target"}`,
			[]string{`stories/talks.json:30:73: events[0].actors[1].actor: "blinken" is already listed at events[0].actors[0]`}},
		{"a part is required",
			`{"actor": "russia", "part": "speaker"}`, `{"actor": "russia"}`,
			[]string{`stories/talks.json:42:18: events[1].actors[0].part: required field is missing`}},
		{"a part must be known",
			`"part": "speaker"`, `"part": "host"`,
			[]string{`stories/talks.json:42:46: events[1].actors[0].part: "host" is not a part (want one of speaker, target, participant)`}},
		{"a quote must not be blank",
			`"text": "We are not on a path."`, `"text": " \n "`,
			[]string{`stories/talks.json:31:27: events[0].quotes[0].text: must not be empty`}},
		{"a quote needs a speaker",
			`, "speaker": "blinken"}`, `}`,
			[]string{`stories/talks.json:31:18: events[0].quotes[0].speaker: required field is missing`}},
		{"a quote's speaker must be an actor",
			`"speaker": "blinken"`, `"speaker": "biden"`,
			[]string{`stories/talks.json:31:63: events[0].quotes[0].speaker: no actor has id "biden"`}},
	}
	base := talks(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := strings.Count(base, tt.old); n != 1 {
				t.Fatalf("%q occurs %d times in talks.json, want once", tt.old, n)
			}
			in := strings.Replace(base, tt.old, tt.new, 1)
			s, err := Decode("stories/talks.json", []byte(in))
			if s != nil {
				t.Error("Decode returned a story with its errors, want nil")
			}
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
			}
		})
	}
}

// minimal is a small valid story, on one line, for bad.json.
const minimal = `{"story": {"id": "bad", "title": "T", "language": "en", "asOf": "2022-01-27", "tracks": [{"id": "t", "label": "T"}]}, "actors": [], "relations": [], "events": [{"id": "e", "date": "2022", "headline": "H", "track": "t", "status": "happened", "actors": [], "source": "S."}]}`

func TestDecodeReportsMalformedFiles(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"an empty file is named", "", []string{`bad.json: the file is empty`}},
		{"a blank file is empty", " \n\t", []string{`bad.json: the file is empty`}},
		{"a syntax error is located", "{\"story\": {\"id\": \"bad\",}}",
			[]string{`bad.json:1:24: invalid JSON: invalid character '}' looking for beginning of object key string`}},
		{"a syntax error on a later line is located", "{\n  \"story\": {\n    \"id\" \"bad\"\n  }\n}",
			[]string{`bad.json:3:10: invalid JSON: invalid character '"' after object key`}},
		{"a truncated file is located at its end", "{\"story\": {",
			[]string{`bad.json:1:12: invalid JSON: unexpected end of the file`}},
		{"a truncated file is located at its end on its last line", "{\n\"story\": {\"id\": \"b",
			[]string{`bad.json:2:19: invalid JSON: unexpected end of the file`}},
		{"the file must hold an object", "[]", []string{`bad.json:1:1: want an object, got an array`}},
		{"the file must hold one object", minimal + " {}",
			[]string{`bad.json:1:274: invalid JSON: unexpected data after the story object`}},
		{"an unknown field close to a known one is suggested",
			strings.Replace(minimal, `"title"`, `"titel"`, 1),
			[]string{
				`bad.json:1:11: story.title: required field is missing`,
				`bad.json:1:25: story: unknown field "titel" (did you mean "title"?)`,
			}},
		{"an unknown field differing in case is suggested",
			strings.Replace(minimal, `"asOf"`, `"asof"`, 1),
			[]string{
				`bad.json:1:11: story.asOf: required field is missing`,
				`bad.json:1:57: story: unknown field "asof" (did you mean "asOf"?)`,
			}},
		{"an unknown field far from any known one is named alone",
			strings.Replace(minimal, `{"story"`, `{"publishedAt": {"x": [1, 2]}, "story"`, 1),
			[]string{`bad.json:1:2: unknown field "publishedAt"`}},
		{"a repeated field is named",
			strings.Replace(minimal, `"title": "T"`, `"title": "T", "title": "U"`, 1),
			[]string{`bad.json:1:39: story.title: field "title" appears twice`}},
		{"a number is not a string",
			strings.Replace(minimal, `"id": "e"`, `"id": 5`, 1),
			[]string{`bad.json:1:168: events[0].id: want a string, got a number`}},
		{"null is not a string",
			strings.Replace(minimal, `"title": "T"`, `"title": null`, 1),
			[]string{`bad.json:1:34: story.title: want a string, got null`}},
		{"null is an empty array, but events must not be empty",
			strings.Replace(minimal, `"actors": [], "relations": [], "events": [{`, `"actors": null, "relations": null, "events": null, "x": [{`, 1),
			[]string{
				`bad.json:1:164: events: must not be empty`,
				`bad.json:1:170: unknown field "x"`,
			}},
		{"an object is not a string",
			strings.Replace(minimal, `"headline": "H"`, `"headline": {"en": "H"}`, 1),
			[]string{`bad.json:1:201: events[0].headline: want a string, got an object`}},
		{"a boolean is not a string",
			strings.Replace(minimal, `"title": "T"`, `"title": true`, 1),
			[]string{`bad.json:1:34: story.title: want a string, got true or false`}},
		{"the story object is required",
			strings.Replace(minimal, `"story"`, `"$schema": "x", "ignored"`, 1),
			[]string{
				`bad.json:1:1: story: required field is missing`,
				`bad.json:1:18: unknown field "ignored"`,
				`bad.json:1:233: events[0].track: no track has id "t"`,
			}},
		{"events are required",
			strings.Replace(minimal, `"events"`, `"happenings"`, 1),
			[]string{
				`bad.json:1:1: events: required field is missing`,
				`bad.json:1:150: unknown field "happenings"`,
			}},
		{"events must not be empty",
			minimal[:strings.Index(minimal, `"events"`)] + `"events": []}`,
			[]string{`bad.json:1:160: events: must not be empty`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Decode("bad.json", []byte(tt.in))
			if s != nil {
				t.Error("Decode returned a story with its errors, want nil")
			}
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
			}
		})
	}
	if _, err := Decode("bad.json", []byte(minimal)); err != nil {
		t.Errorf("the minimal story is invalid: %v", err)
	}
}

// TestDecodeReportsEveryProblemAtOnce checks that problems of all kinds come together, in the
// order of the file, each at its line and column (columns count bytes: the "é" before the date on
// line 15 counts two).
func TestDecodeReportsEveryProblemAtOnce(t *testing.T) {
	in := `{
  "story": {
    "id": "kyiv",
    "title": "Café talks",
    "language": "en",
    "asOf": "2022-01",
    "tracks": [{"id": "diplomacy", "label": "Diplomacy"}]
  },
  "actors": [
    {"id": "biden", "name": "Joe Biden", "kind": "president", "source": "Biden said."}
  ],
  "relations": [],
  "events": [
    {
      "id": "call", "headline": "Café call", "date": "2022-13-01",
      "track": "diplomacy", "status": "happened", "source": "They spoke.",
      "actors": [{"actor": "putin", "part": "speaker"}],
      "quotes": [{"text": "", "speaker": "biden"}],
      "colour": "red"
    }
  ]
}`
	want := []string{
		`stories/kiev.json:3:11: story.id: "kyiv" must match the file name "kiev.json"`,
		`stories/kiev.json:6:13: story.asOf: "2022-01" must be a single exact day (YYYY-MM-DD)`,
		`stories/kiev.json:10:50: actors[0].kind: "president" is not an actor kind (want one of state, organisation, person, group)`,
		`stories/kiev.json:15:55: events[0].date: "2022-13-01" is not an EDTF date: month 13 is out of range`,
		`stories/kiev.json:17:28: events[0].actors[0].actor: no actor has id "putin"`,
		`stories/kiev.json:18:27: events[0].quotes[0].text: must not be empty`,
		`stories/kiev.json:19:7: events[0]: unknown field "colour"`,
	}
	_, err := Decode("stories/kiev.json", []byte(in))
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("Decode's error is a %T, want Errors", err)
	}
	if e := es[3]; e.File != "stories/kiev.json" || e.Line != 15 || e.Col != 55 || e.Path != "events[0].date" ||
		e.Msg != `"2022-13-01" is not an EDTF date: month 13 is out of range` {
		t.Errorf("es[3] = %+v", *e)
	}
}

func TestValidateWithoutJSONHasNoPositions(t *testing.T) {
	s := &Story{
		Info: Info{ID: "built", Title: "Built", Language: "en", AsOf: "2022-01-27",
			Tracks: []Track{{ID: "t", Label: "T"}}},
		Actors: []Actor{
			{ID: "a", Name: "A", Kind: KindPerson, Affiliation: "b", Source: "A."},
			{ID: "b", Name: "B", Kind: KindPerson, Affiliation: "c", Source: "B."},
			{ID: "c", Name: "C", Kind: KindPerson, Affiliation: "a", Source: "C."},
		},
		Events: []Event{{ID: "e", Date: "2022-01-2", Headline: "H", Track: "t", Status: StatusHappened}},
	}
	want := []string{
		`built.json: actors[0].affiliation: affiliation cycle: a -> b -> c -> a`,
		`built.json: events[0].date: "2022-01-2" is not an EDTF date: day must have 2 digits (YYYY-MM-DD)`,
		`built.json: events[0].source: must not be empty`,
	}
	errs := s.Validate("built.json", nil)
	if got := errorLines(errs.Err()); !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	if got := s.Info.AsOfDate.Words(); got != "27 January 2022" {
		t.Errorf("Validate left AsOfDate worded %q, want 27 January 2022", got)
	}
	s.Events[0].Date, s.Events[0].Source = "2022-01-02", "S."
	s.Actors[2].Affiliation = ""
	if errs := s.Validate("built.json", nil); errs.Err() != nil {
		t.Errorf("fixed story still invalid: %v", errs)
	}
	if got := s.Events[0].When.Words(); got != "2 January 2022" {
		t.Errorf("Validate left When worded %q, want 2 January 2022", got)
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		name string
		e    Error
		want string
	}{
		{"every part is shown", Error{File: "f.json", Line: 41, Col: 17, Path: "events[3].date", Msg: "bad"},
			"f.json:41:17: events[3].date: bad"},
		{"no position leaves out line and column", Error{File: "f.json", Path: "events[3].date", Msg: "bad"},
			"f.json: events[3].date: bad"},
		{"no path leaves out the path", Error{File: "f.json", Line: 1, Col: 2, Msg: "bad"}, "f.json:1:2: bad"},
		{"no file starts with the position", Error{Line: 1, Col: 2, Path: "story", Msg: "bad"}, "1:2: story: bad"},
		{"the message alone is the message", Error{Msg: "bad"}, "bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
	if (Errors{}).Err() != nil {
		t.Error("an empty Errors' Err() is not nil")
	}
	es := Errors{{Msg: "a"}, {Msg: "b"}}
	if got := es.Err().Error(); got != "a\nb" {
		t.Errorf("Errors joins to %q, want a, newline, b", got)
	}
}

func TestLoadReadsEveryStoryOfAFolder(t *testing.T) {
	fsys := os.DirFS("testdata/stories")
	stories, err := Load(fsys, "good")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range stories {
		ids = append(ids, s.Info.ID)
	}
	if want := []string{"alpha", "talks"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Load returned %q, want %q (sorted by id, other files and folders skipped)", ids, want)
	}

	stories, err = Load(fsys, "empty")
	if err != nil || stories == nil || len(stories) != 0 {
		t.Errorf("Load of a folder without stories = %v, %v; want an empty slice, no error", stories, err)
	}

	_, err = Load(fsys, "missing")
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("Load of a missing folder: error %v, want one naming it", err)
	}
}

// TestLoadSkipsASchemaBesideTheStories: `timeline new` writes story.schema.json beside a story
// made outside the project; a folder with it is still a folder of stories.
func TestLoadSkipsASchemaBesideTheStories(t *testing.T) {
	good, err := os.ReadFile("testdata/stories/good/alpha.json")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"alpha.json": {Data: good}, "story.schema.json": {Data: Schema}}
	stories, err := Load(fsys, ".")
	if err != nil || len(stories) != 1 {
		t.Errorf("Load = %d stories, %v; want alpha alone", len(stories), err)
	}
}

func TestLoadReportsTheErrorsOfAllFiles(t *testing.T) {
	stories, err := Load(os.DirFS("testdata"), "stories/bad")
	want := []string{
		`stories/bad/broken.json:3:1: invalid JSON: invalid character '}' looking for beginning of object key string`,
		`stories/bad/mismatch.json:4:11: story.id: "other" must match the file name "mismatch.json"`,
		`stories/bad/mismatch.json:26:15: events[0].date: "2022-13-01" is not an EDTF date: month 13 is out of range`,
	}
	if stories != nil {
		t.Errorf("Load returned %d stories with its errors, want nil", len(stories))
	}
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// TestEmbeddedStoriesAreValid fails on any problem in data/stories/*.json.
func TestEmbeddedStoriesAreValid(t *testing.T) {
	stories, err := Embedded()
	if err != nil {
		t.Fatalf("embedded stories are invalid:\n%v", err)
	}
	if len(stories) == 0 {
		t.Fatal("no embedded stories")
	}
}

// TestEmbeddedStoryFindsOneByID decodes one embedded story by its id, and finds none for an id
// the bundle lacks or one that would reach outside the stories folder.
func TestEmbeddedStoryFindsOneByID(t *testing.T) {
	all, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range all {
		s, ok, err := EmbeddedStory(want.Info.ID)
		if err != nil || !ok || s.Info.ID != want.Info.ID || len(s.Events) != len(want.Events) {
			t.Errorf("EmbeddedStory(%q) = story %v, %v, %v; want the story of that id", want.Info.ID, s != nil, ok, err)
		}
	}
	for _, id := range []string{"", "no-such-story", "../stories/" + all[0].Info.ID, ".", ".."} {
		if s, ok, err := EmbeddedStory(id); s != nil || ok || err != nil {
			t.Errorf("EmbeddedStory(%q) = %v, %v, %v; want nil, false, nil", id, s, ok, err)
		}
	}
}

func TestLookupsFindByID(t *testing.T) {
	s, err := Decode("talks.json", []byte(talks(t)))
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := s.EventByID("reply"); !ok || e != &s.Events[1] {
		t.Errorf("EventByID(reply) = %p, %v; want &s.Events[1]", e, ok)
	}
	if a, ok := s.ActorByID("lavrov"); !ok || a != &s.Actors[3] {
		t.Errorf("ActorByID(lavrov) = %p, %v; want &s.Actors[3]", a, ok)
	}
	if tr, ok := s.TrackByID("military"); !ok || tr != &s.Info.Tracks[1] {
		t.Errorf("TrackByID(military) = %p, %v; want &s.Info.Tracks[1]", tr, ok)
	}
	if _, ok := s.EventByID("nope"); ok {
		t.Error("EventByID(nope) found something")
	}
	if _, ok := s.ActorByID(""); ok {
		t.Error("ActorByID(\"\") found something")
	}
	if _, ok := s.TrackByID("Military"); ok {
		t.Error("TrackByID is not case-sensitive")
	}
}

// TestShapeMirrorsStructTags keeps storyShape, which decides unknown fields and JSON types, in step
// with the json tags of story.go.
func TestShapeMirrorsStructTags(t *testing.T) {
	var check func(path string, typ reflect.Type, sh *shape)
	check = func(path string, typ reflect.Type, sh *shape) {
		switch typ.Kind() {
		case reflect.String:
			if sh.kind != jsonString {
				t.Errorf("%s: shape wants %v, Go has a string", path, sh.kind)
			}
		case reflect.Bool:
			if sh.kind != jsonBool {
				t.Errorf("%s: shape wants %v, Go has a bool", path, sh.kind)
			}
		case reflect.Slice:
			if sh.kind != jsonArray {
				t.Errorf("%s: shape wants %v, Go has a slice", path, sh.kind)
				return
			}
			check(path+"[]", typ.Elem(), sh.elem)
		case reflect.Struct:
			if sh.kind != jsonObject {
				t.Errorf("%s: shape wants %v, Go has a struct", path, sh.kind)
				return
			}
			var names []string
			for i := 0; i < typ.NumField(); i++ {
				f := typ.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "-" {
					continue
				}
				names = append(names, name)
				if sub, ok := sh.fields[name]; !ok {
					t.Errorf("%s: shape lacks field %q", path, name)
				} else {
					check(path+"."+name, f.Type, sub)
				}
			}
			var shaped []string
			for name := range sh.fields {
				shaped = append(shaped, name)
			}
			sort.Strings(names)
			sort.Strings(shaped)
			if !reflect.DeepEqual(names, shaped) {
				t.Errorf("%s: shape fields %q, Go fields %q", path, shaped, names)
			}
		default:
			t.Errorf("%s: Go type %v has no shape", path, typ)
		}
	}
	check("", reflect.TypeOf(Story{}), storyShape)
}

func ExampleDecode() {
	_, err := Decode("stories/kyiv.json", []byte(`{
  "story": {"id": "kyiv", "title": "Kyiv", "language": "en", "asOf": "2022-01-27",
            "tracks": [{"id": "diplomacy", "label": "Diplomacy"}]},
  "actors": [],
  "relations": [],
  "events": [
    {"id": "talks", "date": "2022-13-01", "headline": "Talks", "track": "diplomacy",
     "status": "happened", "source": "They talked."}
  ]
}`))
	fmt.Println(err)
	// Output:
	// stories/kyiv.json:7:29: events[0].date: "2022-13-01" is not an EDTF date: month 13 is out of range
}

func TestDecodeAcceptsEveryField(t *testing.T) {
	s, err := Decode("c.json", []byte(compact))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Relations[0].ValidWhen.Words(); got != "by 27 January 2022" {
		t.Errorf("relations[0] valid words %q", got)
	}
	if got := s.Events[0].When.Words(); got != "from mid-December 2021, approximately, ongoing" {
		t.Errorf("events[0] words %q", got)
	}
}

func TestLeadEvent(t *testing.T) {
	ev := func(id, date, status string) Event {
		d, err := ParseDate(date)
		if err != nil {
			t.Fatal(err)
		}
		return Event{ID: id, Date: date, When: d, Status: status}
	}
	tests := []struct {
		name   string
		lead   string
		events []Event
		want   int
	}{
		{"a story without events has no lead", "", nil, -1},
		{"the named lead wins over later events", "a",
			[]Event{ev("a", "2022-01-20", StatusHappened), ev("b", "2022-01-27", StatusHappened)}, 0},
		{"without a lead the latest happened event leads", "",
			[]Event{ev("a", "2022-01-27", StatusHappened), ev("b", "2022-01-20", StatusHappened)}, 0},
		{"planned events never lead while one happened", "",
			[]Event{ev("a", "2022-01-20", ""), ev("b", "2022-02-10", StatusPlanned)}, 0},
		{"on a tie the later in the file leads", "",
			[]Event{ev("a", "2022-01-27", StatusHappened), ev("b", "2022-01-27", StatusHappened)}, 1},
		{"a story of plans leads with the latest plan", "",
			[]Event{ev("a", "2022-02-10", StatusPlanned), ev("b", "2022-02-01", StatusPlanned)}, 0},
		{"a lead that names no event is ignored", "x",
			[]Event{ev("a", "2022-01-20", StatusHappened), ev("b", "2022-01-27", StatusHappened)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Story{Info: Info{Lead: tt.lead}, Events: tt.events}
			if got := s.LeadEvent(); got != tt.want {
				t.Errorf("LeadEvent() = %d, want %d", got, tt.want)
			}
		})
	}
}
