//go:build !wasm

package timelinejs

import (
	"reflect"
	"strings"
	"testing"

	"timeline/data"
)

// importText imports in as the file name and returns the story (nil on errors), the notes as
// "path: message" and the errors as full lines.
func importText(t *testing.T, name, in string, o Options) (*data.Story, []string, []string) {
	t.Helper()
	o.File = name
	if o.Schema == "" {
		o.Schema = "../story.schema.json"
	}
	res := Import(o, []byte(in))
	var notes, errs []string
	for _, e := range res.NotMapped {
		notes = append(notes, e.Path+": "+e.Msg)
	}
	for _, e := range res.Errs {
		errs = append(errs, e.Error())
	}
	if res.Errs != nil {
		if res.Story != nil {
			t.Error("an import with errors wrote a story")
		}
		return nil, notes, errs
	}
	s, err := data.Decode(res.ID+".json", res.Story)
	if err != nil {
		t.Fatalf("the imported story does not pass validation:\n%v\n%s", err, res.Story)
	}
	return s, notes, errs
}

// timeline wraps slides (the elements of "events", as JSON) in a TimelineJS document with a
// title slide.
func timeline(slides ...string) string {
	return `{"title": {"text": {"headline": "T"}}, "events": [` + strings.Join(slides, ",\n") + `]}`
}

// keeper is a valid slide for rows whose slide under test is left out.
const keeper = `{"start_date": {"year": 2000}, "text": {"headline": "Kept"}}`

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
		t.Errorf("%s:\n got  %s\n want %s", what, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

func TestImportMapsEverySlideField(t *testing.T) {
	tests := []struct {
		name   string
		slides []string
		check  func(t *testing.T, evs []data.Event)
		notes  []string
	}{
		// start_date and end_date
		{"a year is a year", []string{`{"start_date": {"year": 2019}, "text": {"headline": "H"}}`},
			dates("2019"), nil},
		{"a month is a month, written as strings too", []string{`{"start_date": {"year": "2021", "month": "6"}, "text": {"headline": "H"}}`},
			dates("2021-06"), nil},
		{"a day is a day", []string{`{"start_date": {"year": 2021, "month": 3, "day": 1}, "text": {"headline": "H"}}`},
			dates("2021-03-01"), nil},
		{"thousands separators are read as TimelineJS reads them", []string{`{"start_date": {"year": "1,815"}, "text": {"headline": "H"}}`},
			dates("1815"), nil},
		{"an end date makes an interval", []string{`{"start_date": {"year": 2021, "month": 9, "day": 6}, "end_date": {"year": 2021, "month": 9, "day": 10}, "text": {"headline": "H"}}`},
			dates("2021-09-06/2021-09-10"), nil},
		{"an interval's ends keep their own precision", []string{`{"start_date": {"year": 2021, "month": 9, "day": 6}, "end_date": {"year": 2022}, "text": {"headline": "H"}}`},
			dates("2021-09-06/2022"), nil},
		{"an end equal to the start is one date", []string{`{"start_date": {"year": 2021, "month": 9}, "end_date": {"year": 2021, "month": 9}, "text": {"headline": "H"}}`},
			dates("2021-09"), nil},
		{"an end before the start is left out", []string{`{"start_date": {"year": 2021, "month": 9, "day": 10}, "end_date": {"year": 2021, "month": 9, "day": 6}, "text": {"headline": "H"}}`},
			dates("2021-09-10"), []string{"events[0].end_date: the end date 2021-09-06 is before the start date 2021-09-10: it is not mapped"}},
		{"an end without a year is left out", []string{`{"start_date": {"year": 2021}, "end_date": {"month": 3}, "text": {"headline": "H"}}`},
			dates("2021"), []string{"events[0].end_date: an end_date without a year is not mapped (TimelineJS ignores it too)"}},
		{"a bad end month leaves the end out", []string{`{"start_date": {"year": 2021}, "end_date": {"year": 2022, "month": 13}, "text": {"headline": "H"}}`},
			dates("2021"), []string{"events[0].end_date.month: the month “13” is not a month (1 to 12): the end date is not mapped"}},
		{"a day without a month leaves the year", []string{`{"start_date": {"year": 2021, "day": 5}, "text": {"headline": "H"}}`},
			dates("2021"), []string{"events[0].start_date.day: a day without a month is not mapped: the date is the year"}},
		{"a time of day goes to the date note", []string{`{"start_date": {"year": 2021, "month": 11, "day": 15, "hour": 14, "minute": 30}, "text": {"headline": "H"}}`},
			dateNotes("At 14:30"), []string{"events[0].start_date.hour: the time of day is kept in dateNote only: dates here are days"}},
		{"seconds and milliseconds are kept too", []string{`{"start_date": {"year": 2021, "month": 11, "day": 15, "hour": 9, "minute": 5, "second": 7, "millisecond": 25}, "text": {"headline": "H"}}`},
			dateNotes("At 09:05:07.025"), []string{"events[0].start_date.hour: the time of day is kept in dateNote only: dates here are days"}},
		{"a span's times are kept as from and to", []string{`{"start_date": {"year": 2021, "month": 9, "day": 6, "hour": 9}, "end_date": {"year": 2021, "month": 9, "day": 10, "hour": 17, "minute": 30}, "text": {"headline": "H"}}`},
			dateNotes("From 09:00 to 17:30"), []string{"events[0].start_date.hour: the time of day is kept in dateNote only: dates here are days"}},
		{"a time without a day is left out", []string{`{"start_date": {"year": 2021, "month": 11, "hour": 14}, "text": {"headline": "H"}}`},
			dateNotes(""), []string{"events[0].start_date.hour: a time without a day is not mapped"}},
		{"an hour out of range is left out", []string{`{"start_date": {"year": 2021, "month": 11, "day": 1, "hour": 25}, "text": {"headline": "H"}}`},
			dateNotes(""), []string{"events[0].start_date.hour: the time 25 is not a time of day: not mapped"}},
		{"the slide's display_date goes to the date note", []string{`{"start_date": {"year": 2021}, "display_date": "Early in 2021", "text": {"headline": "H"}}`},
			dateNotes("Shown in TimelineJS as “Early in 2021”"), nil},
		{"the dates' display_dates go to the date note", []string{`{"start_date": {"year": 2021, "display_date": "spring"}, "end_date": {"year": 2022, "display_date": "autumn"}, "text": {"headline": "H"}}`},
			dateNotes("Start shown in TimelineJS as “spring”; end shown in TimelineJS as “autumn”"), nil},
		{"the slide's display_date wins over the dates'", []string{`{"start_date": {"year": 2021, "display_date": "spring"}, "display_date": "Early in 2021", "text": {"headline": "H"}}`},
			dateNotes("Shown in TimelineJS as “Early in 2021”"), nil},
		{"a date format is noted", []string{`{"start_date": {"year": 2021, "format": "mmmm yyyy"}, "text": {"headline": "H"}}`},
			dates("2021"), []string{`events[0].start_date.format: the date format "mmmm yyyy" is not mapped: the widget words dates itself`}},
		// TimelineJS shows -500 as 500 BCE; EDTF counts astronomically, 0000 being 1 BC.
		{"a year before AD 1 is its BC number: -500 is 500 BC", []string{`{"start_date": {"year": -500, "month": 3, "day": 15}, "text": {"headline": "H"}}`, keeper},
			dates("-0499-03-15", "2000"), nil},
		{"-1 is 1 BC, the year 0000", []string{`{"start_date": {"year": -1}, "end_date": {"year": 1}, "text": {"headline": "H"}}`, keeper},
			dates("0000/0001", "2000"), nil},
		{"1 is AD 1", []string{`{"start_date": {"year": 1}, "text": {"headline": "H"}}`}, dates("0001"), nil},
		{"the year 0, which TimelineJS shows, is read as 1 BC", []string{`{"start_date": {"year": 0}, "text": {"headline": "H"}}`, keeper},
			dates("0000", "2000"), []string{"events[0].start_date.year: TimelineJS shows the year 0, which the BC/AD count does not have: it is read as 1 BC (0000)"}},
		{"a five-digit BC year takes the Y prefix", []string{`{"start_date": {"year": -10000}, "text": {"headline": "H"}}`, keeper},
			dates("-9999", "2000"), nil},
		{"the last year TimelineJS shows as BCE gains one", []string{`{"start_date": {"year": -99999}, "text": {"headline": "H"}}`, keeper},
			dates("Y-99998", "2000"), nil},
		{"beyond, a cosmological year is kept as written", []string{`{"start_date": {"year": -100000}, "text": {"headline": "H"}}`, keeper},
			dates("Y-100000", "2000"), nil},
		{"the Big Bang", []string{`{"start_date": {"year": "-13800000000", "month": 1}, "text": {"headline": "H"}}`, keeper},
			dates("Y-13800000000", "2000"), []string{"events[0].start_date.month: a month or day of a year beyond 4 digits is not mapped: the date is the year"}},
		{"a year after 9999 takes the Y prefix", []string{`{"start_date": {"year": 12000}, "text": {"headline": "H"}}`, keeper},
			dates("Y12000", "2000"), nil},
		{"a year beyond 100 billion leaves the slide out", []string{`{"start_date": {"year": -200000000000}, "text": {"headline": "H"}}`, keeper},
			headlines("Kept"), []string{"events[0].start_date.year: the year -200000000000 is more than 100000000000 years from the year 0, and dates here are not: the slide is not imported"}},
		{"a year that is not a number leaves the slide out", []string{`{"start_date": {"year": "MMXXI"}, "text": {"headline": "H"}}`, keeper},
			headlines("Kept"), []string{"events[0].start_date.year: “MMXXI” is not a year: the slide is not imported"}},
		{"a month out of range leaves the slide out", []string{`{"start_date": {"year": 2021, "month": 0}, "text": {"headline": "H"}}`, keeper},
			headlines("Kept"), []string{"events[0].start_date.month: the month “0” is not a month (1 to 12): the slide is not imported"}},
		{"a day that does not exist leaves the slide out", []string{`{"start_date": {"year": 2022, "month": 2, "day": 30}, "text": {"headline": "H"}}`, keeper},
			headlines("Kept"), []string{"events[0].start_date.day: the day “30” is not a day of February 2022: the slide is not imported"}},
		{"a slide without a start date is left out", []string{`{"text": {"headline": "H"}}`, keeper},
			headlines("Kept"), []string{"events[0]: the slide has no start_date year: it is not imported"}},

		// text
		{"HTML is reduced to text, and links are kept as data", []string{`{"start_date": {"year": 2021}, "text": {"headline": "A <em>bold</em> move", "text": "<p>See <a href=\"https://example.org/x\">the page</a> &amp; more.</p>"}}`},
			func(t *testing.T, evs []data.Event) {
				ev := evs[0]
				sameLines(t, "headline, text, source", []string{ev.Headline, ev.Text, ev.Source}, []string{"A bold move", "See the page & more.", "See the page & more."})
				if want := []data.Link{{URL: "https://example.org/x", Text: "the page"}}; !reflect.DeepEqual(ev.Links, want) {
					t.Errorf("links %v, want %v", ev.Links, want)
				}
			}, nil},
		{"a link that is not a web page keeps its words only", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H", "text": "<a href=\"mailto:a@example.org\">Write</a> to us."}}`},
			texts("Write to us."), []string{"events[0].text.text: left out of the text: the link to “mailto:a@example.org” (not an http or https address; its words are kept)"}},
		{"scripts and images are left out, and said so", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H", "text": "a<script>alert('<b>')</script> b <img src=\"x.png\" alt=\"A cat\">"}}`},
			texts("a b"), []string{
				"events[0].text.text: left out of the text: a <script> element and its content",
				"events[0].text.text: left out of the text: an <img> element (alt text “A cat”)",
			}},
		{"without a headline, the text's first sentence is one", []string{`{"start_date": {"year": 2021}, "text": {"text": "First things first. Then the rest."}}`},
			headlines("First things first."), []string{"events[0].text: the slide has no headline: its headline is the start of its text, “First things first.”"}},
		{"without headline or text, the date is the headline", []string{`{"start_date": {"year": 2021, "month": 3, "day": 1}}`},
			func(t *testing.T, evs []data.Event) {
				sameLines(t, "headline, source", []string{evs[0].Headline, evs[0].Source}, []string{"1 March 2021", "1 March 2021"})
			}, []string{"events[0]: the slide has neither headline nor text: its headline is its date, “1 March 2021”"}},

		// media
		{"an image under /web/ is kept, with alt, caption and credit", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "/web/icon.svg", "alt": "An icon", "caption": "The <b>icon</b>.", "credit": "<a href=\"https://example.org/me\">Me</a>"}}`},
			func(t *testing.T, evs []data.Event) {
				if want := (data.Media{URL: "/web/icon.svg", Alt: "An icon", Caption: "The icon.", Credit: "Me"}); evs[0].Media != want {
					t.Errorf("media %+v, want %+v", evs[0].Media, want)
				}
				if want := []data.Link{{URL: "https://example.org/me", Text: "Me"}}; !reflect.DeepEqual(evs[0].Links, want) {
					t.Errorf("links %v, want the credit's %v", evs[0].Links, want)
				}
			}, nil},
		{"media on another site is kept", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "https://example.org/v.mp4", "alt": "A video"}}`},
			medias(data.Media{URL: "https://example.org/v.mp4", Alt: "A video"}), nil},
		{"the title stands in for missing alt text", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "/web/icon.svg", "title": "Icon", "caption": "C"}}`},
			medias(data.Media{URL: "/web/icon.svg", Alt: "Icon", Caption: "C"}), []string{"events[0].media: the media has no alt text: its title stands in, “Icon”"}},
		{"the caption stands in for missing alt text", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "/web/icon.svg", "caption": "C"}}`},
			medias(data.Media{URL: "/web/icon.svg", Alt: "C", Caption: "C"}), []string{"events[0].media: the media has no alt text: its caption stands in, as in TimelineJS"}},
		{"the headline stands in when nothing describes the media", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "/web/icon.svg"}}`},
			medias(data.Media{URL: "/web/icon.svg", Alt: "H"}), []string{"events[0].media: the media has no alt text, title or caption: the event's headline stands in; describe the media in its alt"}},
		{"embedded HTML media is left out", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "<iframe src=\"https://example.org\"></iframe>"}}`},
			medias(data.Media{}), []string{"events[0].media.url: embedded HTML media is not mapped: give the media's address instead"}},
		{"a relative media path is left out", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "photo.jpg", "alt": "P"}}`},
			medias(data.Media{}), []string{"events[0].media.url: the media “photo.jpg” is not mapped: media must be a path under /web/ or an http or https address"}},
		{"media without a url is left out", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"caption": "C"}}`},
			medias(data.Media{}), []string{"events[0].media: media without a url is not mapped"}},
		{"the media's link is kept, named by its title; thumbnail and target are not", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "/web/icon.svg", "alt": "A", "title": "T", "link": "https://example.org/big", "link_target": "_self", "thumbnail": "/web/icon-192.png"}}`},
			func(t *testing.T, evs []data.Event) {
				if want := []data.Link{{URL: "https://example.org/big", Text: "T"}}; !reflect.DeepEqual(evs[0].Links, want) {
					t.Errorf("links %v, want %v", evs[0].Links, want)
				}
			}, []string{
				"events[0].media.link_target: link_target is not mapped: links open in a new tab",
				"events[0].media.thumbnail: the thumbnail is not mapped: the timeline draws no thumbnails",
			}},
		{"an unused media title is noted", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "/web/icon.svg", "alt": "A", "title": "T"}}`},
			medias(data.Media{URL: "/web/icon.svg", Alt: "A"}), []string{"events[0].media.title: the media's title is not mapped: its alt text describes it"}},
		{"a media link that is not a web page is left out", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "media": {"url": "/web/icon.svg", "alt": "A", "link": "javascript:void(0)"}}`},
			links(nil), []string{"events[0].media.link: the media's link “javascript:void(0)” is not mapped: links must be http or https addresses"}},

		// group, unique_id and the rest
		{"groups become tracks in order, and ungrouped events share one",
			[]string{`{"start_date": {"year": 2021}, "group": "Politics", "text": {"headline": "A"}}`,
				`{"start_date": {"year": 2021}, "group": "Army", "text": {"headline": "B"}}`,
				`{"start_date": {"year": 2021}, "group": " Politics ", "text": {"headline": "C"}}`,
				`{"start_date": {"year": 2021}, "text": {"headline": "D"}}`},
			func(t *testing.T, evs []data.Event) {
				sameLines(t, "tracks", []string{evs[0].Track, evs[1].Track, evs[2].Track, evs[3].Track}, []string{"politics", "army", "politics", "events"})
			}, nil},
		{"unique_ids are the ids; others come from headlines, never taken twice",
			[]string{`{"start_date": {"year": 2021}, "text": {"headline": "Talks begin"}}`,
				`{"start_date": {"year": 2021}, "unique_id": "talks-begin", "text": {"headline": "A"}}`,
				`{"start_date": {"year": 2021}, "unique_id": "talks-begin", "text": {"headline": "Rózsa Péter, again!"}}`,
				`{"start_date": {"year": 2021}, "text": {"headline": "!!!"}}`},
			func(t *testing.T, evs []data.Event) {
				sameLines(t, "ids", []string{evs[0].ID, evs[1].ID, evs[2].ID, evs[3].ID}, []string{"talks-begin-2", "talks-begin", "rozsa-peter-again", "event"})
			}, []string{`events[2].unique_id: the unique_id "talks-begin" is repeated: this event gets an id of its own`}},
		{"a unique_id that is not an id is made one, or replaced",
			[]string{`{"start_date": {"year": 2021}, "unique_id": "\"><b>Talks</b>", "text": {"headline": "A"}}`,
				`{"start_date": {"year": 2021}, "unique_id": "../..", "text": {"headline": "B"}}`},
			func(t *testing.T, evs []data.Event) {
				sameLines(t, "ids", []string{evs[0].ID, evs[1].ID}, []string{"b-talks-b", "b"})
			}, []string{
				`events[0].unique_id: the unique_id "\"><b>Talks</b>" is not an id (letters, digits, -, _ and . only): this event's id is "b-talks-b" if no other event has it`,
				`events[1].unique_id: the unique_id "../.." is not an id (letters, digits, -, _ and . only): this event gets an id of its own`,
			}},
		{"background and autolink are noted", []string{`{"start_date": {"year": 2021}, "text": {"headline": "H"}, "background": {"url": "/web/icon.svg"}, "autolink": true}`},
			headlines("H"), []string{
				"events[0].background: the background is not mapped: the widget draws every event alike",
				"events[0].autolink: autolink is not mapped: text is shown as plain text, and its links are kept as data",
			}},
		{"fields TimelineJS does not have are noted", []string{`{"start_date": {"year": 2021, "era": "CE"}, "text": {"headline": "H", "sub": "S"}, "location": {"lat": 1}}`},
			headlines("H"), []string{
				`events[0].start_date.era: the field "era" is not part of the TimelineJS format: not mapped`,
				`events[0].text.sub: the field "sub" is not part of the TimelineJS format: not mapped`,
				`events[0].location: the field "location" is not part of the TimelineJS format: not mapped`,
			}},
		{"a repeated field keeps its last value, and is noted", []string{`{"start_date": {"year": 2020}, "start_date": {"year": 2021}, "text": {"headline": "H"}}`},
			dates("2021"), []string{`events[0].start_date: the field "start_date" appears twice: only its last value is read`}},
		{"a value of the wrong type is noted", []string{`{"start_date": {"year": 2021}, "group": {"name": "G"}, "text": {"headline": "H"}}`},
			func(t *testing.T, evs []data.Event) {
				sameLines(t, "track", []string{evs[0].Track}, []string{"events"})
			}, []string{"events[0].group: want a string, got an object: not mapped"}},
		{"a slide that is not an object is noted", []string{`"slide"`, keeper},
			headlines("Kept"), []string{"events[0]: want a slide object, got a string: not imported"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, notes, errs := importText(t, "t.json", timeline(tt.slides...), Options{})
			if errs != nil {
				t.Fatalf("import failed:\n%s", strings.Join(errs, "\n"))
			}
			tt.check(t, s.Events)
			sameLines(t, "notes", notes, tt.notes)
		})
	}
}

// Checks of the first event, or of every event.
func dates(want ...string) func(*testing.T, []data.Event) {
	return eventField("dates", func(e data.Event) string { return e.Date }, want)
}
func dateNotes(want ...string) func(*testing.T, []data.Event) {
	return eventField("date notes", func(e data.Event) string { return e.DateNote }, want)
}
func headlines(want ...string) func(*testing.T, []data.Event) {
	return eventField("headlines", func(e data.Event) string { return e.Headline }, want)
}
func texts(want ...string) func(*testing.T, []data.Event) {
	return eventField("texts", func(e data.Event) string { return e.Text }, want)
}

func eventField(what string, get func(data.Event) string, want []string) func(*testing.T, []data.Event) {
	return func(t *testing.T, evs []data.Event) {
		t.Helper()
		got := []string{}
		for _, e := range evs {
			got = append(got, get(e))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %q, want %q", what, got, want)
		}
	}
}

func medias(want data.Media) func(*testing.T, []data.Event) {
	return func(t *testing.T, evs []data.Event) {
		t.Helper()
		if evs[0].Media != want {
			t.Errorf("media %+v, want %+v", evs[0].Media, want)
		}
	}
}

func links(want []data.Link) func(*testing.T, []data.Event) {
	return func(t *testing.T, evs []data.Event) {
		t.Helper()
		if !reflect.DeepEqual(evs[0].Links, want) {
			t.Errorf("links %v, want %v", evs[0].Links, want)
		}
	}
}

func TestImportMapsTheTimeline(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		o     Options
		check func(t *testing.T, s *data.Story)
		notes []string
	}{
		{"the title slide gives the title and summary",
			`{"title": {"text": {"headline": "The <i>story</i>", "text": "<p>What it is &amp; why.</p>"}}, "events": [` + keeper + `]}`, Options{},
			func(t *testing.T, s *data.Story) {
				sameLines(t, "title, summary, source", []string{s.Info.Title, s.Info.Summary, s.Info.Sources[0].Headline}, []string{"The story", "What it is & why.", "The story"})
			}, nil},
		{"without a title slide, the id is the title",
			`{"events": [` + keeper + `]}`, Options{},
			func(t *testing.T, s *data.Story) { sameLines(t, "title", []string{s.Info.Title}, []string{"t"}) },
			[]string{`: there is no title slide: the story's title is its id, "t"`}},
		{"what the title slide has beyond text is noted",
			`{"title": {"start_date": {"year": 2020}, "text": {"headline": "T", "text": "<a href=\"https://example.org/\">Home</a>"}, "media": {"url": "/web/icon.svg"}, "group": "G", "unique_id": "u", "display_date": "D"}, "events": [` + keeper + `]}`, Options{},
			func(t *testing.T, s *data.Story) { sameLines(t, "summary", []string{s.Info.Summary}, []string{"Home"}) },
			[]string{
				"title.start_date: the title slide's dates are not mapped: a story spans its events",
				"title.text.text: the title slide's link to “https://example.org/” is not mapped: a story's summary is plain text",
				"title.media: the title slide's media is not mapped: a story has no media of its own, only its events",
				"title.group: the title slide's group is not mapped",
				"title.unique_id: the title slide's unique_id is not mapped",
				"title.display_date: the title slide's display_date is not mapped",
			}},
		{"eras keep their label and dates, and get ids",
			`{"title": {"text": {"headline": "T"}}, "eras": [
				{"start_date": {"year": 2020}, "end_date": {"year": 2021, "month": 6}, "text": {"headline": "The <b>first</b> era"}},
				{"start_date": {"year": 2022}, "end_date": {"year": 2023}, "text": {"headline": "The first era"}}
			], "events": [` + keeper + `]}`, Options{},
			func(t *testing.T, s *data.Story) {
				want := []data.Era{{ID: "the-first-era", Label: "The first era", Date: "2020/2021-06"}, {ID: "the-first-era-2", Label: "The first era", Date: "2022/2023"}}
				for i := range s.Info.Eras {
					s.Info.Eras[i].When = data.Date{}
				}
				if !reflect.DeepEqual(s.Info.Eras, want) {
					t.Errorf("eras %+v, want %+v", s.Info.Eras, want)
				}
			}, nil},
		{"what an era cannot hold is noted",
			`{"title": {"text": {"headline": "T"}}, "eras": [
				{"start_date": {"year": 2020, "month": 1, "day": 1, "hour": 9}, "text": {"text": "Words"}, "media": {"url": "/web/icon.svg"}, "group": "G"}
			], "events": [` + keeper + `]}`, Options{},
			func(t *testing.T, s *data.Story) {
				if len(s.Info.Eras) != 1 || s.Info.Eras[0].Label != "1 January 2020" || s.Info.Eras[0].Date != "2020-01-01" {
					t.Errorf("eras %+v, want one labelled by its date", s.Info.Eras)
				}
			},
			[]string{
				"eras[0]: the era has no end_date: it is read as its start date alone",
				"eras[0].start_date: an era's times and display dates are not mapped: an era's dates are days (At 09:00)",
				"eras[0].text: the era has no headline: its label is its dates, “1 January 2020”",
				"eras[0].text.text: an era's text is not mapped: an era has a label only (TimelineJS does not show it either)",
				"eras[0].media: an era's media is not mapped: an era has a label only",
				"eras[0].group: an era's group is not mapped: an era has a label and dates only",
			}},
		{"asOf is the last day of the last event, so everything has happened",
			timeline(`{"start_date": {"year": 2021, "month": 2}, "text": {"headline": "A"}}`, `{"start_date": {"year": 2020}, "end_date": {"year": 2021, "month": 1}, "text": {"headline": "B"}}`), Options{},
			func(t *testing.T, s *data.Story) {
				sameLines(t, "asOf, statuses", []string{s.Info.AsOf, s.Events[0].Status, s.Events[1].Status}, []string{"2021-02-28", "happened", "happened"})
			}, nil},
		{"with -as-of, later events are planned",
			timeline(`{"start_date": {"year": 2021, "month": 2}, "text": {"headline": "A"}}`, `{"start_date": {"year": 2021, "month": 1, "day": 15}, "text": {"headline": "B"}}`), Options{AsOf: "2021-01-15"},
			func(t *testing.T, s *data.Story) {
				sameLines(t, "asOf, statuses", []string{s.Info.AsOf, s.Events[0].Status, s.Events[1].Status}, []string{"2021-01-15", "planned", "happened"})
			}, nil},
		{"the options fill what TimelineJS does not say",
			timeline(keeper), Options{ID: "my-story", Lang: "fr", SourceURL: "https://example.org/tl", Schema: "story.schema.json"},
			func(t *testing.T, s *data.Story) {
				sameLines(t, "id, language, source, schema", []string{s.Info.ID, s.Info.Language, s.Info.Sources[0].URL, s.Schema},
					[]string{"my-story", "fr", "https://example.org/tl", "story.schema.json"})
				if len(s.Actors) != 0 || len(s.Relations) != 0 {
					t.Errorf("%d actors and %d relations, want none", len(s.Actors), len(s.Relations))
				}
			}, nil},
		{"a cosmological scale is read as years",
			`{"scale": "cosmological", "title": {"text": {"headline": "T"}}, "events": [{"start_date": {"year": -4600000000}, "text": {"headline": "Earth"}}, ` + keeper + `]}`, Options{},
			func(t *testing.T, s *data.Story) {
				sameLines(t, "dates, asOf", []string{s.Events[0].Date, s.Info.AsOf}, []string{"Y-4600000000", "2000-12-31"})
			}, nil},
		{"an unknown scale is noted",
			`{"scale": "geological", "title": {"text": {"headline": "T"}}, "events": [` + keeper + `]}`, Options{},
			func(*testing.T, *data.Story) {},
			[]string{`scale: the scale "geological" is not a TimelineJS scale (human or cosmological): dates are read as years either way`}},
		{"a story of deep years alone needs -as-of",
			`{"scale": "cosmological", "title": {"text": {"headline": "T"}}, "events": [{"start_date": {"year": -4600000000}, "text": {"headline": "Earth"}}]}`, Options{AsOf: "2022-07-14"},
			func(t *testing.T, s *data.Story) {
				sameLines(t, "date, asOf", []string{s.Events[0].Date, s.Info.AsOf}, []string{"Y-4600000000", "2022-07-14"})
			}, nil},
		{"unknown fields of the timeline are noted",
			`{"title": {"text": {"headline": "T"}}, "events": [` + keeper + `], "options": {}}`, Options{},
			func(*testing.T, *data.Story) {},
			[]string{`options: the field "options" is not part of the TimelineJS format: not mapped`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, notes, errs := importText(t, "t.json", tt.in, tt.o)
			if errs != nil {
				t.Fatalf("import failed:\n%s", strings.Join(errs, "\n"))
			}
			tt.check(t, s)
			sameLines(t, "notes", notes, tt.notes)
		})
	}
}

func TestImportRejectsWhatIsNoTimeline(t *testing.T) {
	tests := []struct {
		name, file, in string
		o              Options
		want           []string
	}{
		{"an empty file", "t.json", "", Options{}, []string{"t.json: the file is empty"}},
		{"malformed JSON is located", "t.json", "{\n  \"events\": [,]\n}", Options{},
			[]string{"t.json:2:14: invalid JSON: invalid character ',' looking for beginning of value"}},
		{"a truncated file is located at its end", "t.json", `{"events": [`, Options{},
			[]string{"t.json:1:13: invalid JSON: unexpected end of the file"}},
		{"a list is not a timeline", "t.json", `[]`, Options{},
			[]string{`t.json:1:1: want a TimelineJS object with "events", got an array`}},
		{"a timeline needs events", "t.json", `{"title": {}}`, Options{},
			[]string{`t.json:1:1: events: a TimelineJS timeline needs an "events" array of slides`}},
		{"data after the timeline is an error", "t.json", timeline(keeper) + " {}", Options{},
			[]string{"t.json:1:114: invalid JSON: unexpected data after the timeline object"}},
		{"a CSV without the template's columns", "t.csv", "Date,Title\n2020,A\n", Options{},
			[]string{"t.csv:1:1: the first row holds no column of the TimelineJS template (Year, Month, Day, Time, End Year, …, Headline, Text, Media, Type, Group)"}},
		{"malformed CSV is located", "t.csv", "Year,Headline\n2020,\"A\"B\n", Options{},
			[]string{`t.csv:2:8: invalid CSV: extraneous or missing " in quoted-field`}},
		{"a timeline of deep years alone needs -as-of", "t.json", timeline(`{"start_date": {"year": -4600000000}, "text": {"headline": "H"}}`), Options{},
			[]string{"t.json: story.asOf: every event is dated beyond 4-digit years, which have no days: give the story's date with -as-of YYYY-MM-DD"}},
		{"a timeline whose every slide is left out makes no story", "t.json", timeline(`{"start_date": {"year": "MMXXI"}, "text": {"headline": "H"}}`), Options{},
			[]string{"t.json: no slide could be imported (see why above), and a story needs at least one event"}},
		{"a bad -as-of makes no story", "t.json", timeline(keeper), Options{AsOf: "2021-02"},
			[]string{`t.json: story.asOf: the story would be invalid: "2021-02" must be a single exact day (YYYY-MM-DD)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, errs := importText(t, tt.file, tt.in, tt.o)
			if s != nil {
				t.Error("a story was made")
			}
			sameLines(t, "errors", errs, tt.want)
		})
	}
}

// TestImportCosmologicalTimeline imports a TimelineJS timeline on its cosmological scale whole:
// every slide, from the Big Bang on, with BC years one off from TimelineJS's numbers on this side
// of its human scale and kept as written beyond it.
func TestImportCosmologicalTimeline(t *testing.T) {
	const file = "testdata/cosmological.json"
	res := Import(Options{File: file, Lang: "en"}, readFile(t, file))
	if res.Errs != nil {
		t.Fatalf("it does not import: %v", res.Errs)
	}
	var notes []string
	for _, e := range res.NotMapped {
		notes = append(notes, e.Error())
	}
	sameLines(t, "notes", notes, nil)
	s, err := data.Decode("cosmological.json", res.Story)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range s.Events {
		got = append(got, e.Date+" "+e.When.Words()+" | "+e.DateNote)
	}
	sameLines(t, "dates", got, []string{
		"Y-13800000000 13.8 billion years ago | Shown in TimelineJS as “13.8 billion years ago”",
		"Y-4600000000 4.6 billion years ago | ",
		"Y-66000000/Y-65999000 66 million years ago | ",
		"Y-300000 300,000 years ago | ",
		"Y-99998 102,000 years ago | ",
		"-0752-04-21 21 April 753 BC | Shown in TimelineJS as “21 April 753 BCE”",
		"-0043-03-15 15 March 44 BC | ",
		"0000/0001 1 BC – AD 1 | ",
		"1969-07-20 20 July 1969 | ",
	})
	if len(s.Info.Eras) != 1 || s.Info.Eras[0].Date != "-0508/-0026" || s.Info.AsOf != "1969-07-20" {
		t.Errorf("eras %+v, asOf %s; want the Republic from -0508 to -0026, asOf 1969-07-20", s.Info.Eras, s.Info.AsOf)
	}
}
