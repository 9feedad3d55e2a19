//go:build !wasm

package layout

import (
	"math"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"timeline/data"
)

// deepStory is the story from the Big Bang to 2022 made for the tests: 13.8 billion years, BC
// dates and a last week.
func deepStory(t *testing.T) *data.Story {
	t.Helper()
	b, err := os.ReadFile("../../data/testdata/deep-time/big-bang-to-2022.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := data.Decode("big-bang-to-2022.json", b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func seedStory(t *testing.T) *data.Story {
	t.Helper()
	stories, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stories {
		if s.Info.ID == "ukraine-2022-01" {
			return s
		}
	}
	t.Fatal("the seed story ukraine-2022-01 is not embedded")
	return nil
}

// cards returns the boxes of everything drawn on the timeline: own cards and cluster cards.
func cards(tl *Timeline, o TimelineOptions) (boxes []Rect, names []string) {
	for i, m := range tl.Markers {
		if m.Cluster < 0 {
			boxes = append(boxes, Rect{X: m.X, Y: m.Y, W: o.CardW, H: o.CardH})
			names = append(names, "event "+strconv.Itoa(i))
		}
	}
	for i, c := range tl.Clusters {
		boxes = append(boxes, Rect{X: c.X, Y: c.Y, W: o.CardW, H: o.CardH})
		names = append(names, "cluster "+strconv.Itoa(i))
	}
	return boxes, names
}

func TestTimelineCardsNeverOverlap(t *testing.T) {
	stories := map[string]*data.Story{
		"seed":      seedStory(t),
		"deep time": deepStory(t),
		"generated": data.Generate(data.GenerateOptions{Events: 2000, Seed: 5}),
		"tiny":      data.Generate(data.GenerateOptions{Events: 3, Actors: 2, Seed: 6}),
	}
	for name, s := range stories {
		p := Prepare(s)
		for _, zoom := range []float64{MinZoom, 0.01, 0.1, 0.5, 1, 2, MaxZoom} {
			o := DefaultTimelineOptions()
			o.Zoom = zoom
			tl := p.Layout(o)
			boxes, names := cards(tl, o)
			for i, a := range boxes {
				if a.X < 0 || a.X+a.W > tl.Width+0.01 || a.Y < 0 || a.Y+a.H > tl.Height {
					t.Errorf("%s at zoom %v: %s lies outside the timeline: %+v in %vx%v", name, zoom, names[i], a, tl.Width, tl.Height)
				}
				for j := i + 1; j < len(boxes); j++ {
					if a.Overlaps(boxes[j]) {
						t.Fatalf("%s at zoom %v: %s and %s overlap: %+v %+v", name, zoom, names[i], names[j], a, boxes[j])
					}
				}
			}
		}
	}
}

func TestTheSeedStoryNeedsNoClusterByDefault(t *testing.T) {
	tl := LayoutTimeline(seedStory(t), DefaultTimelineOptions())
	if len(tl.Clusters) > 0 {
		t.Errorf("the default view gathers %d clusters; every event should have its own card", len(tl.Clusters))
	}
}

func TestClustersHoldEveryCrowdedEvent(t *testing.T) {
	s := data.Generate(data.GenerateOptions{Events: 3000, Seed: 9})
	o := DefaultTimelineOptions()
	o.Zoom = 0.001
	tl := Prepare(s).Layout(o)
	if len(tl.Clusters) == 0 {
		t.Fatal("3,000 events zoomed far out gather into no cluster")
	}
	seen := 0
	for ci, c := range tl.Clusters {
		for _, i := range c.Events {
			if tl.Markers[i].Cluster != ci {
				t.Errorf("event %d is in cluster %d but its marker says %d", i, ci, tl.Markers[i].Cluster)
			}
			seen++
		}
		if c.From.After(c.To) {
			t.Errorf("cluster %d runs from %v to %v", ci, c.From, c.To)
		}
	}
	for _, m := range tl.Markers {
		if m.Cluster < 0 {
			seen++
		}
	}
	if seen != len(s.Events) {
		t.Errorf("%d events are drawn, want %d", seen, len(s.Events))
	}
}

func TestFitZoomFitsTheWidth(t *testing.T) {
	for _, s := range []*data.Story{seedStory(t), deepStory(t), data.Generate(data.GenerateOptions{Events: 1000, Seed: 3})} {
		p := Prepare(s)
		for _, width := range []float64{320, 768, 1280} {
			o := DefaultTimelineOptions()
			o.Zoom = p.FitZoom(o, width)
			if tl := p.Layout(o); tl.Width > width+1 && o.Zoom > MinZoom {
				t.Errorf("%s fitted to %v is %v wide (zoom %v)", s.Info.ID, width, tl.Width, o.Zoom)
			}
		}
	}
}

func TestTicksNeverCollide(t *testing.T) {
	for _, s := range []*data.Story{seedStory(t), deepStory(t), data.Generate(data.GenerateOptions{Events: 1000, Seed: 3})} {
		p := Prepare(s)
		for _, zoom := range []float64{0.001, 0.05, 0.3, 1, 4} {
			o := DefaultTimelineOptions()
			o.Zoom = zoom
			ticks := p.Layout(o).Ticks
			if len(ticks) == 0 {
				t.Errorf("%s at zoom %v has no ticks", s.Info.ID, zoom)
			}
			for i := 1; i < len(ticks); i++ {
				if prev := ticks[i-1]; prev.X+LabelWidth(prev.Label, 6.6) > ticks[i].X {
					t.Errorf("%s at zoom %v: ticks %q and %q collide", s.Info.ID, zoom, prev.Label, ticks[i].Label)
				}
			}
		}
	}
}

// TestWindowHoldsEveryCardInIt checks Window against a pass over every event: whatever the
// zoom and the window, every card or cluster card overlapping it starts within the range.
func TestWindowHoldsEveryCardInIt(t *testing.T) {
	o := DefaultTimelineOptions()
	for _, s := range []*data.Story{seedStory(t), data.Generate(data.GenerateOptions{Events: 3000, Seed: 9})} {
		p := Prepare(s)
		for _, zoom := range []float64{p.FitZoom(o, 1200), 0.25, 1, 4} {
			o.Zoom = zoom
			tl := p.Layout(o)
			for x0 := -500.0; x0 < tl.Width+500; x0 += tl.Width/37 + 11 {
				x1 := x0 + 900
				lo, hi := tl.Window(p.Order, x0, x1, o.CardW)
				for k, i := range p.Order {
					m := tl.Markers[i]
					x := m.X
					if m.Cluster >= 0 {
						c := tl.Clusters[m.Cluster]
						if c.Events[0] != i {
							continue // drawn where its cluster's first event is
						}
						x = c.X
					}
					if x+o.CardW >= x0 && x <= x1 && (k < lo || k >= hi) {
						t.Fatalf("%s at zoom %g: event %d (card at %.0f) overlaps %.0f–%.0f but lies outside the window %d–%d (at %d)",
							s.Info.ID, zoom, i, x, x0, x1, lo, hi, k)
					}
				}
				if all := len(p.Order); tl.Width > 20*(x1-x0) && hi-lo == all && all > 100 {
					t.Errorf("%s at zoom %g: the window %.0f–%.0f is the whole story", s.Info.ID, zoom, x0, x1)
				}
			}
		}
	}
}

func TestTimelineCardsSitInTheirTrack(t *testing.T) {
	s := seedStory(t)
	o := DefaultTimelineOptions()
	tl := LayoutTimeline(s, o)
	for i, m := range tl.Markers {
		band := tl.Tracks[m.Track]
		if band.ID != s.Events[i].Track || m.Y < band.Y || m.Y+o.CardH > band.Y+band.H {
			t.Errorf("card of %s (track %s) is not inside band %+v", s.Events[i].ID, s.Events[i].Track, band)
		}
	}
}

func TestTimelineOrderIsChronological(t *testing.T) {
	s := seedStory(t)
	tl := Prepare(s)
	if len(tl.Order) != len(s.Events) {
		t.Fatalf("Order has %d events, want %d", len(tl.Order), len(s.Events))
	}
	for k := 1; k < len(tl.Order); k++ {
		a, b := s.Events[tl.Order[k-1]].When.First(), s.Events[tl.Order[k]].When.First()
		if b.Before(a) {
			t.Errorf("%s comes before %s in Order", s.Events[tl.Order[k-1]].ID, s.Events[tl.Order[k]].ID)
		}
	}
}

func TestTimelineIsDeterministic(t *testing.T) {
	s := seedStory(t)
	a := LayoutTimeline(s, DefaultTimelineOptions())
	b := LayoutTimeline(s, DefaultTimelineOptions())
	if !reflect.DeepEqual(a, b) {
		t.Error("two layouts of the same story differ")
	}
}

func TestTimelineLaterDaysNeverLeftOfEarlierOnes(t *testing.T) {
	for _, s := range []*data.Story{seedStory(t), deepStory(t)} {
		tl := LayoutTimeline(s, DefaultTimelineOptions())
		order := Prepare(s).Order
		for _, i := range order {
			for _, j := range order {
				di, dj := s.Events[i].When.First(), s.Events[j].When.First()
				if di.Before(dj) && tl.Scale.Pos(Day(di)) >= tl.Scale.Pos(Day(dj)) {
					t.Fatalf("%s: %s (%s) is not left of %s (%s)", s.Info.ID, s.Events[i].ID, di, s.Events[j].ID, dj)
				}
			}
		}
	}
}

// TestDeepTimeAxisReadsRight: across 13.8 billion years the axis breaks every long gap, each break
// labelled in units that fit and wide enough for its label; ticks word years for readers (no
// negative year numbers) and the Big Bang's tick counts billions of years.
func TestDeepTimeAxisReadsRight(t *testing.T) {
	s := deepStory(t)
	p := Prepare(s)
	for _, zoom := range []float64{MinZoom, 0.05, 1, MaxZoom} {
		o := DefaultTimelineOptions()
		o.Zoom = zoom
		tl := p.Layout(o)
		var labels []string
		for i, b := range tl.Scale.Breaks {
			labels = append(labels, b.Label)
			if b.X1-b.X0 < LabelWidth(b.Label, 6.6)+16-0.01 {
				t.Errorf("zoom %v: break %q is %v wide, too narrow for its label", zoom, b.Label, b.X1-b.X0)
			}
			if i > 0 && b.X0 < tl.Scale.Breaks[i-1].X1 {
				t.Errorf("zoom %v: breaks %q and %q overlap", zoom, tl.Scale.Breaks[i-1].Label, b.Label)
			}
		}
		got := strings.Join(labels, ", ")
		for _, want := range []string{"200 million years", "8.4 billion years", "291,000 years", "8748 years", "244 years", "1494 years", "7 months"} {
			if !strings.Contains(got, want) {
				t.Errorf("zoom %v: no break is labelled %q: %s", zoom, want, got)
			}
		}
		negative := regexp.MustCompile(`(^|[^0-9])-[0-9]`)
		var ticks []string
		for _, tk := range tl.Ticks {
			ticks = append(ticks, tk.Label)
			if negative.MatchString(tk.Label) {
				t.Errorf("zoom %v: tick %q shows a negative year", zoom, tk.Label)
			}
		}
		if len(tl.Ticks) == 0 || tl.Ticks[0].Label != "13.8 billion years ago" {
			t.Errorf("zoom %v: the first tick is not the Big Bang's: %q", zoom, ticks)
		}
	}
}

func TestGraphLayout(t *testing.T) {
	s := seedStory(t)
	for _, width := range []float64{280, 320, 390, 768, 1280} {
		g := LayoutGraph(s, DefaultGraphOptions(width))
		if len(g.Nodes) != len(s.Actors) {
			t.Fatalf("width %v: %d nodes for %d actors", width, len(g.Nodes), len(s.Actors))
		}
		var boxes []Rect
		for _, n := range g.Nodes {
			boxes = append(boxes, Rect{X: n.X - n.R, Y: n.Y - n.R, W: 2 * n.R, H: 2 * n.R}, n.Label)
		}
		for i := range boxes {
			b := boxes[i]
			if b.X < 0 || b.X+b.W > g.Width || b.Y < 0 || b.Y+b.H > g.Height {
				t.Errorf("width %v: %s box %+v lies outside %vx%v", width, s.Actors[i/2].ID, b, g.Width, g.Height)
			}
			for j := i + 1; j < len(boxes); j++ {
				if b.Overlaps(boxes[j]) {
					t.Errorf("width %v: boxes of %s and %s overlap", width, s.Actors[i/2].ID, s.Actors[j/2].ID)
				}
			}
		}
		for _, e := range g.Edges {
			for _, p := range e.Points {
				if p.X < 0 || p.X > g.Width || p.Y < 0 || p.Y > g.Height {
					t.Errorf("width %v: the edge of %s leaves the map at %+v", width, s.Relations[e.Relation].Key(), p)
				}
			}
		}
		if again := LayoutGraph(s, DefaultGraphOptions(width)); !reflect.DeepEqual(g, again) {
			t.Errorf("width %v: two layouts of the same story differ", width)
		}
	}
}

// TestGraphKeepsPeopleWithTheirBloc: an actor that belongs to another is in its bloc, inside
// the bloc's region, and near it: within two relations' lengths.
func TestGraphKeepsPeopleWithTheirBloc(t *testing.T) {
	s := seedStory(t)
	o := DefaultGraphOptions(900)
	g := LayoutGraph(s, o)
	index := map[string]int{}
	for i, a := range s.Actors {
		index[a.ID] = i
	}
	for i, a := range s.Actors {
		if a.Affiliation == "" {
			continue
		}
		p, n := g.Nodes[index[a.Affiliation]], g.Nodes[i]
		in := false
		for _, box := range g.Blocs[n.Bloc].Regions {
			in = in || box.X <= n.Row.X && box.Y <= n.Row.Y && n.Row.X+n.Row.W <= box.X+box.W && n.Row.Y+n.Row.H <= box.Y+box.H
		}
		if n.Bloc != p.Bloc || !in {
			t.Errorf("%s is not in the region of %s's bloc", a.ID, a.Affiliation)
		}
		if d := math.Hypot(n.X-p.X, n.Y-p.Y); d > 2*(o.EdgeLen+p.Row.W) {
			t.Errorf("%s is %.0f px from %s", a.ID, d, a.Affiliation)
		}
	}
}

func TestHighlight(t *testing.T) {
	s := seedStory(t)
	ix := NewIndex(s)
	ev := s.Events[0]
	h := ix.Highlight(Selection{Event: ev.ID}, 1)
	involved := map[string]bool{}
	for _, p := range ev.Actors {
		involved[p.Actor] = true
	}
	for i, a := range s.Actors {
		want := Dim
		if involved[a.ID] {
			want = Lit
		}
		if got := h.Actor(i); got != want {
			t.Errorf("selecting event %s: actor %s is %v, want %v", ev.ID, a.ID, got, want)
		}
	}
	if h.Event(0) != Selected {
		t.Errorf("the selected event is %v, want Selected", h.Event(0))
	}

	actor := s.Actors[0].ID
	h = ix.Highlight(Selection{Actor: actor}, 1)
	for i, e := range s.Events {
		want := Dim
		for _, p := range e.Actors {
			if p.Actor == actor {
				want = Lit
			}
		}
		if got := h.Event(i); got != want {
			t.Errorf("selecting actor %s: event %s is %v, want %v", actor, e.ID, got, want)
		}
	}

	if h := ix.Highlight(Selection{Event: "no-such-event"}, 1); !h.Sel.IsZero() || h.Actor(0) != Normal {
		t.Error("an unknown ID selects something")
	}
}

func TestTwoHopsWidenTheFocus(t *testing.T) {
	s := seedStory(t)
	ix := NewIndex(s)
	sel := Selection{Actor: "blinken"}
	one, two := ix.Highlight(sel, 1), ix.Highlight(sel, 2)
	lit := func(h Highlight) int {
		n := 0
		for i := range s.Actors {
			if h.Actor(i) != Dim {
				n++
			}
		}
		return n
	}
	if lit(two) <= lit(one) {
		t.Errorf("two hops light %d actors, one hop %d: the focus did not widen", lit(two), lit(one))
	}
	for i := range s.Actors {
		if one.Actor(i) != Dim && two.Actor(i) == Dim {
			t.Errorf("%s is lit at one hop but not at two", s.Actors[i].ID)
		}
	}
}

func TestRelationsHoldInTheirValidTime(t *testing.T) {
	s := seedStory(t)
	ix := NewIndex(s)
	asOf := s.Info.AsOfDate.First()
	held, timed := 0, 0
	for ri, r := range s.Relations {
		if r.ValidWhen.IsZero() {
			if !ix.Holds(ri, asOf) || !ix.Holds(ri, asOf.AddDate(-10, 0, 0)) {
				t.Errorf("%s has no valid time yet does not hold throughout", r.Key())
			}
			continue
		}
		timed++
		first := r.ValidWhen.First()
		if !ix.Holds(ri, first) {
			t.Errorf("%s does not hold on its first day %v", r.Key(), first)
		}
		if ix.Holds(ri, first.AddDate(0, 0, -1)) {
			t.Errorf("%s holds the day before it starts", r.Key())
		} else {
			held++
		}
	}
	if timed == 0 || held == 0 {
		t.Errorf("the seed story has %d relations with a valid time; the map cannot show time", timed)
	}
}

func BenchmarkLayoutTimeline(b *testing.B) {
	for _, n := range []int{20, 1000, 10000} {
		s := data.Generate(data.GenerateOptions{Events: n, Seed: 1})
		p := Prepare(s)
		o := DefaultTimelineOptions()
		o.Zoom = p.FitZoom(o, 1280)
		b.Run(strconv.Itoa(n)+"-events", func(b *testing.B) {
			for b.Loop() {
				p.Layout(o)
			}
		})
	}
}

// TestABusyDayBeforeAQuietWeekSpreadsItsCards: the cards of a busy day sit side by side in the
// room up to the next stop, so a day followed by a gap gathers no cluster either.
func TestABusyDayBeforeAQuietWeekSpreadsItsCards(t *testing.T) {
	when := func(s string) data.Date {
		d, err := data.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	s := &data.Story{Info: data.Info{AsOf: "2022-01-27", AsOfDate: when("2022-01-27"), Tracks: []data.Track{{ID: "a", Label: "A"}}}}
	for i := range 7 {
		s.Events = append(s.Events, data.Event{ID: "busy-" + strconv.Itoa(i), Date: "2022-01-27", When: when("2022-01-27"), Track: "a"})
	}
	s.Events = append(s.Events, data.Event{ID: "later", Date: "2022-02-03", When: when("2022-02-03"), Track: "a"})
	o := DefaultTimelineOptions()
	tl := LayoutTimeline(s, o)
	if len(tl.Clusters) > 0 {
		t.Errorf("seven cards of one day before a quiet week gather %d clusters", len(tl.Clusters))
	}
	xs := map[float64]bool{}
	for _, m := range tl.Markers[:7] {
		xs[m.X] = true
	}
	if len(xs) < 2 {
		t.Errorf("the busy day's cards sit in %d column(s), want them side by side", len(xs))
	}
	boxes, names := cards(tl, o)
	for i, a := range boxes {
		for j := i + 1; j < len(boxes); j++ {
			if a.Overlaps(boxes[j]) {
				t.Errorf("%s and %s overlap", names[i], names[j])
			}
		}
	}
}

// TestRelationsHoldOnTheirEvents: a relation holds on the first day of every event that shows it,
// so selecting one of those events never draws the relation as not holding.
func TestRelationsHoldOnTheirEvents(t *testing.T) {
	s := seedStory(t)
	ix := NewIndex(s)
	events := map[string]data.Event{}
	for _, e := range s.Events {
		events[e.ID] = e
	}
	for ri, r := range s.Relations {
		for _, id := range r.Events {
			if day := events[id].When.First(); !ix.Holds(ri, day) {
				t.Errorf("%s (valid %q) does not hold on %s, the first day of %s", r.Key(), r.Valid, day.Format("2006-01-02"), id)
			}
		}
	}
}

// TestTheWidestYearsLayOut: events at both ends of the years a date may name, with a day of
// 1 BC and AD 1 between, lay out in order, without overlap, with ticks that never collide.
func TestTheWidestYearsLayOut(t *testing.T) {
	s := &data.Story{
		Info: data.Info{ID: "widest", Title: "T", Language: "en", AsOf: "2022-01-27", Tracks: []data.Track{{ID: "t", Label: "T"}}},
	}
	for i, d := range []string{"Y-100000000000", "Y-99999999999~", "0000-12-31", "0001-01-01", "2022-01-27", "Y100000000000"} {
		s.Events = append(s.Events, data.Event{ID: "e" + strconv.Itoa(i), Date: d, Headline: "H", Track: "t", Status: data.StatusHappened, Source: "S."})
	}
	if errs := s.Validate("", nil); len(errs) != 0 {
		t.Fatal(errs)
	}
	p := Prepare(s)
	for _, zoom := range []float64{MinZoom, 1, MaxZoom} {
		o := DefaultTimelineOptions()
		o.Zoom = zoom
		tl := p.Layout(o)
		for i := 1; i < len(p.Order); i++ {
			if a, b := tl.Markers[p.Order[i-1]], tl.Markers[p.Order[i]]; a.DayX >= b.DayX {
				t.Errorf("zoom %v: %s is not left of %s", zoom, s.Events[p.Order[i-1]].Date, s.Events[p.Order[i]].Date)
			}
		}
		boxes, names := cards(tl, o)
		for i, a := range boxes {
			for j := i + 1; j < len(boxes); j++ {
				if a.Overlaps(boxes[j]) {
					t.Errorf("zoom %v: %s and %s overlap", zoom, names[i], names[j])
				}
			}
		}
		for i := 1; i < len(tl.Ticks); i++ {
			if prev := tl.Ticks[i-1]; prev.X+LabelWidth(prev.Label, 6.6) > tl.Ticks[i].X {
				t.Errorf("zoom %v: ticks %q and %q collide", zoom, prev.Label, tl.Ticks[i].Label)
			}
		}
		if got := tl.Scale.Breaks[0].Label; got != "1 year" && !strings.Contains(got, "years") {
			t.Errorf("zoom %v: the first break is labelled %q", zoom, got)
		}
	}
}

// TestWidthIsTheLayoutsWidth: Width, which skips the layout, agrees with it at every zoom.
func TestWidthIsTheLayoutsWidth(t *testing.T) {
	for _, n := range []int{20, 1000} {
		p := Prepare(data.Generate(data.GenerateOptions{Events: n, Seed: 1}))
		for _, zoom := range []float64{0, 0.01, 1, 2} {
			o := DefaultTimelineOptions()
			o.Zoom = zoom
			if got, want := p.Width(o), p.Layout(o).Width; got != want {
				t.Errorf("%d events at zoom %v: Width %v, the layout's %v", n, zoom, got, want)
			}
		}
	}
}
