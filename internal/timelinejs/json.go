package timelinejs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"timeline/data"
)

// A TimelineJS timeline, as its JSON format has it (events, title, eras, scale; slides with
// start_date, end_date, text, media, group, display_date, background, autolink, unique_id) and as
// the CSV of its Google Sheets template has it, is read into a tlDoc, then mapped onto a story.

// tlDoc is a timeline read from TimelineJS JSON or CSV, before it is mapped onto a story.
type tlDoc struct {
	title  *tlSlide  // nil when there is no title slide
	events []tlSlide // in file order
	eras   []tlSlide // in file order
}

// tlSlide is one slide: an event, the title or an era. Its fields are as written (HTML included);
// empty means absent.
type tlSlide struct {
	start, end     tlDate
	headline, text string
	media          tlMedia
	group          string
	displayDate    string
	uniqueID       string
	// at locates the slide's fields by their TimelineJS names ("start_date.year", "text.headline",
	// "media.url", "display_date", "unique_id"; "" for the slide itself) for notes.
	at map[string]place
}

// tlDate is a TimelineJS date: numbers as written (they may be strings in JSON too).
type tlDate struct {
	year, month, day, hour, minute, second, millisecond string
	displayDate                                         string
}

// isZero reports whether the date has no part at all.
func (d tlDate) isZero() bool { return d == tlDate{} }

// tlMedia is a slide's media.
type tlMedia struct {
	url, caption, credit, alt, title, link string
}

// place locates a value of the input file for a note: its path as the reader knows it
// ("events[3].media.url" in JSON, the column header in CSV) and its line and column.
type place struct {
	path      string    // a CSV column header; "" for a JSON value, whose path node knows
	node      *jsonNode // the JSON value, nil in CSV
	line, col int
}

// pathText returns the path a note names: a JSON value's path is spelled out only here, when a
// note needs it, so that reading a deeply nested file costs memory in proportion to its size
// and not to the square of its depth.
func (p place) pathText() string {
	if p.node != nil {
		return p.node.path()
	}
	return p.path
}

// where returns the place of a slide's field; for an object field the file does not locate
// (a CSV has no "media" cell), the place of its main part ("media.url"); for an absent field, the
// place of the object that would hold it ("text" for "text.headline"); else the slide's.
func (s *tlSlide) where(field string) place {
	if p, ok := s.at[field]; ok {
		return p
	}
	for _, part := range []string{".url", ".year", ".headline", ".text"} {
		if p, ok := s.at[field+part]; ok {
			return p
		}
	}
	for i := strings.LastIndexByte(field, '.'); i > 0; i = strings.LastIndexByte(field, '.') {
		field = field[:i]
		if p, ok := s.at[field]; ok {
			return p
		}
	}
	return s.at[""]
}

// notes collects what an import could not carry over, as problems located in the input file.
type notes struct {
	file string
	list data.Errors
}

// add records a note about the value at p.
func (n *notes) add(p place, msg string) {
	n.list = append(n.list, &data.Error{File: n.file, Line: p.line, Col: p.col, Path: p.pathText(), Msg: msg})
}

// ---- JSON ---------------------------------------------------------------------------------------

// jsonNode is a JSON value with its place in the file, keys in file order.
type jsonNode struct {
	at     place
	parent *jsonNode // nil for the root
	key    string    // the field name under an object parent
	index  int       // the position under an array parent
	kind   string    // "object", "array", "string", "number", "true or false", "null"
	str    string    // a string, or a number as written
	keys   []string
	vals   map[string]*jsonNode
	elems  []*jsonNode
}

// path returns the value's JSON path, as notes name it: "events[3].media.url"; "" for the root.
func (v *jsonNode) path() string {
	var parts []string
	for n := v; n.parent != nil; n = n.parent {
		if n.parent.kind == "array" {
			parts = append(parts, "["+strconv.Itoa(n.index)+"]")
		} else {
			parts = append(parts, "."+n.key)
		}
	}
	slices.Reverse(parts)
	return strings.TrimPrefix(strings.Join(parts, ""), ".")
}

// maxJSONDepth bounds how deeply a TimelineJS file may nest: its format needs four levels
// (timeline, events, slide, date), and each level costs the reader a frame of its stack.
const maxJSONDepth = 64

// jsonReader reads a JSON document into jsonNodes.
type jsonReader struct {
	dec   *json.Decoder
	b     []byte
	lines []int // byte offset of the start of each line
	n     *notes
}

// readJSONTree parses b into a tree of jsonNodes. Repeated keys keep the last value, as JSON
// readers do, and are noted. A syntax error is returned located, as a *data.Error.
func readJSONTree(b []byte, n *notes) (*jsonNode, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	r := &jsonReader{dec: dec, b: b, lines: []int{0}, n: n}
	for i, c := range b {
		if c == '\n' {
			r.lines = append(r.lines, i+1)
		}
	}
	root, err := r.value(nil, "", 0, 0)
	var deep *depthError
	if errors.As(err, &deep) {
		return nil, r.errorAt(deep.off, fmt.Sprintf("invalid JSON: nested deeper than %d levels", maxJSONDepth))
	}
	if err == nil {
		if off := r.next(); off < len(b) {
			return nil, r.errorAt(off, "invalid JSON: unexpected data after the timeline object")
		}
		return root, nil
	}
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &syntax):
		return nil, r.errorAt(min(int(syntax.Offset), len(b)), "invalid JSON: "+syntax.Error())
	case errors.Is(err, io.EOF) && len(bytes.TrimSpace(b)) == 0:
		return nil, &data.Error{File: n.file, Msg: "the file is empty"}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, r.errorAt(len(b), "invalid JSON: unexpected end of the file")
	}
	return nil, r.errorAt(r.next(), "invalid JSON: "+err.Error())
}

// depthError stops reading at a value nested deeper than maxJSONDepth.
type depthError struct{ off int }

func (e *depthError) Error() string { return "nested too deep" }

// placeOf returns the place of byte offset off, for the value node (nil for none).
func (r *jsonReader) placeOf(node *jsonNode, off int) place {
	i := sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > off }) - 1
	return place{node: node, line: i + 1, col: off - r.lines[i] + 1}
}

func (r *jsonReader) errorAt(off int, msg string) *data.Error {
	p := r.placeOf(nil, off)
	return &data.Error{File: r.n.file, Line: p.line, Col: p.col, Msg: msg}
}

// next returns the offset of the next token, past white space, commas and colons.
func (r *jsonReader) next() int {
	i := int(r.dec.InputOffset())
	for i < len(r.b) {
		switch r.b[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
		default:
			return i
		}
	}
	return i
}

// value reads the next value: the field key or element index of parent (nil for the root), at
// depth levels down.
func (r *jsonReader) value(parent *jsonNode, key string, index, depth int) (*jsonNode, error) {
	off := r.next()
	node := &jsonNode{parent: parent, key: key, index: index}
	node.at = r.placeOf(node, off)
	tok, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= maxJSONDepth {
			return nil, &depthError{off: off}
		}
		if t == '[' {
			node.kind = "array"
			for i := 0; r.dec.More(); i++ {
				el, err := r.value(node, "", i, depth+1)
				if err != nil {
					return nil, err
				}
				node.elems = append(node.elems, el)
			}
		} else {
			node.kind = "object"
			node.vals = map[string]*jsonNode{}
			for r.dec.More() {
				keyAt := r.next()
				tok, err := r.dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := tok.(string) // the decoder returns only strings as keys
				v, err := r.value(node, key, 0, depth+1)
				if err != nil {
					return nil, err
				}
				if _, ok := node.vals[key]; ok {
					r.n.add(r.placeOf(v, keyAt), "the field "+strconv.Quote(key)+" appears twice: only its last value is read")
				} else {
					node.keys = append(node.keys, key)
				}
				node.vals[key] = v
			}
		}
		if _, err := r.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		node.kind, node.str = "string", t
	case json.Number:
		node.kind, node.str = "number", t.String()
	case bool:
		node.kind = "true or false"
	case nil:
		node.kind = "null"
	}
	return node, nil
}

// tlReader maps a JSON tree onto a tlDoc, noting what TimelineJS does not define or the story
// has no place for.
type tlReader struct {
	n *notes
}

// readTimelineJSON reads a TimelineJS JSON file. Its error is a *data.Error, located when it can be.
func readTimelineJSON(b []byte, n *notes) (*tlDoc, error) {
	root, err := readJSONTree(b, n)
	if err != nil {
		return nil, err
	}
	if root.kind != "object" {
		return nil, &data.Error{File: n.file, Line: root.at.line, Col: root.at.col,
			Msg: "want a TimelineJS object with \"events\", got " + article(root.kind)}
	}
	r := tlReader{n: n}
	doc := &tlDoc{}
	events, ok := root.vals["events"]
	if !ok || events.kind != "array" {
		at := root.at
		if ok {
			at = events.at
		}
		return nil, &data.Error{File: n.file, Line: at.line, Col: at.col, Path: "events",
			Msg: "a TimelineJS timeline needs an \"events\" array of slides"}
	}
	for _, key := range root.keys {
		v := root.vals[key]
		switch key {
		case "events":
			for _, el := range v.elems {
				if s, ok := r.slide(el); ok {
					doc.events = append(doc.events, s)
				}
			}
		case "title":
			if s, ok := r.slide(v); ok {
				doc.title = &s
			}
		case "eras":
			if r.want(v, "array") {
				for _, el := range v.elems {
					if s, ok := r.slide(el); ok {
						doc.eras = append(doc.eras, s)
					}
				}
			}
		case "scale":
			// Years are read alike on both of TimelineJS's scales (see astronomicalYear): a
			// cosmological year is a year, however far back.
			if s, ok := r.str(v); ok && s != "" && s != "human" && s != "cosmological" {
				r.n.add(v.at, "the scale "+strconv.Quote(s)+" is not a TimelineJS scale (human or cosmological): dates are read as years either way")
			}
		default:
			r.unknown(v, key)
		}
	}
	return doc, nil
}

// article returns a JSON kind with its article: "an object", "a string".
func article(kind string) string {
	if kind == "object" || kind == "array" {
		return "an " + kind
	}
	if kind == "null" || kind == "true or false" {
		return kind
	}
	return "a " + kind
}

// want reports whether v is of the kind. Null is an absent value; any other kind is noted.
func (r tlReader) want(v *jsonNode, kind string) bool {
	switch v.kind {
	case kind:
		return true
	case "null":
		return false
	}
	r.n.add(v.at, "want "+article(kind)+", got "+article(v.kind)+": not mapped")
	return false
}

// str returns a string or number value as text; null is empty. Other kinds are noted.
func (r tlReader) str(v *jsonNode) (string, bool) {
	switch v.kind {
	case "string", "number":
		return v.str, true
	case "null":
		return "", true
	}
	r.n.add(v.at, "want a string, got "+article(v.kind)+": not mapped")
	return "", false
}

// unknown notes a field that TimelineJS does not define.
func (r tlReader) unknown(v *jsonNode, key string) {
	r.n.add(v.at, "the field "+strconv.Quote(key)+" is not part of the TimelineJS format: not mapped")
}

// slide reads a slide: an event, the title or an era. It reports false for a value that is not
// an object, which is noted.
func (r tlReader) slide(v *jsonNode) (tlSlide, bool) {
	s := tlSlide{at: map[string]place{"": v.at}}
	if v.kind != "object" {
		r.n.add(v.at, "want a slide object, got "+article(v.kind)+": not imported")
		return s, false
	}
	for _, key := range v.keys {
		f := v.vals[key]
		s.at[key] = f.at
		switch key {
		case "start_date", "end_date", "text", "media":
			if r.want(f, "object") {
				r.fields(f, &s, key)
			}
		case "background":
			if f.kind != "null" {
				why, _ := notMapped(key, "")
				r.n.add(f.at, why)
			}
		case "autolink":
			why, _ := notMapped(key, "")
			r.n.add(f.at, why)
		default:
			if _, mapped := slideFields[key]; !mapped {
				r.unknown(f, key)
				break
			}
			t, _ := r.str(f)
			s.set(key, t)
		}
	}
	return s, true
}

// fields reads the fields of an object of a slide (a date, its text, its media) whose field is
// prefix: each string or number value goes into s, each field not mapped is noted when it has a
// value, and any other is noted as unknown.
func (r tlReader) fields(v *jsonNode, s *tlSlide, prefix string) {
	for _, k := range v.keys {
		f := v.vals[k]
		field := prefix + "." + k
		s.at[field] = f.at
		_, mapped := slideFields[field]
		if _, known := notMapped(field, ""); !mapped && !known {
			r.unknown(f, k)
			continue
		}
		t, _ := r.str(f)
		if why, known := notMapped(field, strings.TrimSpace(t)); known {
			if strings.TrimSpace(t) != "" {
				r.n.add(f.at, why)
			}
			continue
		}
		s.set(field, t)
	}
}
