// Package jsonpos reads a JSON document and keeps where each of its values stands: its byte
// offset, its path ("events[3].media.url") and, through Lines, its line and column. A document
// that is not one JSON value gives an *Error at the offset of the fault.
//
// The story decoder (package data) and the TimelineJS importer both read JSON through Walk, so a
// problem is located the same way whichever of them finds it. The package imports the standard
// library only.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Kind is the JSON type of a value.
type Kind uint8

// The kinds of values. Malformed is the kind of the value Walk stops at.
const (
	Malformed Kind = iota
	String
	Bool
	Object
	Array
	Number
	Null
)

// String names the kind as messages do, with its article: "an object", "a string", "true or
// false", "null".
func (k Kind) String() string {
	switch k {
	case String:
		return "a string"
	case Bool:
		return "true or false"
	case Object:
		return "an object"
	case Array:
		return "an array"
	case Number:
		return "a number"
	case Null:
		return "null"
	}
	return "malformed JSON"
}

// Value is one value of a document, as Walk reads it.
type Value struct {
	Kind   Kind
	Off    int    // byte offset of the value's first byte
	Text   string // a string's value, or a number as written; "" for the other kinds
	Parent *Value // the object or array that holds the value; nil for the top value
	Key    string // the value's name, when Parent is an object
	KeyOff int    // byte offset of the name's opening quote, when Parent is an object
	KeyEnd int    // byte offset just past the name's closing quote, when Parent is an object
	Index  int    // the value's position, when Parent is an array
}

// Path returns the value's path as messages name it: "events[3].media.url", "[0].id" in a
// top-level array, "" for the top value. It is spelled out only when asked for, so that reading
// a deeply nested document costs memory in proportion to its size, not to the square of its depth.
func (v *Value) Path() string {
	n := 0
	for x := v; x.Parent != nil; x = x.Parent {
		switch {
		case x.Parent.Kind == Array:
			n += len("[]") + digits(x.Index)
		case x.Parent.Parent != nil:
			n += len(".")
			fallthrough
		default:
			n += len(x.Key)
		}
	}
	var b strings.Builder
	b.Grow(n)
	v.writePath(&b)
	return b.String()
}

// writePath writes the path of v to b, its holders' first.
func (v *Value) writePath(b *strings.Builder) {
	if v.Parent == nil {
		return
	}
	v.Parent.writePath(b)
	switch {
	case v.Parent.Kind == Array:
		var buf [20]byte
		b.WriteByte('[')
		b.Write(strconv.AppendInt(buf[:0], int64(v.Index), 10))
		b.WriteByte(']')
	case v.Parent.Parent != nil:
		b.WriteByte('.')
		fallthrough
	default:
		b.WriteString(v.Key) // a top-level name stands without a dot
	}
}

// digits returns the number of decimal digits of i, which is not negative.
func digits(i int) int {
	n := 1
	for ; i >= 10; i /= 10 {
		n++
	}
	return n
}

// Visit is told of each value Walk reads, in the order of the file, once the value's first token
// is read. For an object or an array, it returns the Visit of the values inside (each field's
// value, named by its Key; each element), or nil to pass over them untold, however deep; that
// Visit is called once more, with nil, when the closing bracket has been read. What it returns
// for any other value is not used.
//
// When Walk stops at a value whose first token is malformed or missing, it tells of that value
// first, as a Malformed one: what its name says (an object's field) still counts.
type Visit func(v *Value) Visit

// Options say how Walk reads a document. The zero value reads any document.
type Options struct {
	// Top names the top object in the message about data after it: "story" gives "unexpected
	// data after the story object"; "" gives "after the top value".
	Top string
	// MaxDepth bounds how deeply the values Walk reads into may nest: a container at depth
	// MaxDepth (the top value is at depth 0) that Visit would read into stops the walk. Zero for
	// no bound, when the Visit bounds the depth itself by skipping.
	MaxDepth int
}

// Error is why a document is not one JSON value, and where.
type Error struct {
	Off   int    // byte offset of the fault: the token that is wrong, or len(b) at a missing end
	Msg   string // "invalid JSON: …", or "the file is empty"
	Empty bool   // the document holds nothing but white space (then Off is 0: there is no fault to point at)
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

// Walk reads the document b, telling visit of its top value and, where visit asks, of the values
// inside. It returns nil, or the Error of a b that is not one JSON value (malformed, empty, with
// data after the value) or that nests deeper than o.MaxDepth; the values read before the fault
// have been told of. Numbers are kept as written, and a repeated name is told of each time.
func Walk(b []byte, o Options, visit Visit) *Error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	w := &walker{dec: dec, b: b, maxDepth: o.MaxDepth}
	if err := w.value(&Value{}, visit, 0); err != nil {
		return w.fault(err)
	}
	off := w.next()
	if off == len(b) {
		return nil
	}
	top := "the top value"
	if o.Top != "" {
		top = "the " + o.Top + " object"
	}
	return &Error{Off: off, Msg: "invalid JSON: unexpected data after " + top}
}

// walker is Walk's state.
type walker struct {
	dec      *json.Decoder
	b        []byte
	maxDepth int
	free     []Value // allocated, not yet handed out
}

// alloc returns a new zero Value. Values are allocated a block at a time, as a document has
// many: a block lives as long as any Value of it is kept.
func (w *walker) alloc() *Value {
	if len(w.free) == 0 {
		w.free = make([]Value, 64)
	}
	v := &w.free[0]
	w.free = w.free[1:]
	return v
}

// fault returns the Error that err, which stopped the walk, stands for.
func (w *walker) fault(err error) *Error {
	var located *Error
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &located):
		return located
	case errors.As(err, &syntax):
		return &Error{Off: min(int(syntax.Offset), len(w.b)), Msg: "invalid JSON: " + syntax.Error()}
	case errors.Is(err, io.EOF) && len(bytes.TrimSpace(w.b)) == 0:
		return &Error{Msg: "the file is empty", Empty: true}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Off: len(w.b), Msg: "invalid JSON: unexpected end of the file"}
	}
	return &Error{Off: w.next(), Msg: "invalid JSON: " + err.Error()}
}

// next returns the offset of the next token: past the last one, white space, commas and colons.
func (w *walker) next() int {
	i := int(w.dec.InputOffset())
	for i < len(w.b) {
		switch w.b[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
		default:
			return i
		}
	}
	return i
}

// value reads v, whose place in the document (parent, name or index) is set, depth levels down,
// and tells visit of it. It returns the decoder's errors, or an *Error past MaxDepth.
func (w *walker) value(v *Value, visit Visit, depth int) error {
	v.Off = w.next()
	tok, err := w.dec.Token()
	if err != nil {
		visit(v) // a Malformed value
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		// The decoder returns a closing bracket only where a container ends, never as a value.
		v.Kind = Array
		if t == '{' {
			v.Kind = Object
		}
		return w.container(v, visit(v), depth)
	case string:
		v.Kind, v.Text = String, t
	case json.Number:
		v.Kind, v.Text = Number, t.String()
	case bool:
		v.Kind = Bool
	case nil:
		v.Kind = Null
	}
	visit(v)
	return nil
}

// container reads the values of the object or array v, whose opening bracket has been read, up
// to and including its closing bracket, telling inside of each (or skipping them when it is nil).
func (w *walker) container(v *Value, inside Visit, depth int) error {
	if inside == nil {
		return w.skipRest()
	}
	if w.maxDepth > 0 && depth >= w.maxDepth {
		return &Error{Off: v.Off, Msg: "invalid JSON: nested deeper than " + strconv.Itoa(w.maxDepth) + " levels"}
	}
	for i := 0; w.dec.More(); i++ {
		child := w.alloc()
		child.Parent = v
		if v.Kind == Array {
			child.Index = i
		} else {
			child.KeyOff = w.next()
			tok, err := w.dec.Token()
			if err != nil {
				return err
			}
			child.Key, _ = tok.(string) // the decoder returns only strings as names
			child.KeyEnd = int(w.dec.InputOffset())
		}
		if err := w.value(child, inside, depth+1); err != nil {
			return err
		}
	}
	if _, err := w.dec.Token(); err != nil {
		return err
	}
	inside(nil)
	return nil
}

// skipRest reads the rest of an object or array whose opening bracket has been read, whatever
// it holds and however deep, without recursion.
func (w *walker) skipRest() error {
	for depth := 1; depth > 0; {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

// Lines maps the byte offsets of a document to lines and columns. NewLines indexes a document
// once; At then costs a binary search.
type Lines []int // byte offset of the start of each line

// NewLines indexes the line starts of b.
func NewLines(b []byte) Lines {
	starts := Lines{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// At returns the 1-based line and column of byte offset off, the column counted in bytes.
func (l Lines) At(off int) (line, col int) {
	i := sort.Search(len(l), func(i int) bool { return l[i] > off }) - 1
	return i + 1, off - l[i] + 1
}
