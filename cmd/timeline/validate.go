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
	"io/fs"
	"strings"

	"timeline/data"
)

// validateOptions is what `timeline validate` was asked to do.
type validateOptions struct {
	files []string // story files, checked in this order
	json  bool     // write one JSON report instead of lines
}

// parseValidate reads the command line of `timeline validate`.
func parseValidate(args []string, stderr io.Writer) (validateOptions, error) {
	var o validateOptions
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.json, "json", false, "write the report as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: timeline validate [-json] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		return o, usageError{"validate needs at least one story file"}
	}
	o.files = fs.Args()
	return o, nil
}

// runValidate checks story files and reports every problem; it fails with exit status 1 when any
// file has one, 2 when the command line is wrong.
func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseValidate(args, stderr)
	if err != nil {
		return err
	}
	// The report is written once every file is read, and not at all when a signal came first.
	var out bytes.Buffer
	err = validateFiles(o, func(name string) ([]byte, error) { return readInput(ctx, name) }, &out)
	if ctx.Err() != nil {
		return fmt.Errorf("stopped: %w", context.Cause(ctx))
	}
	if _, werr := stdout.Write(out.Bytes()); werr != nil {
		return werr
	}
	return err
}

// validateReport is what validate found in one file.
type validateReport struct {
	File     string            `json:"file"`
	OK       bool              `json:"ok"`
	Problems []validateProblem `json:"problems"` // empty, never null, when OK
}

// validateProblem is one problem of a file in the JSON report. Line and Col are 0 when the
// problem has no position (an unreadable file); Path is "" for the file as a whole.
type validateProblem struct {
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Path    string `json:"path"`
	Message string `json:"message"`
	// Code is the kind of problem (see data.Codes), for programs; "" when the file cannot be read.
	Code data.Code `json:"code"`
	Hint string    `json:"hint"`
}

// validateFiles checks each file of o, read with read, and writes the report to w: for each
// problem a line "file:line:col: json.path: message" and an indented hint under it, or
// "file: ok" for a clean file; or, with o.json, one JSON object {"ok", "files"}. It returns
// exitError(1) when any file has a problem.
func validateFiles(o validateOptions, read func(string) ([]byte, error), w io.Writer) error {
	var reports []validateReport
	for _, name := range o.files {
		reports = append(reports, validateFile(name, read))
	}
	ok := true
	for _, r := range reports {
		ok = ok && r.OK
	}
	if o.json {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			OK    bool             `json:"ok"`
			Files []validateReport `json:"files"`
		}{ok, reports}); err != nil {
			return err
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
	if !ok {
		return exitError(1)
	}
	return nil
}

// validateFile reads and decodes one story file and lists its problems.
func validateFile(name string, read func(string) ([]byte, error)) validateReport {
	r := validateReport{File: name, Problems: []validateProblem{}}
	b, err := read(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the file name is already in the report
		}
		r.Problems = append(r.Problems, validateProblem{Message: "cannot read the file: " + err.Error(),
			Hint: "check the file's name and that it is readable"})
		return r
	}
	_, err = data.Decode(name, b)
	var es data.Errors
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			h := problemHint(e)
			if e.Path == "story" && e.Code == data.CodeMissing && bytes.Contains(b, []byte(`"start_date"`)) {
				h = "this looks like a TimelineJS timeline: make it a story with `timeline import timelinejs " + name + "`"
			}
			r.Problems = append(r.Problems, validateProblem{Line: e.Line, Col: e.Col, Path: e.Path, Message: e.Msg, Code: e.Code, Hint: h})
		}
	case err != nil:
		r.Problems = append(r.Problems, validateProblem{Message: err.Error(), Hint: schemaHint})
	}
	r.OK = len(r.Problems) == 0
	return r
}

// schemaHint is the hint of last resort: where the format is described.
const schemaHint = "data/story.schema.json describes every field; README.md has an example"

// problemHint says how to fix a problem that Decode reported, judged by its code and the field it is
// about. Every problem gets one; the message itself stays what Decode said.
func problemHint(e *data.Error) string {
	field := e.Path[strings.LastIndexAny(e.Path, ".[")+1:]
	switch e.Code {
	case data.CodeSyntax:
		return "look at or just before this point for a missing comma, quote or bracket, or one too many"
	case data.CodeEmptyFile:
		return "a story file holds one JSON object; " + schemaHint
	case data.CodeMisspeltField:
		return "field names are case-sensitive; rename the field or remove it"
	case data.CodeUnknownField:
		return "remove the field, or move it where it belongs; " + schemaHint
	case data.CodeRepeatedField:
		return "JSON keeps only one of the two values: remove the other"
	case data.CodeType:
		return "change the value's JSON type; " + schemaHint
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
	return schemaHint
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
		return "fill it in; " + schemaHint
	}
	return "fill it in: " + what
}
