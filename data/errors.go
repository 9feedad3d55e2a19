//go:build !wasm

package data

import (
	"sort"
	"strconv"
	"strings"
)

// Error is one problem in a story file, located by file, line, column and JSON path.
type Error struct {
	// File is the file name given to Decode, Validate or Load; empty when unknown.
	File string
	// Line is the 1-based line of the problem; zero when unknown (then Col is zero too).
	Line int
	// Col is the 1-based column of the problem on Line, counted in bytes, not characters.
	Col int
	// Path is the JSON path of the value at fault, such as "events[3].date", "story.asOf" or
	// "actors[2].affiliation"; empty for the file as a whole (a syntax error, say).
	Path string
	// Msg says what is wrong, for people. Programs read Code: Msg may be reworded.
	Msg string
	// Cell is the sheet and cell of a story read from a spreadsheet ("Events!C7"); then Line and
	// Col are zero, and the message names the cell instead of Path.
	Cell string
	// Code is the kind of problem, for programs (hints, `validate -json`); empty for problems of
	// reading rather than of the file (a file that cannot be opened, say).
	Code Code
}

// Code is the kind of a problem in a story file. Its values are stable: tools may keep them.
type Code string

// The kinds of problems Decode and Validate report.
const (
	CodeSyntax            Code = "syntax"             // the file is not JSON
	CodeEmptyFile         Code = "empty-file"         // the file holds nothing
	CodeUnknownField      Code = "unknown-field"      // a field the format does not have
	CodeMisspeltField     Code = "misspelt-field"     // an unknown field whose name is close to one the format has
	CodeRepeatedField     Code = "repeated-field"     // one object has the same field twice
	CodeType              Code = "type"               // a value of the wrong JSON type
	CodeMissing           Code = "missing"            // a required field is absent
	CodeEmpty             Code = "empty"              // a required field is empty or blank
	CodeID                Code = "id"                 // an id with characters ids cannot have (see ValidID)
	CodeFileName          Code = "file-name"          // the story id is not the file's name
	CodeAsOf              Code = "as-of"              // asOf is not one exact day
	CodeDate              Code = "date"               // not an EDTF date, or an interval out of order
	CodeEnum              Code = "enum"               // a value outside its list (kinds, statuses, parts)
	CodeMediaURL          Code = "media-url"          // media neither under /web/ nor on the web
	CodeLinkURL           Code = "link-url"           // a link that is not an http(s) address
	CodeNoActor           Code = "no-actor"           // a reference to an actor id no actor has
	CodeNoTrack           Code = "no-track"           // a reference to a track id no track has
	CodeNoEvent           Code = "no-event"           // a reference to an event id no event has
	CodeDuplicateID       Code = "duplicate-id"       // two items of a kind share an id
	CodeDuplicateRelation Code = "duplicate-relation" // two relations without ids share ends and kind
	CodeListedTwice       Code = "listed-twice"       // an actor listed twice in one event
	CodeAffiliation       Code = "affiliation"        // an actor affiliated with itself, or a cycle
	CodeSelfRelation      Code = "self-relation"      // a relation from an actor to itself
)

// Codes lists every Code, in the order above.
var Codes = []Code{
	CodeSyntax, CodeEmptyFile, CodeUnknownField, CodeMisspeltField, CodeRepeatedField, CodeType,
	CodeMissing, CodeEmpty, CodeID, CodeFileName, CodeAsOf, CodeDate, CodeEnum, CodeMediaURL,
	CodeLinkURL, CodeNoActor, CodeNoTrack, CodeNoEvent, CodeDuplicateID, CodeDuplicateRelation,
	CodeListedTwice, CodeAffiliation, CodeSelfRelation,
}

// Error formats e like the Go template parser, leaving out each part that is empty or zero, and
// naming the cell rather than the JSON path of a spreadsheet's problem:
//
//	stories/ukraine-2022-01.json:41:17: events[3].date: "2022-13-01" is not an EDTF date: month 13 is out of range
//	story.xlsx: Events!C7: "2022-13-01" is not an EDTF date: month 13 is out of range
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if e.File != "" {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Col))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Cell != "" {
		b.WriteString(e.Cell)
		b.WriteString(": ")
	} else if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found, in the order of the files and, within a file, of their position
// (problems without a position come last). Decode and Load return it as their error when it is not
// empty; an empty Errors is no error, and Err turns it into a nil error.
type Errors []*Error

// Error returns one line per problem, joined with "\n".
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns es as an error, or nil when es is empty (a nil Errors in an error is not nil).
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// sortByPosition orders es by line and column, those without a position last, keeping the order of
// equals.
func (es Errors) sortByPosition() {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if (a.Line == 0) != (b.Line == 0) {
			return b.Line == 0
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}
