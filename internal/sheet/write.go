//go:build !wasm

package sheet

import (
	"encoding/json"
	"reflect"

	"timeline/data"
)

// table is one sheet: its name and its rows of cells, the header first.
type table struct {
	name string
	rows [][]string
}

// tables lays s out as sheets: Story first, then the lists in the model's order.
func tables(s *data.Story) []*table {
	v := reflect.ValueOf(s).Elem()
	story := &table{name: storySheet, rows: [][]string{{"field", "value"}}}
	for _, c := range storyColumns {
		holder := v
		if c.name != "$schema" {
			holder = v.FieldByIndex(fieldIndex(storyType, "story"))
		}
		story.rows = append(story.rows, []string{c.name, text(holder.FieldByIndex(c.index))})
	}
	out := []*table{story}
	for _, l := range lists {
		t := &table{name: l.sheet, rows: [][]string{l.header()}}
		addRow := func(prefix []string, item reflect.Value) {
			row := prefix
			for _, c := range l.cols {
				row = append(row, text(item.FieldByIndex(c.index)))
			}
			t.rows = append(t.rows, row)
		}
		if l.parent == nil {
			items := v.FieldByIndex(l.field)
			for i := range items.Len() {
				addRow(nil, items.Index(i))
			}
		} else {
			parents := v.FieldByIndex(l.parent.field)
			for i := range parents.Len() {
				p := parents.Index(i)
				id := p.FieldByIndex(fieldIndex(l.parent.item, "id")).String()
				items := p.FieldByIndex(l.field)
				for j := range items.Len() {
					addRow([]string{id}, items.Index(j))
				}
			}
		}
		out = append(out, t)
	}
	return out
}

// notes returns, for the template, a note under each column of each sheet: what the JSON Schema
// says of the field.
func notes(schema []byte) map[string][]string {
	var doc struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Description string `json:"description"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	json.Unmarshal(schema, &doc) // a schema without descriptions gives empty notes
	describe := func(t reflect.Type, name string) string {
		def := lower(t.Name())
		if prefix, field, ok := cut(name); ok { // media.url
			return doc.Defs[prefix].Properties[field].Description
		}
		return doc.Defs[def].Properties[name].Description
	}
	out := map[string][]string{}
	var story []string
	for _, c := range storyColumns {
		if c.name == "$schema" {
			story = append(story, "the JSON Schema the story file names (optional)")
			continue
		}
		story = append(story, describe(infoType, c.name))
	}
	out[storySheet] = story
	for _, l := range lists {
		var row []string
		if l.parent != nil {
			row = append(row, "the id of the "+lower(l.parent.item.Name())+" this row belongs to")
		}
		for _, c := range l.cols {
			row = append(row, describe(l.item, c.name))
		}
		out[l.sheet] = row
	}
	return out
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}

// cut splits "media.url" into "media" and "url".
func cut(name string) (string, string, bool) {
	for i := range len(name) {
		if name[i] == '.' {
			return name[:i], name[i+1:], true
		}
	}
	return "", "", false
}
