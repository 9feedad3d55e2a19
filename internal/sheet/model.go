//go:build !wasm

// Package sheet reads and writes a story as a spreadsheet: a workbook (.xlsx) or a folder of CSV
// files, one per sheet, as Google Sheets downloads them. Every field of data.Story has a home,
// found from the model's own JSON names, so that the sheets never drift from the story format:
//
//   - Story: one row per field of the story object (id, title, summary, language, asOf, …),
//     in two columns, field and value;
//   - Sources, Tracks, Eras, Actors, Relations, Events: one row per item, one column per field,
//     the event's media as media.url, media.alt, …, lists of ids comma-separated;
//   - Participants, Quotes, Links: one row per actor, quote or link of an event, which the
//     column event names.
//
// A row whose first cell starts with "#" is a note for people (the template has one under each
// header) and is skipped, and so are empty rows. Dates are EDTF text, as in story files.
package sheet

import (
	"reflect"
	"strconv"
	"strings"

	"timeline/data"
)

// column is one column of a sheet: a field of the model, by its JSON name.
type column struct {
	name  string // the JSON name; "media.url" for a field of a nested object
	index []int  // the field's index path in its struct
	kind  reflect.Kind
}

// list is a sheet of items: a slice field of the model.
type list struct {
	sheet  string       // the sheet's name
	path   string       // the JSON path of the slice: "story.tracks", "events", "events[].quotes"
	parent *list        // the list whose items hold this one (Events for Quotes); nil at the top
	field  []int        // the slice field's index path, in the parent's item or in its holder
	item   reflect.Type // the type of the items
	cols   []column
}

// sheetNames names the sheets of the model's lists. A list the model gains later is named after
// its JSON name until it is named here.
var sheetNames = map[string]string{
	"story.sources": "Sources", "story.tracks": "Tracks", "story.eras": "Eras",
	"actors": "Actors", "relations": "Relations", "events": "Events",
	"events[].actors": "Participants", "events[].quotes": "Quotes", "events[].links": "Links",
}

// storySheet is the sheet of the story object's own fields.
const storySheet = "Story"

// parentColumn names, in a sheet of a nested list, the column that holds the parent item's id.
const parentColumn = "event"

var (
	storyType = reflect.TypeFor[data.Story]()
	infoType  = reflect.TypeFor[data.Info]()
	// storyColumns are the story object's own fields, and $schema (the Story sheet's rows).
	storyColumns = append([]column{{name: "$schema", index: fieldIndex(storyType, "$schema"), kind: reflect.String}},
		columnsOf(infoType, nil, "")...)
	// lists are the sheets of items, parents before children.
	lists = listsOf()
)

// jsonName returns the JSON name of a struct field, or "" for a field JSON leaves out.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

func fieldIndex(t reflect.Type, name string) []int {
	for i := range t.NumField() {
		if jsonName(t.Field(i)) == name {
			return []int{i}
		}
	}
	panic("sheet: no field " + name + " in " + t.Name())
}

// columnsOf lists the cells of an item of type t: its string, bool and []string fields, and those
// of nested objects as prefix.name. Lists of objects are sheets of their own.
func columnsOf(t reflect.Type, index []int, prefix string) []column {
	var cols []column
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		if name == "" || name == "$schema" {
			continue
		}
		idx := append(append([]int(nil), index...), i)
		switch {
		case f.Type.Kind() == reflect.String, f.Type.Kind() == reflect.Bool:
			cols = append(cols, column{prefix + name, idx, f.Type.Kind()})
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			cols = append(cols, column{prefix + name, idx, reflect.Slice})
		case f.Type.Kind() == reflect.Struct && f.Type.NumField() > 0 && !isDate(f.Type):
			cols = append(cols, columnsOf(f.Type, idx, prefix+name+".")...)
		}
	}
	return cols
}

// isDate reports whether t is data.Date, which stories hold as text in another field.
func isDate(t reflect.Type) bool { return t == reflect.TypeFor[data.Date]() }

// listsOf finds every sheet of items: the slices of objects in Info and Story, and in their items.
func listsOf() []*list {
	var out []*list
	var walk func(t reflect.Type, parent *list, path string, index []int)
	walk = func(t reflect.Type, parent *list, path string, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			name := jsonName(f)
			if name == "" || f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() != reflect.Struct {
				continue
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			sheet := sheetNames[p]
			if sheet == "" {
				sheet = strings.ToUpper(name[:1]) + name[1:]
			}
			l := &list{sheet: sheet, path: p, parent: parent, field: append(append([]int(nil), index...), i), item: f.Type.Elem()}
			l.cols = columnsOf(l.item, nil, "")
			out = append(out, l)
			if parent == nil && p != "story.sources" && p != "story.tracks" && p != "story.eras" {
				walk(l.item, l, p+"[]", nil)
			}
		}
	}
	info := fieldIndex(storyType, "story")
	walk(infoType, nil, "story", info)
	walk(storyType, nil, "", nil)
	return out
}

// header is the list's header row: the parent's id column first for nested lists.
func (l *list) header() []string {
	var h []string
	if l.parent != nil {
		h = append(h, parentColumn)
	}
	for _, c := range l.cols {
		h = append(h, c.name)
	}
	return h
}

// text is the cell text of a field's value.
func text(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Slice:
		return strings.Join(v.Interface().([]string), ", ")
	}
	return v.String()
}

// set sets a field from its cell text, and says what is wrong with the text, if anything.
func set(v reflect.Value, s string) string {
	switch v.Kind() {
	case reflect.Bool:
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "yes", "1":
			v.SetBool(true)
		case "false", "no", "0", "":
			v.SetBool(false)
		default:
			return strconv.Quote(s) + " is not true or false"
		}
	case reflect.Slice:
		var ids []string
		for id := range strings.SplitSeq(s, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
		v.Set(reflect.ValueOf(ids))
	default:
		v.SetString(s)
	}
	return ""
}
