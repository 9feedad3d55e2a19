//go:build !wasm

package layout

import (
	"math"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"timeline/data"
)

// mapStories are the stories the map is measured on: the seed story and generated ones of 50,
// 100 and 500 actors with four relations each.
func mapStories(t testing.TB) []struct {
	name string
	s    *data.Story
} {
	out := []struct {
		name string
		s    *data.Story
	}{}
	stories, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stories {
		if s.Info.ID == "ukraine-2022-01" {
			out = append(out, struct {
				name string
				s    *data.Story
			}{"seed", s})
		}
	}
	for _, n := range []int{50, 100, 500} {
		out = append(out, struct {
			name string
			s    *data.Story
		}{strconv.Itoa(n) + "-actors", GeneratedMap(n)})
	}
	return out
}

// mapLayouts holds the layouts the map tests read, by story name and width, each made once:
// the tests read the same ones, and the larger stories take a tenth of a second or more each.
// No test changes a layout; TestMapIsDeterministicAndFitsItsWidth compares each with one made
// anew.
var mapLayouts sync.Map

// layoutOf is the map of the story s, named name in mapStories, at width.
func layoutOf(name string, s *data.Story, width float64) *Graph {
	key := name + "@" + strconv.FormatFloat(width, 'g', -1, 64)
	if g, ok := mapLayouts.Load(key); ok {
		return g.(*Graph)
	}
	g, _ := mapLayouts.LoadOrStore(key, LayoutGraph(s, DefaultGraphOptions(width)))
	return g.(*Graph)
}

// selections are what a reader may select on a story's map: its busiest actor, its first
// actor, and the event with the most relations, as label sets.
func selections(s *data.Story) map[string]struct {
	rels  []int
	focus int
} {
	ix := NewIndex(s)
	out := map[string]struct {
		rels  []int
		focus int
	}{}
	busiest := 0
	for i, a := range s.Actors {
		if len(ix.ActorRelations(a.ID)) > len(ix.ActorRelations(s.Actors[busiest].ID)) {
			busiest = i
		}
	}
	for _, i := range []int{0, busiest} {
		out["actor "+s.Actors[i].ID] = struct {
			rels  []int
			focus int
		}{ix.ActorRelations(s.Actors[i].ID), i}
	}
	best, bestN := -1, 0
	for i, e := range s.Events {
		if n := len(ix.eventRels[e.ID]); n > bestN {
			best, bestN = i, n
		}
	}
	if best >= 0 {
		out["event "+s.Events[best].ID] = struct {
			rels  []int
			focus int
		}{ix.eventRels[s.Events[best].ID], -1}
	}
	return out
}

// TestMapNeverDrawsThroughAnything: on every measured story at phone and desktop widths, no
// edge runs through a label or a node other than its ends and no label overlaps another label
// or a node, with nothing selected and with the labels of an actor's or an event's relations.
func TestMapNeverDrawsThroughAnything(t *testing.T) {
	for _, st := range mapStories(t) {
		for _, width := range []float64{320, 390, 1280} {
			g := layoutOf(st.name, st.s, width)
			if len(g.Edges) == 0 {
				t.Fatalf("%s at %v: no edges", st.name, width)
			}
			m := Intersections(DrawingOf(g, nil))
			if len(g.Edges) <= 400 {
				m.Crossings = Crossings(DrawingOf(g, nil))
			}
			if m.EdgeLabel+m.EdgeNode+m.LabelLabel != 0 {
				t.Errorf("%s at %v px: %+v, want no edge through a label or node and no label overlap", st.name, width, m)
			}
			for what, sel := range selections(st.s) {
				plan := PlaceLabels(st.s, g, sel.rels, sel.focus)
				m := Intersections(DrawingOf(g, &plan))
				if m.EdgeLabel+m.EdgeNode+m.LabelLabel != 0 {
					t.Errorf("%s at %v px, %s: %+v", st.name, width, what, m)
				}
				shown := len(plan.Listed)
				for _, p := range plan.Placed {
					shown += len(p.Relations)
				}
				if shown != len(sel.rels) {
					t.Errorf("%s at %v px, %s: %d of %d relations placed or listed", st.name, width, what, shown, len(sel.rels))
				}
			}
			t.Logf("%s at %v px: %d edges, %d crossings, %.0f px tall", st.name, width, len(g.Edges), m.Crossings, g.Height)
		}
	}
}

// TestSeedLabelsMostlyFitOnTheMap: on the desktop most of an actor's relation labels sit on the
// map rather than in the list.
func TestSeedLabelsMostlyFitOnTheMap(t *testing.T) {
	s := seedStory(t)
	g := LayoutGraph(s, DefaultGraphOptions(1280))
	ix := NewIndex(s)
	i, _ := ix.Actor("blinken")
	plan := PlaceLabels(s, g, ix.ActorRelations("blinken"), i)
	if len(plan.Placed) == 0 || len(plan.Listed) > len(plan.Placed) {
		t.Errorf("blinken's relations: %d labels placed, %d listed", len(plan.Placed), len(plan.Listed))
	}
}

// TestMapIsDeterministicAndFitsItsWidth: every box lies inside the map, which is at least as
// wide as the width it is laid out for (wider only when the actors cannot sit apart in it), and
// two layouts of one story are the same.
func TestMapIsDeterministicAndFitsItsWidth(t *testing.T) {
	for _, st := range mapStories(t) {
		for _, width := range []float64{320, 390, 1280} {
			g := layoutOf(st.name, st.s, width)
			if g.Width < width {
				t.Errorf("%s at %v px: the map is %v px wide", st.name, width, g.Width)
			}
			for _, n := range g.Nodes {
				for _, r := range []Rect{n.Symbol(), n.Label, n.Slot, n.Row} {
					if r.X < 0 || r.X+r.W > g.Width+0.01 || r.Y < 0 || r.Y+r.H > g.Height {
						t.Errorf("%s at %v px: %s has a box %+v outside %vx%v", st.name, width, st.s.Actors[n.Actor].ID, r, g.Width, g.Height)
					}
				}
				if n.Row.W < 24 || n.Row.H < 24 {
					t.Errorf("%s at %v px: %s's target is %vx%v px, under 24x24", st.name, width, st.s.Actors[n.Actor].ID, n.Row.W, n.Row.H)
				}
			}
			if len(g.Order) != len(g.Nodes) {
				t.Errorf("%s at %v px: the reading order has %d of %d actors", st.name, width, len(g.Order), len(g.Nodes))
			}
			if again := LayoutGraph(st.s, DefaultGraphOptions(width)); !reflect.DeepEqual(g, again) {
				t.Errorf("%s at %v px: two layouts differ", st.name, width)
			}
		}
	}
}

// TestMapCrossesNoMoreThanNeato: the drawn relations of the seed story and of the generated
// story of 100 actors cross no more often than Graphviz neato's drawing of the same graph
// (overlap=false, splines=true), as cmd/mapbench counts it: 7 and 6,634.
func TestMapCrossesNoMoreThanNeato(t *testing.T) {
	neato := map[string]int{"seed": 7, "100-actors": 6634}
	for _, st := range mapStories(t) {
		want, ok := neato[st.name]
		if !ok {
			continue
		}
		for _, width := range []float64{390, 1280} {
			g := layoutOf(st.name, st.s, width)
			if got := Crossings(DrawingOf(g, nil)); got > want {
				t.Errorf("%s at %v px: %d crossings, neato's drawing has %d", st.name, width, got, want)
			}
		}
	}
}

// TestMapReadingOrderGoesBlocByBloc: arrow keys walk each bloc's actors together, the bloc's
// actors from the top down.
func TestMapReadingOrderGoesBlocByBloc(t *testing.T) {
	s := seedStory(t)
	for _, width := range []float64{390, 1280} {
		g := LayoutGraph(s, DefaultGraphOptions(width))
		done := map[int]bool{}
		for k, i := range g.Order {
			b := g.Nodes[i].Bloc
			if k > 0 && g.Nodes[g.Order[k-1]].Bloc != b {
				if done[b] {
					t.Errorf("at %v px: bloc %d is met twice in the reading order", width, b)
				}
				done[g.Nodes[g.Order[k-1]].Bloc] = true
			}
			// Actors on one line to the pixel read left to right.
			if k > 0 && g.Nodes[g.Order[k-1]].Bloc == b && math.Round(g.Nodes[g.Order[k-1]].Y) > math.Round(g.Nodes[i].Y) {
				t.Errorf("at %v px: %s comes after %s, which is lower", width, s.Actors[i].ID, s.Actors[g.Order[k-1]].ID)
			}
		}
	}
}

// TestMeasureCounts checks the measures on drawings whose counts are known.
func TestMeasureCounts(t *testing.T) {
	sym := func(x, y float64) Rect { return Rect{X: x - 5, Y: y - 5, W: 10, H: 10} }
	d := Drawing{
		Nodes: []Rect{sym(0, 0), sym(100, 0), sym(50, -50), sym(50, 50), sym(50, 0), sym(200, 200)},
		Paths: [][]Point{
			{{5, 0}, {95, 0}},     // through node 4
			{{50, -45}, {50, 45}}, // crosses the first, at node 4 (which it also passes)
			{{5, 2}, {50, 45}},    // shares node 0 with the first: meets it near node 0 only
			{{195, 200}, {120, 200}},
		},
		Ends: [][2]int{{0, 1}, {2, 3}, {0, 3}, {5, 1}},
		// The fourth path runs through the first label and along the second's border; the first
		// two labels overlap, and the third lies on node 5.
		Labels: []Rect{{X: 150, Y: 195, W: 30, H: 10}, {X: 160, Y: 190, W: 30, H: 10}, {X: 197, Y: 198, W: 5, H: 5}},
	}
	got := Measure(d)
	want := Metrics{EdgeLabel: 1, EdgeNode: 2, LabelLabel: 2, Crossings: 1}
	if got != want {
		t.Errorf("Measure = %+v, want %+v", got, want)
	}
}

func BenchmarkLayoutGraph(b *testing.B) {
	for _, n := range []int{50, 100, 500} {
		s := GeneratedMap(n)
		b.Run(strconv.Itoa(n)+"-actors", func(b *testing.B) {
			for b.Loop() {
				LayoutGraph(s, DefaultGraphOptions(1280))
			}
		})
		b.Run(strconv.Itoa(n)+"-actors-390px", func(b *testing.B) {
			for b.Loop() {
				LayoutGraph(s, DefaultGraphOptions(390))
			}
		})
	}
}

// TestParallelRelationsDrawApart: two relations between the same actors never share a line,
// so that each can be seen and clicked.
func TestParallelRelationsDrawApart(t *testing.T) {
	s := seedStory(t)
	for _, width := range []float64{390, 1280} {
		g := LayoutGraph(s, DefaultGraphOptions(width))
		seen := map[string]string{}
		for _, e := range g.Edges {
			key := s.Relations[e.Relation].Key()
			if other, ok := seen[e.D]; ok {
				t.Errorf("at %v px: %s and %s are drawn on the same line", width, other, key)
			}
			seen[e.D] = key
		}
	}
}

// TestMapEndsOnANodeStandApart: the relations that meet at an actor end on its box at least an
// arrowhead's width apart (ArrowW), so that no two arrowheads pile up on a hub, on every measured
// story at phone and desktop widths.
func TestMapEndsOnANodeStandApart(t *testing.T) {
	for _, st := range mapStories(t) {
		for _, width := range []float64{320, 390, 1280} {
			g := layoutOf(st.name, st.s, width)
			type end struct {
				p   Point
				rel int
			}
			ends := make([][]end, len(g.Nodes))
			for _, e := range g.Edges {
				ends[e.From] = append(ends[e.From], end{e.Points[0], e.Relation})
				ends[e.To] = append(ends[e.To], end{e.Points[len(e.Points)-1], e.Relation})
			}
			bad := 0
			for n, es := range ends {
				for i, a := range es {
					for _, b := range es[i+1:] {
						if d := dist(a.p, b.p); d < ArrowW-1e-6 {
							if bad < 5 {
								t.Errorf("%s at %v px: on %s, %s and %s end %.1f px apart, under %v",
									st.name, width, st.s.Actors[n].ID, st.s.Relations[a.rel].Key(), st.s.Relations[b.rel].Key(), d, ArrowW)
							}
							bad++
						}
					}
				}
			}
			if bad > 0 {
				t.Errorf("%s at %v px: %d pairs of ends closer than %v px", st.name, width, bad, ArrowW)
			}
		}
	}
}

// TestArrowheadsStandApart: no arrowhead overlaps another, on the seed story at phone and desktop
// widths and on the maps of 50 and 100 actors, however flat the relations arrive (a flat
// arrival's port stands further from its neighbours'), where relations fan out from one bend to
// two sides of a box, and where two boxes stand close.
func TestArrowheadsStandApart(t *testing.T) {
	widths := map[string][]float64{"seed": {320, 390, 1280}, "50-actors": {390, 1280}, "100-actors": {390, 1280}}
	for _, st := range mapStories(t) {
		for _, width := range widths[st.name] {
			if n := ArrowOverlaps(layoutOf(st.name, st.s, width)); n > 0 {
				t.Errorf("%s at %v px: %d pairs of arrowheads overlap", st.name, width, n)
			}
		}
	}
}

// TestArrowOverlapsCounts: arrowheads side by side overlap when their ports are closer than
// their width across their direction; touching is not overlapping.
func TestArrowOverlapsCounts(t *testing.T) {
	edge := func(from, to Point) PlacedEdge { return PlacedEdge{Points: []Point{from, to}} }
	for _, c := range []struct {
		name  string
		edges []PlacedEdge
		want  int
	}{
		{"square, ArrowW apart", []PlacedEdge{edge(Point{0, 100}, Point{0, 0}), edge(Point{ArrowW, 100}, Point{ArrowW, 0})}, 0},
		{"square, closer", []PlacedEdge{edge(Point{0, 100}, Point{0, 0}), edge(Point{ArrowW - 2, 100}, Point{ArrowW - 2, 0})}, 1},
		{"flat, half ArrowW apart along the side", []PlacedEdge{edge(Point{100, 30}, Point{0, 0}), edge(Point{100 + ArrowW/2, 30}, Point{ArrowW / 2, 0})}, 1},
		{"flat, far apart", []PlacedEdge{edge(Point{100, 30}, Point{0, 0}), edge(Point{140, 30}, Point{40, 0})}, 0},
		{"opposite sides of a box", []PlacedEdge{edge(Point{0, -100}, Point{0, 0}), edge(Point{0, 120}, Point{0, 20})}, 0},
		{"last runs of no length", []PlacedEdge{edge(Point{0, 0}, Point{0, 0}), edge(Point{500, 500}, Point{500, 500})}, 0},
	} {
		if got := ArrowOverlaps(&Graph{Edges: c.edges}); got != c.want {
			t.Errorf("%s: ArrowOverlaps = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestPathDWritesOneDecimal: paths are written as num writes each coordinate.
func TestPathDWritesOneDecimal(t *testing.T) {
	for _, f := range []float64{0, 1, 12.34, 12.35, -7.25, 0.04, 99.96, 1280, -0.5, 1e20} {
		if got, want := string(appendNum(nil, f)), num(f); got != want && !(want == "-0" && got == "0") {
			t.Errorf("appendNum(%v) = %q, want %q", f, got, want)
		}
	}
	if got := pathD([]Point{{1, 2.25}, {30.5, -4}}); got != "M1 2.3L30.5 -4" {
		t.Errorf("pathD = %q", got)
	}
}

// TestMapBlocRegionsStandApart: no two tinted regions overlap, of two blocs or of one, on every
// measured story at phone and desktop widths; each actor's box lies in one of its bloc's regions;
// and the seed story's blocs each make one region.
func TestMapBlocRegionsStandApart(t *testing.T) {
	for _, st := range mapStories(t) {
		for _, width := range []float64{320, 390, 1280} {
			g := layoutOf(st.name, st.s, width)
			type region struct {
				r    Rect
				bloc int
			}
			var all []region
			for b, bl := range g.Blocs {
				for _, r := range bl.Regions {
					all = append(all, region{r, b})
				}
				if st.name == "seed" && len(bl.Regions) != 1 {
					t.Errorf("seed at %v px: the bloc of %s is %d regions", width, st.s.Actors[bl.Root].ID, len(bl.Regions))
				}
			}
			bad := 0
			for i, a := range all {
				for _, b := range all[i+1:] {
					if a.r.Overlaps(b.r) {
						if bad < 3 {
							t.Errorf("%s at %v px: a region of %s's bloc overlaps one of %s's", st.name, width,
								st.s.Actors[g.Blocs[a.bloc].Root].ID, st.s.Actors[g.Blocs[b.bloc].Root].ID)
						}
						bad++
					}
				}
			}
			if bad > 0 {
				t.Errorf("%s at %v px: %d pairs of regions overlap", st.name, width, bad)
			}
			for _, n := range g.Nodes {
				in := false
				for _, r := range g.Blocs[n.Bloc].Regions {
					in = in || n.Row.X >= r.X && n.Row.Y >= r.Y && n.Row.X+n.Row.W <= r.X+r.W && n.Row.Y+n.Row.H <= r.Y+r.H
				}
				if !in {
					t.Errorf("%s at %v px: %s lies outside its bloc's regions", st.name, width, st.s.Actors[n.Actor].ID)
				}
			}
		}
	}
}
