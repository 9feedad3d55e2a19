package layout

import (
	"sort"
	"strconv"
	"time"

	"timeline/data"
)

// TimelineOptions sizes the horizontal timeline. All lengths are CSS pixels.
type TimelineOptions struct {
	// CardW and CardH are the size of an event's card (date and headline).
	CardW, CardH float64
	// LaneGap is the space between cards, across and along.
	LaneGap float64
	// Lanes is how many cards of one day a track stacks before the day gets more columns.
	Lanes int
	// TrackGap is the space between tracks.
	TrackGap float64
	// AxisH is the height of the axis band above the tracks.
	AxisH float64
	// Scale shapes the focus+context time scale.
	Scale ScaleOptions
}

// DefaultTimelineOptions returns the sizes the widget's stylesheet is written for.
func DefaultTimelineOptions() TimelineOptions {
	return TimelineOptions{
		CardW: 176, CardH: 78, LaneGap: 8, Lanes: 3, TrackGap: 14, AxisH: 69,
		Scale: ScaleOptions{MinSep: 84, PerLogDay: 18, BreakAfter: 62, BreakSep: 76, Pad: 116},
	}
}

// Marker is one event's place on the horizontal timeline.
type Marker struct {
	// Event is the index of the event in Story.Events.
	Event int
	// X is the left edge of the card: the position of the event's first day.
	X float64
	// SpanW is the width of the bar showing how long the date covers; 0 for a single exact day.
	SpanW float64
	// Y is the top of the card, from the top of the timeline.
	Y float64
	// Track is the index of the event's track in Story.Info.Tracks; Lane its lane within the track.
	Track, Lane int
}

// TrackBand is one track's horizontal band.
type TrackBand struct {
	// ID and Label come from the story's track.
	ID, Label string
	// Y and H are the band's top and height.
	Y, H float64
}

// Tick is one labelled mark on the time axis.
type Tick struct {
	// X is the mark's position.
	X float64
	// Label words the day, month or year at X, as precisely as the events there are dated.
	Label string
}

// EraBand is an era drawn behind the tracks.
type EraBand struct {
	// ID and Label come from the story's era.
	ID, Label string
	// X0 and X1 are the band's left and right edges.
	X0, X1 float64
	// Open is true when the era is ongoing at the story's asOf date.
	Open bool
	// Row is the label's row in the axis band, so that labels of overlapping eras never collide.
	Row int
}

// Timeline is the computed horizontal layout of a story. Markers are in story order; Order lists
// event indices chronologically, the order of lists, keyboard moves and the vertical layout.
type Timeline struct {
	Width, Height float64
	Scale         Scale
	Markers       []Marker
	Order         []int
	Tracks        []TrackBand
	Ticks         []Tick
	Eras          []EraBand
	// AsOfX is the position of the story's asOf day, where ongoing spans end.
	AsOfX float64
	// EraRows is the number of rows era labels take at the top of the axis band.
	EraRows int
}

// Axis band rows, from the top: era labels, then break labels and the asOf mark, then ticks.
const (
	eraRowH  = 15.0
	axisBase = 54.0
)

// LayoutTimeline places every event of s on a focus+context axis, in its track, packing cards
// into lanes so that no two overlap. The result is deterministic.
func LayoutTimeline(s *data.Story, o TimelineOptions) *Timeline {
	asOf := s.Info.AsOfDate.First()
	t := &Timeline{Order: ChronologicalOrder(s)}

	// The scale passes through every event's first day, the asOf day, and the last day of
	// intervals whose end is known to the day, so those spans are drawn to scale.
	days := []float64{Day(asOf)}
	finest := map[float64]data.Precision{Day(asOf): data.PrecisionDay}
	for _, ev := range s.Events {
		d := Day(ev.When.First())
		days = append(days, d)
		if p := startPrecision(ev.When); finest[d] == 0 || p < finest[d] {
			finest[d] = p
		}
		if ev.When.Interval && !ev.When.End.IsZero() && ev.When.End.Precision == data.PrecisionDay {
			days = append(days, Day(ev.When.End.Time))
		}
	}
	// A day with more cards in one track than Lanes gets columns, and the room to hold them.
	perDay := map[float64]map[string]int{}
	for _, ev := range s.Events {
		d := Day(ev.When.First())
		if perDay[d] == nil {
			perDay[d] = map[string]int{}
		}
		perDay[d][ev.Track]++
	}
	lanes := max(o.Lanes, 1)
	columns := func(day float64) int {
		most := 0
		for _, n := range perDay[day] {
			most = max(most, n)
		}
		return max(1, (most+lanes-1)/lanes)
	}
	room := func(day float64) float64 {
		if c := columns(day); c > 1 {
			return float64(c) * (o.CardW + o.LaneGap)
		}
		return 0
	}
	t.Scale = NewFocusScale(days, room, o.Scale)
	t.AsOfX = t.Scale.Pos(Day(asOf))
	t.Ticks = ticks(t.Scale, finest)

	trackIndex := map[string]int{}
	for i, tr := range s.Info.Tracks {
		trackIndex[tr.ID] = i
	}
	perTrack := make([][]int, len(s.Info.Tracks))
	t.Markers = make([]Marker, len(s.Events))
	seen := map[float64]map[string]int{} // cards placed so far, by day and track
	for _, i := range t.Order {
		ev := s.Events[i]
		d := Day(ev.When.First())
		if seen[d] == nil {
			seen[d] = map[string]int{}
		}
		col := seen[d][ev.Track] % columns(d)
		seen[d][ev.Track]++
		x0 := t.Scale.Pos(d)
		x1 := t.Scale.Pos(Day(ev.When.Last(asOf)) + 1)
		m := Marker{Event: i, X: x0 + float64(col)*(o.CardW+o.LaneGap), Track: trackIndex[ev.Track]}
		if !ev.When.Exact() {
			m.SpanW = max(x1-m.X, 0)
		}
		t.Markers[i] = m
		perTrack[m.Track] = append(perTrack[m.Track], i)
	}

	t.Eras, t.EraRows = eraBands(s, t.Scale, asOf)
	y := max(o.AxisH, axisBase+eraRowH*float64(t.EraRows))
	for ti, tr := range s.Info.Tracks {
		idx := perTrack[ti]
		sort.SliceStable(idx, func(a, b int) bool { return t.Markers[idx[a]].X < t.Markers[idx[b]].X })
		spans := make([]Span, len(idx))
		for k, i := range idx {
			// A card holds its lane for its own width only: a long span's bar is clipped to the
			// card, so that one long interval does not push every later card down.
			m := t.Markers[i]
			spans[k] = Span{Start: m.X, End: m.X + o.CardW + o.LaneGap}
		}
		lanes, n := PackLanes(spans)
		for k, i := range idx {
			t.Markers[i].Lane = lanes[k]
			t.Markers[i].Y = y + o.LaneGap/2 + float64(lanes[k])*(o.CardH+o.LaneGap)
		}
		h := float64(max(n, 1))*(o.CardH+o.LaneGap) + o.LaneGap
		t.Tracks = append(t.Tracks, TrackBand{ID: tr.ID, Label: tr.Label, Y: y, H: h})
		y += h + o.TrackGap
	}
	t.Height = y
	t.Width = t.Scale.Extent() + o.CardW + o.Scale.Pad/2

	return t
}

// eraBands places the eras and gives their labels rows so that none overlaps another.
func eraBands(s *data.Story, sc Scale, asOf time.Time) ([]EraBand, int) {
	bands := make([]EraBand, len(s.Info.Eras))
	spans := make([]Span, len(bands))
	for i, era := range s.Info.Eras {
		x0 := sc.Pos(Day(era.When.First()))
		bands[i] = EraBand{
			ID: era.ID, Label: era.Label,
			X0:   x0,
			X1:   sc.Pos(Day(era.When.Last(asOf)) + 1),
			Open: era.When.OpenEnd,
		}
		spans[i] = Span{Start: x0, End: x0 + LabelWidth(era.Label, 6.4) + 16}
	}
	rows, n := PackLanes(spans)
	for i := range bands {
		bands[i].Row = rows[i]
	}
	return bands, n
}

// LabelWidth estimates the width in CSS pixels of a one-line label at charW pixels a character.
func LabelWidth(label string, charW float64) float64 {
	return float64(len([]rune(label))) * charW
}

// ChronologicalOrder returns the indices of s.Events sorted by first day, then last day, then
// story order, so that ties are deterministic.
func ChronologicalOrder(s *data.Story) []int {
	asOf := s.Info.AsOfDate.First()
	order := make([]int, len(s.Events))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ea, eb := s.Events[order[a]].When, s.Events[order[b]].When
		if fa, fb := ea.First(), eb.First(); !fa.Equal(fb) {
			return fa.Before(fb)
		}
		return ea.Last(asOf).Before(eb.Last(asOf))
	})
	return order
}

func startPrecision(d data.Date) data.Precision {
	if d.Start.IsZero() {
		return d.End.Precision
	}
	return d.Start.Precision
}

// ticks labels each stop of the scale as precisely as the finest date anchored there, naming the
// year only where it changes so that labels stay short.
func ticks(s Scale, finest map[float64]data.Precision) []Tick {
	var out []Tick
	lastYear := -1
	for _, d := range s.Stops() {
		tm := dayTime(d)
		var label string
		switch finest[d] {
		case data.PrecisionYear:
			label = strconv.Itoa(tm.Year())
		case data.PrecisionMonth:
			label = tm.Format("Jan 2006")
		default:
			label = strconv.Itoa(tm.Day()) + " " + tm.Format("Jan")
			if tm.Year() != lastYear {
				label += " " + strconv.Itoa(tm.Year())
			}
		}
		lastYear = tm.Year()
		out = append(out, Tick{X: s.Pos(d), Label: label})
	}
	return out
}

// Span is a horizontal extent [Start, End) in CSS pixels.
type Span struct{ Start, End float64 }

// PackLanes assigns each span the lowest lane in which it overlaps no earlier span, taking spans
// in the order given (callers pass them sorted by Start). It returns each span's lane and the
// number of lanes used.
func PackLanes(spans []Span) (lanes []int, n int) {
	lanes = make([]int, len(spans))
	var ends []float64 // right end of the last span in each lane
	for i, sp := range spans {
		lane := -1
		for l, e := range ends {
			if e <= sp.Start {
				lane = l
				break
			}
		}
		if lane < 0 {
			lane = len(ends)
			ends = append(ends, 0)
		}
		ends[lane] = sp.End
		lanes[i] = lane
	}
	return lanes, len(ends)
}
