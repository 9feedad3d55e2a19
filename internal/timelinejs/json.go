package timelinejs

import (
	"strconv"
	"strings"

	"timeline/data"
	"timeline/data/jsonpos"
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
		return p.node.Path()
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

// jsonNode is a JSON value with its place in the file, and what it holds, keys in file order.
type jsonNode struct {
	*jsonpos.Value
	at    place
	keys  []string             // an object's names, each once
	vals  map[string]*jsonNode // an object's values by name
	elems []*jsonNode          // an array's elements
}

// maxJSONDepth bounds how deeply a TimelineJS file may nest: its format needs four levels
// (timeline, events, slide, date), and each level costs the reader a frame of its stack.
const maxJSONDepth = 64

// jsonTree builds a tree of jsonNodes from the values jsonpos.Walk reads.
type jsonTree struct {
	lines jsonpos.Lines
	n     *notes
	root  *jsonNode
}

// readJSONTree parses b into a tree of jsonNodes. Repeated keys keep the last value, as JSON
// readers do, and are noted. A syntax error is returned located, as a *data.Error.
func readJSONTree(b []byte, n *notes) (*jsonNode, error) {
	t := &jsonTree{lines: jsonpos.NewLines(b), n: n}
	err := jsonpos.Walk(b, jsonpos.Options{Top: "timeline", MaxDepth: maxJSONDepth}, t.inside(nil, nil))
	switch {
	case err == nil:
		return t.root, nil
	case err.Empty:
		return nil, &data.Error{File: n.file, Msg: err.Msg}
	}
	line, col := t.lines.At(err.Off)
	return nil, &data.Error{File: n.file, Line: line, Col: col, Msg: err.Msg}
}

// inside returns the Visit of the values inside node, itself held by up (both nil for the top
// value). A value joins its holder once it is read through, as a JSON reader would return it.
func (t *jsonTree) inside(up, node *jsonNode) jsonpos.Visit {
	return func(v *jsonpos.Value) jsonpos.Visit {
		if v == nil {
			t.add(up, node)
			return nil
		}
		if v.Kind == jsonpos.Malformed {
			return nil
		}
		child := &jsonNode{Value: v}
		line, col := t.lines.At(v.Off)
		child.at = place{node: child, line: line, col: col}
		switch v.Kind {
		case jsonpos.Object:
			child.vals = map[string]*jsonNode{}
			return t.inside(node, child)
		case jsonpos.Array:
			return t.inside(node, child)
		}
		t.add(node, child)
		return nil
	}
}

// add puts node, read through, into up: the tree's root when up is nil.
func (t *jsonTree) add(up, node *jsonNode) {
	switch {
	case up == nil:
		t.root = node
	case up.Kind == jsonpos.Array:
		up.elems = append(up.elems, node)
	default:
		if _, ok := up.vals[node.Key]; ok {
			line, col := t.lines.At(node.KeyOff)
			t.n.add(place{node: node, line: line, col: col}, "the field "+strconv.Quote(node.Key)+" appears twice: only its last value is read")
		} else {
			up.keys = append(up.keys, node.Key)
		}
		up.vals[node.Key] = node
	}
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
	if root.Kind != jsonpos.Object {
		return nil, &data.Error{File: n.file, Line: root.at.line, Col: root.at.col,
			Msg: "want a TimelineJS object with \"events\", got " + root.Kind.String()}
	}
	r := tlReader{n: n}
	doc := &tlDoc{}
	events, ok := root.vals["events"]
	if !ok || events.Kind != jsonpos.Array {
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
			if r.want(v, jsonpos.Array) {
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

// want reports whether v is of the kind. Null is an absent value; any other kind is noted.
func (r tlReader) want(v *jsonNode, kind jsonpos.Kind) bool {
	switch v.Kind {
	case kind:
		return true
	case jsonpos.Null:
		return false
	}
	r.n.add(v.at, "want "+kind.String()+", got "+v.Kind.String()+": not mapped")
	return false
}

// str returns a string or number value as text; null is empty. Other kinds are noted.
func (r tlReader) str(v *jsonNode) (string, bool) {
	switch v.Kind {
	case jsonpos.String, jsonpos.Number:
		return v.Text, true
	case jsonpos.Null:
		return "", true
	}
	r.n.add(v.at, "want a string, got "+v.Kind.String()+": not mapped")
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
	if v.Kind != jsonpos.Object {
		r.n.add(v.at, "want a slide object, got "+v.Kind.String()+": not imported")
		return s, false
	}
	for _, key := range v.keys {
		f := v.vals[key]
		s.at[key] = f.at
		switch key {
		case "start_date", "end_date", "text", "media":
			if r.want(f, jsonpos.Object) {
				r.fields(f, &s, key)
			}
		case "background":
			if f.Kind != jsonpos.Null {
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
