package layout

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"timeline/data"
)

// GraphOptions sizes the actor map. All lengths are CSS pixels.
type GraphOptions struct {
	// Width is the width available; the map never needs more.
	Width float64
	// ColW is the preferred width of one column of blocs, gutter excluded; columns shrink to fit
	// narrow widths.
	ColW float64
	// RowH is the height of one actor's row.
	RowH float64
	// NodeR is the radius of a node's symbol.
	NodeR float64
	// Indent shifts an actor right of the one it belongs to.
	Indent float64
	// Gutter is the narrowest channel left of a column, where its edges run; it widens with the
	// number of edges that run side by side in it, up to MaxGutter.
	Gutter, MaxGutter float64
	// Gap is the least height of the channel between two blocs of a column.
	Gap float64
	// Track is the preferred distance between two edges running side by side in a channel.
	Track float64
	// CharW estimates the width of one label character (the widget's 13 px sans-serif); SmallCharW
	// that of the 11 px relation labels.
	CharW, SmallCharW float64
	// Pad is the margin around the map.
	Pad float64
	// MaxCols caps the columns of blocs (0 for as many as fit).
	MaxCols int
}

// DefaultGraphOptions returns the sizes the stylesheet is written for, at the given width.
func DefaultGraphOptions(width float64) GraphOptions {
	return GraphOptions{
		Width: width, ColW: 230, RowH: 44, NodeR: 11, Indent: 14,
		Gutter: 20, MaxGutter: 64, Gap: 18, Track: 4, CharW: 7.2, SmallCharW: 6.2, Pad: 8,
		// Each column more than two costs far more crossings than it saves height (see mapbench).
		MaxCols: 2,
	}
}

// Rect is an axis-aligned box.
type Rect struct{ X, Y, W, H float64 }

// Overlaps reports whether r and q share any area.
func (r Rect) Overlaps(q Rect) bool {
	return r.X < q.X+q.W && q.X < r.X+r.W && r.Y < q.Y+q.H && q.Y < r.Y+r.H
}

// Point is a point on the map.
type Point struct{ X, Y float64 }

// PlacedNode is an actor's place on the map.
type PlacedNode struct {
	// Actor is the index of the actor in Story.Actors.
	Actor int
	// Bloc is the index of the actor's bloc in Graph.Blocs.
	Bloc int
	// X and Y are the centre of the symbol; R its radius.
	X, Y, R float64
	// Lines is the name, wrapped to fit the column.
	Lines []string
	// LabelX and LabelY are where the first line's baseline starts.
	LabelX, LabelY float64
	// Label is the box the label occupies.
	Label Rect
	// Slot is the free box under the name, inside the actor's row, where the labels of its lit
	// relations go: nothing else is ever drawn there.
	Slot Rect
	// Row is the actor's whole row.
	Row Rect
	// Col is the column the actor's bloc is in, counted from the left.
	Col int
}

// Symbol is the box of a node's symbol.
func (n PlacedNode) Symbol() Rect {
	r := n.R * 1.25 // the group's diamond reaches furthest
	return Rect{X: n.X - r, Y: n.Y - r, W: 2 * r, H: 2 * r}
}

// PlacedEdge is a relation's route on the map: an orthogonal path that leaves its actors' rows to
// the left, runs in the channels between columns and between blocs, and ends at the edge of the
// target's symbol so an arrowhead shows.
type PlacedEdge struct {
	// Relation is the index of the relation in Story.Relations.
	Relation int
	// From and To are the indices of its actors in Graph.Nodes.
	From, To int
	// Points is the path, from the relation's From actor to its To actor.
	Points []Point
	// D is Points as an SVG path.
	D string
}

// Bloc is a group of actors that belong, directly or through others, to one actor with no
// affiliation: a state or organisation and its people.
type Bloc struct {
	// Root is the index of the bloc's top actor in Story.Actors.
	Root int
	// Box is the bloc's area on the map.
	Box Rect
}

// Graph is the computed actor map.
type Graph struct {
	Width, Height float64
	Nodes         []PlacedNode // in story order
	Edges         []PlacedEdge // in story order, relations whose actors exist
	Blocs         []Bloc
	// Order lists actor indices in reading order, column by column and top to bottom: the order
	// arrow keys move in.
	Order []int
	// SmallCharW is the width the layout reckons for a character of a relation label.
	SmallCharW float64
}

// member is an actor in a bloc, with its depth below the bloc's root.
type member struct{ actor, depth int }

// gap is a channel across a column: the space above its first bloc, between two blocs or below
// its last, where edges cross from the channel left of the column to the one right of it.
type gap struct {
	top, bottom float64 // its extent
	tracks      int     // edges that cross it
}

// segment is a vertical run of an edge in a column's channel.
type segment struct {
	edge, col int
	y1, y2    float64 // y1 <= y2
	track     int
}

// LayoutGraph lays the actors of s out as blocs in columns, blocs that relate to each other next
// to each other, and routes every relation in the channels between them, so that no edge ever
// runs through a node or a label. Each column has a channel at its left where edges run up and
// down, each edge on a track of its own, shorter ones nearer the actors so that they nest like
// the arcs of an arc diagram; edges cross a column through the gaps between its blocs. All the
// relations of an actor reach it along one stub from the left, bundled, so their arrowheads
// meet in one. The result is deterministic and costs time in proportion to the story's size.
func LayoutGraph(s *data.Story, o GraphOptions) *Graph {
	g := &Graph{Width: o.Width, SmallCharW: o.SmallCharW}
	index := make(map[string]int, len(s.Actors))
	for i, a := range s.Actors {
		index[a.ID] = i
	}
	blocs := groupBlocs(s, index)
	order := orderBlocs(s, index, blocs)

	// Pass one places the blocs with channels of the least size and routes the edges, to learn
	// how many tracks each channel needs; pass two sizes the channels to fit and routes again
	// through the same gaps.
	cols := max(1, int((o.Width-o.Pad)/(o.ColW+o.Gutter)))
	if o.MaxCols > 0 {
		cols = min(cols, o.MaxCols)
	}
	cols = min(cols, max(1, len(blocs)))
	gutters := make([]float64, cols)
	for i := range gutters {
		gutters[i] = o.Gutter
	}
	colOf := splitColumns(s, blocs, order, cols, o)
	var choice [][]int
	var gaps [][]gap
	for pass := range 2 {
		var right []float64
		gaps, right = placeColumns(g, s, blocs, order, colOf, gutters, gaps, o)
		var segs []segment
		g.Edges, segs, choice = routeEdges(g, s, index, gaps, choice, len(gutters))
		if pass == 1 {
			assignTracks(g, segs, gaps, choice, gutters, right, o)
			break
		}
		// Widen each gutter to hold its tracks, within what the width allows.
		depth := trackDepth(segs, cols)
		spare := o.Width - o.Pad - float64(cols)*(o.ColW*0.8+o.Gutter)
		for c := range gutters {
			want := min(o.MaxGutter, max(o.Gutter, float64(depth[c]+1)*o.Track+8))
			add := min(want-o.Gutter, max(spare, 0))
			gutters[c] = o.Gutter + add
			spare -= add
		}
		for c := range gaps {
			for k := range gaps[c] {
				gaps[c][k].tracks = 0
			}
		}
		for _, ch := range choice {
			for c, k := range ch {
				if k >= 0 {
					gaps[c][k].tracks++
				}
			}
		}
	}

	g.Order = make([]int, 0, len(g.Nodes))
	for _, b := range order {
		for _, m := range blocs[b] {
			g.Order = append(g.Order, m.actor)
		}
	}
	sort.SliceStable(g.Order, func(a, b int) bool {
		return g.Nodes[g.Order[a]].Col < g.Nodes[g.Order[b]].Col
	})
	return g
}

// groupBlocs lists each bloc's actors depth-first, with their depth.
func groupBlocs(s *data.Story, index map[string]int) [][]member {
	children := map[int][]int{}
	var roots []int
	for i, a := range s.Actors {
		if p, ok := index[a.Affiliation]; ok && p != i {
			children[p] = append(children[p], i)
		} else {
			roots = append(roots, i)
		}
	}
	var blocs [][]member
	for _, r := range roots {
		var ms []member
		var walk func(i, depth int)
		walk = func(i, depth int) {
			ms = append(ms, member{i, depth})
			for _, c := range children[i] {
				if depth < len(s.Actors) { // affiliation cycles are rejected by data; stay safe anyway
					walk(c, depth+1)
				}
			}
		}
		walk(r, 0)
		blocs = append(blocs, ms)
	}
	return blocs
}

// orderBlocs orders the blocs in a chain where each bloc follows the one it shares the most
// relations with, so that related blocs land in the same column or the next: it starts from the
// bloc with the most relations and, from the chain's end, goes on to the unplaced bloc most
// related to the last few placed.
func orderBlocs(s *data.Story, index map[string]int, blocs [][]member) []int {
	blocOf := make([]int, len(s.Actors))
	for b, ms := range blocs {
		for _, m := range ms {
			blocOf[m.actor] = b
		}
	}
	n := len(blocs)
	w := make([]map[int]float64, n)
	deg := make([]float64, n)
	for i := range w {
		w[i] = map[int]float64{}
	}
	for _, r := range s.Relations {
		a, ok1 := index[r.From]
		b, ok2 := index[r.To]
		if !ok1 || !ok2 || blocOf[a] == blocOf[b] {
			continue
		}
		w[blocOf[a]][blocOf[b]]++
		w[blocOf[b]][blocOf[a]]++
		deg[blocOf[a]]++
		deg[blocOf[b]]++
	}
	placed := make([]bool, n)
	pull := make([]float64, n) // how strongly the chain's end pulls each unplaced bloc
	order := make([]int, 0, n)
	for len(order) < n {
		best := -1
		for b := range n {
			if placed[b] {
				continue
			}
			if best < 0 || pull[b] > pull[best] ||
				pull[b] == pull[best] && (deg[b] > deg[best] || deg[b] == deg[best] && len(blocs[b]) > len(blocs[best])) {
				best = b
			}
		}
		placed[best] = true
		order = append(order, best)
		for b := range pull {
			pull[b] *= 0.5 // the last placed blocs pull hardest
		}
		for b, x := range w[best] {
			pull[b] += x
		}
	}
	return order
}

// blocHeight estimates a bloc's height for splitting blocs into columns.
func blocHeight(ms []member, o GraphOptions) float64 {
	return float64(len(ms))*o.RowH + o.Gap
}

// splitColumns cuts the chain of blocs into cols runs of about equal height, one per column, so
// that the chain reads down one column and on at the top of the next.
func splitColumns(s *data.Story, blocs [][]member, order []int, cols int, o GraphOptions) []int {
	total := 0.0
	for _, b := range order {
		total += blocHeight(blocs[b], o)
	}
	colOf := make([]int, len(blocs))
	c, acc := 0, 0.0
	for _, b := range order {
		h := blocHeight(blocs[b], o)
		if c < cols-1 && acc > 0 && acc+h/2 > total*float64(c+1)/float64(cols) {
			c++
		}
		colOf[b] = c
		acc += h
	}
	return colOf
}

// placeColumns places every actor, and returns each column's gaps, top to bottom, and the right
// edge of each column's channel. The gaps' heights come from the tracks counted in last (nil on
// the first pass).
func placeColumns(g *Graph, s *data.Story, blocs [][]member, order, colOf []int, gutters []float64, last [][]gap, o GraphOptions) ([][]gap, []float64) {
	cols := len(gutters)
	sumG := 0.0
	for _, w := range gutters {
		sumG += w
	}
	colW := (o.Width-o.Pad*2-sumG)/float64(cols) - 4
	tracks := func(c, k int) int {
		if last != nil && k < len(last[c]) {
			return last[c][k].tracks
		}
		return 0
	}
	gapH := func(c, k int) float64 { return max(o.Gap, float64(tracks(c, k)+1)*o.Track+4) }
	g.Nodes = make([]PlacedNode, len(s.Actors))
	g.Blocs = make([]Bloc, len(blocs))
	gaps := make([][]gap, cols)
	bottoms := make([]float64, cols)
	right := make([]float64, cols)
	x := o.Pad
	for c := range cols {
		gx := x + gutters[c]
		right[c] = gx
		y := o.Pad
		k := 0
		for _, b := range order {
			if colOf[b] != c {
				continue
			}
			h := gapH(c, k)
			gaps[c] = append(gaps[c], gap{top: y, bottom: y + h, tracks: tracks(c, k)})
			y += h
			k++
			top := y
			for _, m := range blocs[b] {
				n := placeNode(s.Actors[m.actor].Name, gx, y, colW, float64(m.depth), o)
				n.Actor, n.Bloc, n.Col = m.actor, b, c
				g.Nodes[m.actor] = n
				y += n.Row.H
			}
			g.Blocs[b] = Bloc{Root: blocs[b][0].actor, Box: Rect{X: gx, Y: top, W: colW, H: y - top}}
		}
		bottoms[c] = y
		x = gx + colW + 4
	}
	height := 0.0
	for c := range cols {
		height = max(height, bottoms[c]+gapH(c, len(gaps[c])))
	}
	for c := range cols {
		gaps[c] = append(gaps[c], gap{top: bottoms[c], bottom: height, tracks: tracks(c, len(gaps[c]))})
	}
	g.Height = height + o.Pad
	return gaps, right
}

func placeNode(name string, gx, y, colW, depth float64, o GraphOptions) PlacedNode {
	x := gx + o.NodeR*1.25 + 3 + depth*o.Indent
	labelX := x + o.NodeR*1.25 + 6
	avail := gx + colW - labelX
	lines := Wrap(name, max(int(avail/o.CharW), 6))
	rowH := o.RowH + float64(max(len(lines)-1, 0))*16
	width := 0
	for _, l := range lines {
		width = max(width, len([]rune(l)))
	}
	h := float64(len(lines)) * 16
	top := y + (rowH-h-14)/2 // the name, then a line for relation labels under it
	cy := top + h/2
	return PlacedNode{
		X: x, Y: cy, R: o.NodeR, Lines: lines,
		LabelX: labelX, LabelY: top + 12,
		Label: Rect{X: labelX, Y: top, W: float64(width) * o.CharW, H: h},
		Slot:  Rect{X: labelX, Y: top + h, W: gx + colW - labelX, H: 14},
		Row:   Rect{X: gx, Y: y, W: colW, H: rowH},
	}
}

// routeEdges routes every relation. An edge between actors of one column runs up or down the
// column's channel; one between columns runs from the left actor's channel through one gap of
// each column on the way, chosen to keep the vertical runs short. choice holds, per edge, the gap
// taken in each column (-1 for none); given, it is reused, so the second pass keeps the first
// pass's routes. Tracks are assigned later; the points are provisional until then.
func routeEdges(g *Graph, s *data.Story, index map[string]int, gaps [][]gap, choice [][]int, cols int) ([]PlacedEdge, []segment, [][]int) {
	edges := make([]PlacedEdge, 0, len(s.Relations))
	var segs []segment
	fresh := choice == nil
	k := 0
	for ri, r := range s.Relations {
		from, ok1 := index[r.From]
		to, ok2 := index[r.To]
		if !ok1 || !ok2 || from == to {
			continue
		}
		a, b := ends(g, from, to)
		ca, cb := g.Nodes[a].Col, g.Nodes[b].Col
		var ch []int
		if fresh {
			ch = chooseGaps(gaps, ca, cb, g.Nodes[a].Y, g.Nodes[b].Y, cols)
			choice = append(choice, ch)
		} else {
			ch = choice[k]
		}
		k++
		// The waypoints' y, column by column: the start row, the gaps, the end row.
		y := g.Nodes[a].Y
		e := len(edges)
		for c := ca; c < cb; c++ {
			gy := (gaps[c][ch[c]].top + gaps[c][ch[c]].bottom) / 2
			segs = append(segs, segment{edge: e, col: c, y1: min(y, gy), y2: max(y, gy)})
			y = gy
		}
		segs = append(segs, segment{edge: e, col: cb, y1: min(y, g.Nodes[b].Y), y2: max(y, g.Nodes[b].Y)})
		edges = append(edges, PlacedEdge{Relation: ri, From: from, To: to})
	}
	return edges, segs, choice
}

// ends orders an edge's actors left to right, then top to bottom: the way it is routed.
func ends(g *Graph, a, b int) (int, int) {
	na, nb := g.Nodes[a], g.Nodes[b]
	if na.Col > nb.Col || na.Col == nb.Col && na.Y > nb.Y {
		return b, a
	}
	return a, b
}

// chooseGaps picks, for an edge from column ca at y0 to column cb at y1 (ca <= cb), one gap in
// each column from ca to cb-1 so that the vertical runs add up to the least; -1 elsewhere.
func chooseGaps(gaps [][]gap, ca, cb int, y0, y1 float64, cols int) []int {
	ch := make([]int, cols)
	for c := range ch {
		ch[c] = -1
	}
	if ca == cb {
		return ch
	}
	// cost[k] is the least length to reach gap k of column c; from[c][k] the gap of column c-1.
	mid := func(gp gap) float64 { return (gp.top + gp.bottom) / 2 }
	prev := []float64{0}
	prevY := []float64{y0}
	from := make([][]int, cb)
	for c := ca; c < cb; c++ {
		cost := make([]float64, len(gaps[c]))
		from[c] = make([]int, len(gaps[c]))
		for k, gp := range gaps[c] {
			best := math.Inf(1)
			for j, py := range prevY {
				d := prev[j] + math.Abs(py-mid(gp))
				if d < best {
					best, from[c][k] = d, j
				}
			}
			cost[k] = best
		}
		prev = cost
		prevY = prevY[:0]
		for _, gp := range gaps[c] {
			prevY = append(prevY, mid(gp))
		}
		prevY = append([]float64(nil), prevY...)
	}
	best := 0
	for k := range prev {
		if prev[k]+math.Abs(prevY[k]-y1) < prev[best]+math.Abs(prevY[best]-y1) {
			best = k
		}
	}
	for c := cb - 1; c >= ca; c-- {
		ch[c] = best
		best = from[c][best]
	}
	return ch
}

// trackDepth is, per column, the most vertical runs that share a height in its channel.
func trackDepth(segs []segment, cols int) []int {
	depth := make([]int, cols)
	byCol := make([][]segment, cols)
	for _, sg := range segs {
		byCol[sg.col] = append(byCol[sg.col], sg)
	}
	for c, ss := range byCol {
		type ev struct {
			y float64
			d int
		}
		evs := make([]ev, 0, 2*len(ss))
		for _, sg := range ss {
			evs = append(evs, ev{sg.y1, 1}, ev{sg.y2, -1})
		}
		sort.Slice(evs, func(i, j int) bool {
			if evs[i].y != evs[j].y {
				return evs[i].y < evs[j].y
			}
			return evs[i].d > evs[j].d // runs that touch share a height
		})
		n := 0
		for _, e := range evs {
			n += e.d
			depth[c] = max(depth[c], n)
		}
	}
	return depth
}

// assignTracks gives each vertical run a track in its channel, the shortest runs nearest the
// actors, and each crossing of a gap a height in it; then it draws every edge's points.
func assignTracks(g *Graph, segs []segment, gaps [][]gap, choice [][]int, gutters, right []float64, o GraphOptions) {
	cols := len(gutters)
	// Heights in the gaps first, in the order of the edges, which keeps it deterministic; the
	// vertical runs then end at those heights.
	used := make([][]int, cols)
	for c := range cols {
		used[c] = make([]int, len(gaps[c]))
	}
	gapY := func(c, k int) float64 {
		gp := gaps[c][k]
		n := max(gp.tracks, 1)
		step := min(o.Track, (gp.bottom-gp.top-4)/float64(n))
		t := used[c][k]
		used[c][k]++
		return (gp.top+gp.bottom)/2 + (float64(t)-float64(n-1)/2)*step
	}
	runs := make([][]segment, len(g.Edges))
	start := 0
	for e := range g.Edges {
		end := start
		for end < len(segs) && segs[end].edge == e {
			end++
		}
		run := segs[start:end]
		start = end
		a, b := ends(g, g.Edges[e].From, g.Edges[e].To)
		y := g.Nodes[a].Y
		for i := range run {
			next := g.Nodes[b].Y
			if i < len(run)-1 {
				next = gapY(run[i].col, choice[e][run[i].col])
			}
			run[i].y1, run[i].y2 = min(y, next), max(y, next)
			y = next
		}
		runs[e] = run
	}

	byCol := make([][]int, cols)
	for i, sg := range segs {
		byCol[sg.col] = append(byCol[sg.col], i)
	}
	steps := make([]float64, cols)
	for c, ids := range byCol {
		sort.SliceStable(ids, func(i, j int) bool {
			a, b := segs[ids[i]], segs[ids[j]]
			return a.y2-a.y1 < b.y2-b.y1
		})
		// Each track's runs, sorted by their start, for a binary search.
		var tracks [][][2]float64
		for _, id := range ids {
			sg := &segs[id]
			t := 0
			for ; t < len(tracks); t++ {
				if free(tracks[t], sg.y1, sg.y2) {
					break
				}
			}
			if t == len(tracks) {
				tracks = append(tracks, nil)
			}
			tracks[t] = insertSpan(tracks[t], sg.y1, sg.y2)
			sg.track = t
		}
		steps[c] = min(o.Track, (gutters[c]-6)/float64(max(len(tracks), 1)))
	}
	trackX := func(c, t int) float64 { return right[c] - 4 - float64(t)*steps[c] }

	for e := range g.Edges {
		pe := &g.Edges[e]
		run := runs[e]
		a, b := ends(g, pe.From, pe.To)
		na, nb := g.Nodes[a], g.Nodes[b]
		pts := []Point{{na.X - na.R*1.25, na.Y}}
		for i, sg := range run {
			tx := trackX(sg.col, sg.track)
			y2 := sg.y2
			if pts[len(pts)-1].Y == sg.y2 {
				y2 = sg.y1
			}
			pts = append(pts, Point{tx, pts[len(pts)-1].Y}, Point{tx, y2})
			if i < len(run)-1 {
				// Across the column to the next channel, at its height in the gap.
				pts = append(pts, Point{trackX(run[i+1].col, run[i+1].track), y2})
			}
		}
		pts = append(pts, Point{nb.X - nb.R*1.25, nb.Y})
		if a != pe.From {
			slices.Reverse(pts)
		}
		pe.Points = simplify(pts)
		pe.D = pathD(pe.Points)
	}
}

// free reports whether [y1, y2] touches none of the sorted, disjoint spans.
func free(spans [][2]float64, y1, y2 float64) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i][1] >= y1 })
	return i == len(spans) || spans[i][0] > y2
}

func insertSpan(spans [][2]float64, y1, y2 float64) [][2]float64 {
	i := sort.Search(len(spans), func(i int) bool { return spans[i][0] > y1 })
	spans = append(spans, [2]float64{})
	copy(spans[i+1:], spans[i:])
	spans[i] = [2]float64{y1, y2}
	return spans
}

// simplify drops repeated points and points in the middle of a straight run.
func simplify(pts []Point) []Point {
	out := pts[:0:0]
	for _, p := range pts {
		if n := len(out); n > 0 && out[n-1] == p {
			continue
		}
		if n := len(out); n >= 2 {
			a, b := out[n-2], out[n-1]
			if (a.X == b.X && b.X == p.X) || (a.Y == b.Y && b.Y == p.Y) {
				out[n-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// pathD writes points as an SVG path of straight runs.
func pathD(pts []Point) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteByte('M')
		} else {
			b.WriteByte('L')
		}
		b.WriteString(num(p.X))
		b.WriteByte(' ')
		b.WriteString(num(p.Y))
	}
	return b.String()
}

// Wrap breaks s into lines of at most width runes at spaces, breaking longer words.
func Wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		for len([]rune(w)) > width {
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			r := []rune(w)
			lines = append(lines, string(r[:width]))
			w = string(r[width:])
		}
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// num formats a coordinate with one decimal, enough for CSS pixels and short in the HTML.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
