//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"timeline/data"
)

func TestSheetAndNewCommandLines(t *testing.T) {
	tests := []struct {
		name string
		args []string
		err  string
	}{
		{"sheet needs -out", []string{"sheet", "a.json"}, "sheet needs -out FILE.xlsx, the workbook to write"},
		{"sheet needs a story", []string{"sheet", "-out", "a.xlsx"}, "sheet needs one story file: timeline sheet -out FILE.xlsx STORY.json"},
		{"the template takes no story", []string{"sheet", "-template", "-out", "a.xlsx", "a.json"}, `sheet -template takes no story, got ["a.json"]`},
		{"import sheet needs a file", []string{"import", "sheet"}, "import sheet needs a workbook (.xlsx) or a folder of CSV files, one per sheet"},
		{"new needs an id", []string{"new"}, "new needs one story id: timeline new my-story"},
		{"new needs an id that is one", []string{"new", "my story"}, `"my story" is not an id: use letters, digits, -, _ and . only (not first), such as my-story`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(t.Context(), tt.args, &out, &errOut)
			if err != exitError(2) || !strings.Contains(errOut.String(), "timeline: "+tt.err+"\n") {
				t.Errorf("run(%q) = %v, %q; want exit 2 saying %q", tt.args, err, errOut.String(), tt.err)
			}
		})
	}
}

// TestSheetRoundTripThroughTheCommands: a story written as a workbook and imported back is the
// same story; a workbook with a mistake names its cell, with validate's hint.
func TestSheetRoundTripThroughTheCommands(t *testing.T) {
	dir := t.TempDir()
	book, back := filepath.Join(dir, "seed.xlsx"), filepath.Join(dir, "ukraine-2022-01.json")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"sheet", "-out", book, "../../data/stories/ukraine-2022-01.json"}, &out, &errOut); err != nil {
		t.Fatalf("sheet: %v\n%s", err, errOut.String())
	}
	if err := run(t.Context(), []string{"import", "sheet", "-out", back, book}, &out, &errOut); err != nil {
		t.Fatalf("import sheet: %v\n%s", err, errOut.String())
	}
	want, err := os.ReadFile("../../data/stories/ukraine-2022-01.json")
	if err != nil {
		t.Fatal(err)
	}
	got := readFile(t, back)
	ws, err1 := data.Decode("ukraine-2022-01.json", want)
	gs, err2 := data.Decode("ukraine-2022-01.json", got)
	if err1 != nil || err2 != nil || !bytes.Equal(mustJSON(t, ws), mustJSON(t, gs)) {
		t.Errorf("the story came back changed (%v, %v)", err1, err2)
	}

	template := filepath.Join(dir, "template.xlsx")
	if err := run(t.Context(), []string{"sheet", "-template", "-out", template}, &out, &errOut); err != nil {
		t.Fatalf("sheet -template: %v", err)
	}
	errOut.Reset()
	if err := run(t.Context(), []string{"import", "sheet", template}, &out, &errOut); err != nil {
		t.Fatalf("import sheet of the template: %v\n%s", err, errOut.String())
	}

	csvDir := filepath.Join(dir, "sheets")
	os.Mkdir(csvDir, 0o755)
	os.WriteFile(filepath.Join(csvDir, "Story.csv"), []byte("field,value\nid,x\ntitle,T\nlanguage,en\nasOf,2022-01-27\n"), 0o644)
	os.WriteFile(filepath.Join(csvDir, "Tracks.csv"), []byte("id,label\nmain,Events\n"), 0o644)
	os.WriteFile(filepath.Join(csvDir, "Events.csv"), []byte("id,date,headline,track,status,source\na,2022-13-01,H,main,happened,S.\n"), 0o644)
	errOut.Reset()
	if err := run(t.Context(), []string{"import", "sheet", csvDir}, &out, &errOut); err != exitError(1) {
		t.Errorf("import sheet of a folder with a bad date = %v, want exit 1", err)
	}
	if want := csvDir + `: Events!B2: "2022-13-01" is not an EDTF date`; !strings.Contains(errOut.String(), want) ||
		!strings.Contains(errOut.String(), "\thint: write dates as 2022-01-21") {
		t.Errorf("stderr %q, want %q with the date hint", errOut.String(), want)
	}
}

func mustJSON(t *testing.T, s *data.Story) []byte {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNewWritesAValidStoryOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "stories")
	o := newOptions{id: "my-story", dir: dir, now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)}
	b, schema, err := newStory(o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := data.Decode("my-story.json", b); err != nil {
		t.Errorf("the new story is invalid: %v", err)
	}
	if !strings.Contains(string(b), `"asOf": "2026-11-29"`) || schema != filepath.Join(dir, "story.schema.json") {
		t.Errorf("story %s, schema written to %q", b, schema)
	}
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"new", "-dir", dir, "my-story"}, &out, &errOut); err != nil {
		t.Fatalf("new: %v %s", err, errOut.String())
	}
	for _, f := range []string{"my-story.json", "story.schema.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if err := run(t.Context(), []string{"new", "-dir", dir, "my-story"}, &out, &errOut); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("a second new = %v, want it refused", err)
	}
}
