//go:build !wasm

package sheet

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"timeline/data"
)

// reader builds a story from sheets and keeps what it finds wrong, each problem at its cell.
type reader struct {
	file  string
	errs  data.Errors
	notes data.Errors
	cells map[string]string // JSON path → the cell it came from, to place the validator's problems
}

// cellName names a cell as spreadsheets do: Events!C7. row and col count from 0.
func cellName(sheet string, row, col int) string {
	c, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		c = "?"
	}
	return sheet + "!" + c
}

func (r *reader) fail(cell string, code data.Code, msg string) {
	r.errs = append(r.errs, &data.Error{File: r.file, Cell: cell, Code: code, Msg: msg})
}

func (r *reader) note(cell, msg string) {
	r.notes = append(r.notes, &data.Error{File: r.file, Cell: cell, Msg: msg})
}

// skipped reports whether a row holds nothing, or is a note for people (first cell "#…").
func skipped(row []string) bool {
	if len(row) > 0 && strings.HasPrefix(strings.TrimSpace(row[0]), "#") {
		return true
	}
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// story builds the story from its sheets, by name, and validates it. Every problem is placed at
// the cell it comes from, or at the nearest cell of the row or sheet it concerns.
func (r *reader) story(sheets map[string]*table) *data.Story {
	var s data.Story
	v := reflect.ValueOf(&s).Elem()
	info := v.FieldByIndex(fieldIndex(storyType, "story"))
	r.cells = map[string]string{"": cellName(storySheet, 0, 0), "story": cellName(storySheet, 0, 0)}

	if t := sheets[storySheet]; t == nil {
		r.fail(storySheet+"!A1", data.CodeMissing, "there is no sheet named "+strconv.Quote(storySheet)+": it holds the story's id, title, language and asOf")
	} else {
		byName := map[string]column{}
		for _, c := range storyColumns {
			byName[c.name] = c
		}
		for i, row := range t.rows {
			if i == 0 && len(row) > 0 && strings.EqualFold(strings.TrimSpace(row[0]), "field") || skipped(row) {
				continue
			}
			name := strings.TrimSpace(row[0])
			c, ok := byName[name]
			if !ok {
				r.fail(cellName(storySheet, i, 0), data.CodeUnknownField, "unknown field "+strconv.Quote(name)+" (the fields are "+names(storyColumns)+")")
				continue
			}
			value := ""
			if len(row) > 1 {
				value = row[1]
			}
			holder := info
			if name == "$schema" {
				holder = v
			}
			r.set(holder.FieldByIndex(c.index), value, "story."+name, cellName(storySheet, i, 1))
		}
	}

	for _, l := range lists {
		t := sheets[l.sheet]
		if t == nil {
			continue // an empty list; the validator says when one may not be empty
		}
		r.list(v, l, t)
	}
	for _, e := range s.Validate(r.file, nil) {
		e.Cell = r.place(e.Path)
		r.errs = append(r.errs, e)
	}
	return &s
}

// list reads the rows of one list's sheet into the story v.
func (r *reader) list(v reflect.Value, l *list, t *table) {
	if len(t.rows) == 0 {
		return
	}
	cols := map[int]column{}
	parentCol := -1
	byName := map[string]column{}
	for _, c := range l.cols {
		byName[c.name] = c
	}
	for j, h := range t.rows[0] {
		h = strings.TrimSpace(h)
		switch c, ok := byName[h]; {
		case h == "":
		case l.parent != nil && h == parentColumn:
			parentCol = j
		case !ok:
			r.fail(cellName(t.name, 0, j), data.CodeUnknownField, "unknown column "+strconv.Quote(h)+" (the columns are "+strings.Join(l.header(), ", ")+")")
		default:
			cols[j] = c
		}
	}
	if l.parent != nil && parentCol < 0 {
		r.fail(cellName(t.name, 0, 0), data.CodeMissing, "the sheet needs a column "+strconv.Quote(parentColumn)+": the id of the "+lower(l.parent.item.Name())+" each row belongs to")
		return
	}
	parents := map[string]int{}
	if l.parent != nil {
		ps := v.FieldByIndex(l.parent.field)
		for i := range ps.Len() {
			id := ps.Index(i).FieldByIndex(fieldIndex(l.parent.item, "id")).String()
			if _, ok := parents[id]; !ok {
				parents[id] = i
			}
		}
	}
	for i, row := range t.rows[1:] {
		i++ // the sheet's row
		if skipped(row) {
			continue
		}
		var items reflect.Value
		var path string
		if l.parent == nil {
			items = v.FieldByIndex(l.field)
			path = l.path + "[" + strconv.Itoa(items.Len()) + "]"
		} else {
			id := ""
			if parentCol < len(row) {
				id = strings.TrimSpace(row[parentCol])
			}
			p, ok := parents[id]
			if !ok {
				what := lower(l.parent.item.Name())
				if id == "" {
					r.fail(cellName(t.name, i, parentCol), data.CodeMissing, "which "+what+" this row belongs to is missing: give its id")
				} else {
					r.fail(cellName(t.name, i, parentCol), data.CodeNoEvent, "no "+what+" has id "+strconv.Quote(id))
				}
				continue
			}
			items = v.FieldByIndex(l.parent.field).Index(p).FieldByIndex(l.field)
			path = l.parent.path + "[" + strconv.Itoa(p) + "]" + l.path[len(l.parent.path)+2:] + "[" + strconv.Itoa(items.Len()) + "]"
		}
		item := reflect.New(l.item).Elem()
		r.cells[path] = cellName(t.name, i, 0)
		for j, cell := range row {
			if c, ok := cols[j]; ok {
				r.set(item.FieldByIndex(c.index), cell, path+"."+c.name, cellName(t.name, i, j))
			}
		}
		items.Set(reflect.Append(items, item))
	}
}

// set sets a field from a cell and remembers where the value at path came from.
func (r *reader) set(field reflect.Value, cell, path, at string) {
	r.cells[path] = at
	if msg := set(field, strings.TrimSpace(cell)); msg != "" {
		r.fail(at, data.CodeType, msg)
	}
}

// place returns the cell of the value at path, or of its nearest parent that has one.
func (r *reader) place(path string) string {
	for {
		if c, ok := r.cells[path]; ok {
			return c
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return r.cells[""]
		}
		path = path[:i]
	}
}

func names(cols []column) string {
	var n []string
	for _, c := range cols {
		n = append(n, c.name)
	}
	return strings.Join(n, ", ")
}
