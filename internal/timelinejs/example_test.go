//go:build !wasm

package timelinejs

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"timeline/data"
)

// The example files, written by hand, hold every field of the TimelineJS format: the JSON in
// full, the CSV in every column of the Google Sheets template.
const (
	exampleJSON = "testdata/timelinejs-example.json"
	exampleCSV  = "testdata/timelinejs-example.csv"
	// exampleStory is the second embedded story: the example, imported.
	exampleStory = "../../data/stories/timelinejs-example.json"
)

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTheSecondStoryIsTheImportedExample keeps data/stories/timelinejs-example.json the exact
// output of importing the example, and checks what the import says it left out, in order, with
// its line and column. To refresh the story after changing the example or the importer:
//
//	go run ./cmd/timeline import timelinejs -out data/stories/timelinejs-example.json internal/timelinejs/testdata/timelinejs-example.json
func TestTheSecondStoryIsTheImportedExample(t *testing.T) {
	res := Import(Options{File: exampleJSON, Schema: "../story.schema.json", Lang: "en"}, readFile(t, exampleJSON))
	if res.Errs != nil {
		t.Fatalf("the example does not import:\n%v", res.Errs)
	}
	if want := readFile(t, exampleStory); !bytes.Equal(res.Story, want) {
		t.Errorf("%s is not the import of %s; refresh it (see this test's comment)", exampleStory, exampleJSON)
	}
	var got []string
	for _, e := range res.NotMapped {
		got = append(got, strings.TrimPrefix(e.Error(), exampleJSON+":"))
	}
	want := []string{
		`8:14: title.media: the title slide's media is not mapped: a story has no media of its own, only its events`,
		`12:19: title.background: the background is not mapped: the widget draws every event alike`,
		`23:54: eras[1].text.text: an era's text is not mapped: an era has a label only (TimelineJS does not show it either)`,
		`57:66: events[3].start_date.hour: the time of day is kept in dateNote only: dates here are days`,
		`68:68: events[4].start_date.hour: the time of day is kept in dateNote only: dates here are days`,
		`87:22: events[5].media.thumbnail: the thumbnail is not mapped: the timeline draws no thumbnails`,
		`89:24: events[5].media.link_target: link_target is not mapped: links open in a new tab`,
		`96:19: events[6].autolink: autolink is not mapped: text is shown as plain text, and its links are kept as data`,
		`97:21: events[6].background: the background is not mapped: the widget draws every event alike`,
		`111:16: events[7].media: the media has no alt text: its caption stands in, as in TimelineJS`,
	}
	sameLines(t, "not mapped", got, want)
}

// TestTheExampleStoryHasEveryField checks the imported example against the file it came from,
// field by field.
func TestTheExampleStoryHasEveryField(t *testing.T) {
	s, err := data.Decode("timelinejs-example.json", readFile(t, exampleStory))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name, got, want string
	}{
		{"the title slide's headline is the title", s.Info.Title, "Example: what a TimelineJS file holds"},
		{"the title slide's text is the summary", s.Info.Summary[:29], "An example timeline, written "},
		{"groups are tracks", s.Info.Tracks[0].ID + " " + s.Info.Tracks[1].Label, "dates Text and media"},
		{"eras keep day precision", s.Info.Eras[0].Date, "2021-01-01/2021-12-31"},
		{"eras keep month precision", s.Info.Eras[1].Date, "2022-01/2022-02"},
		{"unique_id is the id", s.Events[0].ID, "a-day"},
		{"a day", s.Events[0].Date, "2021-03-01"},
		{"a month", s.Events[1].Date, "2021-06"},
		{"a year", s.Events[2].Date, "2019"},
		{"a span", s.Events[3].Date, "2021-09-06/2021-09-10"},
		{"a span's times and display date", s.Events[3].DateNote, "From 09:00 to 17:30; shown in TimelineJS as “The week of 6 September 2021”"},
		{"a time and a date's display date", s.Events[4].DateNote, "At 14:30; shown in TimelineJS as “15 November 2021, 2.30 pm”"},
		{"an id from the headline", s.Events[5].ID, "a-slide-with-a-picture"},
		{"media under /web/", s.Events[5].Media.URL, "/web/icon.svg"},
		{"media alt", s.Events[5].Media.Alt, "Three white dots on a white line, on a dark blue square"},
		{"a caption reduced to text", s.Events[5].Media.Caption, "The widget’s icon, loaded only when it is shown."},
		{"media credit", s.Events[5].Media.Credit, "Drawn for the timeline widget"},
		{"a link of the text", s.Events[5].Links[0].URL + " " + s.Events[5].Links[0].Text, "https://timeline.knightlab.com/docs/json-format.html TimelineJS documentation"},
		{"the media's link", s.Events[5].Links[1].URL + " " + s.Events[5].Links[1].Text, "https://timeline.knightlab.com/ The widget’s icon"},
		{"a headline reduced to text", s.Events[6].Headline, "A slide with formatted text"},
		{"HTML reduced to text, entities decoded", s.Events[6].Text, "Its text has bold and italic words, a list, one item and another, and “entities” & symbols, all reduced to plain text. Its background colour is reported as not mapped."},
		{"media on another site", s.Events[7].Media.URL, "https://timeline.knightlab.com/docs/media-types.html"},
		{"every slide is imported", strconv.Itoa(len(s.Events)), "9"},
		{"TimelineJS's -500, shown as 500 BCE, is 500 BC", s.Events[8].Date + " " + s.Events[8].When.Words(), "-0499 500 BC"},
		{"asOf is the last day of the last event", s.Info.AsOf, "2022-02-28"},
		{"no actors", strconv.Itoa(len(s.Actors)) + " " + strconv.Itoa(len(s.Relations)), "0 0"},
		{"the file names the schema", s.Schema, "../story.schema.json"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

// TestTheCSVTemplateGivesTheSameStory imports the CSV twin of the example: the sheet template
// cannot say unique_id, alt text, a media's title or link, so only ids, alt and links differ.
func TestTheCSVTemplateGivesTheSameStory(t *testing.T) {
	fromJSON, _, errs := importText(t, exampleJSON, string(readFile(t, exampleJSON)), Options{})
	if errs != nil {
		t.Fatal(errs)
	}
	fromCSV, notes, errs := importText(t, exampleCSV, string(readFile(t, exampleCSV)), Options{})
	if errs != nil {
		t.Fatal(errs)
	}
	if len(fromCSV.Events) != len(fromJSON.Events) {
		t.Fatalf("%d events from the CSV, %d from the JSON", len(fromCSV.Events), len(fromJSON.Events))
	}
	for i := range fromJSON.Events {
		a, b := fromJSON.Events[i], fromCSV.Events[i]
		a.ID, b.ID = "", ""
		a.Media.Alt, b.Media.Alt = "", ""
		a.Links, b.Links = nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Errorf("event %d:\n JSON %+v\n CSV  %+v", i, a, b)
		}
	}
	fromJSON.Events, fromCSV.Events = nil, nil
	if !reflect.DeepEqual(fromJSON, fromCSV) {
		t.Errorf("the story differs:\n JSON %+v\n CSV  %+v", fromJSON, fromCSV)
	}
	want := []string{
		"Media: the title slide's media is not mapped: a story has no media of its own, only its events",
		"Background: the background is not mapped: the widget draws every event alike",
		"Text: an era's text is not mapped: an era has a label only (TimelineJS does not show it either)",
		"Time: the time of day is kept in dateNote only: dates here are days",
		"Time: the time of day is kept in dateNote only: dates here are days",
		"Media: the media has no alt text: its caption stands in, as in TimelineJS",
		"Media Thumbnail: the thumbnail is not mapped: the timeline draws no thumbnails",
		"Background: the background is not mapped: the widget draws every event alike",
		"Media: the media has no alt text: its caption stands in, as in TimelineJS",
	}
	sameLines(t, "not mapped", notes, want)
}

func TestImportReadsTheSheetTemplate(t *testing.T) {
	tests := []struct {
		name  string
		csv   string
		check func(t *testing.T, s *data.Story)
		notes []string
	}{
		{"headers are matched without case or spaces, in any order",
			"headline,END YEAR,year,Display_Date\nH,2022,2021,Soon\n",
			func(t *testing.T, s *data.Story) {
				sameLines(t, "date, note", []string{s.Events[0].Date, s.Events[0].DateNote}, []string{"2021/2022", "Shown in TimelineJS as “Soon”"})
			}, []string{": there is no title slide: the story's title is its id, \"t\""}},
		{"a byte-order mark and blank rows are skipped",
			"\ufeffYear,Headline,Type\n,T,title\n,,\n2021,H,\n",
			func(t *testing.T, s *data.Story) {
				sameLines(t, "title, events", []string{s.Info.Title, strconv.Itoa(len(s.Events))}, []string{"T", "1"})
			}, nil},
		{"times of day are read in 24 and 12 hours",
			"Year,Month,Day,Time,End Year,End Month,End Day,End Time,Headline\n2021,1,2,12:05 AM,2021,1,3,12pm,H\n",
			dateNote("From 00:05 to 12:00"), []string{": there is no title slide: the story's title is its id, \"t\"", "Time: the time of day is kept in dateNote only: dates here are days"}},
		{"a time that is not one is noted",
			"Year,Month,Day,Time,Headline\n2021,1,2,noon,H\n",
			dateNote(""), []string{": there is no title slide: the story's title is its id, \"t\"", "Time: “noon” is not a time of day (such as 14:30 or 2:30 PM): not mapped"}},
		{"unknown columns, cells without a column and unknown types are noted",
			"Year,Headline,Notes,Type\n2021,H,n,slide,extra\n",
			func(t *testing.T, s *data.Story) {},
			[]string{
				": there is no title slide: the story's title is its id, \"t\"",
				`Notes: the column "Notes" is not part of the TimelineJS template: not mapped`,
				`Type: the type "slide" is not a TimelineJS type (title, era): the row is read as an event`,
				": a cell beyond the last column has no header: not mapped",
			}},
		{"a second title slide is an event, as in TimelineJS",
			"Year,Headline,Type\n,T,title\n2021,U,title\n",
			func(t *testing.T, s *data.Story) {
				sameLines(t, "title, event", []string{s.Info.Title, s.Events[0].Headline}, []string{"T", "U"})
			}, []string{"Type: a second title slide is read as an event, as TimelineJS does"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, notes, errs := importText(t, "t.csv", tt.csv, Options{})
			if errs != nil {
				t.Fatalf("import failed:\n%s", strings.Join(errs, "\n"))
			}
			tt.check(t, s)
			sameLines(t, "notes", notes, tt.notes)
		})
	}
}

func dateNote(want string) func(*testing.T, *data.Story) {
	return func(t *testing.T, s *data.Story) {
		t.Helper()
		if got := s.Events[0].DateNote; got != want {
			t.Errorf("dateNote %q, want %q", got, want)
		}
	}
}

// TestImportRoundTripsTheSeedStory writes the seed story as TimelineJS (as a newsroom's earlier
// tool would have had it), imports it back and checks that what TimelineJS can hold survives:
// ids, headlines, texts, tracks, eras, and dates at their precision (TimelineJS has no
// approximate, uncertain or open dates: those come back plain, with their words as display date).
func TestImportRoundTripsTheSeedStory(t *testing.T) {
	seed, err := data.Decode("ukraine-2022-01.json", readFile(t, "../../data/stories/ukraine-2022-01.json"))
	if err != nil {
		t.Fatal(err)
	}
	tl, wantDates := toTimelineJS(seed)
	b, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	s, notes, errs := importText(t, "ukraine-2022-01.json", string(b), Options{AsOf: seed.Info.AsOf})
	if errs != nil {
		t.Fatal(errs)
	}
	sameLines(t, "not mapped", notes, nil)
	if s.Info.Title != seed.Info.Title || s.Info.Summary != seed.Info.Summary || s.Info.AsOf != seed.Info.AsOf {
		t.Errorf("title, summary or asOf changed: %q %q %q", s.Info.Title, s.Info.Summary, s.Info.AsOf)
	}
	if len(s.Events) != len(seed.Events) {
		t.Fatalf("%d events came back, want %d", len(s.Events), len(seed.Events))
	}
	asOf := seed.Info.AsOfDate.First()
	for i, want := range seed.Events {
		got := s.Events[i]
		label, _ := seed.TrackByID(want.Track)
		track, _ := s.TrackByID(got.Track)
		status := data.StatusHappened
		if want.When.First().After(asOf) {
			status = data.StatusPlanned
		}
		for _, c := range []struct{ what, got, want string }{
			{"id", got.ID, want.ID},
			{"headline", got.Headline, want.Headline},
			{"text", got.Text, want.Text},
			{"track", track.Label, label.Label},
			{"date", got.Date, wantDates[i]},
			{"date note", got.DateNote, "Shown in TimelineJS as “" + want.When.Words() + "”"},
			{"status", got.Status, status},
		} {
			if c.got != c.want {
				t.Errorf("%s: %s %q, want %q", want.ID, c.what, c.got, c.want)
			}
		}
	}
	var eras []string
	for _, e := range s.Info.Eras {
		eras = append(eras, e.Label)
	}
	var seedEras []string
	for _, e := range seed.Info.Eras {
		seedEras = append(seedEras, e.Label)
	}
	sameLines(t, "eras", eras, seedEras)
}

// tl* mirror the TimelineJS JSON format, to write a story in it.
type (
	tlJSON struct {
		Title  tlJSONSlide   `json:"title"`
		Eras   []tlJSONSlide `json:"eras"`
		Events []tlJSONSlide `json:"events"`
	}
	tlJSONSlide struct {
		UniqueID    string      `json:"unique_id,omitempty"`
		Group       string      `json:"group,omitempty"`
		Start       *tlJSONDate `json:"start_date,omitempty"`
		End         *tlJSONDate `json:"end_date,omitempty"`
		DisplayDate string      `json:"display_date,omitempty"`
		Text        tlJSONText  `json:"text"`
	}
	tlJSONText struct {
		Headline string `json:"headline"`
		Text     string `json:"text,omitempty"`
	}
	tlJSONDate struct {
		Year  int `json:"year"`
		Month int `json:"month,omitempty"`
		Day   int `json:"day,omitempty"`
	}
)

// toTimelineJS writes a story as TimelineJS, and returns the EDTF date each event should come back
// with: its ends at their precision, without qualifiers; an open or unknown end left out (an era
// runs to asOf instead, as TimelineJS eras need an end).
func toTimelineJS(s *data.Story) (tlJSON, []string) {
	date := func(p data.Point) *tlJSONDate {
		d := &tlJSONDate{Year: p.Time.Year()}
		if p.Precision != data.PrecisionYear {
			d.Month = int(p.Time.Month())
		}
		if p.Precision == data.PrecisionDay {
			d.Day = p.Time.Day()
		}
		return d
	}
	edtf := func(p data.Point) string {
		switch p.Precision {
		case data.PrecisionYear:
			return p.Time.Format("2006")
		case data.PrecisionMonth:
			return p.Time.Format("2006-01")
		}
		return p.Time.Format("2006-01-02")
	}
	ends := func(d data.Date) (start, end data.Point) {
		start, end = d.Start, d.End
		if start.IsZero() {
			start, end = end, data.Point{}
		}
		if !end.IsZero() && edtf(end) == edtf(start) {
			end = data.Point{}
		}
		return start, end
	}
	out := tlJSON{Title: tlJSONSlide{Text: tlJSONText{Headline: s.Info.Title, Text: s.Info.Summary}}}
	var want []string
	for _, ev := range s.Events {
		track, _ := s.TrackByID(ev.Track)
		start, end := ends(ev.When)
		sl := tlJSONSlide{UniqueID: ev.ID, Group: track.Label, Start: date(start), DisplayDate: ev.When.Words(),
			Text: tlJSONText{Headline: ev.Headline, Text: ev.Text}}
		w := edtf(start)
		if !end.IsZero() {
			sl.End = date(end)
			w += "/" + edtf(end)
		}
		out.Events = append(out.Events, sl)
		want = append(want, w)
	}
	for _, era := range s.Info.Eras {
		start, end := ends(era.When)
		if end.IsZero() {
			end = data.Point{Time: s.Info.AsOfDate.First(), Precision: data.PrecisionDay}
		}
		out.Eras = append(out.Eras, tlJSONSlide{Start: date(start), End: date(end), Text: tlJSONText{Headline: era.Label}})
	}
	return out, want
}

func TestImportIsDeterministic(t *testing.T) {
	in := readFile(t, exampleJSON)
	o := Options{File: exampleJSON, Schema: "../story.schema.json", Lang: "en"}
	first := Import(o, in)
	for range 5 {
		if again := Import(o, in); !bytes.Equal(again.Story, first.Story) || again.NotMapped.Error() != first.NotMapped.Error() {
			t.Fatal("two imports of the same file differ")
		}
	}
}
