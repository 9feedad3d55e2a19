//go:build !wasm

package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"timeline/data/jsonpos"
)

// Decode decodes and validates the story file b. The file name is used in error messages and,
// when it ends in ".json", must be the story's id plus ".json"; an empty file name skips that check.
//
// Malformed JSON is reported at the line and column of the syntax error, and stops decoding. Else
// Decode reports unknown and repeated fields and values of the wrong JSON type, decodes the story,
// parses its dates into Info.AsOfDate, Era.When, Event.When and Relation.ValidWhen, and validates
// it as Validate does (leaving out problems inside a value of the wrong type, already reported).
// On any problem Decode returns a nil Story and an Errors holding every problem found, in the
// order of the file.
func Decode(file string, b []byte) (*Story, error) {
	sc := scan(file, b)
	if sc.syntax {
		return nil, sc.errs
	}
	if len(sc.unknown) > 0 {
		// encoding/json would fill a field from a key that differs only in case: hide the keys.
		b = bytes.Clone(b)
		for _, k := range sc.unknown {
			for i := k.start + 1; i < k.end-1; i++ {
				b[i] = '_'
			}
		}
	}
	var s Story
	if err := json.Unmarshal(b, &s); err != nil && len(sc.errs) == 0 {
		// scan accepts only what Unmarshal accepts; this is a safety net.
		return nil, Errors{{File: file, Msg: "invalid story: " + err.Error(), Code: CodeSyntax}}
	}
	errs := sc.errs
	for _, e := range s.validate(file, sc.pos) {
		if !sc.wrongType(e.Path) {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		errs.sortByPosition()
		return nil, errs
	}
	return &s, nil
}

// MaxFileBytes bounds a story file: 64 MB holds a story of about 100,000 events, ten times the
// biggest the widget is measured with, and reading a file stops there, whatever it is.
const MaxFileBytes = 64 << 20

// ErrTooLarge is the error of a file longer than MaxFileBytes, wrapped in an *fs.PathError
// that names the file.
var ErrTooLarge = fmt.Errorf("the file is larger than %d MB, the most a story file may be", MaxFileBytes>>20)

// ReadFile reads the named file of fsys, at most MaxFileBytes of it. It refuses what is not a
// regular file (a folder, a FIFO, a device) before opening it, as opening a FIFO would wait for
// a writer; with an fsys of os.Root.FS, a symbolic link out of the root is refused too.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("not a regular file")}
	}
	if info.Size() > MaxFileBytes {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLimited(name, f)
}

// Encode returns s as a story file: indented by two spaces, with <, > and & written as they are,
// and a newline at the end. Decode reads the same story back.
func Encode(s *Story) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReadLimited reads r to its end, at most MaxFileBytes; name is the file's name for the error.
func ReadLimited(name string, r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileBytes {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
	}
	return b, nil
}

// Load decodes and validates every *.json file directly in dir of fsys (dir "." is the root), naming
// each "dir/name.json" in errors, and returns the stories sorted by Info.ID. A schema beside the
// stories (story.schema.json, which `timeline new` writes for editors) is not a story, and is
// skipped, as every name ending in .schema.json is. On any problem it returns
// a nil slice and an Errors holding the problems of all files. A dir without story files gives an
// empty slice and no error.
func Load(fsys fs.FS, dir string) ([]*Story, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, Errors{{Msg: err.Error()}}
	}
	var stories []*Story
	var errs Errors
	for _, e := range entries {
		if e.IsDir() || !IsStoryFileName(e.Name()) {
			continue
		}
		file := path.Join(dir, e.Name())
		b, err := ReadFile(fsys, file)
		if err != nil {
			errs = append(errs, &Error{File: file, Msg: "cannot read the file: " + readProblem(err)})
			continue
		}
		s, err := Decode(file, b)
		var es Errors
		switch {
		case errors.As(err, &es):
			errs = append(errs, es...)
		case err != nil:
			errs = append(errs, &Error{File: file, Msg: err.Error()})
		default:
			stories = append(stories, s)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	sort.SliceStable(stories, func(i, j int) bool { return stories[i].Info.ID < stories[j].Info.ID })
	if stories == nil {
		stories = []*Story{}
	}
	return stories, nil
}

// IsStoryFileName reports whether a file of a folder of stories is one, by its name: a .json
// file that is not a schema (.schema.json).
func IsStoryFileName(name string) bool {
	return strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".schema.json")
}

// readProblem says why a file could not be read, without its name (the error names it already)
// and never with any of its bytes.
func readProblem(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// positions maps the JSON paths of a file ("events[3].date") to the byte offsets of their values.
type positions struct {
	at    map[string]int
	lines jsonpos.Lines
}

// locate returns the 1-based line and column of path's value or, when path is absent, of its
// nearest present parent; 0, 0 when p is nil.
func (p *positions) locate(path string) (line, col int) {
	if p == nil {
		return 0, 0
	}
	for {
		if off, ok := p.at[path]; ok {
			return p.lines.At(off)
		}
		if path == "" {
			return 0, 0
		}
		path = parentPath(path)
	}
}

// has reports whether path is present in the file; true when p is nil (nothing is known).
func (p *positions) has(path string) bool {
	if p == nil {
		return true
	}
	_, ok := p.at[path]
	return ok
}

// parentPath returns the path of the object or array that holds path: "events[3]" for
// "events[3].date" and "events" for "events[3]"; "" for a top-level name.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// The JSON types a shape may want.
const (
	jsonString = jsonpos.String
	jsonBool   = jsonpos.Bool
	jsonObject = jsonpos.Object
	jsonArray  = jsonpos.Array
)

// shape is what a JSON value of a story file must look like: its type, and for an object its
// fields, for an array its elements. It mirrors the json tags of story.go (a test checks that).
type shape struct {
	kind   jsonpos.Kind
	fields map[string]*shape // jsonObject
	elem   *shape            // jsonArray
}

var (
	stringShape = &shape{kind: jsonString}
	boolShape   = &shape{kind: jsonBool}
)

// object returns the shape of an object with string fields named in strs and the fields in more.
func object(strs string, more map[string]*shape) *shape {
	sh := &shape{kind: jsonObject, fields: map[string]*shape{}}
	for _, name := range strings.Fields(strs) {
		sh.fields[name] = stringShape
	}
	for name, f := range more {
		sh.fields[name] = f
	}
	return sh
}

// arrayOf returns the shape of an array of elem.
func arrayOf(elem *shape) *shape { return &shape{kind: jsonArray, elem: elem} }

// storyShape is the shape of a story file.
var storyShape = object("$schema", map[string]*shape{
	"story": object("id title summary language asOf eraNotation lead", map[string]*shape{
		"sources": arrayOf(object("publisher headline date url credit", nil)),
		"tracks":  arrayOf(object("id label", nil)),
		"eras":    arrayOf(object("id label date", nil)),
	}),
	"actors": arrayOf(object("id name kind role affiliation description source", nil)),
	"relations": arrayOf(object("id from to kind label valid source", map[string]*shape{
		"directed": boolShape,
		"events":   arrayOf(stringShape),
	})),
	"events": arrayOf(object("id date dateNote headline text place track status source", map[string]*shape{
		"actors": arrayOf(object("actor part", nil)),
		"quotes": arrayOf(object("text speaker", nil)),
		"media":  object("url alt caption credit", nil),
		"links":  arrayOf(object("url text", nil)),
	})),
})

// scanned is what scan finds.
type scanned struct {
	pos     *positions
	errs    Errors   // problems of the JSON and its shape, in the order of the file
	syntax  bool     // whether the JSON is malformed (then errs ends with the syntax error)
	types   []string // paths of values of the wrong type
	unknown []span   // unknown keys, quotes included
}

// span is a range of bytes, end excluded.
type span struct{ start, end int }

// wrongType reports whether path is, or is inside, a value of the wrong type.
func (sc *scanned) wrongType(path string) bool {
	for _, p := range sc.types {
		if p == "" || path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[") {
			return true
		}
	}
	return false
}

// scan reads b, recording the offset of every value of the story's shape by path, and reports
// malformed JSON (then stops), unknown and repeated fields, and values of the wrong type.
func scan(file string, b []byte) *scanned {
	w := &walker{at: map[string]int{}}
	err := jsonpos.Walk(b, jsonpos.Options{Top: "story"}, w.expect(storyShape))
	sc := &scanned{pos: &positions{at: w.at, lines: jsonpos.NewLines(b)}, syntax: err != nil}
	add := func(path string, off int, code Code, msg string) {
		line, col := sc.pos.lines.At(off)
		sc.errs = append(sc.errs, &Error{File: file, Line: line, Col: col, Path: path, Msg: msg, Code: code})
	}
	for _, p := range w.problems {
		add(p.path, p.off, p.code, p.msg)
		if p.wrongType {
			sc.types = append(sc.types, p.path)
		}
	}
	switch {
	case err == nil:
	case err.Empty:
		sc.errs = append(sc.errs, &Error{File: file, Msg: err.Msg, Code: CodeEmptyFile})
	default:
		add("", err.Off, CodeSyntax, err.Msg)
	}
	sc.unknown = w.unknown
	sc.errs.sortByPosition()
	return sc
}

// walker is scan's state: it checks each value jsonpos.Walk reads against the story's shape.
type walker struct {
	at       map[string]int
	problems []problem
	unknown  []span
}

// problem is a shape problem at a byte offset.
type problem struct {
	path      string
	off       int
	code      Code
	msg       string
	wrongType bool // the value at path is of the wrong type
}

// fail records a problem.
func (w *walker) fail(path string, off int, code Code, msg string) {
	w.problems = append(w.problems, problem{path: path, off: off, code: code, msg: msg})
}

// expect returns the Visit of values that should have shape sh: the top value, or the elements
// of an array.
func (w *walker) expect(sh *shape) jsonpos.Visit {
	return func(v *jsonpos.Value) jsonpos.Visit { return w.value(v, sh) }
}

// value checks v, which should have shape sh, and returns the Visit of what it holds when it is
// the object or array sh wants; values of the wrong type are skipped, and what is in them is not
// reported.
func (w *walker) value(v *jsonpos.Value, sh *shape) jsonpos.Visit {
	if v == nil || v.Kind == jsonpos.Malformed {
		return nil
	}
	path := v.Path()
	w.at[path] = v.Off
	switch {
	case v.Kind == sh.kind && sh.kind == jsonObject:
		return w.fields(path, sh)
	case v.Kind == sh.kind && sh.kind == jsonArray:
		return w.expect(sh.elem)
	case v.Kind == sh.kind, v.Kind == jsonpos.Null && sh.kind == jsonArray:
		return nil // json.Marshal writes a nil slice as null; it means empty
	}
	p := problem{path, v.Off, CodeType, "want " + sh.kind.String() + ", got " + v.Kind.String(), true}
	if v.Kind != jsonObject && v.Kind != jsonArray {
		w.problems = append(w.problems, p)
		return nil
	}
	// An object or array of the wrong type is reported once it is read through, unchecked: when
	// the file breaks off inside it, the syntax error is the one problem of the file there.
	return func(in *jsonpos.Value) jsonpos.Visit {
		if in == nil {
			w.problems = append(w.problems, p)
		}
		return nil
	}
}

// fields returns the Visit of the fields of the object at path, of shape sh: it reports unknown
// and repeated names, and checks the value of each known one.
func (w *walker) fields(path string, sh *shape) jsonpos.Visit {
	seen := map[string]bool{}
	return func(v *jsonpos.Value) jsonpos.Visit {
		if v == nil {
			return nil
		}
		key := v.Key
		f := sh.fields[key]
		switch {
		case f == nil:
			code, hint := CodeUnknownField, suggest(key, sh.fields)
			if hint != "" {
				code = CodeMisspeltField
			}
			w.fail(path, v.KeyOff, code, "unknown field "+strconv.Quote(key)+hint)
			w.unknown = append(w.unknown, span{v.KeyOff, v.KeyEnd})
		case seen[key]:
			w.fail(v.Path(), v.KeyOff, CodeRepeatedField, "field "+strconv.Quote(key)+" appears twice")
		}
		seen[key] = true
		if f == nil {
			return nil
		}
		return w.value(v, f)
	}
}

// suggest returns ` (did you mean "date"?)` when a known field is close to the unknown key: equal
// but for case, or at most two edits away. It returns "" when none is, choosing the first in
// sorted order when several are, so messages are deterministic.
func suggest(key string, fields map[string]*shape) string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	best, bestDist := "", 3
	for _, name := range names {
		d := editDistance(strings.ToLower(key), strings.ToLower(name))
		if d < bestDist {
			best, bestDist = name, d
		}
	}
	if best == "" || (bestDist > 0 && len(key) <= bestDist) {
		return ""
	}
	return " (did you mean " + strconv.Quote(best) + "?)"
}

// editDistance returns the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
