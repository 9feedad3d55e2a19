package data

import (
	"strconv"
	"strings"
	"time"
)

// Precision is how much of a Point's date is known. The zero Precision belongs to the zero Point.
type Precision int

// Precisions, from the finest.
const (
	PrecisionDay   Precision = iota + 1 // YYYY-MM-DD
	PrecisionMonth                      // YYYY-MM
	PrecisionYear                       // YYYY
)

// Point is one end of a date: a day, a month or a year, possibly approximate (~), uncertain (?) or
// both (%). The zero Point stands for an end that is absent, open or unknown.
type Point struct {
	// Time is the first day covered, at midnight UTC.
	Time time.Time
	// Precision says whether the point is a day, a month or a year; zero for the zero Point.
	Precision Precision
	// Approximate is set by the EDTF qualifiers ~ and %.
	Approximate bool
	// Uncertain is set by the EDTF qualifiers ? and %.
	Uncertain bool
}

// IsZero reports whether p is the zero Point (no date).
func (p Point) IsZero() bool { return p.Precision == 0 }

// Last returns the last day p covers (inclusive), at midnight UTC: the day itself, the last day of
// the month or 31 December. It returns the zero time for the zero Point.
func (p Point) Last() time.Time {
	switch p.Precision {
	case PrecisionDay:
		return p.Time
	case PrecisionMonth:
		return p.Time.AddDate(0, 1, -1)
	case PrecisionYear:
		return p.Time.AddDate(1, 0, -1)
	}
	return time.Time{}
}

// Date is an EDTF date (ISO 8601-2 level 0 and the qualifiers and open or unknown interval ends of
// level 1, with negative years and Y-prefixed years beyond four digits, and the exponents of level
// 2): a single day, month or year, or an interval between two of them. The zero Date is no
// date at all: it covers no day and its words are empty.
type Date struct {
	// Raw is the EDTF text the date was parsed from.
	Raw string
	// Start is the date itself, or an interval's start; zero when the start is open or unknown.
	Start Point
	// End is an interval's known end; zero for a single date and for an open or unknown end.
	End Point
	// Interval is set for "a/b", "a/..", "../b", "a/" and "/b".
	Interval bool
	// OpenStart is set for "../b": no start, the interval runs from any time before b.
	OpenStart bool
	// UnknownStart is set for "/b": the interval has a start, but it is not known.
	UnknownStart bool
	// OpenEnd is set for "a/..": the interval is ongoing.
	OpenEnd bool
	// UnknownEnd is set for "a/": the interval has ended or will end, but when is not known.
	UnknownEnd bool
	// Reckoning is what the words count from and how they name eras; Decode sets the story's.
	Reckoning Reckoning
}

// DateError is the error ParseDate returns: what is wrong with which input.
type DateError struct {
	// Input is the text given to ParseDate.
	Input string
	// Msg says what is wrong, without the input ("month 13 is out of range").
	Msg string
}

// Error returns the quoted input and the message: `"2022-13-01": month 13 is out of range`.
func (e *DateError) Error() string { return strconv.Quote(e.Input) + ": " + e.Msg }

// ParseDate parses an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD (years 0000 to 9999, or -0001 to -9999
// before them, numbered as astronomers do: 0000 is 1 BC and -0752 is 753 BC), or a year beyond four
// digits with the Y prefix (Y-13800000000, or with an exponent Y-138E8, within MaxYears), each optionally
// followed by one qualifier, ~ (approximate), ? (uncertain) or % (both); or an interval of two such
// dates, "a/b", where either end may instead be open ("a/..", "../b") or unknown ("a/", "/b"). An
// interval's start must not be after its end. Anything else, including surrounding space, is an
// error of type *DateError that says what is wrong.
func ParseDate(s string) (Date, error) {
	d, msg := parseDate(s)
	if msg != "" {
		return Date{}, &DateError{Input: s, Msg: msg}
	}
	return d, nil
}

// parseDate parses s or returns what is wrong with it.
func parseDate(s string) (Date, string) {
	if s == "" {
		return Date{}, "the date is empty"
	}
	if strings.TrimSpace(s) != s {
		return Date{}, "the date has leading or trailing space"
	}
	startText, endText, interval := strings.Cut(s, "/")
	if !interval {
		p, msg := parsePoint(s)
		if msg != "" {
			return Date{}, msg
		}
		return Date{Raw: s, Start: p}, ""
	}
	if strings.Contains(endText, "/") {
		return Date{}, `an interval has exactly one "/"`
	}
	d := Date{Raw: s, Interval: true}
	if msg := parseBound(startText, &d.Start, &d.OpenStart, &d.UnknownStart); msg != "" {
		return Date{}, "start date: " + msg
	}
	if msg := parseBound(endText, &d.End, &d.OpenEnd, &d.UnknownEnd); msg != "" {
		return Date{}, "end date: " + msg
	}
	if d.Start.IsZero() && d.End.IsZero() {
		return Date{}, "an interval needs a start date or an end date"
	}
	if !d.Start.IsZero() && !d.End.IsZero() && d.Start.Time.After(d.End.Last()) {
		return Date{}, "start date " + startText + " is after end date " + endText
	}
	return d, ""
}

// parseBound reads one end of an interval into p: ".." is open (it runs on), "" is unknown, else
// an EDTF date. It returns why the text is not one, or "".
func parseBound(text string, p *Point, open, unknown *bool) string {
	switch text {
	case "..":
		*open = true
	case "":
		*unknown = true
	default:
		point, msg := parsePoint(text)
		if msg != "" {
			return msg
		}
		*p = point
	}
	return ""
}

// parsePoint parses YYYY, YYYY-MM or YYYY-MM-DD with an optional qualifier, or says what is wrong.
func parsePoint(s string) (Point, string) {
	var p Point
	if i := strings.IndexAny(s, "~?%"); i >= 0 {
		switch {
		case i == 0:
			return p, "missing date before " + s[:1]
		case i < len(s)-1 && strings.IndexByte("~?%", s[i+1]) >= 0:
			return p, "only one of ~, ? or % may follow a date"
		case i < len(s)-1:
			return p, "~, ? and % are only supported at the end of a date"
		}
		p.Approximate = s[i] == '~' || s[i] == '%'
		p.Uncertain = s[i] == '?' || s[i] == '%'
		s = s[:i]
	}
	if strings.HasPrefix(s, "Y") {
		year, msg := bigYear(s[1:])
		if msg != "" {
			return p, msg
		}
		p.Time = time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
		p.Precision = PrecisionYear
		return p, ""
	}
	sign := 1
	if strings.HasPrefix(s, "-") {
		sign, s = -1, s[1:]
	}
	if len(s) > 4 && strings.Trim(s[:5], "0123456789") == "" {
		return p, "a year of more than 4 digits needs the Y prefix (Y12345, Y-12345)"
	}
	year, rest, msg := digits(s, 4, "year must have 4 digits (YYYY)")
	if msg != "" {
		return p, msg
	}
	if sign < 0 && year == 0 {
		return p, "-0000 is not a year: the year before 0001 is 0000"
	}
	year *= sign
	if rest == "" {
		p.Time = time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
		p.Precision = PrecisionYear
		return p, ""
	}
	month, rest, msg := nextPart(rest, "year", "month must have 2 digits (YYYY-MM)")
	if msg != "" {
		return p, msg
	}
	switch {
	case month >= 21 && month <= 41:
		return p, "month " + strconv.Itoa(month) + " is out of range (seasons are not supported)"
	case month < 1 || month > 12:
		return p, "month " + strconv.Itoa(month) + " is out of range"
	}
	first := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	if rest == "" {
		p.Time = first
		p.Precision = PrecisionMonth
		return p, ""
	}
	day, rest, msg := nextPart(rest, "month", "day must have 2 digits (YYYY-MM-DD)")
	if msg != "" {
		return p, msg
	}
	if rest != "" {
		if rest[0] == 'T' {
			return p, "times are not supported, only days"
		}
		return p, "unexpected " + strconv.Quote(rest) + " after the day"
	}
	n := daysIn(first)
	switch {
	case day < 1:
		return p, "day " + strconv.Itoa(day) + " is out of range"
	case day > n:
		return p, "day " + strconv.Itoa(day) + " is out of range: " + first.Month().String() + " " +
			strconv.Itoa(year) + " has " + strconv.Itoa(n) + " days"
	}
	p.Time = first.AddDate(0, 0, day-1)
	p.Precision = PrecisionDay
	return p, ""
}

// nextPart reads the two-digit part that follows the part named after, with its "-": the month
// after the year, the day after the month. msg is the error when the digits are not two.
func nextPart(rest, after, msg string) (int, string, string) {
	if rest[0] != '-' {
		return 0, rest, "unexpected " + strconv.Quote(rest) + " after the " + after
	}
	return digits(rest[1:], 2, msg)
}

// digits reads exactly n ASCII digits at the start of s and returns their value and the rest of s,
// or msg when there are fewer, or a word on unspecified digits (X), which EDTF allows and we do not.
func digits(s string, n int, msg string) (int, string, string) {
	v := 0
	for i := 0; i < n; i++ {
		if i >= len(s) {
			return 0, "", msg
		}
		c := s[i]
		switch {
		case c == 'X':
			return 0, "", "unspecified digits (X) are not supported"
		case c < '0' || c > '9':
			return 0, "", msg
		}
		v = v*10 + int(c-'0')
	}
	if len(s) > n && s[n] >= '0' && s[n] <= '9' {
		return 0, "", msg
	}
	return v, s[n:], ""
}

// MaxYears bounds the years a date may name on either side of the year 0: beyond the age of the
// universe several times over, and well inside what time.Time counts exactly.
const MaxYears = 100_000_000_000

// bigYear reads the year after EDTF's Y prefix: an optional minus, digits, and optionally an
// exponent (E and digits), as in Y-13800000000 or Y-138E8. The year must need more than 4 digits.
func bigYear(s string) (int, string) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	// The digits before E, then after it; a run of digits too long for the range is out of it.
	year, exp, digits, expDigits, inExp, beyond := 0, 0, 0, 0, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 'E' && !inExp:
			inExp = true
		case c < '0' || c > '9':
			digits = 0
			i = len(s)
		case inExp:
			exp, expDigits = exp*10+int(c-'0'), expDigits+1
			beyond = beyond || exp > 11
		default:
			year, digits = year*10+int(c-'0'), digits+1
			beyond = beyond || year > MaxYears
		}
	}
	if digits == 0 || (inExp && expDigits == 0) {
		return 0, "a year after Y must be digits with an optional minus and exponent (Y-13800000000, Y-138E8)"
	}
	for ; exp > 0 && year != 0 && !beyond; exp-- {
		year *= 10
		beyond = year > MaxYears
	}
	switch {
	case beyond:
		return 0, "the year is beyond " + strconv.Itoa(MaxYears) + " years"
	case year <= 9999:
		return 0, "a year after Y needs more than 4 digits: write " + fourDigits(year, neg) + " instead"
	}
	if neg {
		year = -year
	}
	return year, ""
}

// fourDigits writes a year of at most 4 digits the EDTF way, as YYYY or -YYYY.
func fourDigits(year int, neg bool) string {
	s := strconv.Itoa(year + 10000)[1:]
	if neg && year != 0 {
		s = "-" + s
	}
	return s
}

// daysIn returns the number of days in the month that starts at first.
func daysIn(first time.Time) int { return first.AddDate(0, 1, -1).Day() }

// day returns the calendar day of t in t's own location, as midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d.Raw == "" && d.Start.IsZero() && d.End.IsZero() }

// String returns d.Raw, the EDTF text.
func (d Date) String() string { return d.Raw }

// First returns the first day d covers, at midnight UTC: the start's first day or, when the start is
// open or unknown, the end's first day. It returns the zero time for the zero Date.
func (d Date) First() time.Time {
	if !d.Start.IsZero() {
		return d.Start.Time
	}
	return d.End.Time
}

// Last returns the last day d covers (inclusive), at midnight UTC. For a single date it is
// Start.Last(); for a known end, End.Last(); for an unknown end ("a/"), Start.Last(); for an open,
// ongoing end ("a/.."), the calendar day of asOf, but never earlier than Start.Last() (so a zero
// asOf gives Start.Last()). It returns the zero time for the zero Date.
func (d Date) Last(asOf time.Time) time.Time {
	switch {
	case !d.End.IsZero():
		return d.End.Last()
	case d.OpenEnd:
		last := d.Start.Last()
		if a := day(asOf); !asOf.IsZero() && a.After(last) {
			return a
		}
		return last
	}
	return d.Start.Last()
}

// Exact reports whether d is a single day with no qualifier (no ~, ? or %).
func (d Date) Exact() bool {
	return !d.Interval && d.Start.Precision == PrecisionDay && !d.Start.Approximate && !d.Start.Uncertain
}

// Holds reports whether the calendar day of t (in t's own location) falls within First() and
// Last(asOf), inclusive. The zero Date holds no day.
func (d Date) Holds(t, asOf time.Time) bool {
	if d.Start.IsZero() && d.End.IsZero() {
		return false
	}
	t = day(t)
	return !t.Before(d.First()) && !t.After(d.Last(asOf))
}

// pointWords are the words of a Point in parts, so that intervals can share a month or a year.
type pointWords struct {
	day   string // "24", or for an approximate day "early", "mid-" or "late"; "" for a month or year
	month string // "January"; "" for a year
	year  string // "2022", "753 BC", or far from asOf "about 13.8 billion years ago"
	deep  bool   // the year counts years ago, and its words say whether it is approximate
}

// wordsOf splits the words of p into parts. A year far from asOf is worded alone: its month and
// day, if any, are lost in the count.
func wordsOf(p Point, r Reckoning) pointWords {
	y := p.Time.Year()
	w := pointWords{year: r.YearWords(y)}
	if r.Deep(y) {
		w.deep = true
		if p.Approximate {
			w.year = "about " + w.year
		}
		return w
	}
	if p.Precision == PrecisionYear {
		return w
	}
	w.month = p.Time.Month().String()
	if p.Precision == PrecisionMonth {
		return w
	}
	switch d := p.Time.Day(); {
	case !p.Approximate:
		w.day = strconv.Itoa(d)
	case d <= 10:
		w.day = "early"
	case d <= 20:
		w.day = "mid-"
	default:
		w.day = "late"
	}
	return w
}

// approximateDay reports whether w.day is a word rather than a number.
func (w pointWords) approximateDay() bool {
	return w.day != "" && (w.day[0] < '0' || w.day[0] > '9')
}

// text joins the parts, leaving out the year unless withYear.
func (w pointWords) text(withYear bool) string {
	var b strings.Builder
	if w.day != "" {
		b.WriteString(w.day)
		if !strings.HasSuffix(w.day, "-") {
			b.WriteByte(' ')
		}
	}
	b.WriteString(w.month)
	if withYear {
		if w.month != "" {
			b.WriteByte(' ')
		}
		b.WriteString(w.year)
	}
	return b.String()
}

// qualifierWords returns the words appended for approximate and uncertain dates, with their comma.
func qualifierWords(approximate, uncertain bool) string {
	switch {
	case approximate && uncertain:
		return ", approximately and uncertain"
	case approximate:
		return ", approximately"
	case uncertain:
		return ", uncertain"
	}
	return ""
}

// Words returns d in words for readers, British style, lower case, with no leading zeros:
//
//	2022-01-21             21 January 2022
//	2020-07                July 2020
//	2021-12-17~            mid-December 2021, approximately (days 1-10 early, 11-20 mid-, 21 on late)
//	2022-01-26?            26 January 2022, uncertain
//	2022-01-26%            late January 2022, approximately and uncertain
//	2022-01-24/2022-01-27  24–27 January 2022
//	2022-01-24/2022-02-03  24 January – 3 February 2022
//	2014/2020              2014–2020
//	2014/..                from 2014, ongoing
//	2014/                  from 2014, end unknown
//	../2022-01-27          until 27 January 2022
//	/2022-01-27            by 27 January 2022
//	-0043-03-15            15 March 44 BC (0000 is 1 BC; 44 BCE in the BCE/CE notation)
//	0079                   AD 79 (79 CE)
//	-0752/-0508            753–509 BC
//	Y-13800000000          13.8 billion years ago (from the reckoning's asOf, beyond DeepYears)
//	Y-4567E6~              about 4.567 billion years ago
//
// An interval shares the month and year of its ends when it can, joins them with an en dash (spaced
// when either side has a space or hyphen), and ends with the qualifiers of both ends, once
// (", approximately" when either end is approximate, and so on). An open or unknown interval puts the
// qualifiers of its one date straight after that date: "from 2014, approximately, ongoing".
// The zero Date's words are empty.
func (d Date) Words() string {
	switch {
	case d.Start.IsZero() && d.End.IsZero():
		return ""
	case !d.Interval:
		return pointText(d.Start, d.Reckoning)
	case d.OpenEnd:
		return "from " + pointText(d.Start, d.Reckoning) + ", ongoing"
	case d.UnknownEnd:
		return "from " + pointText(d.Start, d.Reckoning) + ", end unknown"
	case d.OpenStart:
		return "until " + pointText(d.End, d.Reckoning)
	case d.UnknownStart:
		return "by " + pointText(d.End, d.Reckoning)
	}
	a, b := wordsOf(d.Start, d.Reckoning), wordsOf(d.End, d.Reckoning)
	// A year counted in years ago says "about" itself.
	q := qualifierWords(d.Start.Approximate && !a.deep || d.End.Approximate && !b.deep, d.Start.Uncertain || d.End.Uncertain)
	if a == b {
		return a.text(true) + q
	}
	var prefix, left, right, shared string
	switch {
	case a.month == "" && b.month == "":
		prefix, left, right, shared = shareYearSuffix(a.year, b.year)
	case a.year == b.year && a.month == b.month && a.day != "" && b.day != "" &&
		!a.approximateDay() && !b.approximateDay():
		left, right, shared = a.day, b.day, " "+a.month+" "+a.year
	case a.year == b.year && a.month != "" && b.month != "":
		left, right, shared = a.text(false), b.text(false), " "+a.year
	default:
		left, right = a.text(true), b.text(true)
	}
	dash := "–"
	if strings.ContainsAny(left+right, " -") {
		dash = " – "
	}
	return prefix + left + dash + right + shared + q
}

// pointText is the words of p followed by its own qualifiers.
func pointText(p Point, r Reckoning) string {
	w := wordsOf(p, r)
	return w.text(true) + qualifierWords(p.Approximate && !w.deep, p.Uncertain)
}

// PrecisionWords returns a short phrase for how precise d is, for the detail panel: for a single
// date "exact day", "to the month", "to the year" or, for a year counted in years ago, "to the
// nearest 100 million years" (the rounding of its words), or when it is qualified "approximate",
// "uncertain" or "approximate and uncertain"; for an interval "interval", "ongoing", "end unknown",
// "open start" or "start unknown", followed by ", approximate" (and so on) when an end is
// qualified. The zero Date's phrase is empty.
func (d Date) PrecisionWords() string {
	approximate := d.Start.Approximate || d.End.Approximate
	uncertain := d.Start.Uncertain || d.End.Uncertain
	var q string
	switch {
	case approximate && uncertain:
		q = "approximate and uncertain"
	case approximate:
		q = "approximate"
	case uncertain:
		q = "uncertain"
	}
	var kind string
	switch {
	case d.Start.IsZero() && d.End.IsZero():
		return ""
	case !d.Interval && q != "":
		return q
	case !d.Interval && d.Reckoning.step(d.Start.Time.Year()) > 1:
		return "to the nearest " + strings.TrimPrefix(CountYears(d.Reckoning.step(d.Start.Time.Year()), 0), "1 ")
	case !d.Interval && d.Start.Precision == PrecisionDay:
		return "exact day"
	case !d.Interval && d.Start.Precision == PrecisionMonth:
		return "to the month"
	case !d.Interval:
		return "to the year"
	case d.OpenEnd:
		kind = "ongoing"
	case d.UnknownEnd:
		kind = "end unknown"
	case d.OpenStart:
		kind = "open start"
	case d.UnknownStart:
		kind = "start unknown"
	default:
		kind = "interval"
	}
	if q != "" {
		return kind + ", " + q
	}
	return kind
}
