package layout

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"timeline/data"
)

// GraphOptions sizes the actor map. All lengths are CSS pixels.
type GraphOptions struct {
	// Width is the width available; the map never needs more.
	Width float64
	// ColW is the preferred width of one bloc's column; columns shrink to fit narrow widths.
	ColW float64
	// RowH is the height of one actor's row.
	RowH float64
	// NodeR is the radius of a node's symbol.
	NodeR float64
	// Indent shifts an actor right of the one it belongs to.
	Indent float64
	// Gutter is the room left of a column's symbols where edges within the column run.
	Gutter float64
	// CharW estimates the width of one label character (the widget's 13 px sans-serif).
	CharW float64
	// Pad is the margin around the map and between blocs.
	Pad float64
}

// DefaultGraphOptions returns the sizes the stylesheet is written for, at the given width.
func DefaultGraphOptions(width float64) GraphOptions {
	return GraphOptions{Width: width, ColW: 220, RowH: 44, NodeR: 11, Indent: 14, Gutter: 22, CharW: 7.2, Pad: 12}
}

// Rect is an axis-aligned box.
type Rect struct{ X, Y, W, H float64 }

// Overlaps reports whether r and q share any area.
func (r Rect) Overlaps(q Rect) bool {
	return r.X < q.X+q.W && q.X < r.X+r.W && r.Y < q.Y+q.H && q.Y < r.Y+r.H
}

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
}

// PlacedEdge is a relation's curve on the map.
type PlacedEdge struct {
	// Relation is the index of the relation in Story.Relations.
	Relation int
	// D is the SVG path, ending at the edge of the target's symbol so an arrowhead shows.
	D string
	// MidX and MidY are the curve's midpoint, where its label goes.
	MidX, MidY float64
	cx, cy     float64 // the control point
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
	Edges         []PlacedEdge // in story order
	Blocs         []Bloc
	// Order lists actor indices in reading order, column by column and top to bottom: the order
	// arrow keys move in.
	Order []int
}

// LayoutGraph lays the actors of s out as blocs: each actor with no affiliation heads a column
// and the actors that belong to it follow, indented. Blocs fill the columns that fit in the width,
// each going to the shortest column, largest bloc first. Rows never overlap and labels wrap to the
// column, so no node or label overlaps another. The result is deterministic.
func LayoutGraph(s *data.Story, o GraphOptions) *Graph {
	g := &Graph{Width: o.Width}
	index := make(map[string]int, len(s.Actors))
	for i, a := range s.Actors {
		index[a.ID] = i
	}
	children := map[int][]int{}
	var roots []int
	for i, a := range s.Actors {
		if p, ok := index[a.Affiliation]; ok && p != i {
			children[p] = append(children[p], i)
		} else {
			roots = append(roots, i)
		}
	}
	// Each bloc lists its actors depth-first, with their depth.
	type member struct{ actor, depth int }
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
	order := make([]int, len(blocs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(blocs[order[a]]) > len(blocs[order[b]]) })

	cols := max(1, int((o.Width-o.Pad)/(o.ColW+o.Pad)))
	cols = min(cols, max(1, len(blocs)))
	colW := (o.Width-o.Pad)/float64(cols) - o.Pad
	heights := make([]float64, cols)
	for i := range heights {
		heights[i] = o.Pad
	}
	g.Nodes = make([]PlacedNode, len(s.Actors))
	g.Blocs = make([]Bloc, len(blocs))
	for _, b := range order {
		c := 0
		for i := range heights {
			if heights[i] < heights[c] {
				c = i
			}
		}
		x0 := o.Pad + float64(c)*(colW+o.Pad)
		y := heights[c]
		top := y
		for _, m := range blocs[b] {
			n := placeNode(s.Actors[m.actor].Name, x0, y, colW, float64(m.depth), o)
			n.Actor, n.Bloc = m.actor, b
			g.Nodes[m.actor] = n
			y += rowHeight(len(n.Lines), o)
		}
		g.Blocs[b] = Bloc{Root: blocs[b][0].actor, Box: Rect{X: x0 - o.Pad/2, Y: top - o.Pad/2, W: colW + o.Pad, H: y - top + o.Pad/2}}
		heights[c] = y + o.Pad*2
	}
	for _, h := range heights {
		g.Height = max(g.Height, h)
	}

	g.Order = make([]int, len(g.Nodes))
	for i := range g.Order {
		g.Order[i] = i
	}
	sort.SliceStable(g.Order, func(a, b int) bool {
		na, nb := g.Nodes[g.Order[a]], g.Nodes[g.Order[b]]
		ba, bb := g.Blocs[na.Bloc].Box, g.Blocs[nb.Bloc].Box
		if ba.X != bb.X {
			return ba.X < bb.X
		}
		return na.Y < nb.Y
	})
	grid := newNodeGrid(g.Nodes)
	for i, r := range s.Relations {
		from, ok1 := index[r.From]
		to, ok2 := index[r.To]
		if !ok1 || !ok2 {
			continue
		}
		g.Edges = append(g.Edges, bestEdge(i, from, to, g, colW, grid))
	}
	return g
}

// bows are the curvatures tried for an edge, in order of preference: a gentle bow either way
// first, stronger ones only to get round nodes.
var bows = []float64{0.12, -0.12, 0.3, -0.3, 0.5, -0.5}

// bestEdge draws the edge from node a to node b with the bow that crosses the fewest other
// nodes and labels, preferring gentler bows on ties. Deterministic.
func bestEdge(rel, a, b int, g *Graph, colW float64, grid *nodeGrid) PlacedEdge {
	var best PlacedEdge
	bestHits := -1
	for _, bow := range bows {
		e, cx, cy := edge(rel, g.Nodes[a], g.Nodes[b], colW, g.Width, g.Height, bow)
		hits := grid.crossings(g.Nodes[a], g.Nodes[b], cx, cy, a, b)
		if bestHits < 0 || hits < bestHits {
			best, bestHits = e, hits
		}
		if hits == 0 {
			break
		}
	}
	return best
}

// EdgeCrossings counts the nodes and labels that edges pass over, other than their own ends: what
// the layout keeps low.
func EdgeCrossings(s *data.Story, g *Graph) int {
	grid := newNodeGrid(g.Nodes)
	index := make(map[string]int, len(s.Actors))
	for i, a := range s.Actors {
		index[a.ID] = i
	}
	n := 0
	for _, e := range g.Edges {
		r := s.Relations[e.Relation]
		a, b := index[r.From], index[r.To]
		n += grid.crossings(g.Nodes[a], g.Nodes[b], e.cx, e.cy, a, b)
	}
	return n
}

// nodeGrid finds the nodes near a point quickly: a uniform grid of buckets of node indices, each
// node in every bucket its symbol or label touches.
type nodeGrid struct {
	cell  float64
	cells map[[2]int][]int
	nodes []PlacedNode
}

func newNodeGrid(nodes []PlacedNode) *nodeGrid {
	g := &nodeGrid{cell: 48, cells: map[[2]int][]int{}, nodes: nodes}
	for i, n := range nodes {
		for _, r := range []Rect{n.symbol(), n.Label} {
			for cx := int(r.X / g.cell); cx <= int((r.X+r.W)/g.cell); cx++ {
				for cy := int(r.Y / g.cell); cy <= int((r.Y+r.H)/g.cell); cy++ {
					k := [2]int{cx, cy}
					if l := g.cells[k]; len(l) == 0 || l[len(l)-1] != i {
						g.cells[k] = append(l, i)
					}
				}
			}
		}
	}
	return g
}

// symbol is the box of a node's symbol, with a margin.
func (n PlacedNode) symbol() Rect {
	r := n.R + 3
	return Rect{X: n.X - r, Y: n.Y - r, W: 2 * r, H: 2 * r}
}

// crossings counts the nodes other than a and b whose symbol or label the quadratic curve from a
// through control point (cx, cy) to b passes over.
func (g *nodeGrid) crossings(na, nb PlacedNode, cx, cy float64, a, b int) int {
	hit := map[int]bool{}
	const steps = 24
	for k := 1; k < steps; k++ {
		t := float64(k) / steps
		x := (1-t)*(1-t)*na.X + 2*(1-t)*t*cx + t*t*nb.X
		y := (1-t)*(1-t)*na.Y + 2*(1-t)*t*cy + t*t*nb.Y
		for _, i := range g.cells[[2]int{int(x / g.cell), int(y / g.cell)}] {
			if i == a || i == b || hit[i] {
				continue
			}
			n := g.nodes[i]
			p := Rect{X: x - 1, Y: y - 1, W: 2, H: 2}
			if p.Overlaps(n.symbol()) || p.Overlaps(n.Label) {
				hit[i] = true
			}
		}
	}
	return len(hit)
}

// rowHeight is the height of an actor's row with a label of n lines.
func rowHeight(lines int, o GraphOptions) float64 {
	return o.RowH + float64(max(lines-1, 0))*16
}

func placeNode(name string, x0, y, colW, depth float64, o GraphOptions) PlacedNode {
	x := x0 + o.Gutter + o.NodeR + 2 + depth*o.Indent
	labelX := x + o.NodeR + 7
	avail := x0 + colW - labelX
	lines := Wrap(name, max(int(avail/o.CharW), 6))
	cy := y + rowHeight(len(lines), o)/2
	width := 0
	for _, l := range lines {
		width = max(width, len([]rune(l)))
	}
	h := float64(len(lines)) * 16
	return PlacedNode{
		X: x, Y: cy, R: o.NodeR, Lines: lines,
		LabelX: labelX, LabelY: cy - h/2 + 12,
		Label: Rect{X: labelX, Y: cy - h/2, W: float64(width) * o.CharW, H: h},
	}
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

// edge draws a quadratic curve between two nodes, bowed so that edges along one column do not run
// over the column's own nodes, and shortened to end at the target's rim.
func edge(rel int, a, b PlacedNode, colW, width, height, bowBy float64) (PlacedEdge, float64, float64) {
	dx, dy := b.X-a.X, b.Y-a.Y
	dist := math.Hypot(dx, dy)
	if dist == 0 {
		return PlacedEdge{Relation: rel, MidX: a.X, MidY: a.Y}, a.X, a.Y
	}
	var cx, cy float64
	if math.Abs(dx) < colW/2 {
		// Same column: bow out to the left of the symbols, further for longer spans and for
		// stronger bows; the labels are on the right.
		bow := (24 + math.Abs(dy)*0.1) * (1 + 2*math.Abs(bowBy))
		cx, cy = math.Min(a.X, b.X)-bow, (a.Y+b.Y)/2
	} else {
		// Across columns: bow to one side so opposite edges do not coincide.
		nx, ny := -dy/dist, dx/dist
		bow := bowBy * dist
		cx, cy = (a.X+b.X)/2+nx*bow, (a.Y+b.Y)/2+ny*bow
	}
	// The control point stays inside the map, so the curve (which stays within the triangle of its
	// ends and control point) does too.
	cx, cy = math.Min(math.Max(cx, 0), width), math.Min(math.Max(cy, 0), height)
	// End at the target's rim along the curve's final tangent (control point -> target).
	tx, ty := b.X-cx, b.Y-cy
	tl := math.Hypot(tx, ty)
	ex, ey := b.X, b.Y
	if tl > 0 {
		ex, ey = b.X-tx/tl*(b.R+3), b.Y-ty/tl*(b.R+3)
	}
	sx, sy := a.X, a.Y
	if sl := math.Hypot(cx-a.X, cy-a.Y); sl > 0 {
		sx, sy = a.X+(cx-a.X)/sl*a.R, a.Y+(cy-a.Y)/sl*a.R
	}
	return PlacedEdge{
		Relation: rel,
		D:        "M" + num(sx) + " " + num(sy) + "Q" + num(cx) + " " + num(cy) + " " + num(ex) + " " + num(ey),
		MidX:     0.25*sx + 0.5*cx + 0.25*ex,
		MidY:     0.25*sy + 0.5*cy + 0.25*ey,
		cx:       cx, cy: cy,
	}, cx, cy
}

// num formats a coordinate with one decimal, enough for CSS pixels and short in the HTML.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
