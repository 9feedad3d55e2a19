package layout

import (
	"math"
	"math/bits"
	"slices"
)

// place positions n actors in the plane, in units of one relation, by stress majorization on
// the distances between them (relations and affiliations counted as steps, the actors of a bloc
// as next to each other), started from pivot MDS so that it needs no randomness; then it lowers
// the relations' crossings by local moves, within effort pairs of edges compared.
func place(n int, pairs [][2]int, blocs [][]member, blocOf []int, effort int) []Point {
	adj := make([][]int, n)
	link := func(a, b int) {
		if !slices.Contains(adj[a], b) {
			adj[a] = append(adj[a], b)
			adj[b] = append(adj[b], a)
		}
	}
	for _, p := range pairs {
		link(p[0], p[1])
	}
	for _, ms := range blocs {
		for _, m := range ms[1:] {
			link(ms[0].actor, m.actor)
		}
	}
	d := distances(n, adj)
	for i := range n {
		for j := range n {
			if i != j && blocOf[i] == blocOf[j] {
				d[i*n+j] = min(d[i*n+j], 1)
			}
		}
	}
	pos := pivotMDS(n, d, adj)
	majorize(n, d, pos)
	// Each try compares an actor's relations with all others: the effort shrinks with the
	// square of the story's size, so that big stories stay fast.
	k := min(1, 150/float64(n))
	untangle(pos, pairs, int(float64(effort)*k*k*k))
	return pos
}

// distances is the matrix of shortest path lengths, by breadth-first search from every actor;
// actors in different parts of the graph are one step further apart than the furthest pair.
// The searches run 64 at a time, one bit of a word for each: a step of all 64 is one pass over
// the relations, where searching from one actor at a time would pass over them 64 times.
func distances(n int, adj [][]int) []float64 {
	d := make([]float64, n*n)
	for i := range d {
		d[i] = -1 // not reached
	}
	// Bit b of an actor's words stands for the search from actor s0+b: whether it has reached
	// the actor, and whether it did so in the last step.
	seen := make([]uint64, n)
	front := make([]uint64, n)
	next := make([]uint64, n)
	far := 1.0
	for s0 := 0; s0 < n; s0 += 64 {
		clear(seen)
		clear(front)
		for b := range min(64, n-s0) {
			seen[s0+b] = 1 << b
			front[s0+b] = 1 << b
			d[(s0+b)*n+s0+b] = 0
		}
		for step := 1.0; ; step++ {
			moved := false
			for v, nb := range adj {
				var w uint64
				for _, u := range nb {
					w |= front[u] // relations run both ways: v is reached from its neighbours
				}
				w &^= seen[v]
				next[v] = w
				if w == 0 {
					continue
				}
				moved = true
				seen[v] |= w
				for ; w != 0; w &= w - 1 {
					d[(s0+bits.TrailingZeros64(w))*n+v] = step
				}
				far = max(far, step)
			}
			if !moved {
				break
			}
			front, next = next, front
		}
	}
	for i := range d {
		if d[i] < 0 {
			d[i] = far + 1
		}
	}
	return d
}

// pivotMDS places the actors by classical multidimensional scaling on their distances to a few
// pivots, each as far from the others as can be (Brandes and Pich): a deterministic start as
// good as the full eigen-decomposition at a fraction of its cost.
func pivotMDS(n int, d []float64, adj [][]int) []Point {
	pos := make([]Point, n)
	if n < 3 {
		for i := range pos {
			pos[i] = Point{float64(i), 0}
		}
		return pos
	}
	k := min(n, 40)
	first := 0
	for i := range n {
		if len(adj[i]) > len(adj[first]) {
			first = i
		}
	}
	pivots := []int{first}
	near := make([]float64, n) // each actor's distance to the nearest pivot
	for i := range near {
		near[i] = d[first*n+i]
	}
	for len(pivots) < k {
		best := 0
		for i := range n {
			if near[i] > near[best] {
				best = i
			}
		}
		if near[best] == 0 {
			break
		}
		pivots = append(pivots, best)
		for i := range near {
			near[i] = min(near[i], d[best*n+i])
		}
	}
	k = len(pivots)
	// C is the double-centred matrix of squared distances, n rows by k columns.
	c := make([]float64, n*k)
	colMean := make([]float64, k)
	rowMean := make([]float64, n)
	all := 0.0
	for i := range n {
		for p, pv := range pivots {
			v := -0.5 * d[i*n+pv] * d[i*n+pv]
			c[i*k+p] = v
			colMean[p] += v / float64(n)
			rowMean[i] += v / float64(k)
			all += v / float64(n*k)
		}
	}
	for i := range n {
		for p := range k {
			c[i*k+p] += all - colMean[p] - rowMean[i]
		}
	}
	// The two leading eigenvectors of CᵀC, by power iteration.
	ctc := make([]float64, k*k)
	for i := range n {
		row := c[i*k : (i+1)*k]
		for p := range k {
			for q := p; q < k; q++ {
				ctc[p*k+q] += row[p] * row[q]
			}
		}
	}
	for p := range k { // CᵀC is symmetric: the half below the diagonal mirrors the half above
		for q := range p {
			ctc[p*k+q] = ctc[q*k+p]
		}
	}
	var vecs [2][]float64
	for e := range 2 {
		v := make([]float64, k)
		for p := range v {
			v[p] = 1 + float64((p*7+e*3)%11)/10
		}
		w := make([]float64, k)
		for range 200 {
			moved := 0.0
			for p := range k {
				sum := 0.0
				for q, x := range ctc[p*k : (p+1)*k] {
					sum += x * v[q]
				}
				w[p] = sum
			}
			if e == 1 { // keep it apart from the first
				dot := 0.0
				for p := range k {
					dot += w[p] * vecs[0][p]
				}
				for p := range k {
					w[p] -= dot * vecs[0][p]
				}
			}
			norm := 0.0
			for _, x := range w {
				norm += x * x
			}
			norm = math.Sqrt(norm)
			if norm == 0 {
				break
			}
			for p := range k {
				moved = max(moved, math.Abs(v[p]-w[p]/norm))
				v[p] = w[p] / norm
			}
			if moved < 1e-12 {
				break // converged: more rounds change nothing a pixel shows
			}
		}
		vecs[e] = v
	}
	for i := range n {
		row := c[i*k : (i+1)*k]
		for p := range k {
			pos[i].X += row[p] * vecs[0][p]
			pos[i].Y += row[p] * vecs[1][p]
		}
	}
	// Scale to a distance of about one between related actors, and part actors that start on
	// the same spot, by their order, so that no two ever coincide.
	sum, cnt := 0.0, 0
	for i := range n {
		for _, j := range adj[i] {
			sum += dist(pos[i], pos[j])
			cnt++
		}
	}
	scale := 1.0
	if sum > 0 {
		scale = float64(cnt) / sum
	}
	for i := range pos {
		pos[i].X = pos[i].X*scale + 0.001*float64(i%7)
		pos[i].Y = pos[i].Y*scale + 0.001*float64(i%5)
	}
	return pos
}

// majorize moves the actors to lower the stress of the layout (the weighted squared difference
// between their distances on the map and in the graph), one actor at a time, for as many rounds
// as a fixed budget allows for n actors.
func majorize(n int, d []float64, pos []Point) {
	rounds := min(60, max(4, 1_000_000/(n*n)))
	// A pair's weight is 1/d². Distances are whole steps, so the weights are a few numbers,
	// looked up by the step rather than kept for every pair.
	far := 0.0
	for _, x := range d {
		far = max(far, x)
	}
	weight := make([]float64, int(far)+1)
	for k := 1; k < len(weight); k++ {
		x := float64(k)
		weight[k] = 1 / (x * x)
	}
	for range rounds {
		for i := range n {
			sx, sy, sw := 0.0, 0.0, 0.0
			xi, yi := pos[i].X, pos[i].Y
			dr := d[i*n : (i+1)*n]
			for j := range n {
				if j == i {
					continue
				}
				dx, dy := xi-pos[j].X, yi-pos[j].Y
				l := math.Sqrt(dx*dx + dy*dy)
				if l < 1e-9 {
					continue
				}
				f := dr[j] / l
				w := weight[int(dr[j])]
				sx += w * (pos[j].X + f*dx)
				sy += w * (pos[j].Y + f*dy)
				sw += w
			}
			if sw > 0 {
				pos[i] = Point{sx / sw, sy / sw}
			}
		}
	}
}

// fit turns positions in units into the map's pixels. It turns the drawing so that its long
// axis runs across a wide map and down a narrow one (turning changes no crossing), scales it so
// that related actors' boxes stand about an edge's length apart, squeezes or stretches it across
// to the width, and pushes apart the boxes that still overlap, mostly downwards: the map may
// grow taller, and wider than the width only when its boxes cannot sit side by side in it.
func fit(g *Graph, pos []Point, o GraphOptions) {
	n := len(pos)
	var mx, my float64
	for _, p := range pos {
		mx += p.X / float64(n)
		my += p.Y / float64(n)
	}
	var cxx, cyy, cxy float64
	for _, p := range pos {
		cxx += (p.X - mx) * (p.X - mx)
		cyy += (p.Y - my) * (p.Y - my)
		cxy += (p.X - mx) * (p.Y - my)
	}
	// The long axis's direction (cos, sin), from its double angle's.
	cos, sin := 1.0, 0.0
	if r := math.Sqrt((cxx-cyy)*(cxx-cyy) + 4*cxy*cxy); r > 0 {
		c2 := (cxx - cyy) / r
		cos, sin = math.Sqrt((1+c2)/2), math.Sqrt((1-c2)/2)
		if cxy < 0 {
			sin = -sin
		}
	}
	if o.Width < 600 {
		cos, sin = sin, -cos // the long axis down
	}
	sin = -sin // turn by minus that angle
	var avgW, avgH, maxW float64
	for _, nd := range g.Nodes {
		avgW += nd.Row.W / float64(n)
		avgH += nd.Row.H / float64(n)
		maxW = max(maxW, nd.Row.W)
	}
	// Crowded maps cost crossings: every relation a box turns aside may cross others on its
	// detour. Big stories get more room, as fewer of their relations then meet a box.
	spread := 1.5
	if n >= 60 {
		spread = 2 * max(1, math.Sqrt(float64(n)/150))
	}
	sx, sy := (avgW+o.EdgeLen*0.5)*spread, (avgH+o.EdgeLen*0.6)*spread
	c := make([]Point, n) // the boxes' centres
	for i, p := range pos {
		x, y := p.X-mx, p.Y-my
		c[i] = Point{(x*cos - y*sin) * sx, (x*sin + y*cos) * sy}
	}
	// Squeeze or stretch across: the largest factor whose span fits, within bounds.
	avail := o.Width - 2*o.Pad
	span := func(f float64) float64 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for i, p := range c {
			lo = min(lo, f*p.X-g.Nodes[i].Row.W/2)
			hi = max(hi, f*p.X+g.Nodes[i].Row.W/2)
		}
		return hi - lo
	}
	f := 1.6
	if span(f) > avail {
		lo, hi := 1.0, f
		for range 30 {
			mid := (lo + hi) / 2
			if span(mid) > avail {
				hi = mid
			} else {
				lo = mid
			}
		}
		f = lo
	}
	lo := math.Inf(1)
	for i := range c {
		c[i].X *= f
		lo = min(lo, c[i].X-g.Nodes[i].Row.W/2)
	}
	right := max(o.Width-o.Pad, o.Pad+maxW)
	for i := range c {
		c[i].X += o.Pad - lo
		right = max(right, c[i].X+g.Nodes[i].Row.W/2)
	}
	separate(c, sizes(g), o.Pad, right, o.Gap)
	whole := gather(g, c, o.Pad, right, o.Gap)
	top, left, bottom, far := math.Inf(1), math.Inf(1), 0.0, 0.0
	for i, p := range c {
		r := g.Nodes[i].Row
		top = min(top, p.Y-r.H/2)
		left = min(left, p.X-r.W/2)
	}
	for i, p := range c {
		r := g.Nodes[i].Row
		g.Nodes[i].moveTo(p.X-r.W/2-left+o.Pad, p.Y-r.H/2-top+o.Pad)
		bottom = max(bottom, g.Nodes[i].Row.Y+g.Nodes[i].Row.H)
		far = max(far, g.Nodes[i].Row.X+g.Nodes[i].Row.W)
	}
	g.Width = max(o.Width, far+o.Pad)
	g.Height = bottom + o.Pad
	regions(g, whole)
}

// separate moves the boxes centred at c, of the sizes size (width X, height Y), apart until gap or
// more lies between any two, keeping them between x = left and x = right. Overlapping pairs first part along the axis where they
// overlap least, half each, which keeps the drawing's shape; then a sweep from the top pushes
// down whatever still overlaps what lies above it, which always ends.
func separate(c, size []Point, left, right, gap float64) {
	n := len(c)
	// clampX keeps box i, of width w, between left and right.
	clampX := func(i int, w float64) {
		c[i].X = min(max(c[i].X, left+w/2), max(right-w/2, left+w/2))
	}
	byX := make([]int, n)
	for i := range byX {
		byX[i] = i
	}
	key := make([]float64, n)
	for range 60 {
		for i := range key {
			key[i] = c[i].X - size[i].X/2
		}
		sortBy(byX, key)
		moved := false
		for k, i := range byX {
			// Box i's centre and size, read again only when a move changes them.
			ci, si := c[i], size[i]
			for _, j := range byX[k+1:] {
				cj, sj := c[j], size[j]
				if cj.X-sj.X/2 >= ci.X+si.X/2+gap {
					break
				}
				dx, dy := cj.X-ci.X, cj.Y-ci.Y
				ox := (si.X+sj.X)/2 + gap - math.Abs(dx)
				oy := (si.Y+sj.Y)/2 + gap - math.Abs(dy)
				if ox <= 0 || oy <= 0 {
					continue
				}
				moved = true
				if ox < oy/2 {
					s := 1.0
					if dx < 0 {
						s = -1
					}
					c[i].X -= s * ox / 2
					c[j].X += s * ox / 2
					clampX(i, si.X)
					clampX(j, sj.X)
				} else {
					s := 1.0
					if dy < 0 || dy == 0 && j < i {
						s = -1
					}
					c[i].Y -= s * (oy/2 + 0.01)
					c[j].Y += s * (oy/2 + 0.01)
				}
				ci = c[i]
			}
		}
		if !moved {
			return
		}
	}
	byY := make([]int, n)
	for i := range byY {
		byY[i] = i
	}
	for i := range key {
		key[i] = c[i].Y
	}
	sortBy(byY, key)
	for k, i := range byY {
		for again := true; again; {
			again = false
			for _, j := range byY[:k] {
				si, sj := size[i], size[j]
				if math.Abs(c[j].X-c[i].X) < (si.X+sj.X)/2+gap && math.Abs(c[j].Y-c[i].Y) < (si.Y+sj.Y)/2+gap {
					c[i].Y = c[j].Y + (si.Y+sj.Y)/2 + gap + 0.01 // beyond rounding
					again = true
				}
			}
		}
	}
}

// sortBy sorts the indices idx by their keys, keeping the order of equal ones. It sorts by
// insertion: separate sorts the boxes again after each round of small moves, when few of them
// change places.
func sortBy(idx []int, key []float64) {
	for k := 1; k < len(idx); k++ {
		i, j := idx[k], k
		for ; j > 0 && key[idx[j-1]] > key[i]; j-- {
			idx[j] = idx[j-1]
		}
		idx[j] = i
	}
}
