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
	// MaxLanes is how many lanes a track may use; cards that would need more gather into a
	// cluster card in the last lane, which shows their count.
	MaxLanes int
	// TrackGap is the space between tracks.
	TrackGap float64
	// LabelH is the room at the top of each track, above its first lane, for the track's label:
	// cards never lie under it, however the timeline is scrolled.
	LabelH float64
	// AxisH is the least height of the axis band above the tracks.
	AxisH float64
	// Zoom stretches time: 1 is the default view, 2 gives every day twice the room. Cards keep
	// their size, so zooming out gathers more of them into clusters. Zero means 1.
	Zoom float64
	// Scale shapes the focus+context time scale at zoom 1.
	Scale ScaleOptions
}

// DefaultTimelineOptions returns the sizes the widget's stylesheet is written for.
func DefaultTimelineOptions() TimelineOptions {
	return TimelineOptions{
		CardW: 192, CardH: 100, LaneGap: 8, Lanes: 3, MaxLanes: 6, TrackGap: 14, LabelH: 20, AxisH: 69, Zoom: 1,
		Scale: ScaleOptions{MinSep: 84, PerLogDay: 18, BreakAfter: 62, BreakSep: 76, Pad: 116},
	}
}

// Zoom limits: far enough out to fit decades of events in a phone's width, far enough in to give
// every event of the busiest day its own card.
const (
	MinZoom = 1.0 / 4096
	MaxZoom = 8.0
)

// Marker is one event's place on the horizontal timeline.
type Marker struct {
	// Event is the index of the event in Story.Events.
	Event int
	// X is the left edge of the card: the position of the event's first day, or a column to its
	// right when the day holds more cards than its track's lanes.
	X float64
	// DayX is the position of the event's first day, where its dot belongs.
	DayX float64
	// SpanX1 is the position just after the event's last day (the asOf day for ongoing ones).
	SpanX1 float64
	// Y is the top of the card, from the top of the timeline.
	Y float64
	// Track is the index of the event's track in Story.Info.Tracks; Lane its lane within the track.
	Track, Lane int
	// Cluster is the index in Timeline.Clusters of the cluster card that stands for the event, or
	// -1 when the event has its own card.
	Cluster int
}

// Cluster is a card that stands for events too crowded to show one by one at this zoom.
type Cluster struct {
	// Events are indices into Story.Events, in time order.
	Events []int
	// X and Y are the card's top left; Track and Lane where it sits.
	X, Y        float64
	Track, Lane int
	// From and To are the first days of its earliest and latest events.
	From, To time.Time
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
	// Label words the year, month or day at X.
	Label string
	// Level is what the tick marks: PrecisionYear, PrecisionMonth or PrecisionDay.
	Level data.Precision
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

// Timeline is the computed horizontal layout of a story at one zoom. Markers are in story order.
type Timeline struct {
	Width, Height float64
	Zoom          float64
	Scale         Scale
	Markers       []Marker
	Clusters      []Cluster
	Tracks        []TrackBand
	Ticks         []Tick
	Eras          []EraBand
	// AsOfX is the position of the story's asOf day, where ongoing spans end.
	AsOfX float64
	// EraRows is the number of rows era labels take at the top of the axis band.
	EraRows int

	reach float64 // the furthest a card starts right of its day, in a column of a crowded day
}

// Window returns the positions lo to hi (exclusive) in order, the story's chronological order
// (Prepared.Order), of the events whose cards, or the cluster cards they start, may overlap the
// positions x0 to x1, for cards w wide. A big story's list draws only those: finding them costs
// a binary search, not a pass over every event.
func (t *Timeline) Window(order []int, x0, x1, w float64) (lo, hi int) {
	// A card starts at its day's position or up to reach right of it, and days only grow along order.
	lo = sort.Search(len(order), func(k int) bool { return t.Markers[order[k]].DayX >= x0-w-t.reach })
	hi = sort.Search(len(order), func(k int) bool { return t.Markers[order[k]].DayX > x1 })
	return lo, max(lo, hi)
}

// Axis band rows, from the top: era labels, then break labels and the asOf mark, then ticks.
const (
	eraRowH  = 15.0
	axisBase = 54.0
)

// Prepared is what every layout of a story shares, whatever the zoom: computed once per story.
type Prepared struct {
	story *data.Story
	// Order lists event indices chronologically: the order of lists, keyboard moves and the
	// vertical layout.
	Order  []int
	first  []float64 // first day of each event (see Day)
	last   []float64 // last day of each event, asOf for ongoing ones
	track  []int     // track index of each event
	days   []float64 // the scale's stops
	perDay map[float64][]int
	asOf   time.Time
}

// Prepare indexes s for LayoutTimeline.
func Prepare(s *data.Story) *Prepared {
	asOf := s.Info.AsOfDate.First()
	p := &Prepared{
		story:  s,
		first:  make([]float64, len(s.Events)),
		last:   make([]float64, len(s.Events)),
		track:  make([]int, len(s.Events)),
		perDay: map[float64][]int{},
		asOf:   asOf,
	}
	trackIndex := map[string]int{}
	for i, tr := range s.Info.Tracks {
		trackIndex[tr.ID] = i
	}
	// The scale passes through every event's first day, the asOf day, and the last day of
	// intervals whose end is known to the day, so those spans are drawn to scale.
	p.days = []float64{Day(asOf)}
	for i, ev := range s.Events {
		p.first[i] = Day(ev.When.First())
		p.last[i] = Day(ev.When.Last(asOf))
		p.track[i] = trackIndex[ev.Track]
		p.days = append(p.days, p.first[i])
		if ev.When.Interval && !ev.When.End.IsZero() && ev.When.End.Precision == data.PrecisionDay {
			p.days = append(p.days, Day(ev.When.End.Time))
		}
	}
	p.Order = make([]int, len(s.Events))
	for i := range p.Order {
		p.Order[i] = i
	}
	sort.SliceStable(p.Order, func(a, b int) bool {
		ea, eb := p.Order[a], p.Order[b]
		if p.first[ea] != p.first[eb] {
			return p.first[ea] < p.first[eb]
		}
		return p.last[ea] < p.last[eb]
	})
	for _, i := range p.Order {
		p.perDay[p.first[i]] = append(p.perDay[p.first[i]], i)
	}
	return p
}

// LayoutTimeline places every event of s on a focus+context axis, in its track, packing cards
// into lanes so that no two overlap. The result is deterministic.
func LayoutTimeline(s *data.Story, o TimelineOptions) *Timeline {
	return Prepare(s).Layout(o)
}

// FitZoom returns the zoom at which the whole story fits in width, within MinZoom and MaxZoom.
func (p *Prepared) FitZoom(o TimelineOptions, width float64) float64 {
	o.Zoom = 1
	sc := p.scale(o)
	breaks := 0.0 // breaks keep their width at every zoom
	for _, b := range sc.Breaks {
		breaks += b.X1 - b.X0
	}
	fixed := o.Scale.Pad + breaks + o.CardW + o.Scale.Pad/2
	stretch := sc.Extent() - o.Scale.Pad - breaks
	if stretch <= 0 {
		return 1
	}
	return min(max((width-fixed)/stretch, MinZoom), MaxZoom)
}

// Width is how wide Layout(o) would be: the scale alone decides it, so it costs none of the
// ticks, lanes and clusters a layout of a long story at a high zoom spends its time on.
func (p *Prepared) Width(o TimelineOptions) float64 {
	return p.scale(o).Extent() + o.CardW + o.Scale.Pad/2
}

// columns is how many columns the busiest track of a day needs to keep its cards in o.Lanes.
func (p *Prepared) columns(day float64, o TimelineOptions) int {
	evs := p.perDay[day]
	if len(evs) <= 1 {
		return 1 // most days: counting in a map for each cost more than the rest of the scale
	}
	count := map[int]int{}
	most := 0
	for _, i := range evs {
		count[p.track[i]]++
		most = max(most, count[p.track[i]])
	}
	lanes := max(o.Lanes, 1)
	return max(1, (most+lanes-1)/lanes)
}

func (p *Prepared) scale(o TimelineOptions) Scale {
	k := o.Zoom
	if k <= 0 {
		k = 1
	}
	so := o.Scale
	so.MinSep *= k
	so.PerLogDay *= k
	room := func(day float64) float64 {
		if c := p.columns(day, o); c > 1 {
			return k * float64(c) * (o.CardW + o.LaneGap)
		}
		return 0
	}
	return NewFocusScale(p.days, room, so)
}

// Layout lays the story out at o.Zoom.
func (p *Prepared) Layout(o TimelineOptions) *Timeline {
	s := p.story
	if o.Zoom <= 0 {
		o.Zoom = 1
	}
	t := &Timeline{Zoom: o.Zoom, Scale: p.scale(o)}
	t.AsOfX = t.Scale.Pos(Day(p.asOf))
	t.Ticks = Ticks(t.Scale, s.Info.Reckoning(), 12)

	// Cards of one day sit side by side in as many columns as the scale gave the day room for.
	perTrack := make([][]int, len(s.Info.Tracks))
	t.Markers = make([]Marker, len(s.Events))
	for day, evs := range p.perDay {
		x := t.Scale.Pos(day)
		// The room is up to the next stop, where the scale made it, not up to the next day: a
		// busy day followed by a quiet week has its columns there even though day+1 is close.
		room := t.Scale.Pos(t.Scale.after(day)) - x
		cols := max(1, min(p.columns(day, o), int((room+o.LaneGap/2)/(o.CardW+o.LaneGap))))
		seen := map[int]int{}
		for _, i := range evs {
			col := seen[p.track[i]] % cols
			seen[p.track[i]]++
			t.Markers[i] = Marker{
				Event: i, X: x + float64(col)*(o.CardW+o.LaneGap), DayX: x,
				SpanX1: t.Scale.Pos(p.last[i] + 1), Track: p.track[i], Cluster: -1,
			}
		}
	}
	for _, i := range p.Order {
		perTrack[p.track[i]] = append(perTrack[p.track[i]], i)
	}

	t.Eras, t.EraRows = eraBands(s, t.Scale, p.asOf)
	y := max(o.AxisH, axisBase+eraRowH*float64(t.EraRows))
	for ti, tr := range s.Info.Tracks {
		idx := perTrack[ti]
		sort.SliceStable(idx, func(a, b int) bool { return t.Markers[idx[a]].X < t.Markers[idx[b]].X })
		n := t.packTrack(idx, ti, y+o.LabelH, o)
		h := o.LabelH + float64(max(n, 1))*(o.CardH+o.LaneGap) + o.LaneGap
		t.Tracks = append(t.Tracks, TrackBand{ID: tr.ID, Label: tr.Label, Y: y, H: h})
		y += h + o.TrackGap
	}
	t.Height = y
	t.Width = p.Width(o)
	for _, m := range t.Markers {
		t.reach = max(t.reach, m.X-m.DayX)
	}
	for ci := range t.Clusters {
		c := &t.Clusters[ci]
		c.From, c.To = dayTime(p.first[c.Events[0]]), dayTime(p.first[c.Events[0]])
		for _, i := range c.Events {
			c.From = minTime(c.From, dayTime(p.first[i]))
			c.To = maxTime(c.To, dayTime(p.first[i]))
		}
	}
	return t
}

// packTrack gives the cards of one track (sorted by X) lanes, first fit. A card that finds no
// free lane among MaxLanes joins the cluster in the last lane, which takes over the card there,
// so clusters never overlap cards either. It returns the number of lanes used.
func (t *Timeline) packTrack(idx []int, track int, top float64, o TimelineOptions) int {
	maxLanes := max(o.MaxLanes, 1)
	step := o.CardW + o.LaneGap
	ends := make([]float64, maxLanes) // right end of what each lane holds
	holder := make([]int, maxLanes)   // event in each lane, or -(cluster+1)
	used := 0
	for _, i := range idx {
		m := &t.Markers[i]
		lane := -1
		for l := range maxLanes {
			if l >= used || ends[l] <= m.X {
				lane = l
				break
			}
		}
		if lane >= 0 {
			m.Lane, m.Y = lane, top+o.LaneGap/2+float64(lane)*(o.CardH+o.LaneGap)
			ends[lane], holder[lane] = m.X+step, i
			used = max(used, lane+1)
			continue
		}
		last := maxLanes - 1
		ci := -holder[last] - 1
		if holder[last] >= 0 {
			// Turn the card in the last lane into a cluster holding it.
			first := &t.Markers[holder[last]]
			t.Clusters = append(t.Clusters, Cluster{
				Events: []int{holder[last]}, X: first.X, Y: first.Y, Track: track, Lane: last,
			})
			ci = len(t.Clusters) - 1
			first.Cluster = ci
			holder[last] = -(ci + 1)
		}
		c := &t.Clusters[ci]
		c.Events = append(c.Events, i)
		m.Cluster, m.Lane, m.Y = ci, last, c.Y
	}
	return used
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Ticks chooses the axis's labelled marks: years that have room, then the days events start on,
// then months and days where the scale gives them room, never closer than a label's width plus gap
// (CSS pixels). Labels are left-aligned at their mark, so a mark needs room to its right. Where the
// scale squeezes many years into little room, in deep time above all, it marks round years in the
// units that fit (decades, centuries, millions or billions of years) and words them with r.
func Ticks(s Scale, r data.Reckoning, gap float64) []Tick {
	n := len(s.domain)
	if n == 0 {
		return nil
	}
	var kept []Tick
	// add keeps a tick where its label, and gap on each side, leave the labels kept clear.
	add := func(tm time.Time, label string, level data.Precision) {
		x := s.Pos(Day(tm))
		if x < s.rng[0]-0.5 {
			return
		}
		i := sort.Search(len(kept), func(i int) bool { return kept[i].X >= x })
		if i > 0 && kept[i-1].X+LabelWidth(kept[i-1].Label, 6.6)+gap > x ||
			i < len(kept) && x+LabelWidth(label, 6.6)+gap > kept[i].X {
			return
		}
		kept = append(kept, Tick{})
		copy(kept[i+1:], kept[i:])
		kept[i] = Tick{X: x, Label: label, Level: level}
	}
	year := func(y int) { add(jan1(y), r.YearWords(y), data.PrecisionYear) }
	month := func(m time.Time) string { return m.Format("Jan") + " " + r.YearWords(m.Year()) }
	day := func(d time.Time) string { return strconv.Itoa(d.Day()) + " " + d.Format("Jan") }

	from := dayTime(s.domain[0])
	if !jan1(from.Year()).Equal(from) {
		add(from, r.YearWords(from.Year()), data.PrecisionYear) // the start gets its year even mid-year
	}
	// The years of each stretch between stops (whose first days lie after its start, up to its
	// end), at a round step that gives the stretch at most one candidate per 10 pixels. Those of
	// stretches longer than a millennium, squeezed into a break, come after the days events start
	// on, which they would otherwise crowd out.
	stretchYears := func(long bool) {
		for i := 0; i+1 < n; i++ {
			y0, y1 := dayTime(s.domain[i]).Year(), dayTime(s.domain[i+1]).Year()
			if i == 0 && jan1(y0).Equal(from) {
				y0--
			}
			if y1 <= y0 || (y1-y0 > 1000) != long {
				continue
			}
			roundYears(y0+1, y1, roundStep(y1-y0, (s.rng[i+1]-s.rng[i])/10), year)
		}
	}
	stretchYears(false)
	// The days events start on come next: they are what readers look for.
	for _, d := range s.Stops() {
		tm := dayTime(d)
		switch {
		case tm.Day() == 1 && tm.Month() == time.January:
			year(tm.Year())
		case tm.Day() == 1:
			add(tm, month(tm), data.PrecisionMonth)
		default:
			add(tm, day(tm), data.PrecisionDay)
		}
	}
	stretchYears(true)
	// Months that have 60 pixels, and their days that have 40, can only lie in stretches that
	// give a day at least 60/31 pixels: only those stretches are walked, a month at a time.
	var done time.Time // the first month not yet walked
	for i := 0; i+1 < n; i++ {
		if (s.rng[i+1]-s.rng[i])*31 < 60*(s.domain[i+1]-s.domain[i]) {
			continue
		}
		to := dayTime(s.domain[i+1])
		m := dayTime(s.domain[i])
		m = time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, time.UTC)
		if m.Before(done) {
			m = done
		}
		for ; !m.After(to); m = m.AddDate(0, 1, 0) {
			next := m.AddDate(0, 1, 0)
			done = next
			if s.Pos(Day(next))-s.Pos(Day(m)) < 60 {
				continue
			}
			if m.Month() != time.January {
				add(m, month(m), data.PrecisionMonth)
			}
			for d := m.AddDate(0, 0, 1); d.Before(next) && !d.After(dayTime(s.domain[n-1])); d = d.AddDate(0, 0, 1) {
				if s.Pos(Day(d)+1)-s.Pos(Day(d)) >= 40 {
					add(d, day(d), data.PrecisionDay)
				}
			}
		}
	}
	return kept
}

// jan1 returns the first day of year y, at midnight UTC.
func jan1(y int) time.Time { return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC) }

// roundStep returns the least round number of years (1, 2 or 5 times a power of ten) that cuts
// span years into at most room pieces (at least one).
func roundStep(span int, room float64) int {
	room = max(room, 1)
	for step := 1; ; step *= 10 {
		for _, k := range []int{1, 2, 5} {
			if float64(span)/float64(k*step) <= room || k*step >= span {
				return k * step
			}
		}
	}
}

// roundYears calls year, in order, for each year from y0 to y1 that is round for step: a multiple
// of step after the year 0, and before it a year whose BC number is one (100 BC, not 101 BC).
func roundYears(y0, y1, step int, year func(int)) {
	if y0 <= 0 {
		// BC numbers run from 1-y0 down to 1-min(y1, 0), largest first.
		hi, lo := 1-y0, 1-min(y1, 0)
		for bc := hi / step * step; bc >= lo && bc > 0; bc -= step {
			year(1 - bc)
		}
		y0 = 1
	}
	for y := (y0 + step - 1) / step * step; y <= y1; y += step {
		year(y)
	}
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
