package layout

import (
	"math"
)

// blocMargin is how far a bloc's region reaches beyond its actors' boxes.
const blocMargin = 4

// regions tints each bloc's part of the map without ever tinting another's: a bloc marked whole,
// which gather kept clear of all others, is one box round its actors; a bloc scattered among
// others' is a box round each of its actors, and actors' boxes lie apart.
func regions(g *Graph, whole []bool) {
	for b := range g.Blocs {
		g.Blocs[b].Regions = nil
	}
	for _, nd := range g.Nodes {
		b, r := nd.Bloc, nd.Row.grow(blocMargin)
		rs := g.Blocs[b].Regions
		if !whole[b] || len(rs) == 0 {
			g.Blocs[b].Regions = append(rs, r)
			continue
		}
		q := rs[0]
		x0, y0 := min(q.X, r.X), min(q.Y, r.Y)
		x1, y1 := max(q.X+q.W, r.X+r.W), max(q.Y+q.H, r.Y+r.H)
		rs[0] = Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
	}
}

// sizes is the size of each actor's box.
func sizes(g *Graph) []Point {
	out := make([]Point, len(g.Nodes))
	for i, nd := range g.Nodes {
		out[i] = Point{nd.Row.W, nd.Row.H}
	}
	return out
}

// gather keeps the region of each bloc whose actors sit together clear of every other actor:
// such a bloc moves as one, each other actor by itself, until gap or more lies between any two
// (a bloc's region's margin included), between x = left and x = right. The boxes are centred at
// c. A bloc whose actors lie scattered among others' (their box is more than three times the
// room they need) is left to be tinted in parts by regions: drawing it in would lengthen its
// relations, and cross more. It reports which blocs moved as one.
func gather(g *Graph, c []Point, left, right, gap float64) (whole []bool) {
	whole = make([]bool, len(g.Blocs))
	members := make([][]int, len(g.Blocs))
	for i, nd := range g.Nodes {
		members[nd.Bloc] = append(members[nd.Bloc], i)
	}
	var units [][]int // each moves as one
	for _, ms := range members {
		if len(ms) < 2 {
			units = append(units, ms)
			if len(ms) == 1 {
				whole[g.Nodes[ms[0]].Bloc] = true // a bloc of one is a region too
			}
			continue
		}
		x0, y0, x1, y1 := span(g, c, ms)
		need := 0.0 // the area the bloc's actors take, with room round each
		for _, i := range ms {
			need += (g.Nodes[i].Row.W + gap) * (g.Nodes[i].Row.H + gap)
		}
		if (x1-x0)*(y1-y0) <= 3*need {
			units = append(units, ms)
			whole[g.Nodes[ms[0]].Bloc] = true
			continue
		}
		for _, i := range ms {
			units = append(units, []int{i})
		}
	}
	uc := make([]Point, len(units))
	us := make([]Point, len(units))
	for k, ms := range units {
		x0, y0, x1, y1 := span(g, c, ms)
		uc[k] = Point{(x0 + x1) / 2, (y0 + y1) / 2}
		us[k] = Point{x1 - x0, y1 - y0}
		if whole[g.Nodes[ms[0]].Bloc] {
			// A region's margin; an actor's own tint is its box's, apart from others already.
			us[k].X += 2 * blocMargin
			us[k].Y += 2 * blocMargin
		}
	}
	was := append([]Point(nil), uc...)
	separate(uc, us, left-blocMargin, right+blocMargin, gap)
	for k, ms := range units {
		for _, i := range ms {
			c[i].X += uc[k].X - was[k].X
			c[i].Y += uc[k].Y - was[k].Y
		}
	}
	return whole
}

// span is the box round the boxes of the actors ms, centred at c.
func span(g *Graph, c []Point, ms []int) (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, i := range ms {
		r := g.Nodes[i].Row
		x0, x1 = min(x0, c[i].X-r.W/2), max(x1, c[i].X+r.W/2)
		y0, y1 = min(y0, c[i].Y-r.H/2), max(y1, c[i].Y+r.H/2)
	}
	return
}
