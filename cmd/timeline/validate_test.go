//go:build !wasm

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"timeline/data"
)

// TestValidatePrintsEveryProblem: a file with several mistakes gets each of them, in the order of
// the file, at its line and column, with a hint; a clean file is ok; the status is 1.
func TestValidatePrintsEveryProblem(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"validate", "testdata/validate/several.json", "testdata/validate/clean.json"}, &stdout, &stderr)
	if err != exitError(1) {
		t.Errorf("run = %v, want exit status 1", err)
	}
	want := []string{
		`testdata/validate/several.json:12:12: actors[1].id: "ana" is already the id of actors[0]`,
		"\thint: ids must be unique among their kind: rename one of the two",
		`testdata/validate/several.json:12:48: actors[1].kind: "persn" is not an actor kind (want one of state, organisation, person, group)`,
		"\thint: use one of the values listed",
		`testdata/validate/several.json:18:15: events[0].date: "2022-02-30" is not an EDTF date: day 30 is out of range: February 2022 has 28 days`,
		"\thint: write dates as 2022-01-21, 2022-01 or 2022, with ~ (approximate) or ? (uncertain) after them, and periods as 2022-01-24/2022-01-27, 2014/.. (ongoing) or /2022-01-27 (by then)",
		`testdata/validate/several.json:19:19: events[0].headline: must not be empty`,
		"\thint: fill it in: a short title for the event",
		`testdata/validate/several.json:22:28: events[0].actors[0].actor: no actor has id "bo"`,
		"\thint: check the spelling against the ids under \"actors\", or add the actor there",
		`testdata/validate/several.json:23:16: events[0].media.alt: required field is missing`,
		"\thint: fill it in: what the media shows, for readers who cannot see it",
		`testdata/validate/several.json:32:7: events[1]: unknown field "colour"`,
		"\thint: remove the field, or move it where it belongs; data/story.schema.json describes every field; README.md has an example",
		`testdata/validate/clean.json: ok`,
	}
	sameLines(t, "output", strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n"), want)
	if stderr.Len() > 0 {
		t.Errorf("stderr %q, want nothing", stderr.String())
	}
}

func TestValidateWritesJSON(t *testing.T) {
	var stdout bytes.Buffer
	err := run(t.Context(), []string{"validate", "-json", "testdata/validate/clean.json", "testdata/validate/several.json", "no-such.json"}, &stdout, &bytes.Buffer{})
	if err != exitError(1) {
		t.Errorf("run = %v, want exit status 1", err)
	}
	var got struct {
		OK    bool
		Files []struct {
			File     string
			OK       bool
			Problems []validateProblem
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout.String())
	}
	if got.OK || len(got.Files) != 3 {
		t.Fatalf("report %+v", got)
	}
	clean, several, missing := got.Files[0], got.Files[1], got.Files[2]
	if !clean.OK || clean.Problems == nil || len(clean.Problems) != 0 {
		t.Errorf("clean file: %+v, want ok with an empty list", clean)
	}
	if several.OK || len(several.Problems) != 7 {
		t.Errorf("several.json: %d problems, want 7", len(several.Problems))
	}
	if p := several.Problems[2]; p != (validateProblem{Line: 18, Col: 15, Path: "events[0].date",
		Message: `"2022-02-30" is not an EDTF date: day 30 is out of range: February 2022 has 28 days`, Code: data.CodeDate, Hint: p.Hint}) || p.Hint == "" {
		t.Errorf("problem %+v", p)
	}
	if missing.OK || len(missing.Problems) != 1 || missing.Problems[0].Message != "cannot read the file: no such file or directory" {
		t.Errorf("missing file: %+v", missing)
	}
}

func TestValidateExitStatus(t *testing.T) {
	tests := []struct {
		name string
		args []string
		err  error
		out  string
	}{
		{"clean files exit 0", []string{"validate", "testdata/validate/clean.json", "../../data/stories/timelinejs-example.json"}, nil,
			"testdata/validate/clean.json: ok\n../../data/stories/timelinejs-example.json: ok\n"},
		{"every embedded story is clean", []string{"validate", "../../data/stories/ukraine-2022-01.json"}, nil, "../../data/stories/ukraine-2022-01.json: ok\n"},
		{"a TimelineJS file is recognised", []string{"validate", "testdata/timelinejs/timelinejs-example.json"}, exitError(1),
			"testdata/timelinejs/timelinejs-example.json:1:1: story: required field is missing\n" +
				"\thint: this looks like a TimelineJS timeline: make it a story with `timeline import timelinejs testdata/timelinejs/timelinejs-example.json`\n"},
		{"an unreadable file exits 1", []string{"validate", "no-such.json"}, exitError(1),
			"no-such.json: cannot read the file: no such file or directory\n\thint: check the file's name and that it is readable\n"},
		{"no file is a usage error", []string{"validate"}, exitError(2), "validate needs at least one story file"},
		{"an unknown flag is a usage error", []string{"validate", "-strict", "x.json"}, exitError(2), "flag provided but not defined: -strict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, &stdout, &stderr)
			if err != tt.err {
				t.Errorf("run = %v, want %v", err, tt.err)
			}
			if all := stdout.String() + stderr.String(); !strings.Contains(all, tt.out) {
				t.Errorf("output %q lacks %q", all, tt.out)
			}
		})
	}
}

func TestParseValidate(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want validateOptions
		err  string
	}{
		{"files", []string{"a.json", "b.json"}, validateOptions{files: []string{"a.json", "b.json"}}, ""},
		{"-json", []string{"-json", "a.json"}, validateOptions{files: []string{"a.json"}, json: true}, ""},
		{"no files", []string{"-json"}, validateOptions{}, "validate needs at least one story file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseValidate(tt.args, &bytes.Buffer{})
			if tt.err != "" {
				if u, ok := err.(usageError); !ok || u.msg != tt.err {
					t.Fatalf("error %#v, want usageError %q", err, tt.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseValidate = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

// TestEveryProblemGetsAHint reads the hints of problems of every kind the decoder reports.
func TestEveryProblemGetsAHint(t *testing.T) {
	tests := []struct {
		path string
		code data.Code
		want string
	}{
		{"", data.CodeSyntax, "look at or just before this point for a missing comma, quote or bracket, or one too many"},
		{"", data.CodeEmptyFile, "a story file holds one JSON object; " + schemaHint},
		{"story", data.CodeMisspeltField, "field names are case-sensitive; rename the field or remove it"},
		{"story.title", data.CodeRepeatedField, "JSON keeps only one of the two values: remove the other"},
		{"story.title", data.CodeType, "change the value's JSON type; " + schemaHint},
		{"events[0].id", data.CodeID, "ids go into addresses and file names: use letters, digits and hyphens, such as geneva-meeting"},
		{"story.id", data.CodeFileName, "rename the file or change story.id: the id is the story's address, /story/<id>"},
		{"story.asOf", data.CodeAsOf, "asOf is the day the story describes the world at, written YYYY-MM-DD, such as 2022-01-27"},
		{"events[0].media.url", data.CodeMediaURL, "put the file in web/ and write /web/<name>, or give the full https:// address of the media"},
		{"events[0].links[0].url", data.CodeLinkURL, "give the page's full address, starting with https:// or http://"},
		{"events[0].track", data.CodeNoTrack, `check the spelling against the ids under "story.tracks", or add the track there`},
		{"relations[0].events[0]", data.CodeNoEvent, `check the spelling against the ids under "events", or add the event there`},
		{"relations[1]", data.CodeDuplicateRelation, `give each of the two relations its own "id"`},
		{"events[0].actors[1].actor", data.CodeListedTwice, "list each actor once per event, with its main part"},
		{"actors[0].affiliation", data.CodeAffiliation, "an actor belongs to another (a minister to a state), never to itself: remove one affiliation"},
		{"relations[0].to", data.CodeSelfRelation, "a relation ties two different actors: change its from or its to"},
		{"events[0].status", data.CodeEnum, "use one of the values listed"},
		{"story", data.CodeMissing, `add the "story" object with id, title, language, asOf and tracks`},
		{"events", data.CodeEmpty, "a story needs at least one event"},
		{"story.tracks", data.CodeEmpty, `add at least one track, such as {"id": "main", "label": "Events"}`},
		{"actors[0].kind", data.CodeMissing, "fill it in: state, organisation, person or group"},
		{"relations[0].kind", data.CodeMissing, "fill it in: what the tie is, such as meets or warns"},
		{"events[0].quotes[0].text", data.CodeEmpty, "fill it in: the words, verbatim, without quotation marks"},
		{"events[0].links[0].text", data.CodeEmpty, "fill it in: the words that name the page"},
		{"events[0].media.url", data.CodeMissing, "fill it in: a path under /web/, or the full https:// address of the media"},
		{"story.summary", "something-new", schemaHint},
	}
	for _, tt := range tests {
		if got := problemHint(&data.Error{Path: tt.path, Code: tt.code}); got != tt.want {
			t.Errorf("hint for %s at %s:\n got  %q\n want %q", tt.code, tt.path, got, tt.want)
		}
	}
	// A code added to data without a hint here would fall back to the schema alone.
	for _, c := range data.Codes {
		if got := problemHint(&data.Error{Path: "events[0].headline", Code: c}); got == schemaHint {
			t.Errorf("problems of code %q get only the generic hint", c)
		}
	}
}

// TestServeRefusesInvalidStories: with -data, an invalid story file stops the server before it
// listens, with every problem; valid ones, a story without actors included, are served.
func TestServeRefusesInvalidStories(t *testing.T) {
	t.Cleanup(func() { newHandler(serveOptions{}) }) // newHandler sets the stories the pages show: restore them
	dir := t.TempDir()
	copyFile(t, "testdata/validate/several.json", filepath.Join(dir, "several.json"))
	copyFile(t, "testdata/validate/clean.json", filepath.Join(dir, "clean.json"))
	err := run(context.Background(), []string{"serve", "-data", dir, "-addr", "127.0.0.1:0"}, &bytes.Buffer{}, &bytes.Buffer{})
	var es data.Errors
	if !errors.As(err, &es) || len(es) != 7 || !strings.HasSuffix(es[0].File, "several.json") {
		t.Fatalf("serve = %v, want the 7 problems of several.json", err)
	}

	if err := os.Remove(filepath.Join(dir, "several.json")); err != nil {
		t.Fatal(err)
	}
	h, err := newHandler(serveOptions{dataDir: dir})
	if err != nil {
		t.Fatalf("newHandler with a valid story: %v", err)
	}
	res := get(t, h, "/story/clean")
	if page := body(t, res); res.StatusCode != 200 || !strings.Contains(page, "One event") || !strings.Contains(page, "This story names no actors.") {
		t.Errorf("GET /story/clean = %d, without its event or the note that it has no actors", res.StatusCode)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
