//go:build !wasm

package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// formatPoint writes p back as EDTF, years beyond four digits in full with the Y prefix.
func formatPoint(p Point) string {
	y, m, d := p.Time.Date()
	var s string
	switch {
	case y > 9999 || y < -9999:
		s = fmt.Sprintf("Y%d", y)
	case y < 0:
		s = fmt.Sprintf("-%04d", -y)
	default:
		s = fmt.Sprintf("%04d", y)
	}
	if p.Precision != PrecisionYear {
		s += fmt.Sprintf("-%02d", int(m))
	}
	if p.Precision == PrecisionDay {
		s += fmt.Sprintf("-%02d", d)
	}
	switch {
	case p.Approximate && p.Uncertain:
		s += "%"
	case p.Approximate:
		s += "~"
	case p.Uncertain:
		s += "?"
	}
	return s
}

// formatDate writes d back as EDTF from its parsed fields (not from Raw).
func formatDate(d Date) string {
	if !d.Interval {
		return formatPoint(d.Start)
	}
	var a, b string
	switch {
	case d.OpenStart:
		a = ".."
	case !d.UnknownStart:
		a = formatPoint(d.Start)
	}
	switch {
	case d.OpenEnd:
		b = ".."
	case !d.UnknownEnd:
		b = formatPoint(d.End)
	}
	return a + "/" + b
}

var minusDigit = regexp.MustCompile(`-\d|^0`)

// checkDate checks that a parsed date is consistent with itself.
func checkDate(t *testing.T, d Date) {
	t.Helper()
	// A year with an exponent or leading zeros after Y has one canonical form, which parses alike.
	if got := formatDate(d); got != d.Raw {
		again, err := ParseDate(got)
		again.Raw, again.Reckoning = d.Raw, d.Reckoning
		if !strings.Contains(d.Raw, "Y") || err != nil || again != d {
			t.Errorf("ParseDate(%q) fields format back as %q", d.Raw, got)
		}
	}
	if d.String() != d.Raw {
		t.Errorf("String() = %q, want Raw %q", d.String(), d.Raw)
	}
	if d.IsZero() || d.Words() == "" || d.PrecisionWords() == "" {
		t.Errorf("ParseDate(%q) is zero or has no words: %+v", d.Raw, d)
	}
	// Readers never see an astronomical year number: 0000 and below are worded BC, or years ago.
	for _, r := range []Reckoning{d.Reckoning, {AsOfYear: 2022, HasAsOf: true, Common: true}, {AsOfYear: -752, HasAsOf: true}} {
		d.Reckoning = r
		if w := d.Words(); strings.ContainsAny(w, "0123456789") && minusDigit.MatchString(w) {
			t.Errorf("ParseDate(%q).Words() = %q shows a negative year", d.Raw, w)
		}
	}
	ends := 0
	for _, b := range []bool{d.OpenStart, d.UnknownStart, !d.Start.IsZero()} {
		if b {
			ends++
		}
	}
	if d.Interval && ends != 1 {
		t.Errorf("ParseDate(%q): interval start is not exactly one of open, unknown or a date: %+v", d.Raw, d)
	}
	if !d.Interval && (d.Start.IsZero() || !d.End.IsZero() || d.OpenStart || d.UnknownStart || d.OpenEnd || d.UnknownEnd) {
		t.Errorf("ParseDate(%q): single date with interval fields: %+v", d.Raw, d)
	}
	for _, asOf := range []time.Time{{}, ymd(1, 1, 1), ymd(2022, 1, 27), ymd(9999, 12, 31), ymd(-752, 4, 21)} {
		first, last := d.First(), d.Last(asOf)
		if last.Before(first) {
			t.Errorf("ParseDate(%q): Last(%v) = %v is before First() = %v", d.Raw, asOf, last, first)
		}
		if !d.Holds(first, asOf) || !d.Holds(last, asOf) || d.Holds(first.AddDate(0, 0, -1), asOf) {
			t.Errorf("ParseDate(%q): Holds disagrees with First and Last(%v)", d.Raw, asOf)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2022-01-21", "2020-07", "2014", "2021-12-17~", "2022-01-26?", "2022-01-26%",
		"2014/..", "../2022-01-27", "/2022-01-27", "2014/", "2022-01-24/2022-01-27",
		"2022-01-27/2022-02-15~", "2024-02-29", "2022-13-01", "0000", "9999-12-31/..", "../..", "",
		"-0752", "-0043-03-15~", "-0001/0001", "-0004-02-29", "Y-13800000000", "Y-138E8%", "Y-4567E6/..",
		"Y170000002", "Y-100000000000/-9999", "Y-00012345", "Y-1E5", "-0000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			var de *DateError
			if !errors.As(err, &de) || de.Input != s || de.Msg == "" {
				t.Errorf("ParseDate(%q) error %#v is not a *DateError with the input and a message", s, err)
			}
			if d != (Date{}) {
				t.Errorf("ParseDate(%q) returned %+v with its error", s, d)
			}
			return
		}
		if d.Raw != s {
			t.Errorf("ParseDate(%q).Raw = %q", s, d.Raw)
		}
		checkDate(t, d)
		again, err := ParseDate(d.Raw)
		if err != nil || again != d {
			t.Errorf("ParseDate(%q) does not parse the same again: %+v, %v", d.Raw, again, err)
		}
	})
}

// compact is a small valid story that uses every field, on one line.
const compact = `{"$schema":"s","story":{"id":"c","title":"T","summary":"S","language":"en","asOf":"2022-01-27",` +
	`"sources":[{"publisher":"P","headline":"H","date":"2022-01","url":"u","credit":"C"}],` +
	`"tracks":[{"id":"t","label":"T"}],"eras":[{"id":"r","label":"R","date":"2014/.."}]},` +
	`"actors":[{"id":"a","name":"A","kind":"state","source":"A."},` +
	`{"id":"b","name":"B","kind":"person","role":"R","affiliation":"a","description":"D","source":"B."}],` +
	`"relations":[{"id":"x","from":"b","to":"a","kind":"leads","directed":true,"label":"L","valid":"/2022-01-27","events":["e"],"source":"S."}],` +
	`"events":[{"id":"e","date":"2021-12-17~/..","dateNote":"N","headline":"H","text":"T","place":"P","track":"t","status":"reported",` +
	`"actors":[{"actor":"a","part":"target"},{"actor":"b","part":"speaker"}],"quotes":[{"text":"Q","speaker":"b"}],"source":"S."}]}`

func FuzzDecode(f *testing.F) {
	// Seeds are small: the fuzzer minimises every new input, which takes long for large ones.
	f.Add([]byte(minimal))
	f.Add([]byte(compact))
	f.Add([]byte(`{"story": {"id": "x"}, "events": null, "actors": [{"id": 1}]}`))
	f.Add([]byte(`{"story": {"id": "x",}}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Decode("", b)
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("Decode error %#v is not a non-empty Errors", err)
			}
			for _, e := range es {
				if e.Msg == "" || (e.Line == 0) != (e.Col == 0) || e.Line < 0 || e.Col < 0 || !slices.Contains(Codes, e.Code) {
					t.Errorf("malformed error %+v", *e)
				}
			}
			if s != nil {
				t.Error("Decode returned a story with its errors")
			}
			return
		}
		checkStory(t, s)
		// A decoded story survives encoding/json and decodes to the same story.
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := Decode("", out)
		if err != nil {
			t.Fatalf("re-encoded story does not decode: %v\n%s", err, out)
		}
		out2, _ := json.Marshal(s2)
		if string(out) != string(out2) {
			t.Errorf("re-encoded story changed:\n%s\n%s", out, out2)
		}
		if errs := s.Validate("", b); len(errs) != 0 {
			t.Errorf("Validate disagrees with Decode: %v", errs)
		}
	})
}

// checkStory checks the derived dates of a decoded story.
func checkStory(t *testing.T, s *Story) {
	t.Helper()
	if !s.Info.AsOfDate.Exact() || s.Info.AsOfDate.Raw != s.Info.AsOf {
		t.Errorf("asOf %q parsed as %+v", s.Info.AsOf, s.Info.AsOfDate)
	}
	checkDate(t, s.Info.AsOfDate)
	for _, e := range s.Info.Eras {
		if e.When.Raw != e.Date {
			t.Errorf("era date %q parsed as %+v", e.Date, e.When)
		}
		checkDate(t, e.When)
	}
	if len(s.Events) == 0 || len(s.Info.Tracks) == 0 {
		t.Error("a story without events or tracks decoded")
	}
	for _, e := range s.Events {
		if e.When.Raw != e.Date {
			t.Errorf("event date %q parsed as %+v", e.Date, e.When)
		}
		checkDate(t, e.When)
		if _, ok := s.TrackByID(e.Track); !ok {
			t.Errorf("event %q has unknown track %q", e.ID, e.Track)
		}
	}
	for _, r := range s.Relations {
		if r.ValidWhen.Raw != r.Valid {
			t.Errorf("relation valid %q parsed as %+v", r.Valid, r.ValidWhen)
		}
		if r.Valid != "" {
			checkDate(t, r.ValidWhen)
		}
		if _, ok := s.ActorByID(r.From); !ok || r.From == r.To {
			t.Errorf("relation %q has bad ends", r.Key())
		}
	}
}
