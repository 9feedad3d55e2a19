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
	// Width is the width available. The map fits it when its actors can be kept apart in it;
	// a big story's map may be wider, to be zoomed and panned.
	Width float64
	// NodeR is the radius of a node's symbol.
	NodeR float64
	// CharW estimates the width of one label character (the widget's 13 px sans-serif); SmallCharW
	// that of the 11 px relation labels.
	CharW, SmallCharW float64
	// Pad is the margin around the map.
	Pad float64
	// NameChars is the most characters of an actor's name on one line.
	NameChars int
	// SlotW is the least width of the line under a name where relation labels go.
	SlotW float64
	// EdgeLen is the preferred length of a relation, from one actor's box to the other's.
	EdgeLen float64
	// Gap is the least space between two actors' boxes.
	Gap float64
	// Clear is the least space between an edge and a box it passes.
	Clear float64
	// Effort caps the work spent on removing crossings, in pairs of edges compared; it keeps big
	// stories fast, while small ones get all the passes they can use.
	Effort int
}

// DefaultGraphOptions returns the sizes the stylesheet is written for, at the given width.
func DefaultGraphOptions(width float64) GraphOptions {
	o := GraphOptions{
		Width: width, NodeR: 11, CharW: 7.2, SmallCharW: 6.2, Pad: 8,
		NameChars: 16, SlotW: 150, EdgeLen: 110, Gap: 16, Clear: 4, Effort: 8_000_000,
	}
	if width < 600 {
		// A phone: shorter lines of names, so that more actors sit side by side.
		o.NameChars, o.SlotW, o.EdgeLen = 12, 120, 90
	}
	return o
}

// Rect is an axis-aligned box.
type Rect struct{ X, Y, W, H float64 }

// Overlaps reports whether r and q share any area.
func (r Rect) Overlaps(q Rect) bool {
	return r.X < q.X+q.W && q.X < r.X+r.W && r.Y < q.Y+q.H && q.Y < r.Y+r.H
}

// grow returns r with d more on every side.
func (r Rect) grow(d float64) Rect { return Rect{X: r.X - d, Y: r.Y - d, W: r.W + 2*d, H: r.H + 2*d} }

// contains reports whether p lies strictly inside r.
func (r Rect) contains(p Point) bool {
	return p.X > r.X && p.X < r.X+r.W && p.Y > r.Y && p.Y < r.Y+r.H
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
	// Lines is the name, wrapped.
	Lines []string
	// LabelX and LabelY are where the first line's baseline starts.
	LabelX, LabelY float64
	// Label is the box the label occupies.
	Label Rect
	// Slot is the free box under the name where the labels of its lit relations go: no edge
	// ever runs through it.
	Slot Rect
	// Row is the actor's whole box: symbol, name and slot, kept apart from every other actor's
	// and from every edge but the actor's own, which end on its symbol. It is the actor's target.
	Row Rect
}

// Symbol is the box of a node's symbol.
func (n PlacedNode) Symbol() Rect {
	r := n.R * 1.25 // the group's diamond reaches furthest
	return Rect{X: n.X - r, Y: n.Y - r, W: 2 * r, H: 2 * r}
}

// words is the box of a node's name and slot: what its own edges keep clear of.
func (n PlacedNode) words() Rect {
	return Rect{X: n.Label.X, Y: n.Label.Y, W: max(n.Label.W, n.Slot.W), H: n.Slot.Y + n.Slot.H - n.Label.Y}
}

// PlacedEdge is a relation's route on the map: a straight line from one actor's box to the
// other's where nothing is in the way, else a short path round the actors in the way. Each end
// lies on a port of its own on the actor's box (Row), at least ArrowW from any other relation's,
// so that arrowheads show apart.
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
	// Regions are the bloc's area on the map, the boxes its tint fills: one box round its actors
	// where they sit together, kept clear of every other actor; else, for a bloc whose actors
	// lie scattered among others', a box round each. No two regions overlap.
	Regions []Rect
}

// Graph is the computed actor map.
type Graph struct {
	Width, Height float64
	Nodes         []PlacedNode // in story order
	Edges         []PlacedEdge // in story order, relations whose actors exist
	Blocs         []Bloc
	// Order lists actor indices in reading order, bloc by bloc from the top, each bloc's actors
	// top to bottom: the order arrow keys move in.
	Order []int
	// SmallCharW is the width the layout reckons for a character of a relation label.
	SmallCharW float64
}

// member is an actor in a bloc, with its depth below the bloc's root.
type member struct{ actor, depth int }

// LayoutGraph lays the actors of s out in two dimensions and routes their relations. Actors are
// placed by stress majorization, as Graphviz's neato does: the distance between two actors on
// the map follows the number of relations between them, and the actors of a bloc count as
// next to each other, so a bloc reads as a region. A local search then moves and swaps actors
// wherever that lowers the number of crossing relations, which neato never looks at. The
// drawing is fitted to the width, the actors' boxes (symbol, name and the line for relation
// labels under it) are pushed apart, and every relation is drawn straight where nothing is in
// its way, else along the shortest path round the boxes in its way. The result is
// deterministic: every choice depends on the story's order only.
func LayoutGraph(s *data.Story, o GraphOptions) *Graph {
	g, blocs, links := newGraph(s, o)
	n := len(g.Nodes)
	if n == 0 {
		g.Height = 2 * o.Pad
		return g
	}
	blocOf := make([]int, n)
	for i, nd := range g.Nodes {
		blocOf[i] = nd.Bloc
	}
	pairs := make([][2]int, len(links)) // the relations as pairs of actors, for placing
	for i, l := range links {
		pairs[i] = [2]int{l.from, l.to}
	}
	// The search for fewer crossings compares every relation with every other: big stories
	// get what the effort allows, spread over fewer rounds.
	pos := place(n, pairs, blocs, blocOf, o.Effort)
	fit(g, pos, o)
	route(g, links, o)
	g.order(blocs)
	return g
}

// link is a relation the map draws, between two of its actors: indices into Story.Relations
// and Graph.Nodes.
type link struct{ rel, from, to int }

// newGraph starts the map of s, for LayoutGraph and DraftGraph alike: its actors shaped for o
// and put in their blocs, with the blocs and the relations it draws, those between two of its
// actors (not an actor and itself).
func newGraph(s *data.Story, o GraphOptions) (*Graph, [][]member, []link) {
	g := &Graph{Width: o.Width, SmallCharW: o.SmallCharW}
	index := make(map[string]int, len(s.Actors))
	for i, a := range s.Actors {
		index[a.ID] = i
	}
	g.Nodes = make([]PlacedNode, len(s.Actors))
	for i, a := range s.Actors {
		g.Nodes[i] = shapeNode(a.Name, o)
		g.Nodes[i].Actor = i
	}
	blocs := groupBlocs(s, index)
	g.Blocs = make([]Bloc, len(blocs))
	for b, ms := range blocs {
		g.Blocs[b].Root = ms[0].actor
		for _, m := range ms {
			g.Nodes[m.actor].Bloc = b
		}
	}
	var links []link
	for ri, r := range s.Relations {
		a, ok1 := index[r.From]
		b, ok2 := index[r.To]
		if ok1 && ok2 && a != b {
			links = append(links, link{ri, a, b})
		}
	}
	return g, blocs, links
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

// shapeNode sizes an actor's box round a symbol centred at (0, 0): the symbol, the name wrapped
// to its right, and the slot for relation labels under the name.
func shapeNode(name string, o GraphOptions) PlacedNode {
	sr := o.NodeR * 1.25
	labelX := sr + 6
	lines := Wrap(name, max(o.NameChars, 4))
	if len(lines) == 0 {
		lines = []string{""}
	}
	width := 0
	for _, l := range lines {
		width = max(width, len([]rune(l)))
	}
	nameW := float64(width) * o.CharW
	h := float64(len(lines)) * 16
	top := -8.0 // the first line of the name is centred on the symbol
	slotW := max(nameW, o.SlotW)
	bottom := top + h + 14
	rowTop := min(top, -sr) - 3
	return PlacedNode{
		R: o.NodeR, Lines: lines,
		LabelX: labelX, LabelY: top + 12,
		Label: Rect{X: labelX, Y: top, W: nameW, H: h},
		Slot:  Rect{X: labelX, Y: top + h, W: slotW, H: 14},
		Row:   Rect{X: -sr - 3, Y: rowTop, W: labelX + slotW + 3 + sr + 3, H: bottom + 3 - rowTop},
	}
}

// moveTo puts the node's box with its top left corner at (x, y).
func (n *PlacedNode) moveTo(x, y float64) {
	dx, dy := x-n.Row.X, y-n.Row.Y
	n.X += dx
	n.Y += dy
	n.LabelX += dx
	n.LabelY += dy
	n.Label.X += dx
	n.Label.Y += dy
	n.Slot.X += dx
	n.Slot.Y += dy
	n.Row.X += dx
	n.Row.Y += dy
}

// order lists the actors bloc by bloc, the blocs from the top of the map down (then left to
// right), each bloc's actors from the top down.
func (g *Graph) order(blocs [][]member) {
	// before reports whether actor a reads before actor b: higher on the map to the pixel, or
	// on the same line and further left.
	before := func(a, b int) bool {
		ya, yb := math.Round(g.Nodes[a].Y), math.Round(g.Nodes[b].Y)
		return ya < yb || ya == yb && g.Nodes[a].X < g.Nodes[b].X
	}
	// Stable sorts by sort.SliceStable, whose code the bundle holds already.
	lists := make([][]int, len(blocs))
	for b, ms := range blocs {
		l := make([]int, len(ms))
		for k, m := range ms {
			l[k] = m.actor
		}
		sort.SliceStable(l, func(i, j int) bool { return before(l[i], l[j]) })
		lists[b] = l
	}
	bs := make([]int, len(blocs))
	for b := range bs {
		bs[b] = b
	}
	sort.SliceStable(bs, func(i, j int) bool { return before(lists[bs[i]][0], lists[bs[j]][0]) })
	g.Order = make([]int, 0, len(g.Nodes))
	for _, b := range bs {
		g.Order = append(g.Order, lists[b]...)
	}
}

// pathD writes points as an SVG path of straight runs.
func pathD(pts []Point) string {
	b := make([]byte, 0, len(pts)*14)
	for i, p := range pts {
		if i == 0 {
			b = append(b, 'M')
		} else {
			b = append(b, 'L')
		}
		b = appendNum(b, p.X)
		b = append(b, ' ')
		b = appendNum(b, p.Y)
	}
	return string(b)
}

// appendNum appends f as num writes it. A map of 500 actors writes 2,000 paths: the general
// float formatting cost more than a tenth of its layout.
func appendNum(b []byte, f float64) []byte {
	t := math.Round(f * 10)
	if math.Abs(t) >= 1e15 || t != t {
		return append(b, num(f)...)
	}
	v := int64(t)
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = strconv.AppendInt(b, v/10, 10)
	if d := v % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return b
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

// ArrowW is the width of the widest arrowhead the map draws, a lit relation's, in CSS pixels.
// The relations that meet at an actor end at least this far apart on its box, so that no two
// arrowheads overlap however many relations converge on a hub.
const ArrowW = 10.0
