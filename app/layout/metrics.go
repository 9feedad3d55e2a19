package layout

import "math"

// Segment is a straight piece of a drawn edge.
type Segment struct{ A, B Point }

// segmentsOf cuts a path into its segments.
func segmentsOf(pts []Point) []Segment {
	var out []Segment
	for i := 1; i < len(pts); i++ {
		out = append(out, Segment{pts[i-1], pts[i]})
	}
	return out
}

// hitsRect reports whether segment s passes through the inside of r (touching its border does
// not count: an edge may end on its node's rim).
func (s Segment) hitsRect(r Rect) bool {
	const e = 0.5 // border tolerance, in pixels
	r = Rect{X: r.X + e, Y: r.Y + e, W: r.W - 2*e, H: r.H - 2*e}
	if r.W <= 0 || r.H <= 0 {
		return false
	}
	// Liang–Barsky clipping of the segment to the box.
	t0, t1 := 0.0, 1.0
	dx, dy := s.B.X-s.A.X, s.B.Y-s.A.Y
	for _, c := range [4][2]float64{
		{-dx, s.A.X - r.X}, {dx, r.X + r.W - s.A.X},
		{-dy, s.A.Y - r.Y}, {dy, r.Y + r.H - s.A.Y},
	} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// cross returns where segments s and q cross properly: at one point inside both, not where
// they merely touch or run along each other.
func (s Segment) cross(q Segment) (Point, bool) {
	d := (s.B.X-s.A.X)*(q.B.Y-q.A.Y) - (s.B.Y-s.A.Y)*(q.B.X-q.A.X)
	if math.Abs(d) < 1e-9 {
		return Point{}, false
	}
	t := ((q.A.X-s.A.X)*(q.B.Y-q.A.Y) - (q.A.Y-s.A.Y)*(q.B.X-q.A.X)) / d
	u := ((q.A.X-s.A.X)*(s.B.Y-s.A.Y) - (q.A.Y-s.A.Y)*(s.B.X-s.A.X)) / d
	const e = 1e-6
	if t <= e || t >= 1-e || u <= e || u >= 1-e {
		return Point{}, false
	}
	return Point{s.A.X + t*(s.B.X-s.A.X), s.A.Y + t*(s.B.Y-s.A.Y)}, true
}

// Drawing is a drawn graph, ours or another tool's, in a form the measures below share: each
// edge a path between two nodes, each node a symbol box, and labels as boxes.
type Drawing struct {
	Paths  [][]Point
	Ends   [][2]int // the nodes each path joins
	Nodes  []Rect   // each node's symbol
	Labels []Rect   // every label: actors' names and relations' labels
	// Around is, for each node, the area where the edges that share it meet: its box.
	Around []Rect
}

// DrawingOf is our graph as a Drawing, with the labels of plan (may be nil).
func DrawingOf(g *Graph, plan *LabelPlan) Drawing {
	var d Drawing
	for _, e := range g.Edges {
		d.Paths = append(d.Paths, e.Points)
		d.Ends = append(d.Ends, [2]int{e.From, e.To})
	}
	for _, n := range g.Nodes {
		d.Nodes = append(d.Nodes, n.Symbol())
		d.Around = append(d.Around, n.Row)
		d.Labels = append(d.Labels, n.Label)
	}
	if plan != nil {
		for _, p := range plan.Placed {
			d.Labels = append(d.Labels, p.Box)
		}
	}
	return d
}

// Metrics are the measures of a drawing's legibility.
type Metrics struct {
	EdgeLabel  int // edges through a label
	EdgeNode   int // edges through a node other than their own ends
	LabelLabel int // labels over another label or a node
	Crossings  int // pairs of edge segments that cross, away from a shared end
}

// Measure counts what makes d hard to read.
func Measure(d Drawing) Metrics {
	m := Intersections(d)
	m.Crossings = Crossings(d)
	return m
}

// Intersections counts edges through labels and nodes, and labels over labels and nodes: all
// of Measure but the crossings, which cost the most to count.
func Intersections(d Drawing) Metrics {
	var m Metrics
	segs := make([][]Segment, len(d.Paths))
	for i, p := range d.Paths {
		segs[i] = segmentsOf(p)
	}
	// Edges against boxes: a grid of the boxes keeps it near linear.
	boxes := newBoxGrid(48)
	for i, r := range d.Nodes {
		boxes.add(r, i)
	}
	for i, r := range d.Labels {
		boxes.add(r, len(d.Nodes)+i)
	}
	for e, ss := range segs {
		hit := map[int]bool{}
		for _, s := range ss {
			boxes.visit(Rect{X: min(s.A.X, s.B.X), Y: min(s.A.Y, s.B.Y), W: math.Abs(s.B.X - s.A.X), H: math.Abs(s.B.Y - s.A.Y)}, func(id int) {
				if hit[id] {
					return
				}
				if id < len(d.Nodes) {
					if id == d.Ends[e][0] || id == d.Ends[e][1] || !s.hitsRect(d.Nodes[id]) {
						return
					}
					m.EdgeNode++
				} else {
					if !s.hitsRect(d.Labels[id-len(d.Nodes)]) {
						return
					}
					m.EdgeLabel++
				}
				hit[id] = true
			})
		}
	}
	all := append(append([]Rect(nil), d.Labels...), d.Nodes...)
	lg := newBoxGrid(48)
	for i, r := range all {
		lg.add(r, i)
	}
	for i, r := range d.Labels {
		seen := map[int]bool{}
		lg.visit(r, func(j int) {
			if j == i || seen[j] || (j < len(d.Labels) && j < i) {
				return
			}
			seen[j] = true
			if r.Overlaps(all[j]) {
				m.LabelLabel++
			}
		})
	}
	return m
}

// Crossings counts the pairs of edge segments that cross properly. Two edges that share an end
// node may meet near it: crossings within 12 units of that node's box (Around, else its
// symbol) are not counted. The members of a bundle count as separate edges.
func Crossings(d Drawing) int {
	type ref struct{ edge, seg int }
	var segs []Segment
	var refs []ref
	for e, p := range d.Paths {
		for k, s := range segmentsOf(p) {
			segs = append(segs, s)
			refs = append(refs, ref{e, k})
		}
	}
	g := newBoxGrid(32)
	for i, s := range segs {
		g.add(Rect{X: min(s.A.X, s.B.X), Y: min(s.A.Y, s.B.Y), W: math.Abs(s.B.X - s.A.X), H: math.Abs(s.B.Y - s.A.Y)}, i)
	}
	n := 0
	for key, ids := range g.cells {
		for x, i := range ids {
			for _, j := range ids[x+1:] {
				ei, ej := refs[i].edge, refs[j].edge
				if ei == ej {
					continue
				}
				p, ok := segs[i].cross(segs[j])
				// Each crossing is counted once, in the cell it lies in.
				if !ok || g.key(p) != key {
					continue
				}
				if near(d, ei, ej, p) {
					continue
				}
				n++
			}
		}
	}
	return n
}

// near reports whether p lies close to an end node that edges a and b share.
func near(d Drawing, a, b int, p Point) bool {
	for _, x := range d.Ends[a] {
		if x != d.Ends[b][0] && x != d.Ends[b][1] {
			continue
		}
		r := d.Nodes[x]
		if x < len(d.Around) {
			r = d.Around[x]
		}
		const grow = 12
		if p.X >= r.X-grow && p.X <= r.X+r.W+grow && p.Y >= r.Y-grow && p.Y <= r.Y+r.H+grow {
			return true
		}
	}
	return false
}

// boxGrid buckets boxes by the cells of a uniform grid they touch.
type boxGrid struct {
	cell  float64
	cells map[[2]int][]int
}

func newBoxGrid(cell float64) *boxGrid { return &boxGrid{cell: cell, cells: map[[2]int][]int{}} }

func (g *boxGrid) key(p Point) [2]int {
	return [2]int{int(math.Floor(p.X / g.cell)), int(math.Floor(p.Y / g.cell))}
}

func (g *boxGrid) add(r Rect, id int) {
	a, b := g.key(Point{r.X, r.Y}), g.key(Point{r.X + r.W, r.Y + r.H})
	for x := a[0]; x <= b[0]; x++ {
		for y := a[1]; y <= b[1]; y++ {
			g.cells[[2]int{x, y}] = append(g.cells[[2]int{x, y}], id)
		}
	}
}

// visit calls f with the id of every box in the cells r touches, possibly more than once.
func (g *boxGrid) visit(r Rect, f func(int)) {
	a, b := g.key(Point{r.X, r.Y}), g.key(Point{r.X + r.W, r.Y + r.H})
	for x := a[0]; x <= b[0]; x++ {
		for y := a[1]; y <= b[1]; y++ {
			for _, id := range g.cells[[2]int{x, y}] {
				f(id)
			}
		}
	}
}

// ArrowOverlaps counts the pairs of g's arrowheads that overlap by more than half a pixel: each
// relation's at the actor it points to, drawn as a lit one is, ArrowW long and as wide, its tip on
// the port and its axis along the relation's last run. A last run of no length gives no
// direction to draw an arrowhead along, and is left out.
func ArrowOverlaps(g *Graph) int {
	heads := make([][3]Point, 0, len(g.Edges))
	for _, e := range g.Edges {
		if h, ok := headOf(e); ok {
			heads = append(heads, h)
		}
	}
	n := 0
	for i, a := range heads {
		for _, b := range heads[i+1:] {
			if overlap(a, b, 0.5) {
				n++
			}
		}
	}
	return n
}

// headOf is e's arrowhead at the actor it points to; ok is false where its last run has no
// length, and so no direction to draw one along.
func headOf(e PlacedEdge) (h [3]Point, ok bool) {
	n := len(e.Points)
	if n < 2 || e.Points[n-2] == e.Points[n-1] {
		return h, false
	}
	return arrowhead(e.Points[n-2], e.Points[n-1]), true
}

// arrowhead is the triangle of an arrowhead whose relation runs from p to its tip, p not the tip.
func arrowhead(p, tip Point) [3]Point {
	dx, dy := tip.X-p.X, tip.Y-p.Y
	l := math.Hypot(dx, dy)
	ux, uy := dx/l, dy/l
	bx, by := tip.X-ux*ArrowW, tip.Y-uy*ArrowW
	const h = ArrowW / 2
	return [3]Point{tip, {bx - uy*h, by + ux*h}, {bx + uy*h, by - ux*h}}
}

// overlap reports whether triangles a and b, neither with a side of no length, overlap by more
// than tol, by the separating axis theorem: they are apart when, along the normal of one of
// their sides, their extents leave a gap or overlap by tol at most.
func overlap(a, b [3]Point, tol float64) bool {
	for _, t := range [2][3]Point{a, b} {
		for i := range 3 {
			p, q := t[i], t[(i+1)%3]
			l := math.Hypot(q.X-p.X, q.Y-p.Y)
			n := Point{(q.Y - p.Y) / l, (p.X - q.X) / l}
			amin, amax := extent(a, n)
			bmin, bmax := extent(b, n)
			if amax <= bmin+tol || bmax <= amin+tol {
				return false
			}
		}
	}
	return true
}

// extent is how far triangle t reaches along the unit vector n, least and most.
func extent(t [3]Point, n Point) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range t {
		d := v.X*n.X + v.Y*n.Y
		lo, hi = min(lo, d), max(hi, d)
	}
	return lo, hi
}
