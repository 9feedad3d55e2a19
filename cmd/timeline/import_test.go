//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"timeline/data"
	"timeline/internal/timelinejs"
)

// The TimelineJS example the importer's tests read.
const (
	exampleJSON = "../../internal/timelinejs/testdata/timelinejs-example.json"
	exampleCSV  = "../../internal/timelinejs/testdata/timelinejs-example.csv"
)

func TestParseImport(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want importOptions
		err  string
	}{
		{"a file is read with the defaults", []string{"timelinejs", "tl.json"},
			importOptions{format: "timelinejs", Options: timelinejs.Options{File: "tl.json", Lang: "en", Schema: "../story.schema.json"}}, ""},
		{"flags may follow the file", []string{"timelinejs", "tl.csv", "-out", "data/stories/x.json", "-as-of", "2022-01-27", "-json"},
			importOptions{format: "timelinejs", out: "data/stories/x.json", json: true, Options: timelinejs.Options{File: "tl.csv", AsOf: "2022-01-27", Lang: "en", Schema: "../story.schema.json"}}, ""},
		{"every flag", []string{"-id", "x", "-lang", "fr", "-source-url", "https://example.org/", "-schema", "s.json", "timelinejs", "tl.json"},
			importOptions{format: "timelinejs", Options: timelinejs.Options{File: "tl.json", ID: "x", Lang: "fr", SourceURL: "https://example.org/", Schema: "s.json"}}, ""},
		{"a format is needed", nil, importOptions{}, "import needs a format and a file: timeline import timelinejs FILE"},
		{"only timelinejs and sheet are read", []string{"storymap", "x.json"}, importOptions{}, `import reads the formats timelinejs and sheet, not "storymap"`},
		{"a file is needed", []string{"timelinejs"}, importOptions{}, "import timelinejs needs a file (TimelineJS JSON, or the CSV of its sheet template)"},
		{"one file only", []string{"timelinejs", "a.json", "b.json"}, importOptions{}, `import takes one file, got ["a.json" "b.json"]`},
		{"-id must be an id", []string{"timelinejs", "a.json", "-id", "a b"}, importOptions{}, `-id "a b" is not an id: use letters, digits, -, _ and . only (not first)`},
		{"-id must agree with -out", []string{"timelinejs", "a.json", "-id", "x", "-out", "y.json"}, importOptions{}, `-id "x" does not match -out "y.json": a story file is named <id>.json`},
		{"an unknown flag", []string{"timelinejs", "a.json", "-strict"}, importOptions{}, "flag provided but not defined: -strict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			got, err := parseImport(tt.args, &stderr)
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.err != "":
				if u, ok := err.(usageError); !ok || u.msg != tt.err {
					t.Fatalf("error %#v, want usageError %q", err, tt.err)
				}
				return
			}
			if got != tt.want {
				t.Errorf("options %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRunImport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "timelinejs-example.json")
	tests := []struct {
		name       string
		args       []string
		err        error
		stdout     string // a prefix of the output
		stderr     string // a piece of the report
		wroteStory bool
	}{
		{"the story goes to standard output, the report to standard error", []string{"import", "timelinejs", exampleJSON},
			nil, "{\n  \"$schema\": \"../story.schema.json\",\n  \"story\": {\n    \"id\": \"timelinejs-example\",",
			"timeline: imported " + exampleJSON + ` as story "timelinejs-example" with 9 event(s); 10 thing(s) not mapped, listed above`, false},
		{"-out writes the file", []string{"import", "timelinejs", "-out", out, exampleCSV}, nil, "", exampleCSV + ":12:128: Media: the media has no alt text", true},
		{"-json reports as JSON", []string{"import", "timelinejs", "-json", exampleJSON}, nil, "{", `"notMapped": [`, false},
		{"a missing file fails", []string{"import", "timelinejs", "no-such.json"}, nil, "", "", false},
		{"a file that is no timeline fails with status 1", []string{"import", "timelinejs", "../../go.mod"}, exitError(1), "",
			"../../go.mod:1:1: the first row holds no column of the TimelineJS template", false},
		{"a usage error exits 2", []string{"import", "timelinejs"}, exitError(2), "", "import timelinejs needs a file", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, &stdout, &stderr)
			if tt.name == "a missing file fails" {
				if err == nil || !strings.Contains(err.Error(), "no-such.json") {
					t.Errorf("run = %v, want an error naming the file", err)
				}
				return
			}
			if err != tt.err {
				t.Errorf("run = %v, want %v\n%s", err, tt.err, stderr.String())
			}
			if !strings.HasPrefix(stdout.String(), tt.stdout) {
				t.Errorf("stdout starts %.200q, want %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.stderr)
			}
			if tt.wroteStory {
				if _, err := data.Decode(out, readFile(t, out)); err != nil {
					t.Errorf("the written story is invalid: %v", err)
				}
			}
		})
	}
}

// TestImportReportsAsJSON checks the shape of -json's report.
func TestImportReportsAsJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"import", "timelinejs", "-json", exampleJSON}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	var report struct {
		OK        bool   `json:"ok"`
		File      string `json:"file"`
		Story     string `json:"story"`
		Events    int    `json:"events"`
		NotMapped []struct {
			Line, Col     int
			Path, Message string
		} `json:"notMapped"`
		Errors []any `json:"errors"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("the report is not JSON: %v\n%s", err, stderr.String())
	}
	first := report.NotMapped[0]
	if !report.OK || report.File != exampleJSON || report.Story != "timelinejs-example" || report.Events != 9 ||
		len(report.NotMapped) != 10 || report.Errors == nil || len(report.Errors) != 0 ||
		first.Line != 8 || first.Col != 14 || first.Path != "title.media" {
		t.Errorf("report %+v", report)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
