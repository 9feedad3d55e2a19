package data

import (
	"strconv"
	"strings"
	"time"
)

// Reckoning is what the words of a date count from and how they name the eras. Decode gives every
// date of a story the story's own (see Info.Reckoning); ParseDate gives the zero Reckoning, which
// counts from the year 2000 and writes BC and AD. It is one word, small in every Date copied.
type Reckoning struct {
	// AsOfYear is the year of the story's asOf, from which "years ago" count, when HasAsOf is set.
	AsOfYear int32
	// HasAsOf says that AsOfYear is known; without it, years ago count from the year 2000.
	HasAsOf bool
	// Common writes BCE and CE instead of BC and AD.
	Common bool
}

// Era notations, the values of Info.EraNotation: how years before the year 1 and early years after
// it are marked.
const (
	EraBCAD  = "bc-ad"
	EraBCECE = "bce-ce"
)

// Reckoning returns the reckoning of the story's dates: from its asOf, in its era notation.
func (in Info) Reckoning() Reckoning {
	r := Reckoning{Common: in.EraNotation == EraBCECE}
	if !in.AsOfDate.Start.IsZero() {
		r.AsOfYear, r.HasAsOf = int32(in.AsOfDate.Start.Time.Year()), true
	}
	return r
}

// reckon gives every parsed date of s the story's reckoning.
func (s *Story) reckon() {
	r := s.Info.Reckoning()
	s.Info.AsOfDate.Reckoning = r
	for i := range s.Info.Eras {
		s.Info.Eras[i].When.Reckoning = r
	}
	for i := range s.Events {
		s.Events[i].When.Reckoning = r
	}
	for i := range s.Relations {
		s.Relations[i].ValidWhen.Reckoning = r
	}
}

// DayWords words the day of t for readers, as a date known to the day: "21 January 2022",
// "15 March 44 BC", or far from asOf "13.8 billion years ago".
func (r Reckoning) DayWords(t time.Time) string {
	return Date{Start: Point{Time: day(t), Precision: PrecisionDay}, Reckoning: r}.Words()
}

// DeepYears is how far from the story's asOf a year must lie for its words to count the years
// between ("12,000 years ago") rather than name it ("7981 BC"): few readers can place a year
// number that far back.
const DeepYears = 10_000

// since returns how many years lie between year and the reckoning's asOf year, positive for the past.
func (r Reckoning) since(year int) int {
	from := 2000
	if r.HasAsOf {
		from = int(r.AsOfYear)
	}
	return from - year
}

// Deep reports whether year lies more than DeepYears from the asOf year, so that it is worded in
// years ago (or years ahead).
func (r Reckoning) Deep(year int) bool {
	n := r.since(year)
	return n > DeepYears || n < -DeepYears
}

// YearWords words an astronomical year (0 is 1 BC) for readers: "2022"; "AD 79" or "79 CE"; "753 BC"
// or "753 BCE"; and beyond DeepYears from asOf, "13.8 billion years ago" or "in 5 billion years",
// rounded to at most four significant digits and no finer than the year is written (a year that
// ends in zeros is a round figure).
func (r Reckoning) YearWords(year int) string {
	if r.Deep(year) {
		n, step := abs(r.since(year)), r.step(year)
		n = (n + step/2) / step * step
		if r.since(year) < 0 {
			return "in " + CountYears(n, 0)
		}
		return CountYears(n, 0) + " ago"
	}
	switch {
	case year <= 0 && r.Common:
		return strconv.Itoa(1-year) + " BCE"
	case year <= 0:
		return strconv.Itoa(1-year) + " BC"
	case year < 1000 && r.Common:
		return strconv.Itoa(year) + " CE"
	case year < 1000:
		return "AD " + strconv.Itoa(year)
	}
	return groupDigits(year)
}

// yearStep is the step "years ago" are rounded to for year, n years from asOf: as coarse as the
// zeros that end the year say, as EDTF writes it or in BC (Y-300000 and -9999, 10000 BC, are round
// figures), but keeping two significant digits of n.
func yearStep(year, n int) int {
	step := 1
	for _, y := range []int{abs(year), abs(1 - year)} {
		s := 1
		for ; y >= 10 && y%10 == 0 && s*100 <= n; y /= 10 {
			s *= 10
		}
		step = max(step, s)
	}
	return step
}

// step returns what the words of year round to: 1 for a year worded by its number.
func (r Reckoning) step(year int) int {
	if !r.Deep(year) {
		return 1
	}
	n := abs(r.since(year))
	return max(yearStep(year, n), pow10(len(strconv.Itoa(n))-4))
}

// CountYears words n years rounded to sig significant digits (all of them when sig < 1): "1 year",
// "12,000 years", "538.8 million years", "13.8 billion years".
func CountYears(n, sig int) string {
	if sig > 0 {
		step := pow10(len(strconv.Itoa(n)) - sig)
		n = (n + step/2) / step * step
	}
	switch {
	case n == 1:
		return "1 year"
	case n >= 1_000_000_000:
		return strconv.FormatFloat(float64(n)/1e9, 'f', -1, 64) + " billion years"
	case n >= 1_000_000:
		return strconv.FormatFloat(float64(n)/1e6, 'f', -1, 64) + " million years"
	}
	return groupDigits(n) + " years"
}

// groupDigits writes n with commas between thousands from 10,000 up; shorter numbers, years
// especially, read better without.
func groupDigits(n int) string {
	s := strconv.Itoa(abs(n))
	if len(s) > 4 {
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		s = b.String()
	}
	if n < 0 {
		return "-" + s
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// pow10 returns 10 to the power e, and 1 for e below 1.
func pow10(e int) int {
	p := 1
	for ; e > 0; e-- {
		p *= 10
	}
	return p
}

// yearSuffixes are the words two year-only ends of an interval may share: "753–509 BC".
var yearSuffixes = []string{" BCE", " BC", " CE", " billion years ago", " million years ago", " years ago"}

// shareYearSuffix splits a common suffix off the words of two year-only ends, or returns them
// whole; "about" before both ends is said once, before the first.
func shareYearSuffix(a, b string) (prefix, left, right, shared string) {
	if x, ok := strings.CutPrefix(a, "about "); ok {
		if y, ok := strings.CutPrefix(b, "about "); ok {
			prefix, a, b = "about ", x, y
		}
	}
	for _, s := range yearSuffixes {
		if strings.HasSuffix(a, s) && strings.HasSuffix(b, s) && !strings.HasPrefix(a, "about ") {
			return prefix, strings.TrimSuffix(a, s), strings.TrimSuffix(b, s), s
		}
	}
	return "", prefix + a, prefix + b, ""
}
