package jsonpos

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// record walks b reading into everything and returns one line per call of a Visit: "path kind
// offset" for a value (with its name's offsets in an object), "end path" when a container closes.
func record(b string, o Options) ([]string, *Error) {
	var got []string
	var into func(holder string) Visit
	into = func(holder string) Visit {
		return func(v *Value) Visit {
			if v == nil {
				got = append(got, "end "+holder)
				return nil
			}
			line := fmt.Sprintf("%s %v %d", v.Path(), v.Kind, v.Off)
			if v.Parent != nil && v.Parent.Kind == Object {
				line += fmt.Sprintf(" key %d-%d", v.KeyOff, v.KeyEnd)
			}
			if v.Text != "" {
				line += " " + v.Text
			}
			got = append(got, line)
			return into(v.Path())
		}
	}
	err := Walk([]byte(b), o, into(""))
	return got, err
}

// TestWalk: what Walk tells of, in order, and the Error it stops with (the zero Error: none).
func TestWalk(t *testing.T) {
	tests := []struct {
		name string
		in   string
		o    Options
		want []string
		err  Error
	}{
		// Values, their paths and offsets.
		{"a scalar top value has the empty path", ` "x"`, Options{}, []string{` a string 1 x`}, Error{}},
		{"fields are named by path, elements by index", `{"a": [1, {"b": null}], "c": true}`, Options{}, []string{
			` an object 0`,
			`a an array 6 key 1-4`,
			`a[0] a number 7 1`,
			`a[1] an object 10`,
			`a[1].b null 16 key 11-14`,
			`end a[1]`,
			`end a`,
			`c true or false 29 key 24-27`,
			`end `,
		}, Error{}},
		{"a top-level array's elements start with their index", `[{"id": "e"}]`, Options{}, []string{
			` an array 0`, `[0] an object 1`, `[0].id a string 8 key 2-6 e`, `end [0]`, `end `,
		}, Error{}},
		{"a repeated name is told each time", `{"a": 1, "a": 2}`, Options{}, []string{
			` an object 0`, `a a number 6 key 1-4 1`, `a a number 14 key 9-12 2`, `end `,
		}, Error{}},
		{"names are kept as written, dots and empty ones too", `{"": {".b": 0}}`, Options{}, []string{
			` an object 0`, ` an object 5 key 1-3`, `..b a number 12 key 6-10 0`, `end `, `end `,
		}, Error{}},
		{"numbers are kept as written", `[1e3, -0.50]`, Options{}, []string{
			` an array 0`, `[0] a number 1 1e3`, `[1] a number 6 -0.50`, `end `,
		}, Error{}},

		// Documents that are not one value: the value the walk stops at is told of as malformed.
		{"an empty document has no place", "", Options{}, []string{` malformed JSON 0`},
			Error{Msg: "the file is empty", Empty: true}},
		{"a blank one neither", " \n\t", Options{}, []string{` malformed JSON 3`},
			Error{Msg: "the file is empty", Empty: true}},
		{"a syntax error is at its token", `{"a": 1,}`, Options{}, []string{` an object 0`, `a a number 6 key 1-4 1`},
			Error{Off: 8, Msg: "invalid JSON: invalid character '}' looking for beginning of object key string"}},
		{"a name without its colon is told of", `{"a" 1}`, Options{}, []string{` an object 0`, `a malformed JSON 5 key 1-4`},
			Error{Off: 5, Msg: "invalid JSON: invalid character '1' after object key"}},
		{"a truncated document ends at its end", `{"a": [1, `, Options{},
			[]string{` an object 0`, `a an array 6 key 1-4`, `a[0] a number 7 1`, `a[1] malformed JSON 10`},
			Error{Off: 10, Msg: "invalid JSON: unexpected end of the file"}},
		{"data after the top value, named", `{} []`, Options{Top: "story"}, []string{` an object 0`, `end `},
			Error{Off: 3, Msg: "invalid JSON: unexpected data after the story object"}},
		{"data after the top value, unnamed", `1 2`, Options{}, []string{` a number 0 1`},
			Error{Off: 2, Msg: "invalid JSON: unexpected data after the top value"}},
		{"a container at MaxDepth stops the walk at its bracket", `{"a": [[1]]}`, Options{MaxDepth: 2},
			[]string{` an object 0`, `a an array 6 key 1-4`, `a[0] an array 7`},
			Error{Off: 7, Msg: "invalid JSON: nested deeper than 2 levels"}},
		{"one just above MaxDepth is read", `{"a": [1]}`, Options{MaxDepth: 2},
			[]string{` an object 0`, `a an array 6 key 1-4`, `a[0] a number 7 1`, `end a`, `end `}, Error{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := record(tt.in, tt.o)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("told of\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var gotErr Error // the zero Error: none
			if err != nil {
				gotErr = *err
			}
			if gotErr != tt.err {
				t.Errorf("error %+v, want %+v", gotErr, tt.err)
			}
		})
	}
}

func TestWalkSkipsWhatVisitDoesNotReadInto(t *testing.T) {
	var got []string
	visit := func(v *Value) Visit {
		got = append(got, v.Path())
		return nil // not even into the top value
	}
	deep := strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000)
	if err := Walk([]byte(`{"a": {"b": 1}, "c": `+deep+`}`), Options{MaxDepth: 1}, visit); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []string{""}) {
		t.Errorf("told of %q, want only the top value", got)
	}
}

func TestLinesAtCountsLinesAndByteColumnsFromOne(t *testing.T) {
	b := []byte("{\n  \"é\": 1\r\n}")
	tests := []struct {
		off       int
		line, col int
	}{
		{0, 1, 1}, {1, 1, 2}, {2, 2, 1}, {4, 2, 3}, {9, 2, 8}, {12, 2, 11}, {13, 3, 1}, {14, 3, 2},
	}
	lines := NewLines(b)
	for _, tt := range tests {
		if line, col := lines.At(tt.off); line != tt.line || col != tt.col {
			t.Errorf("At(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

func ExampleWalk() {
	b := []byte("{\n  \"events\": [\n    {\"date\": \"2022-13-01\"}\n  ]\n}")
	lines := NewLines(b)
	var visit Visit
	visit = func(v *Value) Visit {
		if v != nil && v.Kind == String {
			line, col := lines.At(v.Off)
			fmt.Printf("%d:%d: %s: %q\n", line, col, v.Path(), v.Text)
		}
		return visit
	}
	if err := Walk(b, Options{}, visit); err != nil {
		fmt.Println(err)
	}
	err := Walk([]byte(`{"events": [}`), Options{}, visit)
	line, col := NewLines([]byte(`{"events": [}`)).At(err.Off)
	fmt.Printf("%d:%d: %s\n", line, col, err)
	// Output:
	// 3:14: events[0].date: "2022-13-01"
	// 1:13: invalid JSON: invalid character '}' looking for beginning of value
}
