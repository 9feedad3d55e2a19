// Package validate checks story files for `timeline validate` and the live preview: every problem
// of a file with its place, its code and a hint that says how to fix it.
package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"timeline/data"
)

// Report is what validate found in one file.
type Report struct {
	File     string    `json:"file"`
	OK       bool      `json:"ok"`
	Problems []Problem `json:"problems"` // empty, never null, when OK
}

// Problem is one problem of a file in the JSON report. Line and Col are 0 when the
// problem has no position (an unreadable file); Path is "" for the file as a whole.
type Problem struct {
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Path    string `json:"path"`
	Message string `json:"message"`
	// Code is the kind of problem (see data.Codes), for programs; "" when the file cannot be read.
	Code data.Code `json:"code"`
	Hint string    `json:"hint"`
}

// Files checks each of files, read with read, and writes the report to w: for each problem a
// line "file:line:col: json.path: message" and an indented hint under it, or "file: ok" for a
// clean file; or, asJSON, one JSON object {"ok", "files"}. ok is false when any file has a
// problem; err is only the writer's.
func Files(files []string, asJSON bool, read func(string) ([]byte, error), w io.Writer) (ok bool, err error) {
	var reports []Report
	for _, name := range files {
		reports = append(reports, File(name, read))
	}
	ok = true
	for _, r := range reports {
		ok = ok && r.OK
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			OK    bool     `json:"ok"`
			Files []Report `json:"files"`
		}{ok, reports}); err != nil {
			return ok, err
		}
	} else {
		for _, r := range reports {
			if r.OK {
				fmt.Fprintf(w, "%s: ok\n", r.File)
			}
			for _, p := range r.Problems {
				e := data.Error{File: r.File, Line: p.Line, Col: p.Col, Path: p.Path, Msg: p.Message}
				fmt.Fprintf(w, "%s\n\thint: %s\n", e.Error(), p.Hint)
			}
		}
	}
	return ok, nil
}

// validateFile reads and decodes one story file and lists its problems.
func File(name string, read func(string) ([]byte, error)) Report {
	r := Report{File: name, Problems: []Problem{}}
	b, err := read(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the file name is already in the report
		}
		r.Problems = append(r.Problems, Problem{Message: "cannot read the file: " + err.Error(),
			Hint: "check the file's name and that it is readable"})
		return r
	}
	_, err = data.Decode(name, b)
	var es data.Errors
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			h := Hint(e)
			if e.Path == "story" && e.Code == data.CodeMissing && bytes.Contains(b, []byte(`"start_date"`)) {
				h = "this looks like a TimelineJS timeline: make it a story with `timeline import timelinejs " + name + "`"
			}
			r.Problems = append(r.Problems, Problem{Line: e.Line, Col: e.Col, Path: e.Path, Message: e.Msg, Code: e.Code, Hint: h})
		}
	case err != nil:
		r.Problems = append(r.Problems, Problem{Message: err.Error(), Hint: SchemaHint})
	}
	r.OK = len(r.Problems) == 0
	return r
}

// SchemaHint is the hint of last resort: where the format is described.
const SchemaHint = "data/story.schema.json describes every field; README.md has an example"

// Hint says how to fix a problem that Decode reported, judged by its code and the field it is
// about. Every problem gets one; the message itself stays what Decode said.
func Hint(e *data.Error) string {
	field := e.Path[strings.LastIndexAny(e.Path, ".[")+1:]
	switch e.Code {
	case data.CodeSyntax:
		return "look at or just before this point for a missing comma, quote or bracket, or one too many"
	case data.CodeEmptyFile:
		return "a story file holds one JSON object; " + SchemaHint
	case data.CodeMisspeltField:
		return "field names are case-sensitive; rename the field or remove it"
	case data.CodeUnknownField:
		return "remove the field, or move it where it belongs; " + SchemaHint
	case data.CodeRepeatedField:
		return "JSON keeps only one of the two values: remove the other"
	case data.CodeType:
		return "change the value's JSON type; " + SchemaHint
	case data.CodeID:
		return `ids go into addresses and file names: use letters, digits and hyphens, such as geneva-meeting`
	case data.CodeFileName:
		return "rename the file or change story.id: the id is the story's address, /story/<id>"
	case data.CodeAsOf:
		return "asOf is the day the story describes the world at, written YYYY-MM-DD, such as 2022-01-27"
	case data.CodeDate:
		return "write dates as 2022-01-21, 2022-01 or 2022, with ~ (approximate) or ? (uncertain) after them, " +
			"and periods as 2022-01-24/2022-01-27, 2014/.. (ongoing) or /2022-01-27 (by then)"
	case data.CodeMediaURL:
		return "put the file in web/ and write /web/<name>, or give the full https:// address of the media"
	case data.CodeLinkURL:
		return "give the page's full address, starting with https:// or http://"
	case data.CodeNoActor:
		return `check the spelling against the ids under "actors", or add the actor there`
	case data.CodeNoTrack:
		return `check the spelling against the ids under "story.tracks", or add the track there`
	case data.CodeNoEvent:
		return `check the spelling against the ids under "events", or add the event there`
	case data.CodeDuplicateID:
		return "ids must be unique among their kind: rename one of the two"
	case data.CodeDuplicateRelation:
		return `give each of the two relations its own "id"`
	case data.CodeListedTwice:
		return "list each actor once per event, with its main part"
	case data.CodeAffiliation:
		return "an actor belongs to another (a minister to a state), never to itself: remove one affiliation"
	case data.CodeSelfRelation:
		return "a relation ties two different actors: change its from or its to"
	case data.CodeEnum:
		return "use one of the values listed"
	case data.CodeMissing, data.CodeEmpty:
		return requiredHint(e.Path, field)
	}
	return SchemaHint
}

// requiredHint says what a required field holds.
func requiredHint(path, field string) string {
	switch {
	case path == "story":
		return `add the "story" object with id, title, language, asOf and tracks`
	case path == "events":
		return "a story needs at least one event"
	case path == "story.tracks":
		return `add at least one track, such as {"id": "main", "label": "Events"}`
	}
	in := func(prefix string) bool { return strings.HasPrefix(path, prefix) }
	what := map[string]string{
		"id":       "a short id, unique among its kind, such as geneva-meeting",
		"title":    "the headline readers see above the widget",
		"language": `the story's language, a BCP 47 tag such as "en"`,
		"asOf":     "the day the story describes the world at, written YYYY-MM-DD",
		"headline": "a short title for the event",
		"name":     "how readers know the actor",
		"label":    "the words readers see",
		"date":     "an EDTF date, such as 2022-01-21, 2022-01 or 2014/..",
		"track":    "the id of one of the story's tracks",
		"status":   "happened, planned or reported",
		"part":     "speaker, target or participant",
		"speaker":  "the id of the actor who said it",
		"actor":    "the id of an actor",
		"from":     "the id of the actor the relation starts at",
		"to":       "the id of the actor the relation points to",
		"source":   "the sentence of the source this rests on, verbatim",
		"alt":      "what the media shows, for readers who cannot see it",
	}[field]
	switch {
	case what != "":
	case field == "kind" && in("actors"):
		what = "state, organisation, person or group"
	case field == "kind":
		what = "what the tie is, such as meets or warns"
	case field == "url" && strings.Contains(path, ".media"):
		what = "a path under /web/, or the full https:// address of the media"
	case field == "url":
		what = "the page's full https:// address"
	case field == "text" && strings.Contains(path, ".quotes"):
		what = "the words, verbatim, without quotation marks"
	case field == "text":
		what = "the words that name the page"
	default:
		return "fill it in; " + SchemaHint
	}
	return "fill it in: " + what
}
