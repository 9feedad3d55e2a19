package layout

import (
	"math"
	"slices"
)

// route draws the map's links, every relation between two of its actors: straight from symbol to symbol
// where no box is in the way, else round the boxes in the way by their corners. An actor's own
// relations keep clear of its name and slot, and end on ports of their own on its box.
func route(g *Graph, links []link, o GraphOptions) {
	r := newRouter(g, o)
	g.Edges = make([]PlacedEdge, 0, len(links))
	// Relations between the same two actors bow apart, each on a line of its own, so that each
	// can be seen and clicked: how many there are of each pair, and how many are drawn.
	n := len(g.Nodes)
	pair := func(a, b int) int { return min(a, b)*n + max(a, b) }
	count, drawn := map[int]int{}, map[int]int{}
	for _, l := range links {
		count[pair(l.from, l.to)]++
	}
	for _, l := range links {
		k := pair(l.from, l.to)
		bow := (float64(drawn[k]) - float64(count[k]-1)/2) * 14
		if l.from > l.to {
			bow = -bow // the same side whichever way the relation reads
		}
		drawn[k]++
		pts := r.path(l.from, l.to, bow)
		g.Edges = append(g.Edges, PlacedEdge{Relation: l.rel, From: l.from, To: l.to, Points: pts})
	}
	r.spreadEnds()
	r.separateHeads()
}

// router finds paths among the actors' boxes.
type router struct {
	g     *Graph
	box   []Rect // each actor's box with room for edges to pass
	own   []Rect // the part of it an actor's own edges keep clear of: name and slot
	cell  float64
	inv   float64 // 1 / cell
	cols  int
	rows  int
	cells [][]int32
	stamp []int
	now   int
}

func newRouter(g *Graph, o GraphOptions) *router {
	n := len(g.Nodes)
	r := &router{g: g, cell: 128, inv: 1.0 / 128, box: make([]Rect, n), own: make([]Rect, n), stamp: make([]int, n)}
	for i, nd := range g.Nodes {
		r.box[i] = nd.Row.grow(o.Clear)
		// Own relations pass above and below the name and slot beyond the actor's box, where
		// they can end on a port of their own anywhere along it.
		w := nd.words().grow(o.Clear)
		right, bottom := max(w.X+w.W, r.box[i].X+r.box[i].W), max(w.Y+w.H, r.box[i].Y+r.box[i].H)
		w.Y = min(w.Y, r.box[i].Y)
		r.own[i] = Rect{X: w.X, Y: w.Y, W: right - w.X, H: bottom - w.Y}
	}
	r.cols = int(g.Width/r.cell) + 2
	r.rows = int(g.Height/r.cell) + 2
	r.cells = make([][]int32, r.cols*r.rows)
	for i, b := range r.box {
		x0, y0 := r.at(b.X, b.Y)
		x1, y1 := r.at(b.X+b.W, b.Y+b.H)
		for x := x0; x <= x1; x++ {
			for y := y0; y <= y1; y++ {
				r.cells[y*r.cols+x] = append(r.cells[y*r.cols+x], int32(i))
			}
		}
	}
	return r
}

// cornerOf is corner k of box b, half a pixel out, so that a path round it never grazes it.
func cornerOf(b Rect, k int) Point {
	p := Point{b.X - 0.5, b.Y - 0.5}
	if k&1 != 0 {
		p.X = b.X + b.W + 0.5
	}
	if k&2 != 0 {
		p.Y = b.Y + b.H + 0.5
	}
	return p
}

// at is the grid cell of a point, within the grid. (Truncating is flooring wherever the clamp
// does not decide, and cheaper: routing asks for cells in its hottest loop.)
func (r *router) at(x, y float64) (int, int) {
	cx := min(max(int(x*r.inv), 0), r.cols-1)
	cy := min(max(int(y*r.inv), 0), r.rows-1)
	return cx, cy
}

// free reports whether the segment from a to b keeps clear of every box, the ends u and v
// keeping clear of their names and slots only.
func (r *router) free(a, b Point, u, v int) bool {
	return r.firstHit(a, b, u, v) < 0
}

// path is the route of an edge from actor u to actor v, from the centre of one symbol to the
// other's (spreadEnds cuts it where it meets their boxes), passing bow pixels to the left of
// the middle of the straight line between them.
func (r *router) path(u, v int, bow float64) []Point {
	nu, nv := r.g.Nodes[u], r.g.Nodes[v]
	a, b := Point{nu.X, nu.Y}, Point{nv.X, nv.Y}
	l := dist(a, b)
	// Where the middle is taken, another point along the line, or further out.
	for _, t := range [...][2]float64{{0.5, 1}, {0.35, 1}, {0.65, 1}, {0.5, 2}, {0.35, 2}, {0.65, 2}} {
		if bow == 0 || l == 0 {
			break
		}
		m := Point{a.X + t[0]*(b.X-a.X) + t[1]*bow*(b.Y-a.Y)/l, a.Y + t[0]*(b.Y-a.Y) - t[1]*bow*(b.X-a.X)/l}
		if !r.inside(m, u, v) {
			one, two := r.route(a, m, u, v), r.route(m, b, u, v)
			return append(one, two[1:]...)
		}
	}
	return r.route(a, b, u, v)
}

// route is the path from a to b round the boxes, straightened.
func (r *router) route(a, b Point, u, v int) []Point {
	pts, ok := r.detour(a, b, u, v)
	if !ok {
		if pts, ok = r.detour(b, a, v, u); ok {
			// Greedy from the other end, the path may find its way.
			slices.Reverse(pts)
		} else {
			pts = []Point{a, b}
		}
	}
	return r.pull(pts, u, v)
}

// detour is a path from p to q round the boxes in its way, found greedily: while a segment of
// the path meets a box, the path goes by the corner of that box seen furthest to one side from
// the segment's start, the side that adds the least length, unless the path passed that corner
// already. It gives up after a fixed number of corners.
func (r *router) detour(p, q Point, u, v int) ([]Point, bool) {
	// Room for the corners of a path round a dozen boxes, most of those found, in one allocation.
	pts := make([]Point, 2, 16)
	pts[0], pts[1] = p, q
	from := 0 // segments before it are known to be clear
	for range 200 {
		i, hit := from, -1
		for ; i < len(pts)-1; i++ {
			if hit = r.firstHit(pts[i], pts[i+1], u, v); hit >= 0 {
				break
			}
		}
		if hit < 0 {
			return pts, true
		}
		from = i
		box := r.box[hit]
		if hit == u || hit == v {
			box = r.own[hit]
		}
		a, b := pts[i], pts[i+1]
		left, right := -1, -1
		var la, ra float64
		for k := range 4 {
			c := cornerOf(box, k)
			if c == a {
				continue
			}
			t := turn(b.X-a.X, b.Y-a.Y, c.X-a.X, c.Y-a.Y)
			if left < 0 || t > la {
				left, la = k, t
			}
			if right < 0 || t < ra {
				right, ra = k, t
			}
		}
		cs := []Point{cornerOf(box, left), cornerOf(box, right)}
		if dist(a, cs[1])+dist(cs[1], b) < dist(a, cs[0])+dist(cs[0], b) {
			cs[0], cs[1] = cs[1], cs[0]
		}
		placed := false
		for _, c := range cs {
			if slices.Contains(pts, c) || r.inside(c, u, v) {
				continue
			}
			// Inserted by hand: slices.Insert of points would add 4 kB to the bundle.
			pts = append(pts, Point{})
			copy(pts[i+2:], pts[i+1:])
			pts[i+1] = c
			placed = true
			break
		}
		if !placed {
			return nil, false
		}
	}
	return nil, false
}

// firstHit is the box the segment from p to q enters first, or -1: every box but those of the
// ends u and v, whose names and slots only count.
func (r *router) firstHit(p, q Point, u, v int) int {
	best, bestT := -1, math.Inf(1)
	x0, x1 := min(p.X, q.X), max(p.X, q.X)
	y0, y1 := min(p.Y, q.Y), max(p.Y, q.Y)
	// Every box in the grid cells the segment passes, each once (the hot loop of routing: no
	// closure, no allocation), column by column from p's end. A box is met in the column where
	// the segment enters it, if not before, so the search ends at the first column past the
	// nearest box found.
	r.now++
	c0, _ := r.at(x0, 0)
	c1, _ := r.at(x1, 0)
	for k := range c1 - c0 + 1 {
		x := c0 + k
		if q.X < p.X {
			x = c1 - k
		}
		lo, hi := p.Y, q.Y
		if p.X != q.X {
			xa := max(float64(x)*r.cell, x0)
			xb := min(float64(x+1)*r.cell, x1)
			lo = p.Y + (xa-p.X)/(q.X-p.X)*(q.Y-p.Y)
			hi = p.Y + (xb-p.X)/(q.X-p.X)*(q.Y-p.Y)
		}
		_, ra := r.at(0, min(lo, hi))
		_, rb := r.at(0, max(lo, hi))
		for y := ra; y <= rb; y++ {
			for _, id32 := range r.cells[y*r.cols+x] {
				id := int(id32)
				if r.stamp[id] == r.now {
					continue
				}
				r.stamp[id] = r.now
				box := r.box[id]
				if id == u || id == v {
					box = r.own[id]
				}
				if box.X > x1 || box.X+box.W < x0 || box.Y > y1 || box.Y+box.H < y0 {
					continue
				}
				if t, ok := enters(p, q, box); ok && t < bestT {
					best, bestT = id, t
				}
			}
		}
		// The boxes entered before the nearest found are entered where x lies between p's and
		// its entry's: in the columns searched, when that entry lies a pixel or more inside this
		// one (a margin for rounding).
		if best >= 0 {
			ex := p.X + bestT*(q.X-p.X)
			if q.X >= p.X && ex < float64(x+1)*r.cell-1 || q.X < p.X && ex > float64(x)*r.cell+1 {
				break
			}
		}
	}
	return best
}

// enters reports whether the segment from p to q passes through the inside of b (half a pixel
// in from its border, as Segment.hitsRect counts), and where along it, from 0 at p to 1 at q.
func enters(p, q Point, b Rect) (float64, bool) {
	const e = 0.5
	t0, t1 := 0.0, 1.0
	// Liang–Barsky clipping against each side in turn.
	clip := func(d, n float64) bool {
		if d == 0 {
			return n >= 0
		}
		t := n / d
		if d < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		return t0 <= t1
	}
	dx, dy := q.X-p.X, q.Y-p.Y
	if clip(-dx, p.X-(b.X+e)) && clip(dx, b.X+b.W-e-p.X) && clip(-dy, p.Y-(b.Y+e)) && clip(dy, b.Y+b.H-e-p.Y) {
		return t0, true
	}
	return 0, false
}

// pull straightens a path: from each point it kept, it goes on to the furthest point it can
// reach in a straight line without meeting a box.
func (r *router) pull(pts []Point, u, v int) []Point {
	out := pts[:1]
	for i := 0; i < len(pts)-1; {
		j := i + 1
		for j+1 < len(pts) && r.free(pts[i], pts[j+1], u, v) {
			j++
		}
		out = append(out, pts[j])
		i = j
	}
	return out
}

// inside reports whether p lies inside a box (an end's name and slot, for the ends u and v).
func (r *router) inside(p Point, u, v int) bool {
	x, y := r.at(p.X, p.Y)
	for _, id := range r.cells[y*r.cols+x] {
		j := int(id)
		b := r.box[j]
		if j == u || j == v {
			b = r.own[j]
		}
		if b.contains(p) {
			return true
		}
	}
	return false
}

func dist(a, b Point) float64 { return math.Sqrt((a.X-b.X)*(a.X-b.X) + (a.Y-b.Y)*(a.Y-b.Y)) }

// turn orders directions by their angle from the direction (dx, dy), from -2 to 2 as the
// angle goes from -180 to 180 degrees: a pseudo-angle, monotonic, with no trigonometry.
func turn(dx, dy, x, y float64) float64 {
	along, across := dx*x+dy*y, dx*y-dy*x
	m := math.Abs(along) + math.Abs(across)
	if m == 0 {
		return 0
	}
	p := across / m
	switch {
	case along >= 0:
		return p
	case across >= 0:
		return 2 - p
	}
	return -2 - p
}
