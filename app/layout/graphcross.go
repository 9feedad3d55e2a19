package layout

import (
	"math"
	"slices"
)

// untangle lowers the number of crossings between relations drawn straight from actor to actor:
// actor by actor, it tries moving the actor near the middle of its neighbours and swapping it
// with each of the actors nearest it, and keeps the change that removes the most crossings.
// It stops when a round changes nothing or when effort pairs of edges have been compared, and
// does not start when the effort would not cover one round.
func untangle(pos []Point, pairs [][2]int, effort int) {
	n := len(pos)
	type edge struct{ a, b, w int }
	var es []edge
	seen := map[[2]int]int{}
	inc := make([][]int, n)
	for _, p := range pairs {
		k := [2]int{min(p[0], p[1]), max(p[0], p[1])}
		if e, ok := seen[k]; ok {
			es[e].w++ // relations both ways run along each other and cross the same others
			continue
		}
		seen[k] = len(es)
		inc[k[0]] = append(inc[k[0]], len(es))
		inc[k[1]] = append(inc[k[1]], len(es))
		es = append(es, edge{k[0], k[1], 1})
	}
	// A round compares each actor's relations with all others: about twice the square of the
	// relations. Where the effort cannot pay for one round, the few actors it could try would
	// change next to nothing, so none is tried.
	if len(es) < 2 || effort < 2*len(es)*len(es) {
		return
	}
	work := 0
	mark := make([]int, len(es))
	stamp := 0
	// count is the crossings of the edges in set with all edges, each pair once.
	count := func(set []int) int {
		stamp++
		for _, e := range set {
			mark[e] = stamp
		}
		c := 0
		for _, e := range set {
			ea := es[e]
			p1, p2 := pos[ea.a], pos[ea.b]
			x0, x1 := min(p1.X, p2.X), max(p1.X, p2.X)
			y0, y1 := min(p1.Y, p2.Y), max(p1.Y, p2.Y)
			for f, fb := range es {
				if mark[f] == stamp && f <= e || fb.a == ea.a || fb.a == ea.b || fb.b == ea.a || fb.b == ea.b {
					continue
				}
				p3, p4 := pos[fb.a], pos[fb.b]
				if max(p3.X, p4.X) < x0 || min(p3.X, p4.X) > x1 || max(p3.Y, p4.Y) < y0 || min(p3.Y, p4.Y) > y1 {
					continue
				}
				if segmentsCross(p1, p2, p3, p4) {
					c += ea.w * fb.w
				}
			}
		}
		work += len(set) * len(es)
		return c
	}
	neighbours := func(u int) []int {
		var out []int
		for _, e := range inc[u] {
			v := es[e].a
			if v == u {
				v = es[e].b
			}
			out = append(out, v)
		}
		return out
	}
	// roomy reports whether p is at least half a unit from every actor but u.
	roomy := func(p Point, u int) bool {
		for i, q := range pos {
			if i != u && math.Abs(p.X-q.X) < 0.5 && math.Abs(p.Y-q.Y) < 0.5 {
				return false
			}
		}
		return true
	}
	const swaps = 6
	near, nearD := make([]int, 0, swaps), make([]float64, 0, swaps)
	for round := 0; round < 30 && work < effort; round++ {
		changed := false
		for u := 0; u < n && work < effort; u++ {
			if len(inc[u]) == 0 {
				continue
			}
			base := count(inc[u])
			if base == 0 {
				continue
			}
			home := pos[u]
			bestGain, bestAt, bestSwap := 0, home, -1
			// Moves towards the middle of its neighbours.
			var c Point
			nb := neighbours(u)
			for _, v := range nb {
				c.X += pos[v].X / float64(len(nb))
				c.Y += pos[v].Y / float64(len(nb))
			}
			cands := []Point{c, {(c.X + home.X) / 2, (c.Y + home.Y) / 2}}
			for _, d := range hexagon {
				cands = append(cands, Point{c.X + 0.6*d.X, c.Y + 0.6*d.Y})
			}
			for _, p := range cands {
				if !roomy(p, u) {
					continue
				}
				pos[u] = p
				if gain := base - count(inc[u]); gain > bestGain {
					bestGain, bestAt, bestSwap = gain, p, -1
				}
				pos[u] = home
			}
			// Swaps with the actors nearest it.
			near, nearD = nearest(pos, u, swaps, near, nearD)
			for _, v := range near {
				set := inc[u]
				for _, e := range inc[v] {
					if !slices.Contains(set, e) {
						set = append(set[:len(set):len(set)], e)
					}
				}
				before := count(set)
				pos[u], pos[v] = pos[v], pos[u]
				after := count(set)
				pos[u], pos[v] = pos[v], pos[u]
				if gain := before - after; gain > bestGain {
					bestGain, bestSwap = gain, v
				}
			}
			switch {
			case bestGain == 0:
			case bestSwap >= 0:
				pos[u], pos[bestSwap] = pos[bestSwap], pos[u]
				changed = true
			default:
				pos[u] = bestAt
				changed = true
			}
		}
		if !changed {
			break
		}
	}
}

// nearest lists the k actors nearest to actor u, nearest first and, among actors as near, in
// the order of pos: the first k of the other actors sorted stably by their distance to u, found
// in one pass. It reuses the room of near and nearD (their distances).
func nearest(pos []Point, u, k int, near []int, nearD []float64) ([]int, []float64) {
	near, nearD = near[:0], nearD[:0]
	for v, p := range pos {
		if v == u {
			continue
		}
		d := dist(p, pos[u])
		at := len(near) // after every actor nearer or as near
		for at > 0 && nearD[at-1] > d {
			at--
		}
		if at == k {
			continue
		}
		if len(near) < k {
			near, nearD = append(near, 0), append(nearD, 0)
		}
		copy(near[at+1:], near[at:])
		copy(nearD[at+1:], nearD[at:])
		near[at], nearD[at] = v, d
	}
	return near, nearD
}

// hexagon is six directions, 60 degrees apart.
var hexagon = [6]Point{{1, 0}, {0.5, 0.866}, {-0.5, 0.866}, {-1, 0}, {-0.5, -0.866}, {0.5, -0.866}}

// segmentsCross reports whether segments p1p2 and p3p4 cross at one point inside both.
func segmentsCross(p1, p2, p3, p4 Point) bool {
	d1 := orient(p3, p4, p1)
	d2 := orient(p3, p4, p2)
	d3 := orient(p1, p2, p3)
	d4 := orient(p1, p2, p4)
	return (d1 > 0 && d2 < 0 || d1 < 0 && d2 > 0) && (d3 > 0 && d4 < 0 || d3 < 0 && d4 > 0)
}

func orient(a, b, c Point) float64 { return (b.X-a.X)*(c.Y-a.Y) - (b.Y-a.Y)*(c.X-a.X) }
