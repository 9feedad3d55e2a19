// Package timelinejs turns a TimelineJS timeline (its JSON, or the CSV of its Google Sheets
// template) into a story: what maps is mapped, what does not is listed with its place, and the
// story is checked as `timeline validate` checks a file.
package timelinejs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"timeline/data"
)

// Options say how to import one file. The zero value of each field but File has a default.
type Options struct {
	File      string // the input file, named in every note and error
	ID        string // the story's id; "" for the name of File
	Lang      string // the story's language; "" for "en"
	AsOf      string // the story's asOf day; "" for the last day any event covers
	SourceURL string // where the timeline is published, for the story's source
	Schema    string // the story's "$schema"
}

// IDFromFile returns the story id a file name gives: its base name without extension, as a slug.
func IDFromFile(file string) string {
	base := filepath.Base(file)
	return slug(strings.TrimSuffix(base, filepath.Ext(base)))
}

// Result is what an import produced.
type Result struct {
	ID        string      // the story's id
	Story     []byte      // the story file; nil on errors
	Events    int         // the number of events in the story
	NotMapped data.Errors // what was not carried over, in the order found
	Errs      data.Errors // why there is no story; nil when there is one
}

// Import reads a TimelineJS file (JSON when it starts with "{", else the CSV of the
// sheet template) and maps it onto a story file, which it checks as `timeline validate` would. It
// never panics on any input, and its output is deterministic.
func Import(o Options, b []byte) Result {
	res := Result{ID: o.ID}
	if res.ID == "" {
		res.ID = IDFromFile(o.File)
	}
	if res.ID == "" {
		res.ID = "story"
	}
	n := &notes{file: o.File}
	b = bytes.TrimPrefix(b, []byte("\ufeff")) // a spreadsheet's byte-order mark
	var doc *tlDoc
	var err error
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		doc, err = readTimelineJSON(b, n)
	} else {
		doc, err = readTimelineCSV(b, n)
	}
	res.NotMapped = n.list
	if err != nil {
		var e *data.Error
		if !errors.As(err, &e) {
			e = &data.Error{File: o.File, Msg: err.Error()}
		}
		res.Errs = data.Errors{e}
		return res
	}
	lang := o.Lang
	if lang == "" {
		lang = "en"
	}
	s := mapTimeline(doc, storyMeta{id: res.ID, lang: lang, asOf: o.AsOf, sourceURL: o.SourceURL, schema: o.Schema}, n)
	sortByPlace(n.list)
	res.NotMapped = n.list
	if len(s.Events) == 0 {
		res.Errs = data.Errors{{File: o.File, Msg: "no slide could be imported (see why above), and a story needs at least one event"}}
		return res
	}
	if s.Info.AsOf == "" {
		res.Errs = data.Errors{{File: o.File, Path: "story.asOf", Msg: "every event is dated beyond 4-digit years, which have no days: give the story's date with -as-of YYYY-MM-DD"}}
		return res
	}
	out, err := data.Encode(s)
	if err != nil {
		res.Errs = data.Errors{{File: o.File, Msg: err.Error()}}
		return res
	}
	// Checked as the file it will be: named after its id.
	if _, err := data.Decode(res.ID+".json", out); err != nil {
		var es data.Errors
		if !errors.As(err, &es) {
			es = data.Errors{{Msg: err.Error()}}
		}
		for _, e := range es {
			// The positions are in the story, which is not written: name the input instead.
			e.File, e.Line, e.Col, e.Msg = o.File, 0, 0, "the story would be invalid: "+e.Msg
		}
		res.Errs = es
		return res
	}
	res.Story, res.Events = out, len(s.Events)
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

// Report lists on w what was not mapped, then the errors or a summary of the import of file; as
// one JSON object when asJSON.
func (res Result) Report(w io.Writer, file string, asJSON bool) error {
	if asJSON {
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
		}{res.Errs == nil, file, res.ID, res.Events, list(res.NotMapped), list(res.Errs)})
	}
	for _, e := range res.NotMapped {
		fmt.Fprintln(w, e)
	}
	for _, e := range res.Errs {
		fmt.Fprintln(w, e)
	}
	if res.Errs != nil {
		return nil
	}
	what := "nothing left out"
	if k := len(res.NotMapped); k > 0 {
		what = fmt.Sprintf("%d thing(s) not mapped, listed above", k)
	}
	fmt.Fprintf(w, "timeline: imported %s as story %q with %d event(s); %s\n", file, res.ID, res.Events, what)
	return nil
}
