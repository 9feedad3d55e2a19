package timelinejs

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"timeline/data"
)

// storyMeta is what a story needs that a TimelineJS file does not hold.
type storyMeta struct {
	id        string // the story's id (and file name)
	lang      string // BCP 47 language tag
	asOf      string // the story's asOf day; "" for the last day any event covers
	sourceURL string // where the timeline is published; "" when unknown
	schema    string // the story file's "$schema"
}

// ungroupedTrack is the id of the track of the events that have no group.
const ungroupedTrack = "events"

// mapTimeline maps a TimelineJS timeline onto a story, noting in n everything it cannot carry
// over. Slides become events in file order, their group the track, their headline and text the
// event's (HTML reduced to text, links kept as data), their media the event's media; the title
// slide gives the story's title and summary; eras stay eras. A story has no actors: TimelineJS has
// none. Slides whose dates cannot be read are left out, and noted. The
// result is deterministic; it is not validated here.
func mapTimeline(doc *tlDoc, m storyMeta, n *notes) *data.Story {
	s := &data.Story{
		Schema:    m.schema,
		Info:      data.Info{ID: m.id, Language: m.lang},
		Actors:    []data.Actor{},
		Relations: []data.Relation{},
		Events:    []data.Event{},
	}
	mapTitle(doc.title, s, n)

	reserved := map[string]bool{} // explicit unique_ids, kept when they are unique
	for i := range doc.events {
		sl := &doc.events[i]
		if id := strings.TrimSpace(sl.uniqueID); id != "" {
			if !data.ValidID(id) {
				// It would go into addresses and file names: made safe, it keeps its words.
				safe := slug(id)
				msg := "the unique_id " + strconv.Quote(id) + " is not an id (letters, digits, -, _ and . only)"
				if safe == "" {
					msg += ": this event gets an id of its own"
				} else {
					msg += ": this event's id is " + strconv.Quote(safe) + " if no other event has it"
				}
				n.add(sl.where("unique_id"), msg)
				sl.uniqueID, id = safe, safe
				if id == "" {
					continue
				}
			}
			if reserved[id] {
				n.add(sl.where("unique_id"), "the unique_id "+strconv.Quote(id)+" is repeated: this event gets an id of its own")
				sl.uniqueID = ""
				continue
			}
			reserved[id] = true
		}
	}
	ids := map[string]bool{}
	for id := range reserved {
		ids[id] = true
	}
	var groups []string // of the events, in order
	for i := range doc.events {
		ev, ok := mapEvent(&doc.events[i], n)
		if !ok {
			continue
		}
		if ev.ID == "" {
			ev.ID = uniqueID(slug(ev.Headline), "event", ids)
		}
		s.Events = append(s.Events, ev)
		groups = append(groups, squeezeSpace(doc.events[i].group))
	}
	s.Info.Tracks = groupTracks(s.Events, groups)
	for i := range doc.eras {
		if era, ok := mapEra(&doc.eras[i], n); ok {
			s.Info.Eras = append(s.Info.Eras, era)
		}
	}
	eraIDs := map[string]bool{}
	for i := range s.Info.Eras {
		s.Info.Eras[i].ID = uniqueID(slug(s.Info.Eras[i].Label), "era", eraIDs)
	}
	setAsOf(s, m.asOf)
	s.Info.Sources = []data.Source{{Headline: s.Info.Title, URL: m.sourceURL}}
	return s
}

// groupTracks returns a track for each group, in order of first appearance, and sets the track of
// each event (groups[i] is the group of events[i]). Events without a group share a track of their
// own: "Events", or "Other events" beside groups.
func groupTracks(events []data.Event, groups []string) []data.Track {
	var tracks []data.Track
	byGroup := map[string]string{}
	taken := map[string]bool{}
	if slices.Contains(groups, "") {
		taken[ungroupedTrack] = true
	}
	for i, g := range groups {
		if g == "" {
			events[i].Track = ungroupedTrack
			continue
		}
		id, ok := byGroup[g]
		if !ok {
			id = uniqueID(slug(g), "track", taken)
			byGroup[g] = id
			tracks = append(tracks, data.Track{ID: id, Label: g})
		}
		events[i].Track = id
	}
	if slices.Contains(groups, "") {
		label := "Events"
		if len(tracks) > 0 {
			label = "Other events"
		}
		tracks = append(tracks, data.Track{ID: ungroupedTrack, Label: label})
	}
	return tracks
}

// mapTitle takes the story's title and summary from the title slide, noting what else it holds.
func mapTitle(t *tlSlide, s *data.Story, n *notes) {
	if t == nil {
		n.add(place{}, "there is no title slide: the story's title is its id, "+strconv.Quote(s.Info.ID))
		s.Info.Title = s.Info.ID
		return
	}
	head, text := reduceHTML(t.headline), reduceHTML(t.text)
	noteDropped(t, "text.headline", head, n)
	noteDropped(t, "text.text", text, n)
	for _, l := range append(head.links, text.links...) {
		n.add(t.where("text.text"), "the title slide's link to "+curlyQuote(l.URL)+" is not mapped: a story's summary is plain text")
	}
	s.Info.Title, s.Info.Summary = head.text, text.text
	if s.Info.Title == "" {
		n.add(t.where("text.headline"), "the title slide has no headline: the story's title is its id, "+strconv.Quote(s.Info.ID))
		s.Info.Title = s.Info.ID
	}
	if t.media != (tlMedia{}) {
		n.add(t.where("media"), "the title slide's media is not mapped: a story has no media of its own, only its events")
	}
	if !t.start.isZero() || !t.end.isZero() {
		n.add(t.where("start_date"), "the title slide's dates are not mapped: a story spans its events")
	}
	for _, f := range []struct{ name, value string }{{"group", t.group}, {"display_date", t.displayDate}, {"unique_id", t.uniqueID}} {
		if strings.TrimSpace(f.value) != "" {
			n.add(t.where(f.name), "the title slide's "+f.name+" is not mapped")
		}
	}
}

// mapEvent maps one slide onto an event, its id left empty unless the slide has a unique_id, and
// its track for the caller to set. It reports false when the slide cannot be an event, which is
// noted.
func mapEvent(sl *tlSlide, n *notes) (data.Event, bool) {
	date, dateNote, ok := slideDate(sl, false, n)
	if !ok {
		return data.Event{}, false
	}
	head, text := reduceHTML(sl.headline), reduceHTML(sl.text)
	noteDropped(sl, "text.headline", head, n)
	noteDropped(sl, "text.text", text, n)
	ev := data.Event{
		ID:       strings.TrimSpace(sl.uniqueID),
		Date:     date,
		DateNote: dateNote,
		Headline: head.text,
		Text:     text.text,
		Status:   data.StatusHappened,
		Actors:   []data.Participant{},
	}
	links := append(append([]data.Link(nil), head.links...), text.links...)
	media, mediaLinks := mapMedia(sl, ev.Headline, n)
	ev.Media = media
	links = append(links, mediaLinks...)
	if ev.Headline == "" {
		ev.Headline = fallbackHeadline(sl, ev, n)
	}
	// The slide is the source: the event rests on its words, verbatim.
	ev.Source = ev.Text
	if ev.Source == "" {
		ev.Source = ev.Headline
	}
	seen := map[string]bool{}
	for _, l := range links {
		if !seen[l.URL] {
			seen[l.URL] = true
			ev.Links = append(ev.Links, l)
		}
	}
	return ev, true
}

// fallbackHeadline words a headline for a slide that has none: the first sentence of its text,
// else its media's caption, else its date; and notes it.
func fallbackHeadline(sl *tlSlide, ev data.Event, n *notes) string {
	at := sl.where("text.headline")
	if h := firstSentence(ev.Text); h != "" {
		n.add(at, "the slide has no headline: its headline is the start of its text, "+curlyQuote(h))
		return h
	}
	if ev.Media.Caption != "" {
		h := firstSentence(ev.Media.Caption)
		n.add(at, "the slide has no headline: its headline is its media's caption, "+curlyQuote(h))
		return h
	}
	d, _ := data.ParseDate(ev.Date)
	h := d.Words()
	h = strings.ToUpper(h[:1]) + h[1:]
	n.add(at, "the slide has neither headline nor text: its headline is its date, "+curlyQuote(h))
	return h
}

// firstSentence returns the first sentence of s, cut at a word to at most 80 characters ("…" marks
// a cut); "" for an empty s.
func firstSentence(s string) string {
	if i := strings.IndexAny(s, ".!?"); i >= 0 && i+1 < len(s) && s[i+1] == ' ' {
		s = s[:i+1]
	}
	if utf8.RuneCountInString(s) <= 80 {
		return s
	}
	cut := s[:len(string([]rune(s)[:79]))]
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// noteDropped notes what reducing a field's HTML left out.
func noteDropped(sl *tlSlide, field string, t plainText, n *notes) {
	for _, d := range t.dropped {
		n.add(sl.where(field), "left out of the text: "+d)
	}
}

// mapMedia maps a slide's media onto an event's media and the links it gives (its link, and the
// links of its caption and credit), noting what it cannot carry over. headline is the event's, for
// alt text of last resort.
func mapMedia(sl *tlSlide, headline string, n *notes) (data.Media, []data.Link) {
	m := sl.media
	caption, credit := reduceHTML(m.caption), reduceHTML(m.credit)
	noteDropped(sl, "media.caption", caption, n)
	noteDropped(sl, "media.credit", credit, n)
	links := append(append([]data.Link(nil), caption.links...), credit.links...)
	alt, title := squeezeSpace(reduceHTML(m.alt).text), squeezeSpace(reduceHTML(m.title).text)
	titleUsed := false
	if m.link != "" {
		// TimelineJS makes the media itself the link; its title, else caption, names it best.
		text := firstNonEmpty(title, caption.text, alt, "The media")
		titleUsed = text == title
		if data.IsWebURL(m.link) {
			links = append(links, data.Link{URL: m.link, Text: text})
		} else {
			n.add(sl.where("media.link"), "the media's link "+curlyQuote(m.link)+" is not mapped: links must be http or https addresses")
		}
	}
	switch {
	case m.url == "":
		if m != (tlMedia{}) && m.link == "" {
			n.add(sl.where("media"), "media without a url is not mapped")
		}
		return data.Media{}, links
	case strings.HasPrefix(m.url, "<"):
		n.add(sl.where("media.url"), "embedded HTML media is not mapped: give the media's address instead")
		return data.Media{}, links
	case !data.IsMediaURL(m.url):
		n.add(sl.where("media.url"), "the media "+curlyQuote(m.url)+" is not mapped: media must be a path under /web/ or an http or https address")
		return data.Media{}, links
	}
	media := data.Media{URL: m.url, Alt: alt, Caption: caption.text, Credit: credit.text}
	switch {
	case media.Alt != "":
		if title != "" && title != alt && !titleUsed {
			n.add(sl.where("media.title"), "the media's title is not mapped: its alt text describes it")
		}
	case title != "":
		media.Alt = title
		n.add(sl.where("media"), "the media has no alt text: its title stands in, "+curlyQuote(title))
	case caption.text != "":
		media.Alt = caption.text
		n.add(sl.where("media"), "the media has no alt text: its caption stands in, as in TimelineJS")
	default:
		media.Alt = headline
		n.add(sl.where("media"), "the media has no alt text, title or caption: the event's headline stands in; describe the media in its alt")
	}
	if media.Alt == "" {
		media.Alt = "Media of this event"
	}
	return media, links
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// slideDate returns the EDTF date of a slide (its start, or the interval from its start to its
// end) and a dateNote that keeps what the date cannot say: the time of day and the date as
// TimelineJS would display it (for an era, the caller notes it). It reports false when the slide
// has no usable start date, which is noted; problems of the end date are noted and the end left
// out.
func slideDate(sl *tlSlide, era bool, n *notes) (date, note string, ok bool) {
	if sl.start.isZero() || sl.start.year == "" {
		n.add(sl.where("start_date"), "the slide has no start_date year: it is not imported")
		return "", "", false
	}
	start, startClock, bad, why := datePoint(sl, "start_date", sl.start, n)
	if bad != "" {
		n.add(sl.where(bad), why+": the slide is not imported")
		return "", "", false
	}
	date = start
	var endClock string
	switch {
	case sl.end.isZero():
	case sl.end.year == "":
		n.add(sl.where("end_date"), "an end_date without a year is not mapped (TimelineJS ignores it too)")
	default:
		end, clock, bad, why := datePoint(sl, "end_date", sl.end, n)
		switch {
		case bad != "":
			n.add(sl.where(bad), why+": the end date is not mapped")
		case end == start:
			endClock = clock
		default:
			if _, err := data.ParseDate(start + "/" + end); err != nil {
				n.add(sl.where("end_date"), "the end date "+end+" is before the start date "+start+": it is not mapped")
			} else {
				date, endClock = start+"/"+end, clock
			}
		}
	}
	var parts []string
	switch {
	case startClock != "" && endClock != "":
		parts = append(parts, "from "+startClock+" to "+endClock)
	case startClock != "":
		parts = append(parts, "at "+startClock)
	case endClock != "":
		parts = append(parts, "ending at "+endClock)
	}
	if (startClock != "" || endClock != "") && !era {
		at := sl.where("start_date.hour")
		if startClock == "" {
			at = sl.where("end_date.hour")
		}
		n.add(at, "the time of day is kept in dateNote only: dates here are days")
	}
	display := strings.TrimSpace(sl.displayDate)
	switch {
	case display != "":
		parts = append(parts, "shown in TimelineJS as "+curlyQuote(display))
	default:
		if d := sl.start.displayDate; d != "" && date == start {
			parts = append(parts, "shown in TimelineJS as "+curlyQuote(d))
		} else if d != "" {
			parts = append(parts, "start shown in TimelineJS as "+curlyQuote(d))
		}
		if d := sl.end.displayDate; d != "" && !sl.end.isZero() {
			parts = append(parts, "end shown in TimelineJS as "+curlyQuote(d))
		}
	}
	note = strings.Join(parts, "; ")
	if note != "" {
		r, size := utf8.DecodeRuneInString(note)
		note = string(unicode.ToUpper(r)) + note[size:]
	}
	return date, note, true
}

// datePoint converts a TimelineJS date to EDTF at its precision (YYYY, YYYY-MM or YYYY-MM-DD) and
// its time of day ("14:30", "14:30:15", "14:30:15.250"; "" for none). When it cannot, it returns
// the field at fault (such as "start_date.month") and why. Lesser problems (a day without a month,
// a time that is not one) are noted, and that part left out.
func datePoint(sl *tlSlide, field string, d tlDate, n *notes) (edtf, clock, bad, why string) {
	fail := func(part, why string) (string, string, string, string) { return "", "", field + "." + part, why }
	tlYear, err := strconv.Atoi(cleanInteger(d.year))
	if err != nil {
		return fail("year", curlyQuote(d.year)+" is not a year")
	}
	year, why := astronomicalYear(tlYear)
	if why != "" {
		return fail("year", why)
	}
	if tlYear == 0 {
		n.add(sl.where(field+".year"), "TimelineJS shows the year 0, which the BC/AD count does not have: it is read as 1 BC (0000)")
	}
	if year > 9999 || year < -9999 {
		if d.month != "" || d.day != "" {
			n.add(sl.where(field+".month"), "a month or day of a year beyond 4 digits is not mapped: the date is the year")
		}
		if d.hour != "" || d.minute != "" || d.second != "" || d.millisecond != "" {
			n.add(sl.where(field+".hour"), "a time of a year beyond 4 digits is not mapped")
		}
		return "Y" + strconv.Itoa(year), "", "", ""
	}
	if year < 0 {
		edtf = "-" + pad(-year, 4)
	} else {
		edtf = pad(year, 4)
	}
	day := 0
	if d.month != "" {
		month, err := strconv.Atoi(cleanInteger(d.month))
		if err != nil || month < 1 || month > 12 {
			return fail("month", "the month "+curlyQuote(d.month)+" is not a month (1 to 12)")
		}
		edtf += "-" + pad(month, 2)
		if d.day != "" {
			day, err = strconv.Atoi(cleanInteger(d.day))
			last := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if err != nil || day < 1 || day > last {
				return fail("day", "the day "+curlyQuote(d.day)+" is not a day of "+time.Month(month).String()+" "+data.Reckoning{}.YearWords(year))
			}
			edtf += "-" + pad(day, 2)
		}
	} else if d.day != "" {
		n.add(sl.where(field+".day"), "a day without a month is not mapped: the date is the year")
	}
	if d.hour == "" && d.minute == "" && d.second == "" && d.millisecond == "" {
		return edtf, "", "", ""
	}
	if day == 0 {
		n.add(sl.where(field+".hour"), "a time without a day is not mapped")
		return edtf, "", "", ""
	}
	clock, ok := clockText(d)
	if !ok {
		n.add(sl.where(field+".hour"), "the time "+strings.Trim(d.hour+":"+d.minute+":"+d.second+"."+d.millisecond, ":.")+" is not a time of day: not mapped")
		return edtf, "", "", ""
	}
	return edtf, clock, "", ""
}

// clockText writes the time of a date as HH:MM, HH:MM:SS or HH:MM:SS.mmm.
func clockText(d tlDate) (string, bool) {
	parts := []struct {
		text string
		max  int
	}{{d.hour, 23}, {d.minute, 59}, {d.second, 59}, {d.millisecond, 999}}
	v := make([]int, len(parts))
	for i, p := range parts {
		if p.text == "" {
			continue
		}
		x, err := strconv.Atoi(p.text)
		if err != nil || x < 0 || x > p.max {
			return "", false
		}
		v[i] = x
	}
	s := pad(v[0], 2) + ":" + pad(v[1], 2)
	if d.second != "" || d.millisecond != "" {
		s += ":" + pad(v[2], 2)
	}
	if d.millisecond != "" {
		s += "." + pad(v[3], 3)
	}
	return s, true
}

// humanScaleYears is how far before the year 0 TimelineJS 3.9.11 still shows a year as a date
// ("99999 BCE"); beyond it, on its cosmological scale, a year is a count of years ago.
const humanScaleYears = 99999

// astronomicalYear maps a TimelineJS year onto EDTF's. TimelineJS writes a year before AD 1 as
// minus its BC number (-753 is shown as 753 BCE), where EDTF counts astronomically (753 BC is
// -0752): within TimelineJS's human scale a negative year gains one. Beyond it TimelineJS shows
// -13800000000 as "13.80 billion years ago", so the number is kept as it is (a year off is far
// below the precision of such a date). It says why when the year is out of range.
func astronomicalYear(y int) (year int, why string) {
	switch {
	case y < -data.MaxYears || y > data.MaxYears:
		return 0, "the year " + strconv.Itoa(y) + " is more than " + strconv.Itoa(data.MaxYears) + " years from the year 0, and dates here are not"
	case y < -humanScaleYears:
		return y, ""
	case y < 0:
		return y + 1, ""
	}
	return y, ""
}

// pad writes v with at least width digits.
func pad(v, width int) string {
	s := strconv.Itoa(v)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// mapEra maps an era slide onto an era (its id left for the caller), noting what it cannot.
func mapEra(sl *tlSlide, n *notes) (data.Era, bool) {
	if sl.end.isZero() {
		n.add(sl.where(""), "the era has no end_date: it is read as its start date alone")
	}
	date, note, ok := slideDate(sl, true, n)
	if !ok {
		return data.Era{}, false
	}
	if note != "" {
		n.add(sl.where("start_date"), "an era's times and display dates are not mapped: an era's dates are days ("+note+")")
	}
	head := reduceHTML(sl.headline)
	noteDropped(sl, "text.headline", head, n)
	if strings.TrimSpace(sl.text) != "" {
		n.add(sl.where("text.text"), "an era's text is not mapped: an era has a label only (TimelineJS does not show it either)")
	}
	if sl.media != (tlMedia{}) {
		n.add(sl.where("media"), "an era's media is not mapped: an era has a label only")
	}
	for _, f := range []struct{ name, value string }{{"group", sl.group}, {"display_date", sl.displayDate}, {"unique_id", sl.uniqueID}} {
		if strings.TrimSpace(f.value) != "" {
			n.add(sl.where(f.name), "an era's "+f.name+" is not mapped: an era has a label and dates only")
		}
	}
	label := head.text
	if label == "" {
		d, _ := data.ParseDate(date)
		label = d.Words()
		n.add(sl.where("text.headline"), "the era has no headline: its label is its dates, "+curlyQuote(label))
	}
	return data.Era{Label: label, Date: date}, true
}

// setAsOf sets the story's asOf day: asOf when given, else the last day any event of a 4-digit
// year covers (so that every such event has happened), and marks the events that start after it as
// planned.
func setAsOf(s *data.Story, asOf string) {
	// A day of a year beyond 4 digits has no EDTF form: the day is the last of the others, and a
	// story of such years alone needs -as-of.
	var last time.Time
	for _, ev := range s.Events {
		d, err := data.ParseDate(ev.Date)
		if l := d.Last(time.Time{}); err == nil && l.After(last) && l.Year() >= -9999 && l.Year() <= 9999 {
			last = l
		}
	}
	if y := last.Year(); asOf == "" && !last.IsZero() {
		asOf = last.Format("-01-02")
		if y < 0 {
			asOf = "-" + pad(-y, 4) + asOf
		} else {
			asOf = pad(y, 4) + asOf
		}
	}
	s.Info.AsOf = asOf
	day, err := data.ParseDate(asOf)
	if err != nil || !day.Exact() {
		return // the story's validation says what is wrong with it
	}
	for i := range s.Events {
		if d, err := data.ParseDate(s.Events[i].Date); err == nil && d.First().After(day.First()) {
			s.Events[i].Status = data.StatusPlanned
		}
	}
}

// slug turns text into an id (see data.ValidID): lower-case ASCII letters and digits, words joined
// by hyphens, at most 48 bytes (cut between words when it can). Accents are dropped ("é" gives
// "e"); other letters outside ASCII separate words. It returns "" when nothing is left.
func slug(text string) string {
	var b strings.Builder
	gap := false
	for _, r := range norm.NFD.String(strings.ToLower(text)) {
		if unicode.Is(unicode.Mn, r) {
			continue // the accent of the letter before
		}
		if !('a' <= r && r <= 'z') && !('0' <= r && r <= '9') {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte('-')
		}
		gap = false
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) <= 48 {
		return s
	}
	cut := s[:48]
	for !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	if i := strings.LastIndexByte(cut, '-'); i > 0 {
		cut = cut[:i]
	}
	return cut
}

// uniqueID returns base, or fallback when base is empty, made unique among taken with a suffix
// ("-2", "-3", ...), and marks it taken.
func uniqueID(base, fallback string, taken map[string]bool) string {
	if base == "" {
		base = fallback
	}
	id := base
	for i := 2; taken[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	taken[id] = true
	return id
}
