//go:build !wasm

package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The JSON Schema (story.schema.json) is what editors check while a story is written; Decode is
// what the server and `timeline validate` check. These tests keep them in agreement: every file the
// schema rejects, Decode rejects too, at the same place; the schema rejects every file that breaks
// the shape (types, unknown fields, required and blank fields, enumerations, date and URL syntax);
// and what only Decode rejects is listed, rule by rule, with its message.

var compiled struct {
	once sync.Once
	s    *jsonschema.Schema
	err  error
}

// storySchema compiles story.schema.json once; compiling also checks it against the 2020-12
// meta-schema.
func storySchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	compiled.once.Do(func() {
		compiled.s, compiled.err = jsonschema.NewCompiler().Compile("story.schema.json")
	})
	if compiled.err != nil {
		t.Fatalf("story.schema.json does not compile: %v", compiled.err)
	}
	return compiled.s
}

// schemaProblems validates b against the schema and returns "instance-location: message" for each
// leaf error, sorted; nil when b is valid. The instance location is a JSON pointer ("/events/0").
func schemaProblems(t *testing.T, b []byte) []string {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the schema's JSON reader rejects the file: %v", err)
	}
	err = storySchema(t).Validate(inst)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("validating: %v", err)
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			loc := ""
			if len(e.InstanceLocation) > 0 {
				loc = "/" + strings.Join(e.InstanceLocation, "/")
			}
			out = append(out, loc+": "+e.ErrorKind.LocalizedString(message.NewPrinter(language.English)))
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(out)
	return out
}

// pointer converts a path of Decode's errors ("events[0].media.url") to a JSON pointer
// ("/events/0/media/url").
func pointer(p string) string {
	if p == "" {
		return ""
	}
	p = strings.NewReplacer("[", ".", "]", "").Replace(p)
	return "/" + strings.ReplaceAll(p, ".", "/")
}

func TestSchemaAcceptsEveryValidStory(t *testing.T) {
	files := map[string][]byte{}
	entries, err := fs.ReadDir(storiesFS, "stories")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(storiesFS, "stories/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		files["stories/"+e.Name()] = b
	}
	for _, name := range []string{"testdata/stories/good/alpha.json", "testdata/stories/good/talks.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	files["compact"] = []byte(compact)
	files["every field"] = []byte(everyField)
	files["null arrays"] = []byte(`{"story": {"id": "n", "title": "T", "language": "en", "asOf": "2022-01-27",
		"sources": null, "tracks": [{"id": "t", "label": "T"}], "eras": null}, "actors": null, "relations": null,
		"events": [{"id": "e", "date": "2022", "headline": "H", "track": "t", "status": "happened",
		"actors": null, "quotes": null, "links": null, "source": "S."}]}`)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			if _, err := Decode("", files[name]); err != nil {
				t.Fatalf("Decode rejects it:\n%v", err)
			}
			if got := schemaProblems(t, files[name]); got != nil {
				t.Errorf("the schema rejects it:\n  %s", strings.Join(got, "\n  "))
			}
		})
	}
}

// TestEveryStoryNamesTheSchema checks that each embedded story's "$schema" leads, from the story's
// own folder, to story.schema.json, so that editors find it.
func TestEveryStoryNamesTheSchema(t *testing.T) {
	stories, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	want, err := filepath.Abs("story.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stories {
		got, err := filepath.Abs(filepath.Join("stories", filepath.FromSlash(s.Schema)))
		if err != nil || got != want {
			t.Errorf("stories/%s.json: \"$schema\" is %q, want a path to story.schema.json such as \"../story.schema.json\"", s.Info.ID, s.Schema)
		}
	}
}

// everyField is a valid story that has every field of the format, media and links included.
const everyField = `{"$schema": "../story.schema.json",
 "story": {"id": "every", "title": "T", "summary": "S", "language": "en", "asOf": "2022-01-27", "eraNotation": "bce-ce",
  "sources": [{"publisher": "P", "headline": "H", "date": "2022-01", "url": "https://example.org/a", "credit": "C"}],
  "tracks": [{"id": "t", "label": "T"}], "eras": [{"id": "r", "label": "R", "date": "2014/.."}]},
 "actors": [{"id": "a", "name": "A", "kind": "state", "source": "A."},
  {"id": "b", "name": "B", "kind": "person", "role": "R", "affiliation": "a", "description": "D", "source": "B."}],
 "relations": [{"id": "x", "from": "b", "to": "a", "kind": "leads", "directed": true, "label": "L",
  "valid": "/2022-01-27", "events": ["e"], "source": "S."}],
 "events": [{"id": "e", "date": "2021-12-17~/..", "dateNote": "N", "headline": "H", "text": "T", "place": "P",
  "track": "t", "status": "reported", "actors": [{"actor": "a", "part": "target"}, {"actor": "b", "part": "speaker"}],
  "quotes": [{"text": "Q", "speaker": "b"}],
  "media": {"url": "/web/icon.svg", "alt": "An icon", "caption": "The icon.", "credit": "Drawn for the example"},
  "links": [{"url": "https://example.org/b?c=d#e", "text": "A page"}], "source": "S."}]}`

// TestSchemaAndValidatorAgree feeds the same broken files to both. A row with a schemaAt expects
// the schema to reject the file at that JSON pointer; a row without one is a rule that only the
// validator checks (the schema cannot see across the file, nor count days in a month).
func TestSchemaAndValidatorAgree(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string // the validator's messages, exactly, one a line
		schemaAt string // where the schema rejects the file; "" when it accepts it
	}{
		// The shape: both reject.
		{"an unknown field", `"summary":`, `"sumary":`,
			`stories/talks.json:6:5: story: unknown field "sumary" (did you mean "summary"?)`, "/story"},
		{"a number for a string", `"title": "Talks in Geneva"`, `"title": 7`,
			`stories/talks.json:5:14: story.title: want a string, got a number`, "/story/title"},
		{"null for a string", `"headline": "Reply expected"`, `"headline": null`,
			`stories/talks.json:38:19: events[1].headline: want a string, got null`, "/events/1/headline"},
		{"a string for a bool", `"directed": true`, `"directed": "yes"`,
			`stories/talks.json:21:82: relations[1].directed: want true or false, got a string`, "/relations/1/directed"},
		{"an object for an array", `"events": ["geneva"]`, `"events": {}`,
			`stories/talks.json:20:128: relations[0].events: want an array, got an object`, "/relations/0/events"},
		{"a missing required field", `"status": "planned",`, ``,
			`stories/talks.json:34:5: events[1].status: required field is missing`, "/events/1"},
		{"a blank required field", `"label": "Crisis"`, `"label": " "`,
			`stories/talks.json:11:40: story.eras[0].label: must not be empty`, "/story/eras/0/label"},
		{"an unknown actor kind", `"kind": "state", "source": "Russia said."`, `"kind": "country", "source": "Russia said."`,
			`stories/talks.json:16:48: actors[2].kind: "country" is not an actor kind (want one of state, organisation, person, group)`, "/actors/2/kind"},
		{"an unknown part", `{"actor": "russia", "part": "speaker"}`, `{"actor": "russia", "part": "host"}`,
			`stories/talks.json:42:46: events[1].actors[0].part: "host" is not a part (want one of speaker, target, participant)`, "/events/1/actors/0/part"},
		{"a date that is not EDTF", `"date": "2022-01-21"`, `"date": "21/01/2022"`,
			`stories/talks.json:26:15: events[0].date: "21/01/2022" is not an EDTF date: an interval has exactly one "/"`, "/events/0/date"},
		{"asOf that is not a day", `"asOf": "2022-01-27"`, `"asOf": "2022-01"`,
			`stories/talks.json:8:13: story.asOf: "2022-01" must be a single exact day (YYYY-MM-DD)`, "/story/asOf"},
		{"media without alt text", `"source": "They met in Geneva."`, `"media": {"url": "/web/icon.svg"}, "source": "They met in Geneva."`,
			`stories/talks.json:32:16: events[0].media.alt: required field is missing`, "/events/0/media"},
		{"media with blank alt text", `"source": "They met in Geneva."`, `"media": {"url": "/web/icon.svg", "alt": ""}, "source": "They met in Geneva."`,
			`stories/talks.json:32:48: events[0].media.alt: must not be empty`, "/events/0/media/alt"},
		{"media outside /web/", `"source": "They met in Geneva."`, `"media": {"url": "icon.svg", "alt": "I"}, "source": "They met in Geneva."`,
			`stories/talks.json:32:24: events[0].media.url: "icon.svg" is not a media URL (want a path under /web/, or an http or https URL)`, "/events/0/media/url"},
		{"media with a script URL", `"source": "They met in Geneva."`, `"media": {"url": "javascript:alert(1)", "alt": "I"}, "source": "They met in Geneva."`,
			`stories/talks.json:32:24: events[0].media.url: "javascript:alert(1)" is not a media URL (want a path under /web/, or an http or https URL)`, "/events/0/media/url"},
		{"empty media", `"source": "They met in Geneva."`, `"media": {}, "source": "They met in Geneva."`,
			`stories/talks.json:32:16: events[0].media.url: required field is missing
stories/talks.json:32:16: events[0].media.alt: required field is missing`, "/events/0/media"},
		{"a link that is not http", `"source": "They met in Geneva."`, `"links": [{"url": "mailto:a@example.org", "text": "Mail"}], "source": "They met in Geneva."`,
			`stories/talks.json:32:25: events[0].links[0].url: "mailto:a@example.org" is not a link URL (want an http or https URL)`, "/events/0/links/0/url"},
		{"an event id with a space", `"id": "reply"`, `"id": "the reply"`,
			`stories/talks.json:35:13: events[1].id: "the reply" is not an id: use only letters a-z and A-Z, digits, "-", "_" and "." (not first), at most 100 characters`, "/events/1/id"},
		{"an event id with markup", `"id": "reply"`, `"id": "\"><b>"`,
			`stories/talks.json:35:13: events[1].id: "\"><b>" is not an id: use only letters a-z and A-Z, digits, "-", "_" and "." (not first), at most 100 characters`, "/events/1/id"},
		{"a story id with a slash", `"id": "talks"`, `"id": "../talks"`,
			`stories/talks.json:4:11: story.id: "../talks" is not an id: use only letters a-z and A-Z, digits, "-", "_" and "." (not first), at most 100 characters`, "/story/id"},
		{"an id that is a path segment", `"id": "reply"`, `"id": ".."`,
			`stories/talks.json:35:13: events[1].id: ".." is not an id: use only letters a-z and A-Z, digits, "-", "_" and "." (not first), at most 100 characters`, "/events/1/id"},
		{"an id with a letter outside ASCII", `"id": "reply"`, `"id": "réponse"`,
			`stories/talks.json:35:13: events[1].id: "réponse" is not an id: use only letters a-z and A-Z, digits, "-", "_" and "." (not first), at most 100 characters`, "/events/1/id"},
		{"a link without text", `"source": "They met in Geneva."`, `"links": [{"url": "https://example.org/"}], "source": "They met in Geneva."`,
			`stories/talks.json:32:17: events[0].links[0].text: required field is missing`, "/events/0/links/0"},

		// Deeper rules: only the validator sees them.
		{"the story id must match the file name", `"id": "talks"`, `"id": "talk"`,
			`stories/talks.json:4:11: story.id: "talk" must match the file name "talks.json"`, ""},
		{"a day that does not exist", `"date": "2022-01-21"`, `"date": "2022-02-30"`,
			`stories/talks.json:26:15: events[0].date: "2022-02-30" is not an EDTF date: day 30 is out of range: February 2022 has 28 days`, ""},
		{"an interval that runs backwards", `"date": "2022-01-27/2022-02-15~"`, `"date": "2022-02-15/2022-01-27"`,
			`stories/talks.json:36:15: events[1].date: "2022-02-15/2022-01-27" is not an EDTF date: start date 2022-02-15 is after end date 2022-01-27`, ""},
		{"a repeated id", `"id": "reply"`, `"id": "geneva"`,
			`stories/talks.json:35:13: events[1].id: "geneva" is already the id of events[0]`, ""},
		{"a reference to no one", `"speaker": "blinken"`, `"speaker": "biden"`,
			`stories/talks.json:31:63: events[0].quotes[0].speaker: no actor has id "biden"`, ""},
		{"an actor affiliated with itself", `"affiliation": "us"`, `"affiliation": "blinken"`,
			`stories/talks.json:15:112: actors[1].affiliation: "blinken" cannot be affiliated with itself`, ""},
		{"a relation's missing event", `"events": ["geneva"]`, `"events": ["paris"]`,
			`stories/talks.json:20:129: relations[0].events[0]: no event has id "paris"`, ""},
		{"a repeated key", `"title": "Talks in Geneva",`, `"title": "Talks in Geneva", "title": "Talks",`,
			`stories/talks.json:5:33: story.title: field "title" appears twice`, ""},
		{"a link URL without a host", `"source": "They met in Geneva."`, `"links": [{"url": "https://@", "text": "T"}], "source": "They met in Geneva."`,
			`stories/talks.json:32:25: events[0].links[0].url: "https://@" is not a link URL (want an http or https URL)`, ""},
		{"a media path that climbs out of /web/", `"source": "They met in Geneva."`, `"media": {"url": "/web/../go.mod", "alt": "I"}, "source": "They met in Geneva."`,
			`stories/talks.json:32:24: events[0].media.url: "/web/../go.mod" is not a media URL (want a path under /web/, or an http or https URL)`, ""},
	}
	b, err := os.ReadFile("testdata/stories/good/talks.json")
	if err != nil {
		t.Fatal(err)
	}
	base := string(b)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := strings.Count(base, tt.old); n != 1 {
				t.Fatalf("%q occurs %d times in talks.json, want once", tt.old, n)
			}
			in := []byte(strings.Replace(base, tt.old, tt.new, 1))
			_, err := Decode("stories/talks.json", in)
			if got := errorLines(err); !reflect.DeepEqual(got, strings.Split(tt.want, "\n")) {
				t.Errorf("the validator says:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), tt.want)
			}
			problems := schemaProblems(t, in)
			switch {
			case tt.schemaAt == "" && problems != nil:
				t.Errorf("the schema rejects it too; move the row up:\n  %s", strings.Join(problems, "\n  "))
			case tt.schemaAt != "" && !hasLocation(problems, tt.schemaAt):
				t.Errorf("the schema problems are:\n  %s\nwant one at %s", strings.Join(problems, "\n  "), tt.schemaAt)
			}
		})
	}
}

// hasLocation reports whether one of the schema problems is at the JSON pointer at.
func hasLocation(problems []string, at string) bool {
	for _, p := range problems {
		if strings.HasPrefix(p, at+": ") {
			return true
		}
	}
	return false
}

// TestSchemaAndValidatorAgreeOnEveryChange breaks every value of a story that has every field, in
// every way the shape forbids or allows, and checks that the schema and the validator reach the
// same verdict, at the same place. The few changes only the validator rejects are listed.
func TestSchemaAndValidatorAgreeOnEveryChange(t *testing.T) {
	// Changes the schema accepts and the validator rejects, each for a rule across the file.
	deeper := map[string]string{
		`actors[1].affiliation set to " "`: "an affiliation must name an actor",
		"actors removed":                   "participants, speakers and relation ends must name actors",
		"actors set to null":               "participants, speakers and relation ends must name actors",
		"actors emptied":                   "participants, speakers and relation ends must name actors",
	}
	var doc any
	if err := json.Unmarshal([]byte(everyField), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, m := range mutations(doc) {
		name := m.path + " " + m.what
		if m.path == "" {
			name = "the file " + m.what
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			b, err := json.Marshal(m.doc)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Decode("", b)
			var es Errors
			if err != nil && !errors.As(err, &es) {
				t.Fatalf("Decode: %v", err)
			}
			problems := schemaProblems(t, b)
			if reason, ok := deeper[name]; ok {
				if problems != nil || err == nil {
					t.Errorf("listed as a rule only the validator checks (%s), yet schema: %q, validator: %v", reason, problems, err)
				}
				return
			}
			if (problems == nil) != (err == nil) {
				t.Fatalf("they disagree:\n  schema: %q\n  validator: %v", problems, err)
			}
			// Each problem the schema finds is one the validator finds, at the value or, for a missing
			// or unknown field, at its object. (The validator may find more: a removed id leaves
			// references dangling.)
			for _, p := range problems {
				at, _, _ := strings.Cut(p, ": ")
				if !slices.ContainsFunc(es, func(e *Error) bool { return pointer(e.Path) == at || pointer(parentPath(e.Path)) == at }) {
					t.Errorf("the schema's problem %q is not one the validator reports: %v", p, err)
				}
			}
		})
	}
	for name := range deeper {
		if !seen[name] {
			t.Errorf("the listed change %q is never made", name)
		}
	}
}

// mutation is a changed copy of a document.
type mutation struct {
	path string // the changed value's path, in the validator's form
	what string
	doc  any
}

// mutations returns, for each value of doc, copies with the value removed (in an object), replaced
// by each JSON type it does not have, and for a string made empty, blank or unknown; and for each
// object, a copy with an unknown field. Arrays and the story itself are changed, not shortened.
func mutations(doc any) []mutation {
	var out []mutation
	var walk func(path string, v any, set func(any) any, remove func() any)
	walk = func(p string, v any, set func(any) any, remove func() any) {
		add := func(what string, doc any) { out = append(out, mutation{p, what, doc}) }
		if remove != nil {
			add("removed", remove())
		}
		if set != nil {
			for _, r := range []struct {
				what string
				v    any
				skip bool
			}{
				{"set to a number", 7.0, false},
				{"set to null", nil, false},
				{"set to true", true, isBool(v)},
				{`set to "x"`, "x", isString(v)},
				{`set to ""`, "", !isString(v)},
				{`set to " "`, " ", !isString(v)},
				{"set to an object", map[string]any{}, isObject(v)},
				{"set to an array", []any{}, isArray(v)},
				{"emptied", []any{}, !isArray(v)},
			} {
				if !r.skip {
					add(r.what, set(r.v))
				}
			}
		}
		switch v := v.(type) {
		case map[string]any:
			extra := copyWith(v, "extra", "x")
			if set != nil {
				add("with an unknown field", set(extra))
			} else {
				add("with an unknown field", extra)
			}
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				child := k
				if p != "" {
					child = p + "." + k
				}
				setChild := func(x any) any {
					o := copyWith(v, k, x)
					if set == nil {
						return o
					}
					return set(o)
				}
				removeChild := func() any {
					o := copyWith(v, k, nil)
					delete(o, k)
					if set == nil {
						return o
					}
					return set(o)
				}
				walk(child, v[k], setChild, removeChild)
			}
		case []any:
			for i := range v {
				setChild := func(x any) any {
					a := append([]any(nil), v...)
					a[i] = x
					return set(a)
				}
				walk(p+"["+strconv.Itoa(i)+"]", v[i], setChild, nil)
			}
		}
	}
	walk("", doc, nil, nil)
	return out
}

func copyWith(o map[string]any, k string, v any) map[string]any {
	c := make(map[string]any, len(o)+1)
	for kk, vv := range o {
		c[kk] = vv
	}
	c[k] = v
	return c
}

func isBool(v any) bool   { _, ok := v.(bool); return ok }
func isString(v any) bool { _, ok := v.(string); return ok }
func isObject(v any) bool { _, ok := v.(map[string]any); return ok }
func isArray(v any) bool  { _, ok := v.([]any); return ok }

// ExampleStory_Validate_media shows the rules of an event's media.
func ExampleStory_Validate_media() {
	s := &Story{
		Info: Info{ID: "m", Title: "M", Language: "en", AsOf: "2022-01-27", Tracks: []Track{{ID: "t", Label: "T"}}},
		Events: []Event{{ID: "e", Date: "2022", Headline: "H", Track: "t", Status: StatusHappened, Source: "S.",
			Media: Media{URL: "photo.jpg"}}},
	}
	for _, e := range s.Validate("m.json", nil) {
		fmt.Println(e)
	}
	// Output:
	// m.json: events[0].media.url: "photo.jpg" is not a media URL (want a path under /web/, or an http or https URL)
	// m.json: events[0].media.alt: must not be empty
}
