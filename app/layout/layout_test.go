package layout

import (
	"reflect"
	"testing"

	"timeline/data"
)

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

func TestTimelineCardsNeverOverlap(t *testing.T) {
	s := seedStory(t)
	o := DefaultTimelineOptions()
	tl := LayoutTimeline(s, o)
	box := func(m Marker) Rect { return Rect{X: m.X, Y: m.Y, W: o.CardW, H: o.CardH} }
	for i, a := range tl.Markers {
		for j := i + 1; j < len(tl.Markers); j++ {
			if b := tl.Markers[j]; box(a).Overlaps(box(b)) {
				t.Errorf("cards of %s and %s overlap: %+v %+v", s.Events[i].ID, s.Events[j].ID, box(a), box(b))
			}
		}
		if a.X < 0 || a.X+o.CardW > tl.Width || a.Y < 0 || a.Y+o.CardH > tl.Height {
			t.Errorf("card of %s lies outside the timeline: %+v in %vx%v", s.Events[i].ID, a, tl.Width, tl.Height)
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
	tl := LayoutTimeline(s, DefaultTimelineOptions())
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
	s := seedStory(t)
	tl := LayoutTimeline(s, DefaultTimelineOptions())
	for _, i := range tl.Order {
		for _, j := range tl.Order {
			di, dj := s.Events[i].When.First(), s.Events[j].When.First()
			if di.Before(dj) && tl.Scale.Pos(Day(di)) >= tl.Scale.Pos(Day(dj)) {
				t.Fatalf("%s (%s) is not left of %s (%s)", s.Events[i].ID, di, s.Events[j].ID, dj)
			}
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
			if b.X < 0 || b.X+b.W > width || b.Y < 0 || b.Y+b.H > g.Height {
				t.Errorf("width %v: %s box %+v lies outside %vx%v", width, s.Actors[i/2].ID, b, width, g.Height)
			}
			for j := i + 1; j < len(boxes); j++ {
				if b.Overlaps(boxes[j]) {
					t.Errorf("width %v: boxes of %s and %s overlap", width, s.Actors[i/2].ID, s.Actors[j/2].ID)
				}
			}
		}
		for _, e := range g.Edges {
			if e.MidX < 0 || e.MidX > width || e.MidY < 0 || e.MidY > g.Height {
				t.Errorf("width %v: the edge of %s leaves the map at (%v, %v)", width, s.Relations[e.Relation].Key(), e.MidX, e.MidY)
			}
		}
		if again := LayoutGraph(s, DefaultGraphOptions(width)); !reflect.DeepEqual(g, again) {
			t.Errorf("width %v: two layouts of the same story differ", width)
		}
	}
}

func TestGraphKeepsPeopleWithTheirBloc(t *testing.T) {
	s := seedStory(t)
	g := LayoutGraph(s, DefaultGraphOptions(900))
	index := map[string]int{}
	for i, a := range s.Actors {
		index[a.ID] = i
	}
	for i, a := range s.Actors {
		if a.Affiliation == "" {
			continue
		}
		p := g.Nodes[index[a.Affiliation]]
		if n := g.Nodes[i]; n.Bloc != p.Bloc || n.Y <= p.Y {
			t.Errorf("%s is not below %s in the same bloc", a.ID, a.Affiliation)
		}
	}
}

func TestHighlight(t *testing.T) {
	s := seedStory(t)
	ix := NewIndex(s)
	ev := s.Events[0]
	h := ix.Highlight(Selection{Event: ev.ID})
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
	h = ix.Highlight(Selection{Actor: actor})
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

	if h := ix.Highlight(Selection{Event: "no-such-event"}); !h.Sel.IsZero() || h.Actor(0) != Normal {
		t.Error("an unknown ID selects something")
	}
}
