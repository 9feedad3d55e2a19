//go:build !wasm

package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"timeline/data"
)

// Limits on what is read, so that no file, however made, takes the machine's memory.
const (
	// MaxBytes is the most a workbook, or one CSV file, may hold.
	MaxBytes = 64 << 20
	// MaxRows is the most rows a sheet may have.
	MaxRows = 100_000
	// maxUnzipped is the most a workbook may unpack to.
	maxUnzipped = 256 << 20
)

// Workbook returns s as an .xlsx workbook, one sheet per part of the story (see the package
// comment). Every cell is text, so that a spreadsheet keeps dates and ids as typed.
func Workbook(s *data.Story) ([]byte, error) { return workbook(tables(s), nil) }

// Template returns a workbook to start a story from: on each sheet the header, a row of notes
// that says what each column holds (from the JSON Schema schema), and an example taken from the
// story example: one of its events, with what that event names, and a relation between them.
func Template(example *data.Story, schema []byte) ([]byte, error) {
	return workbook(tables(exampleOf(example)), notes(schema))
}

// exampleOf returns a small valid story cut from s: an event with quotes (else the first), its
// track, its actors and those they belong to, one relation between them, one era and one source.
func exampleOf(s *data.Story) *data.Story {
	out := &data.Story{Schema: s.Schema, Info: s.Info}
	if len(s.Events) == 0 {
		return out
	}
	ev := s.Events[0]
	for _, e := range s.Events {
		if len(e.Quotes) > 0 && len(e.Actors) > 1 {
			ev = e
			break
		}
	}
	ev.Links = nil
	out.Events = []data.Event{ev}
	out.Info.Lead = ev.ID
	out.Info.Tracks, out.Info.Eras, out.Info.Sources = nil, s.Info.Eras[:min(1, len(s.Info.Eras))], s.Info.Sources[:min(1, len(s.Info.Sources))]
	for _, tr := range s.Info.Tracks {
		if tr.ID == ev.Track {
			out.Info.Tracks = append(out.Info.Tracks, tr)
		}
	}
	need := map[string]bool{}
	for _, p := range ev.Actors {
		need[p.Actor] = true
	}
	for _, q := range ev.Quotes {
		need[q.Speaker] = true
	}
	for changed := true; changed; { // and whom they belong to
		changed = false
		for _, a := range s.Actors {
			if need[a.ID] && a.Affiliation != "" && !need[a.Affiliation] {
				need[a.Affiliation], changed = true, true
			}
		}
	}
	for _, a := range s.Actors {
		if need[a.ID] {
			out.Actors = append(out.Actors, a)
		}
	}
	for _, r := range s.Relations {
		if need[r.From] && need[r.To] {
			shows := slices.Contains(r.Events, ev.ID)
			r.Events = nil
			if shows {
				r.Events = []string{ev.ID}
			}
			out.Relations = []data.Relation{r}
			break
		}
	}
	return out
}

func workbook(ts []*table, notes map[string][]string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text, never a number or a date
	if err != nil {
		return nil, err
	}
	noteStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Italic: true, Color: "595959"},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	boldStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	for i, t := range ts {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(t.name); err != nil {
			return nil, err
		}
		width := 0
		for _, row := range t.rows {
			width = max(width, len(row))
		}
		last, _ := excelize.ColumnNumberToName(max(width, 1))
		if err := f.SetColStyle(t.name, "A:"+last, textStyle); err != nil {
			return nil, err
		}
		f.SetColWidth(t.name, "A", last, 24)
		rows := t.rows
		if n := notes[t.name]; n != nil && t.name != storySheet {
			note := slices.Clone(n)
			note[0] = "# " + note[0]
			rows = append([][]string{rows[0], note}, rows[1:]...)
		}
		for r, row := range rows {
			cells := make([]any, len(row))
			for j, c := range row {
				cells[j] = c
			}
			if t.name == storySheet && notes != nil && r > 0 && r-1 < len(notes[storySheet]) {
				cells = append(cells, "# "+notes[storySheet][r-1])
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(t.name, cell, &cells); err != nil {
				return nil, err
			}
		}
		f.SetRowStyle(t.name, 1, 1, boldStyle)
		if notes != nil && t.name != storySheet {
			f.SetRowStyle(t.name, 2, 2, noteStyle)
		}
		f.SetPanes(t.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReadWorkbook reads a story from the .xlsx workbook b; file names it in problems. It returns the
// story with notes (what was read in a way the writer may not expect: dates stored as numbers,
// formulas), or every problem at once, each at its sheet and cell, as data.Errors.
func ReadWorkbook(file string, b []byte) (*data.Story, data.Errors, error) {
	r := &reader{file: file}
	if len(b) > MaxBytes {
		return nil, nil, data.Errors{{File: file, Msg: fmt.Sprintf("the workbook is %d MB, more than the %d MB a story may hold", len(b)>>20, MaxBytes>>20)}}
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped / 4})
	if err != nil {
		return nil, nil, data.Errors{{File: file, Code: data.CodeSyntax, Msg: "not an .xlsx workbook: " + err.Error()}}
	}
	defer f.Close()
	sheets := map[string]*table{}
	for _, name := range f.GetSheetList() {
		t, err := r.readSheet(f, name)
		if err != nil {
			return nil, nil, data.Errors{{File: file, Cell: name + "!A1", Msg: err.Error()}}
		}
		if t != nil {
			sheets[name] = t
		}
	}
	return r.finish(sheets)
}

// readSheet reads one sheet's cells as text: numbers as written, a number formatted as a date as
// its day (with a note), a formula's last value (with a note). Merged cells are refused: only one
// of their cells holds the value.
func (r *reader) readSheet(f *excelize.File, name string) (*table, error) {
	merged, err := f.GetMergeCells(name)
	if err != nil {
		return nil, err
	}
	for _, m := range merged {
		r.fail(name+"!"+m.GetStartAxis(), data.CodeType, "cells "+m.GetStartAxis()+":"+m.GetEndAxis()+" are merged: unmerge them and fill each cell")
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := &table{name: name}
	for rows.Next() {
		if len(t.rows) >= MaxRows {
			return nil, fmt.Errorf("the sheet has more than %d rows", MaxRows)
		}
		row, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		t.rows = append(t.rows, row)
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	dateCols := map[int]bool{}
	for i, row := range t.rows {
		for j, v := range row {
			if i == 0 {
				switch h := strings.TrimSpace(v); h {
				case "date", "valid":
					dateCols[j] = true
				}
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if formula, _ := f.GetCellFormula(name, cell); formula != "" {
				r.note(name+"!"+cell, "holds the formula ="+formula+": its last computed value "+strconv.Quote(v)+" is read")
			}
			isDateCol := dateCols[j] || (name == storySheet && j == 1 && len(row) > 0 && strings.TrimSpace(row[0]) == "asOf")
			if isDateCol && isSerial(v) && dateFormatted(f, name, cell) {
				day := serialDay(v)
				r.note(name+"!"+cell, "the spreadsheet stored the date as the number "+v+": read as "+day+"; format the column as text to keep dates as typed")
				row[j] = day
			}
		}
	}
	return t, nil
}

// isSerial reports whether v looks like a spreadsheet's day number (days since 1899-12-30).
func isSerial(v string) bool {
	f, err := strconv.ParseFloat(v, 64)
	return err == nil && f >= 1 && f < 2958466 && strings.IndexFunc(v, func(r rune) bool { return r != '.' && (r < '0' || r > '9') }) < 0
}

// serialDay returns the day of a spreadsheet day number, as YYYY-MM-DD.
func serialDay(v string) string {
	f, _ := strconv.ParseFloat(v, 64)
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return v
	}
	return t.Format("2006-01-02")
}

// dateFormatted reports whether the cell shows its number as a date.
func dateFormatted(f *excelize.File, sheet, cell string) bool {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil || id == 0 {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil {
		return false
	}
	if (st.NumFmt >= 14 && st.NumFmt <= 22) || (st.NumFmt >= 45 && st.NumFmt <= 47) {
		return true
	}
	if st.CustomNumFmt != nil {
		c := strings.ToLower(*st.CustomNumFmt)
		return strings.Contains(c, "y") || strings.Contains(c, "d")
	}
	return false
}

// ReadFolder reads a story from a folder of CSV files in fsys, one per sheet, named after the sheet
// (Events.csv) or as Google Sheets downloads them ("My story - Events.csv"); dir names the folder
// in problems. Each file must be UTF-8. It returns what ReadWorkbook returns.
func ReadFolder(fsys fs.FS, dir string) (*data.Story, data.Errors, error) {
	r := &reader{file: dir}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, data.Errors{{File: dir, Msg: err.Error()}}
	}
	sheets := map[string]*table{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(path.Ext(name), ".csv") {
			continue
		}
		sheet := strings.TrimSuffix(name, path.Ext(name))
		if i := strings.LastIndex(sheet, " - "); i >= 0 {
			sheet = sheet[i+3:]
		}
		sheet = canonicalSheet(sheet)
		if _, dup := sheets[sheet]; dup {
			r.fail(sheet+"!A1", data.CodeRepeatedField, "two files hold the sheet "+strconv.Quote(sheet)+": keep one")
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, nil, data.Errors{{File: dir, Msg: err.Error()}}
		}
		if info.Size() > MaxBytes {
			r.fail(sheet+"!A1", data.CodeType, fmt.Sprintf("%s is %d MB, more than the %d MB a sheet may hold", name, info.Size()>>20, MaxBytes>>20))
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, data.Errors{{File: dir, Msg: err.Error()}}
		}
		t, err := readCSV(sheet, b)
		if err != nil {
			var ce *cellError
			if errors.As(err, &ce) {
				r.fail(ce.cell, data.CodeSyntax, ce.msg)
				continue
			}
			return nil, nil, data.Errors{{File: dir, Msg: err.Error()}}
		}
		sheets[sheet] = t
	}
	return r.finish(sheets)
}

// canonicalSheet spells a sheet's name as the model does, whatever its case.
func canonicalSheet(name string) string {
	if strings.EqualFold(name, storySheet) {
		return storySheet
	}
	for _, l := range lists {
		if strings.EqualFold(name, l.sheet) {
			return l.sheet
		}
	}
	return name
}

// cellError is a problem of a CSV file at a cell.
type cellError struct{ cell, msg string }

func (e *cellError) Error() string { return e.cell + ": " + e.msg }

// readCSV reads one sheet from CSV: UTF-8, with or without a byte-order mark, at most MaxRows rows.
func readCSV(sheet string, b []byte) (*table, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:invalidAt(b)], []byte("\n"))
		return nil, &cellError{cellName(sheet, line-1, 0), "the file is not UTF-8 text: save it as \"CSV UTF-8\""}
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	t := &table{name: sheet}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &cellError{cellName(sheet, pe.Line-1, max(pe.Column-1, 0)), "invalid CSV: " + pe.Err.Error()}
			}
			return nil, err
		}
		if len(t.rows) >= MaxRows {
			return nil, &cellError{cellName(sheet, len(t.rows), 0), fmt.Sprintf("the sheet has more than %d rows", MaxRows)}
		}
		t.rows = append(t.rows, row)
	}
}

// invalidAt returns the offset of the first byte of b that is not UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// finish builds and validates the story from the sheets read.
func (r *reader) finish(sheets map[string]*table) (*data.Story, data.Errors, error) {
	s := r.story(sheets)
	if len(r.errs) > 0 {
		return nil, r.notes, r.errs
	}
	return s, r.notes, nil
}

// Read reads the spreadsheet story at name: a folder of CSV files, or an .xlsx workbook of at most
// MaxBytes. Its results are ReadFolder's or ReadWorkbook's.
func Read(name string) (*data.Story, data.Errors, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, nil, err
	}
	if fi.IsDir() {
		return ReadFolder(os.DirFS(name), name)
	}
	if fi.Size() > MaxBytes {
		return nil, nil, data.Errors{{File: name, Msg: fmt.Sprintf("the workbook is %d MB, more than the %d MB a story may hold", fi.Size()>>20, MaxBytes>>20)}}
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, err
	}
	return ReadWorkbook(name, b)
}
