//go:build !wasm

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"timeline/data"
)

// importOptions is what `timeline import` was asked to do.
type importOptions struct {
	format    string // the input's format; only "timelinejs" (its JSON or its sheet template's CSV)
	file      string // the input file
	out       string // where to write the story; "" for standard output
	id        string // the story's id; "" for the name of out, else of file
	lang      string // the story's language
	asOf      string // the story's asOf day; "" for the last day any event covers
	sourceURL string // where the timeline is published, for the story's source
	schema    string // the story's "$schema"
	json      bool   // report as JSON on standard error
}

const importUsage = `usage: timeline import timelinejs [flags] FILE
       timeline import sheet [flags] FILE.xlsx|DIR

Reads a TimelineJS timeline, its JSON or the CSV of its Google Sheets template, or a story written
in a spreadsheet (a workbook, or a folder of its sheets as CSV files: see 'timeline sheet'), and
writes it as a story file: to standard output, or to -out (then named data/stories/<id>.json to be
served). Everything it could not carry over is listed on standard error. Flags may follow FILE.
`

// parseImport reads the command line of `timeline import`. Flags may come before or after FILE.
func parseImport(args []string, stderr io.Writer) (importOptions, error) {
	o := importOptions{}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.out, "out", "", "write the story to `FILE` instead of standard output")
	fs.StringVar(&o.id, "id", "", "the story's `id` (default: the name of -out, else of FILE)")
	fs.StringVar(&o.lang, "lang", "en", "the story's `language`, a BCP 47 tag")
	fs.StringVar(&o.asOf, "as-of", "", "the `day` (YYYY-MM-DD) the story describes the world at; later events are planned (default: the last day of the last event)")
	fs.StringVar(&o.sourceURL, "source-url", "", "the `URL` where the timeline is published, for the story's source")
	fs.StringVar(&o.schema, "schema", "../story.schema.json", "the story's \"$schema\", a `path` from the story's folder")
	fs.BoolVar(&o.json, "json", false, "list what was not mapped as JSON on standard error")
	fs.Usage = func() {
		fmt.Fprint(stderr, importUsage)
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return o, err
	}
	switch {
	case len(pos) == 0:
		return o, usageError{"import needs a format and a file: timeline import timelinejs FILE"}
	case pos[0] != "timelinejs" && pos[0] != "sheet":
		return o, usageError{fmt.Sprintf("import reads the formats timelinejs and sheet, not %q", pos[0])}
	case len(pos) == 1 && pos[0] == "sheet":
		return o, usageError{"import sheet needs a workbook (.xlsx) or a folder of CSV files, one per sheet"}
	case len(pos) == 1:
		return o, usageError{"import timelinejs needs a file (TimelineJS JSON, or the CSV of its sheet template)"}
	case len(pos) > 2:
		return o, usageError{fmt.Sprintf("import takes one file, got %q", pos[1:])}
	}
	o.format, o.file = pos[0], pos[1]
	if o.id != "" && !data.ValidID(o.id) {
		return o, usageError{fmt.Sprintf("-id %q is not an id: use letters, digits, -, _ and . only (not first)", o.id)}
	}
	if o.id != "" && o.out != "" && storyIDOf(o.out) != o.id {
		return o, usageError{fmt.Sprintf("-id %q does not match -out %q: a story file is named <id>.json", o.id, o.out)}
	}
	return o, nil
}

// storyIDOf returns the story id a file name gives: its base name without extension, as a slug.
func storyIDOf(file string) string {
	base := filepath.Base(file)
	return slug(strings.TrimSuffix(base, filepath.Ext(base)))
}

// runImport imports a TimelineJS file as a story.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseImport(args, stderr)
	if err != nil {
		return err
	}
	if o.format == "sheet" {
		return runImportSheet(o, stdout, stderr)
	}
	b, err := readInput(ctx, o.file)
	if err != nil {
		return err
	}
	res := importTimelineJS(o, b)
	if err := reportImport(o, res, stderr); err != nil {
		return err
	}
	if res.errs != nil {
		return exitError(1)
	}
	if o.out == "" {
		_, err = stdout.Write(res.story)
		return err
	}
	return os.WriteFile(o.out, res.story, 0o644)
}

// importResult is what an import produced.
type importResult struct {
	id        string      // the story's id
	story     []byte      // the story file; nil on errors
	events    int         // the number of events in the story
	notMapped data.Errors // what was not carried over, in the order found
	errs      data.Errors // why there is no story; nil when there is one
}

// importTimelineJS reads a TimelineJS file (JSON when it starts with "{", else the CSV of the
// sheet template) and maps it onto a story file, which it checks as `timeline validate` would. It
// never panics on any input, and its output is deterministic.
func importTimelineJS(o importOptions, b []byte) importResult {
	res := importResult{id: o.id}
	if res.id == "" && o.out != "" {
		res.id = storyIDOf(o.out)
	}
	if res.id == "" {
		res.id = storyIDOf(o.file)
	}
	if res.id == "" {
		res.id = "story"
	}
	n := &notes{file: o.file}
	b = bytes.TrimPrefix(b, []byte("\ufeff")) // a spreadsheet's byte-order mark
	var doc *tlDoc
	var err error
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		doc, err = readTimelineJSON(b, n)
	} else {
		doc, err = readTimelineCSV(b, n)
	}
	res.notMapped = n.list
	if err != nil {
		var e *data.Error
		if !errors.As(err, &e) {
			e = &data.Error{File: o.file, Msg: err.Error()}
		}
		res.errs = data.Errors{e}
		return res
	}
	lang := o.lang
	if lang == "" {
		lang = "en"
	}
	s := mapTimeline(doc, storyMeta{id: res.id, lang: lang, asOf: o.asOf, sourceURL: o.sourceURL, schema: o.schema}, n)
	sortByPlace(n.list)
	res.notMapped = n.list
	if len(s.Events) == 0 {
		res.errs = data.Errors{{File: o.file, Msg: "no slide could be imported (see why above), and a story needs at least one event"}}
		return res
	}
	if s.Info.AsOf == "" {
		res.errs = data.Errors{{File: o.file, Path: "story.asOf", Msg: "every event is dated beyond 4-digit years, which have no days: give the story's date with -as-of YYYY-MM-DD"}}
		return res
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		res.errs = data.Errors{{File: o.file, Msg: err.Error()}}
		return res
	}
	// Checked as the file it will be: named after its id.
	if _, err := data.Decode(res.id+".json", buf.Bytes()); err != nil {
		var es data.Errors
		if !errors.As(err, &es) {
			es = data.Errors{{Msg: err.Error()}}
		}
		for _, e := range es {
			// The positions are in the story, which is not written: name the input instead.
			e.File, e.Line, e.Col, e.Msg = o.file, 0, 0, "the story would be invalid: "+e.Msg
		}
		res.errs = es
		return res
	}
	res.story, res.events = buf.Bytes(), len(s.Events)
	return res
}

// sortByPlace orders notes by line and column, those without a position first (they are about
// the file as a whole), keeping the order of equals.
func sortByPlace(es data.Errors) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// reportImport lists on w what was not mapped, then the errors or a summary; as one JSON object
// with o.json.
func reportImport(o importOptions, res importResult, w io.Writer) error {
	if o.json {
		type item struct {
			Line    int    `json:"line"`
			Col     int    `json:"col"`
			Path    string `json:"path"`
			Message string `json:"message"`
		}
		list := func(es data.Errors) []item {
			out := []item{}
			for _, e := range es {
				out = append(out, item{e.Line, e.Col, e.Path, e.Msg})
			}
			return out
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			OK        bool   `json:"ok"`
			File      string `json:"file"`
			Story     string `json:"story"`
			Events    int    `json:"events"`
			NotMapped []item `json:"notMapped"`
			Errors    []item `json:"errors"`
		}{res.errs == nil, o.file, res.id, res.events, list(res.notMapped), list(res.errs)})
	}
	for _, e := range res.notMapped {
		fmt.Fprintln(w, e)
	}
	for _, e := range res.errs {
		fmt.Fprintln(w, e)
	}
	if res.errs != nil {
		return nil
	}
	what := "nothing left out"
	if k := len(res.notMapped); k > 0 {
		what = fmt.Sprintf("%d thing(s) not mapped, listed above", k)
	}
	fmt.Fprintf(w, "timeline: imported %s as story %q with %d event(s); %s\n", o.file, res.id, res.events, what)
	return nil
}
