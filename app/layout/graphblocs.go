package layout

import (
	"math"
	"slices"
)

// blocMargin is how far a bloc's region reaches beyond its actors' boxes.
const blocMargin = 4

// regions tints each bloc's part of the map without ever tinting another's. The blocs marked
// whole, which gather kept clear of all others, are one box each. For the others it starts from
// a box round each actor and joins two boxes of one bloc into the box round both (and round the
// bloc's other boxes it comes to meet), the smallest join first, wherever that box meets no other
// bloc's: so regions never overlap, and a bloc scattered among others' is tinted in parts.
func regions(g *Graph, whole []bool) {
	type piece struct {
		r    Rect
		bloc int
		gone bool
	}
	union := func(a, b Rect) Rect {
		x0, y0 := min(a.X, b.X), min(a.Y, b.Y)
		x1, y1 := max(a.X+a.W, b.X+b.W), max(a.Y+a.H, b.Y+b.H)
		return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
	}
	ps := make([]piece, len(g.Nodes))
	of := make([][]int, len(g.Blocs)) // each bloc's pieces
	for i, nd := range g.Nodes {
		ps[i] = piece{r: nd.Row.grow(blocMargin), bloc: nd.Bloc}
		if k := of[nd.Bloc]; whole[nd.Bloc] && len(k) > 0 {
			ps[k[0]].r = union(ps[k[0]].r, ps[i].r)
			ps[i].gone = true
			continue
		}
		of[nd.Bloc] = append(of[nd.Bloc], i)
	}
	// join is the box round pieces a and b and every piece of their bloc it comes to cover, and
	// whether it covers no other bloc's.
	join := func(a, b int) (Rect, []int, bool) {
		u := union(ps[a].r, ps[b].r)
		took := []int{b}
		for grew := true; grew; {
			grew = false
			for k := range ps {
				if k == a || ps[k].gone || slices.Contains(took, k) || !ps[k].r.Overlaps(u) {
					continue
				}
				if ps[k].bloc != ps[a].bloc {
					return u, nil, false
				}
				u, took, grew = union(u, ps[k].r), append(took, k), true
			}
		}
		return u, took, true
	}
	type pair struct {
		a, b int
		area float64
	}
	var pairs []pair
	for _, mine := range of {
		for {
			// Joins that would cover more than three times what the two boxes do join actors
			// far apart, with others' in between: not worth a look.
			pairs = pairs[:0]
			for x, a := range mine {
				for _, b := range mine[x+1:] {
					u := union(ps[a].r, ps[b].r)
					if area := u.W * u.H; area <= 3*(ps[a].r.W*ps[a].r.H+ps[b].r.W*ps[b].r.H) {
						pairs = append(pairs, pair{a, b, area})
					}
				}
			}
			slices.SortStableFunc(pairs, func(x, y pair) int { return cmpFloat(x.area, y.area) })
			joined := false
			for _, p := range pairs {
				if u, took, ok := join(p.a, p.b); ok {
					ps[p.a].r = u
					for _, k := range took {
						ps[k].gone = true
					}
					mine = slices.DeleteFunc(mine, func(k int) bool { return slices.Contains(took, k) })
					joined = true
					break
				}
			}
			if !joined {
				break
			}
		}
	}
	for b := range g.Blocs {
		g.Blocs[b].Regions = nil
	}
	for _, p := range ps {
		if !p.gone {
			g.Blocs[p.bloc].Regions = append(g.Blocs[p.bloc].Regions, p.r)
		}
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
// c. A bloc whose actors lie scattered among others' (their box is more than four times the
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
		if (x1-x0)*(y1-y0) <= 4*need {
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
	was := slices.Clone(uc)
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
