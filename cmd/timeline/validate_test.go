//go:build !wasm

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"timeline/data"
	"timeline/internal/site"
	"timeline/internal/validate"
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
			Problems []validate.Problem
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
	if p := several.Problems[2]; p != (validate.Problem{Line: 18, Col: 15, Path: "events[0].date",
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
		{"a TimelineJS file is recognised", []string{"validate", "../../internal/timelinejs/testdata/timelinejs-example.json"}, exitError(1),
			"../../internal/timelinejs/testdata/timelinejs-example.json:1:1: story: required field is missing\n" +
				"\thint: this looks like a TimelineJS timeline: make it a story with `timeline import timelinejs ../../internal/timelinejs/testdata/timelinejs-example.json`\n"},
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

// TestServeRefusesInvalidStories: with -data, an invalid story file stops the server before it
// listens, with every problem; valid ones, a story without actors included, are served.
func TestServeRefusesInvalidStories(t *testing.T) {
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
	h, err := site.NewHandler(site.Config{DataDir: dir})
	if err != nil {
		t.Fatalf("site.NewHandler with a valid story: %v", err)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/story/clean", nil))
	res := w.Result()
	if page := w.Body.String(); res.StatusCode != 200 || !strings.Contains(page, "One event") || !strings.Contains(page, "This story names no actors.") {
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

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
		t.Errorf("%s:\n got  %s\n want %s", what, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}
