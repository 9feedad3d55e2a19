//go:build !wasm

package layout

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomGraph is n actors with m relations between random pairs, as neighbour lists both ways.
func randomGraph(rng *rand.Rand, n, m int) [][]int {
	adj := make([][]int, n)
	for range m {
		a, b := rng.IntN(n), rng.IntN(n)
		if a != b && !slices.Contains(adj[a], b) {
			adj[a] = append(adj[a], b)
			adj[b] = append(adj[b], a)
		}
	}
	return adj
}

// TestDistancesMatchOneSearchPerActor: the searches run 64 at a time give the distances of one
// breadth-first search per actor, across the 64-actor batches and between the parts of a graph
// that is not connected (one step further than the furthest pair).
func TestDistancesMatchOneSearchPerActor(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, g := range []struct{ n, m int }{{1, 0}, {2, 1}, {5, 0}, {63, 40}, {64, 200}, {65, 90}, {130, 400}, {200, 150}} {
		adj := randomGraph(rng, g.n, g.m)
		got := distances(g.n, adj)
		want := make([]float64, g.n*g.n)
		far := 1.0
		for s := range g.n {
			row := want[s*g.n : (s+1)*g.n]
			for i := range row {
				row[i] = -1
			}
			row[s] = 0
			for queue := []int{s}; len(queue) > 0; queue = queue[1:] {
				u := queue[0]
				for _, v := range adj[u] {
					if row[v] < 0 {
						row[v] = row[u] + 1
						far = max(far, row[v])
						queue = append(queue, v)
					}
				}
			}
		}
		for i := range want {
			if want[i] < 0 {
				want[i] = far + 1
			}
		}
		if !slices.Equal(got, want) {
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%d actors, %d relations: distance from %d to %d is %v, want %v", g.n, g.m, i/g.n, i%g.n, got[i], want[i])
					break
				}
			}
		}
	}
}

// TestNearestIsTheStableSortsFirst: the actors nearest to one are the first of all the others
// sorted stably by distance, ties in the actors' order, however few actors there are.
func TestNearestIsTheStableSortsFirst(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 6, 7, 40} {
		pos := make([]Point, n)
		for i := range pos {
			// Whole coordinates on a small grid, so that many actors lie equally far apart.
			pos[i] = Point{float64(rng.IntN(5)), float64(rng.IntN(5))}
		}
		for u := range n {
			var all []int
			for v := range n {
				if v != u {
					all = append(all, v)
				}
			}
			slices.SortStableFunc(all, func(a, b int) int {
				da, db := dist(pos[a], pos[u]), dist(pos[b], pos[u])
				switch {
				case da < db:
					return -1
				case da > db:
					return 1
				}
				return 0
			})
			want := all[:min(6, len(all))]
			got, _ := nearest(pos, u, 6, nil, nil)
			if !slices.Equal(got, want) {
				t.Errorf("%d actors, nearest to %d: %v, want %v", n, u, got, want)
			}
		}
	}
}

// TestSortByKeepsTheOrderOfEqualKeys: sortBy sorts as a stable sort does.
func TestSortByKeepsTheOrderOfEqualKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 10, 100} {
		key := make([]float64, n)
		for i := range key {
			key[i] = float64(rng.IntN(8))
		}
		idx := rng.Perm(n)
		want := slices.Clone(idx)
		slices.SortStableFunc(want, func(a, b int) int {
			switch {
			case key[a] < key[b]:
				return -1
			case key[a] > key[b]:
				return 1
			}
			return 0
		})
		if sortBy(idx, key); !slices.Equal(idx, want) {
			t.Errorf("%d keys: %v, want %v", n, idx, want)
		}
	}
}

// TestFirstHitIsTheNearestBoxEntered: the grid search for the first box a segment enters,
// which stops past the nearest box found, finds what trying every box finds, on the maps of the
// seed story and of 100 actors, for segments between random points and between actors.
func TestFirstHitIsTheNearestBoxEntered(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, st := range mapStories(t) {
		if st.name == "500-actors" {
			continue
		}
		for _, width := range []float64{390, 1280} {
			g := layoutOf(st.name, st.s, width)
			r := newRouter(g, DefaultGraphOptions(width))
			n := len(g.Nodes)
			at := func() Point { return Point{rng.Float64()*(g.Width+200) - 100, rng.Float64()*(g.Height+200) - 100} }
			for k := range 3000 {
				p, q := at(), at()
				u, v := rng.IntN(n), rng.IntN(n)
				if k%2 == 0 { // from one actor's centre to another's, as routes start
					p, q = Point{g.Nodes[u].X, g.Nodes[u].Y}, Point{g.Nodes[v].X, g.Nodes[v].Y}
				}
				want, wantT := -1, math.Inf(1)
				for id, box := range r.box {
					if id == u || id == v {
						box = r.own[id]
					}
					if e, ok := enters(p, q, box); ok && e < wantT {
						want, wantT = id, e
					}
				}
				if got := r.firstHit(p, q, u, v); got != want {
					t.Fatalf("%s at %v px: the segment %v–%v (ends %d, %d) first enters box %d, want %d", st.name, width, p, q, u, v, got, want)
				}
			}
		}
	}
}
