package layout

import (
	"math"
	"sort"
	"strconv"
	"time"

	"timeline/data"
)

const secondsPerDay = 86400

// Day returns t as a number of UTC days since 1970-01-01, the domain unit of Scale.
func Day(t time.Time) float64 {
	return float64(t.Unix()) / secondsPerDay
}

// Scale is a piecewise-linear map from days (see Day) to x positions in CSS pixels, the shape of a
// focus+context axis: every stop of the domain maps to its own x, and positions between stops are
// interpolated. Days before the first stop or after the last clamp to the ends. The zero Scale maps
// everything to 0.
type Scale struct {
	domain []float64 // increasing days
	rng    []float64 // increasing x, same length as domain
	// Breaks are the gaps the scale squeezes: distances there are not to scale, so they are drawn
	// and labelled.
	Breaks []Break
}

// Break is a stretch of time the scale squeezes into a fixed width.
type Break struct {
	// X0 and X1 are the pixel ends of the squeezed stretch.
	X0, X1 float64
	// From and To are the days it spans.
	From, To time.Time
	// Label words the length of the gap ("6 years").
	Label string
}

// ScaleOptions tunes NewFocusScale. All widths are CSS pixels.
type ScaleOptions struct {
	// MinSep is the distance between stops one day apart; stops further apart get more, growing
	// with the logarithm of the gap.
	MinSep float64
	// PerLogDay is how much each natural-log unit of gap (in days) adds to MinSep.
	PerLogDay float64
	// BreakAfter is the gap in days beyond which the stretch is drawn as an axis break.
	BreakAfter float64
	// BreakSep is the width of a break, or the least width when its label needs more.
	BreakSep float64
	// Pad is the margin before the first stop and after the last.
	Pad float64
}

// NewFocusScale returns a scale through the given days (any order, duplicates ignored) that gives
// dense stretches room and squeezes long gaps into labelled breaks. Order is always kept: a later
// day never maps left of an earlier one.
//
// room, when not nil, gives the least width a stop needs before the next one (for example to set
// several cards of one day side by side); it never shortens the usual separation.
func NewFocusScale(days []float64, room func(day float64) float64, o ScaleOptions) Scale {
	stops := uniqueSorted(days)
	s := Scale{}
	if len(stops) == 0 {
		return s
	}
	s.domain = make([]float64, 0, len(stops)+1)
	s.rng = make([]float64, 0, len(stops)+1)
	x := o.Pad
	for i, d := range stops {
		if i > 0 {
			prev := stops[i-1]
			gap := d - prev
			need := 0.0
			if room != nil {
				need = room(prev)
			}
			if gap > o.BreakAfter {
				x += need
				// A break is as wide as its label needs ("9.2 billion years"), at least BreakSep.
				label := gapWords(gap)
				w := max(o.BreakSep, LabelWidth(label, 6.6)+16)
				s.Breaks = append(s.Breaks, Break{
					X0: x, X1: x + w,
					From: dayTime(prev), To: dayTime(d),
					Label: label,
				})
				x += w
			} else {
				x += max(o.MinSep+o.PerLogDay*math.Log(math.Max(gap, 1)), need)
			}
		}
		s.domain = append(s.domain, d)
		s.rng = append(s.rng, x)
	}
	// A last stop one day later gives the final day a width, so a day-long mark ends inside.
	s.domain = append(s.domain, stops[len(stops)-1]+1)
	last := o.MinSep
	if room != nil {
		last = max(last, room(stops[len(stops)-1]))
	}
	s.rng = append(s.rng, x+last)
	return s
}

// Pos returns the x position in CSS pixels of day d. Days outside the domain clamp.
func (s Scale) Pos(d float64) float64 { return piecewise(s.domain, s.rng, d) }

// Invert returns the day at x, the inverse of Pos. Positions outside the range clamp.
func (s Scale) Invert(x float64) float64 { return piecewise(s.rng, s.domain, x) }

// piecewise maps v from the stops of from to those of to (as many, both ascending), linearly
// between two stops; values outside from clamp to the ends of to, and no stops give 0. Pos maps
// days to positions with it, Invert positions to days.
func piecewise(from, to []float64, v float64) float64 {
	n := len(from)
	switch {
	case n == 0:
		return 0
	case v <= from[0]:
		return to[0]
	case v >= from[n-1]:
		return to[n-1]
	}
	i := sort.SearchFloat64s(from, v) // from[i-1] < v <= from[i]
	v0, v1 := from[i-1], from[i]
	t0, t1 := to[i-1], to[i]
	return t0 + (t1-t0)*(v-v0)/(v1-v0)
}

// Extent returns the x of the last stop, the width the scale needs before its right padding.
func (s Scale) Extent() float64 {
	if len(s.rng) == 0 {
		return 0
	}
	return s.rng[len(s.rng)-1]
}

// after returns the first stop after day d (the closing stop included), or d+1 when there is none.
func (s Scale) after(d float64) float64 {
	i := sort.SearchFloat64s(s.domain, d)
	for i < len(s.domain) && s.domain[i] <= d {
		i++
	}
	if i < len(s.domain) {
		return s.domain[i]
	}
	return d + 1
}

// Stops returns the days the scale passes through, in order, without the closing stop.
func (s Scale) Stops() []float64 {
	if len(s.domain) == 0 {
		return nil
	}
	return s.domain[:len(s.domain)-1]
}

func uniqueSorted(days []float64) []float64 {
	out := append([]float64(nil), days...)
	// Not sort.Float64s: it would add a sort of float64s to the bundle, where sort.Slice's code
	// is there already. Days are never NaN, the one value the two order differently.
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	j := 0
	for i, d := range out {
		if i == 0 || d != out[j-1] {
			out[j] = d
			j++
		}
	}
	return out[:j]
}

// dayTime returns the midnight UTC nearest day d. Whole days only: far from 1970 a float64 of
// seconds loses the time of day, and rounding brings back the day.
func dayTime(d float64) time.Time {
	return time.Unix(int64(math.Round(d))*secondsPerDay, 0).UTC()
}

// gapWords words a gap of days the way an axis break is labelled; from 10,000 years up, rounded to
// three significant digits ("9.2 billion years").
func gapWords(days float64) string {
	switch {
	case days >= 730:
		n := int(math.Round(days / 365.2425))
		if n < data.DeepYears {
			return data.CountYears(n, 0)
		}
		return data.CountYears(n, 3)
	case days >= 365:
		return "1 year"
	case days >= 60:
		return strconv.Itoa(int(math.Round(days/30.44))) + " months"
	default:
		return strconv.Itoa(int(math.Round(days/7))) + " weeks"
	}
}
