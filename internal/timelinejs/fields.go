package timelinejs

import (
	"strconv"
	"strings"
)

// slideFields are the TimelineJS fields of a slide that are mapped, by their dotted names as both
// formats have them ("start_date.year", "text.headline", "media.url"; "display_date" of the slide
// itself), and where each goes in a tlSlide. trim drops surrounding spaces from a value that is a
// number or an address, where they carry nothing.
var slideFields = map[string]struct {
	to   func(*tlSlide) *string
	trim bool
}{
	"start_date.year":         {func(s *tlSlide) *string { return &s.start.year }, true},
	"start_date.month":        {func(s *tlSlide) *string { return &s.start.month }, true},
	"start_date.day":          {func(s *tlSlide) *string { return &s.start.day }, true},
	"start_date.hour":         {func(s *tlSlide) *string { return &s.start.hour }, true},
	"start_date.minute":       {func(s *tlSlide) *string { return &s.start.minute }, true},
	"start_date.second":       {func(s *tlSlide) *string { return &s.start.second }, true},
	"start_date.millisecond":  {func(s *tlSlide) *string { return &s.start.millisecond }, true},
	"start_date.display_date": {func(s *tlSlide) *string { return &s.start.displayDate }, true},
	"end_date.year":           {func(s *tlSlide) *string { return &s.end.year }, true},
	"end_date.month":          {func(s *tlSlide) *string { return &s.end.month }, true},
	"end_date.day":            {func(s *tlSlide) *string { return &s.end.day }, true},
	"end_date.hour":           {func(s *tlSlide) *string { return &s.end.hour }, true},
	"end_date.minute":         {func(s *tlSlide) *string { return &s.end.minute }, true},
	"end_date.second":         {func(s *tlSlide) *string { return &s.end.second }, true},
	"end_date.millisecond":    {func(s *tlSlide) *string { return &s.end.millisecond }, true},
	"end_date.display_date":   {func(s *tlSlide) *string { return &s.end.displayDate }, true},
	"text.headline":           {func(s *tlSlide) *string { return &s.headline }, false},
	"text.text":               {func(s *tlSlide) *string { return &s.text }, false},
	"media.url":               {func(s *tlSlide) *string { return &s.media.url }, true},
	"media.caption":           {func(s *tlSlide) *string { return &s.media.caption }, false},
	"media.credit":            {func(s *tlSlide) *string { return &s.media.credit }, false},
	"media.alt":               {func(s *tlSlide) *string { return &s.media.alt }, false},
	"media.title":             {func(s *tlSlide) *string { return &s.media.title }, false},
	"media.link":              {func(s *tlSlide) *string { return &s.media.link }, true},
	"group":                   {func(s *tlSlide) *string { return &s.group }, false},
	"display_date":            {func(s *tlSlide) *string { return &s.displayDate }, false},
	"unique_id":               {func(s *tlSlide) *string { return &s.uniqueID }, false},
}

// set puts value into the slide's field, and reports false for a field that is not mapped.
func (s *tlSlide) set(field, value string) bool {
	f, ok := slideFields[field]
	if !ok {
		return false
	}
	if f.trim {
		value = strings.TrimSpace(value)
	}
	*f.to(s) = value
	return true
}

// notMapped says why a TimelineJS field that has a value is left out, and false for a field it
// does not know of (mapped, or not TimelineJS's). Both formats note these the same way.
func notMapped(field, value string) (string, bool) {
	switch field {
	case "media.thumbnail":
		return "the thumbnail is not mapped: the timeline draws no thumbnails", true
	case "media.link_target":
		return "link_target is not mapped: links open in a new tab", true
	case "background":
		return "the background is not mapped: the widget draws every event alike", true
	case "autolink":
		return "autolink is not mapped: text is shown as plain text, and its links are kept as data", true
	case "start_date.format", "end_date.format":
		return "the date format " + strconv.Quote(value) + " is not mapped: the widget words dates itself", true
	}
	return "", false
}
