//go:build !wasm

package sheet

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"timeline/data"
)

// seed is the seed story, decoded.
func seed(t testing.TB) *data.Story {
	t.Helper()
	b, err := os.ReadFile("../../data/stories/ukraine-2022-01.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := data.Decode("ukraine-2022-01.json", b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// same fails unless two stories say the same: equal after a trip through JSON and Decode.
func same(t *testing.T, got, want *data.Story) {
	t.Helper()
	enc := func(s *data.Story) *data.Story {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		d, err := data.Decode(s.Info.ID+".json", b)
		if err != nil {
			t.Fatalf("decoding the story read: %v", err)
		}
		// No rows is no actors, as [] and null are in JSON.
		if len(d.Actors) == 0 {
			d.Actors = nil
		}
		if len(d.Relations) == 0 {
			d.Relations = nil
		}
		for i := range d.Events {
			if len(d.Events[i].Actors) == 0 {
				d.Events[i].Actors = nil
			}
		}
		return d
	}
	if g, w := enc(got), enc(want); !reflect.DeepEqual(g, w) {
		gb, _ := json.MarshalIndent(g, "", " ")
		wb, _ := json.MarshalIndent(w, "", " ")
		gl, wl := strings.Split(string(gb), "\n"), strings.Split(string(wb), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("the stories differ at line %d:\n got  %s\n want %s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("the stories differ in length: %d lines, want %d", len(gl), len(wl))
	}
}

// deepTime is the story from the Big Bang to 2022 made for the tests, in the BCE/CE notation: its
// dates (-0752, Y-13800000000) and the notation must survive the sheets.
func deepTime(t testing.TB) *data.Story {
	t.Helper()
	b, err := os.ReadFile("../../data/testdata/deep-time/big-bang-to-2022.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := data.Decode("big-bang-to-2022.json", b)
	if err != nil {
		t.Fatal(err)
	}
	s.Info.EraNotation = data.EraBCECE
	return s
}

func TestWorkbookRoundTrip(t *testing.T) {
	for _, want := range []*data.Story{seed(t), deepTime(t)} {
		b, err := Workbook(want)
		if err != nil {
			t.Fatal(err)
		}
		got, notes, err := ReadWorkbook(want.Info.ID+".xlsx", b)
		if err != nil {
			t.Fatalf("reading the workbook back: %v", err)
		}
		if len(notes) > 0 {
			t.Errorf("notes on a workbook written here: %v", notes)
		}
		same(t, got, want)
	}
}

func TestCSVFolderRoundTrip(t *testing.T) {
	for _, want := range []*data.Story{seed(t), deepTime(t)} {
		csvFolderRoundTrip(t, want)
	}
}

func csvFolderRoundTrip(t *testing.T, want *data.Story) {
	fsys := fstest.MapFS{}
	for i, tb := range tables(want) {
		var buf bytes.Buffer
		csv.NewWriter(&buf).WriteAll(tb.rows)
		name := tb.name + ".csv"
		if i%2 == 1 {
			name = "Ukraine story - " + tb.name + ".csv" // as Google Sheets names a download
		}
		fsys[name] = &fstest.MapFile{Data: buf.Bytes()}
	}
	got, _, err := ReadFolder(fsys, "sheets")
	if err != nil {
		t.Fatalf("reading the folder: %v", err)
	}
	same(t, got, want)
}

func TestTemplateReadsAsAStory(t *testing.T) {
	schema, err := os.ReadFile("../../data/story.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Template(seed(t), schema)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if note, _ := f.GetCellValue("Events", "D2"); note == "" {
		t.Errorf("Events!D2 has no note")
	}
	first, _ := f.GetCellValue("Events", "A2")
	if !strings.HasPrefix(first, "# ") {
		t.Errorf("Events!A2 = %q, want the notes row", first)
	}
	s, _, err := ReadWorkbook("template.xlsx", b)
	if err != nil {
		t.Fatalf("the template is not a story: %v", err)
	}
	if len(s.Events) != 1 || len(s.Actors) == 0 || len(s.Relations) != 1 {
		t.Errorf("the template has %d events, %d actors and %d relations, want one event and what it names", len(s.Events), len(s.Actors), len(s.Relations))
	}
}

// edit writes the seed story as a workbook, changes cells, and reads it back.
func edit(t *testing.T, cells map[string]string, more func(f *excelize.File)) (data.Errors, data.Errors) {
	t.Helper()
	b, err := Workbook(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for at, v := range cells {
		sheet, cell, _ := strings.Cut(at, "!")
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if more != nil {
		more(f)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, notes, err := ReadWorkbook("story.xlsx", buf.Bytes())
	if err == nil {
		return nil, notes
	}
	return err.(data.Errors), notes
}

// header returns the cell of column name in row row of sheet, in the seed's workbook.
func header(t *testing.T, sheet, name string, row int) string {
	for _, tb := range tables(seed(t)) {
		if tb.name == sheet {
			for j, h := range tb.rows[0] {
				if h == name {
					return cellName(sheet, row-1, j)
				}
			}
		}
	}
	t.Fatalf("no column %s in %s", name, sheet)
	return ""
}

func TestPlantedMistakesAreEachPlacedAtTheirCell(t *testing.T) {
	date, from := header(t, "Events", "date", 4), header(t, "Relations", "from", 3)
	secondID, headline := header(t, "Events", "id", 6), header(t, "Events", "headline", 9)
	firstID := seed(t).Events[0].ID
	errs, _ := edit(t, map[string]string{
		date:     "2022-02-30",
		from:     "nobody",
		secondID: firstID,
		headline: "",
	}, nil)
	want := map[string]string{
		date:     `"2022-02-30" is not an EDTF date`,
		from:     `no actor has id "nobody"`,
		secondID: "is already the id of",
		headline: "must not be empty",
	}
	for cell, msg := range want {
		found := false
		for _, e := range errs {
			if e.Cell == cell && strings.Contains(e.Msg, msg) && strings.HasPrefix(e.Error(), "story.xlsx: "+cell+": ") {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem at %s saying %q; got:\n%v", cell, msg, errs)
		}
	}
}

func TestDatesStoredAsNumbersAreReadAsDays(t *testing.T) {
	cell := header(t, "Events", "date", 2)
	errs, notes := edit(t, nil, func(f *excelize.File) {
		sheet, c, _ := strings.Cut(cell, "!")
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellValue(sheet, c, 44582) // 2022-01-21
		f.SetCellStyle(sheet, c, c, style)
	})
	if errs != nil {
		t.Fatalf("errors: %v", errs)
	}
	if len(notes) != 1 || notes[0].Cell != cell || !strings.Contains(notes[0].Msg, "read as 2022-01-21") {
		t.Errorf("notes %v, want one at %s saying it was read as 2022-01-21", notes, cell)
	}
}

func TestHostileWorkbooks(t *testing.T) {
	t.Run("merged cells", func(t *testing.T) {
		errs, _ := edit(t, nil, func(f *excelize.File) { f.MergeCell("Events", "C3", "C5") })
		if len(errs) == 0 || !strings.Contains(errs.Error(), "Events!C3: cells C3:C5 are merged") {
			t.Errorf("errors %v, want the merged cells named", errs)
		}
	})
	t.Run("formulas", func(t *testing.T) {
		cell := header(t, "Events", "place", 2)
		_, notes := edit(t, nil, func(f *excelize.File) {
			sheet, c, _ := strings.Cut(cell, "!")
			f.SetCellFormula(sheet, c, `"Gen"&"eva"`)
		})
		if len(notes) != 1 || notes[0].Cell != cell || !strings.Contains(notes[0].Msg, "formula") {
			t.Errorf("notes %v, want the formula noted at %s", notes, cell)
		}
	})
	t.Run("not a workbook", func(t *testing.T) {
		_, _, err := ReadWorkbook("x.xlsx", []byte("PK\x03\x04 not really"))
		if err == nil || !strings.Contains(err.Error(), "x.xlsx: not an .xlsx workbook") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("too big", func(t *testing.T) {
		_, _, err := ReadWorkbook("x.xlsx", make([]byte, MaxBytes+1))
		if err == nil || !strings.Contains(err.Error(), "more than the 64 MB") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("CSV that is not UTF-8", func(t *testing.T) {
		fsys := fstest.MapFS{"Events.csv": {Data: []byte("id,date\nx,2022\ny,caf\xe9\n")}}
		_, _, err := ReadFolder(fsys, "sheets")
		if err == nil || !strings.Contains(err.Error(), `sheets: Events!A3: the file is not UTF-8 text`) {
			t.Errorf("error %v", err)
		}
	})
	t.Run("a sheet that does not exist yet", func(t *testing.T) {
		_, _, err := ReadFolder(fstest.MapFS{}, "empty")
		if err == nil || !strings.Contains(err.Error(), `there is no sheet named "Story"`) {
			t.Errorf("error %v", err)
		}
	})
}

// FuzzReadCSV: no CSV, in any sheet, makes the reader panic, and every problem names its cell.
func FuzzReadCSV(f *testing.F) {
	f.Add("Events", []byte("id,date,headline\na,2022,H\n"))
	f.Add("Story", []byte("field,value\nid,x\ntitle,\"T\"\"\"\n"))
	f.Add("Participants", []byte("event,actor,part\na,b,speaker\n,,\n# note\n"))
	f.Add("Relations", []byte("from,to,kind,directed,events\na,b,meets,maybe,\"e1, e2\"\n"))
	f.Add("Events", []byte("\"unclosed\n"))
	f.Fuzz(func(t *testing.T, sheet string, b []byte) {
		fsys := fstest.MapFS{filepath.Base(sheet) + ".csv": {Data: b}}
		s, _, err := ReadFolder(fsys, "sheets")
		if err != nil {
			for _, e := range err.(data.Errors) {
				if e.Msg == "" || (e.Cell == "" && e.Code != "") {
					t.Errorf("problem without a place: %+v", *e)
				}
			}
			return
		}
		if _, err := json.Marshal(s); err != nil {
			t.Fatal(err)
		}
	})
}

// seedFolder writes the seed story as a folder of CSV files, with cells changed.
func seedFolder(t *testing.T, cells map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, tb := range tables(seed(t)) {
		for at, v := range cells {
			sheet, cell, _ := strings.Cut(at, "!")
			if sheet != tb.name {
				continue
			}
			col, row, err := excelize.CellNameToCoordinates(cell)
			if err != nil {
				t.Fatal(err)
			}
			tb.rows[row-1][col-1] = v
		}
		var buf bytes.Buffer
		csv.NewWriter(&buf).WriteAll(tb.rows)
		fsys[tb.name+".csv"] = &fstest.MapFile{Data: buf.Bytes()}
	}
	return fsys
}

// TestPlantedMistakesInCSVAreWhereTheWorkbookHasThem: a folder of CSV files gives the same
// problems at the same cells as the workbook with the same mistakes.
func TestPlantedMistakesInCSVAreWhereTheWorkbookHasThem(t *testing.T) {
	date, from := header(t, "Events", "date", 4), header(t, "Relations", "from", 3)
	secondID, headline := header(t, "Events", "id", 6), header(t, "Events", "headline", 9)
	cells := map[string]string{date: "2022-02-30", from: "nobody", secondID: seed(t).Events[0].ID, headline: ""}
	inBook, _ := edit(t, cells, nil)
	_, _, err := ReadFolder(seedFolder(t, cells), "sheets")
	if err == nil {
		t.Fatal("no problem in a folder with four mistakes")
	}
	inFolder := err.(data.Errors)
	line := func(e *data.Error) string { return e.Cell + ": " + e.Msg }
	var want, got []string
	for _, e := range inBook {
		want = append(want, line(e))
	}
	for _, e := range inFolder {
		got = append(got, line(e))
		if !strings.HasPrefix(e.Error(), "sheets: "+e.Cell+": ") {
			t.Errorf("%q does not start with the folder and the cell", e.Error())
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the folder's problems:\n%s\nthe workbook's:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(inBook) < len(cells) {
		t.Errorf("%d problems for %d mistakes", len(inBook), len(cells))
	}
}

// TestHugeSheetsAreRefused: a sheet of more rows than a story may have is refused with its
// place, from a workbook as from a CSV file, before it is all held in memory.
func TestHugeSheetsAreRefused(t *testing.T) {
	t.Run("workbook", func(t *testing.T) {
		errs, _ := edit(t, nil, func(f *excelize.File) {
			sw, err := f.NewStreamWriter("Events")
			if err != nil {
				t.Fatal(err)
			}
			row := []any{"e", "2022-01-21", "A headline"}
			for r := 1; r <= MaxRows+1; r++ {
				cell, _ := excelize.CoordinatesToCellName(1, r)
				if err := sw.SetRow(cell, row); err != nil {
					t.Fatal(err)
				}
			}
			if err := sw.Flush(); err != nil {
				t.Fatal(err)
			}
		})
		if len(errs) == 0 || !strings.Contains(errs.Error(), "story.xlsx: Events!A1: the sheet has more than 100000 rows") {
			t.Errorf("errors %v, want the sheet refused", errs)
		}
	})
	t.Run("CSV", func(t *testing.T) {
		b := bytes.Repeat([]byte("e,2022-01-21,A headline\n"), MaxRows+1)
		_, _, err := ReadFolder(fstest.MapFS{"Events.csv": {Data: b}}, "sheets")
		if err == nil || !strings.Contains(err.Error(), "sheets: Events!A100001: the sheet has more than 100000 rows") {
			t.Errorf("error %v, want the sheet refused at its row", err)
		}
	})
}
