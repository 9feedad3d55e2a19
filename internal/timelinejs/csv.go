package timelinejs

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"timeline/data"
)

// csvColumns are the columns of the TimelineJS Google Sheets template, by their header with
// spaces removed and in lower case (as TimelineJS itself reads them), and the slide field each
// one fills.
var csvColumns = map[string]string{
	"year": "start_date.year", "month": "start_date.month", "day": "start_date.day", "time": "start_date.time",
	"endyear": "end_date.year", "endmonth": "end_date.month", "endday": "end_date.day", "endtime": "end_date.time",
	"displaydate": "display_date", "headline": "text.headline", "text": "text.text",
	"media": "media.url", "mediacredit": "media.credit", "mediacaption": "media.caption",
	"mediathumbnail": "media.thumbnail", "type": "type", "group": "group", "background": "background",
}

// readTimelineCSV reads the CSV of the TimelineJS Google Sheets template: a header row, then one
// slide per row; a row of type "title" is the title slide and one of type "era" an era. Columns
// may come in any order; blank rows are skipped. Its error is a *data.Error, located when it can be.
func readTimelineCSV(b []byte, n *notes) (*tlDoc, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1 // spreadsheets leave trailing empty cells out
	header, err := r.Read()
	if err != nil {
		return nil, csvError(err, n)
	}
	fields := make([]string, len(header)) // the slide field of each column; "" for none
	known := 0
	for i, h := range header {
		line, col := r.FieldPos(i)
		key := strings.ToLower(strings.NewReplacer(" ", "", "_", "").Replace(strings.TrimSpace(h)))
		if f, ok := csvColumns[key]; ok {
			fields[i] = f
			known++
		} else if strings.TrimSpace(h) != "" {
			n.add(place{path: h, line: line, col: col}, "the column "+strconv.Quote(h)+" is not part of the TimelineJS template: not mapped")
		}
	}
	if known == 0 {
		line, col := r.FieldPos(0)
		return nil, &data.Error{File: n.file, Line: line, Col: col,
			Msg: "the first row holds no column of the TimelineJS template (Year, Month, Day, Time, End Year, …, Headline, Text, Media, Type, Group)"}
	}
	doc := &tlDoc{}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err, n)
		}
		line, _ := r.FieldPos(0)
		s := tlSlide{at: map[string]place{"": {line: line, col: 1}}}
		var kind string
		blank := true
		for i, cell := range row {
			if i >= len(fields) {
				if strings.TrimSpace(cell) != "" {
					l, c := r.FieldPos(i)
					n.add(place{line: l, col: c}, "a cell beyond the last column has no header: not mapped")
				}
				continue
			}
			if strings.TrimSpace(cell) == "" || fields[i] == "" {
				continue
			}
			blank = false
			l, c := r.FieldPos(i)
			at := place{path: strings.TrimSpace(header[i]), line: l, col: c}
			kind = csvCell(&s, fields[i], cell, at, n, kind)
		}
		if blank {
			continue
		}
		switch kind {
		case "title":
			if doc.title == nil {
				doc.title = &s
				continue
			}
			n.add(s.where("type"), "a second title slide is read as an event, as TimelineJS does")
		case "era":
			doc.eras = append(doc.eras, s)
			continue
		case "":
		default:
			n.add(s.where("type"), "the type "+strconv.Quote(kind)+" is not a TimelineJS type (title, era): the row is read as an event")
		}
		doc.events = append(doc.events, s)
	}
	return doc, nil
}

// csvCell puts one non-blank cell into the slide and returns the row's type (kind, or the cell's
// value when it is the Type column).
func csvCell(s *tlSlide, field, cell string, at place, n *notes, kind string) string {
	s.at[field] = at
	value := strings.TrimSpace(cell)
	switch field {
	case "start_date.time", "end_date.time":
		d, prefix := &s.start, "start_date."
		if field == "end_date.time" {
			d, prefix = &s.end, "end_date."
		}
		h, m, sec, ms, ok := parseClock(value)
		if !ok {
			n.add(at, curlyQuote(value)+" is not a time of day (such as 14:30 or 2:30 PM): not mapped")
			break
		}
		d.hour, d.minute, d.second, d.millisecond = h, m, sec, ms
		for _, part := range []string{"hour", "minute", "second", "millisecond"} {
			s.at[prefix+part] = at
		}
	case "start_date.year", "start_date.month", "start_date.day", "end_date.year", "end_date.month", "end_date.day":
		s.set(field, cleanInteger(value))
	case "display_date", "group":
		s.set(field, value)
	case "type":
		return strings.ToLower(value)
	default:
		if why, known := notMapped(field, value); known {
			n.add(at, why)
		} else {
			s.set(field, cell)
		}
	}
	return kind
}

// cleanInteger removes the spaces and thousands separators a spreadsheet may put in a number
// ("1,815" is 1815), as TimelineJS does.
func cleanInteger(s string) string {
	return strings.NewReplacer(",", "", " ", "").Replace(s)
}

// parseClock reads a time of day: "14:30", "14:30:15", "14:30:15.250", "2:30 PM" or "2pm". It
// returns its parts as decimal text (seconds and milliseconds empty when not given).
func parseClock(s string) (hour, minute, second, ms string, ok bool) {
	t := strings.ToLower(strings.ReplaceAll(s, " ", ""))
	pm := strings.HasSuffix(t, "pm")
	twelve := pm || strings.HasSuffix(t, "am")
	if twelve {
		t = t[:len(t)-2]
	}
	parts := strings.Split(t, ":")
	if len(parts) > 3 || (len(parts) == 1 && !twelve) {
		return "", "", "", "", false
	}
	if len(parts) == 3 {
		sec, frac, hasFrac := strings.Cut(parts[2], ".")
		parts[2] = sec
		if hasFrac {
			if len(frac) == 0 || len(frac) > 3 || !allDigits(frac) {
				return "", "", "", "", false
			}
			v, _ := strconv.Atoi((frac + "00")[:3])
			ms = strconv.Itoa(v)
		}
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if p == "" || len(p) > 2 || !allDigits(p) {
			return "", "", "", "", false
		}
		nums[i], _ = strconv.Atoi(p)
	}
	h := nums[0]
	if twelve {
		if h < 1 || h > 12 {
			return "", "", "", "", false
		}
		h %= 12
		if pm {
			h += 12
		}
	}
	if h > 23 || (len(nums) > 1 && nums[1] > 59) || (len(nums) > 2 && nums[2] > 59) {
		return "", "", "", "", false
	}
	hour, minute = strconv.Itoa(h), "0"
	if len(nums) > 1 {
		minute = strconv.Itoa(nums[1])
	}
	if len(nums) > 2 {
		second = strconv.Itoa(nums[2])
	}
	return hour, minute, second, ms, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// csvError locates a CSV syntax error.
func csvError(err error, n *notes) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &data.Error{File: n.file, Line: pe.Line, Col: pe.Column, Msg: "invalid CSV: " + pe.Err.Error()}
	}
	if err == io.EOF {
		return &data.Error{File: n.file, Msg: "the file is empty"}
	}
	return &data.Error{File: n.file, Msg: "invalid CSV: " + err.Error()}
}
