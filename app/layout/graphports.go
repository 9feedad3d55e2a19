package layout

import (
	"math"
	"sort"
)

// An actor's ports lie on its box (Row) on three sides, the top, the left and the bottom; the
// right side is its name's and slot's end, which no relation points at. Along the outline they
// make, from the top right corner leftwards, down the left side and rightwards along the bottom,
// a port's place is one number.
const (
	sideTop = iota
	sideLeft
	sideBottom
)

// portEnd is one end of a relation on an actor, while ports are handed out.
type portEnd struct {
	edge int     // index in Graph.Edges
	last bool    // the To end, else the From end
	side int     // the side the relation arrives at
	at   float64 // where it arrives, along the outline
	key  float64 // the order it arrives in, along the outline, by the direction it comes from
	from Point   // the way it comes from, as seen from where it arrives
}

// clipped is a relation's route outside its two actors' boxes: where it leaves the first, the
// points between, and where it enters the second.
type clipped struct {
	ok     bool
	a, b   Point
	middle []Point
}

// spreadEnds gives every relation's end on an actor a port of its own on the actor's box, so that
// arrowheads never pile up on a hub: it cuts each route where it enters the box, then spreads the
// ends arriving at each side along it at least ArrowW apart, in the order of the directions they
// come from, so that they do not cross near the actor, moving each as little as it can.
func (r *router) spreadEnds() {
	g := r.g
	cl := make([]clipped, len(g.Edges))
	ends := make([][]portEnd, len(g.Nodes))
	ports := make([][2]Point, len(g.Edges))
	for i, e := range g.Edges {
		c := r.clip(e)
		cl[i], ports[i] = c, [2]Point{c.a, c.b}
		if !c.ok {
			continue
		}
		for _, last := range []bool{false, true} {
			u, at, next := e.From, c.a, r.away(c, e.From, false)
			if last {
				u, at, next = e.To, c.b, r.away(c, e.To, true)
			}
			side, s := r.outline(u, at)
			ends[u] = append(ends[u], portEnd{edge: i, last: last, side: side, at: s, key: r.arrival(u, side, at, next), from: Point{next.X - at.X, next.Y - at.Y}})
		}
	}
	for u, es := range ends {
		for _, pe := range r.assign(u, es) {
			k := 0
			if pe.last {
				k = 1
			}
			ports[pe.edge][k] = r.point(u, pe.side, pe.at)
		}
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		if cl[i].ok {
			e.Points = r.join(e.From, e.To, ports[i][0], cl[i], ports[i][1])
		}
		e.D = pathD(e.Points)
	}
}

// clip cuts edge e's route at its actors' boxes. It fails (ok false) when the route never leaves
// them, which separated boxes rule out.
func (r *router) clip(e PlacedEdge) clipped {
	pts := e.Points
	bu, bv := r.g.Nodes[e.From].Row, r.g.Nodes[e.To].Row
	j := 0
	for j < len(pts) && bu.contains(pts[j]) {
		j++
	}
	k := len(pts) - 1
	for k >= 0 && bv.contains(pts[k]) {
		k--
	}
	if j == 0 || j == len(pts) || k < 0 || k == len(pts)-1 || j > k+1 {
		return clipped{}
	}
	c := clipped{ok: true, a: leave(pts[j-1], pts[j], bu), b: leave(pts[k+1], pts[k], bv)}
	if j <= k {
		c.middle = pts[j : k+1]
	}
	return c
}

// leave is where the segment from p, inside box b, to q, outside it, leaves the box.
func leave(p, q Point, b Rect) Point {
	dx, dy := q.X-p.X, q.Y-p.Y
	t := 1.0
	if dx > 0 {
		t = min(t, (b.X+b.W-p.X)/dx)
	} else if dx < 0 {
		t = min(t, (b.X-p.X)/dx)
	}
	if dy > 0 {
		t = min(t, (b.Y+b.H-p.Y)/dy)
	} else if dy < 0 {
		t = min(t, (b.Y-p.Y)/dy)
	}
	t = max(t, 0)
	return Point{p.X + t*dx, p.Y + t*dy}
}

// away is where the relation clipped to c comes from as seen from its end on actor u (the To
// end when last): the first of its points from that end that is not a corner of u's own box.
func (r *router) away(c clipped, u int, last bool) Point {
	n := len(c.middle)
	for i := range n {
		p := c.middle[i]
		if last {
			p = c.middle[n-1-i]
		}
		if !r.ownCorner(u, p) {
			return p
		}
	}
	if last {
		return c.a
	}
	return c.b
}

// ownCorner reports whether p is a corner of the box actor u's own relations keep clear of:
// a bend only there to reach u, which a port elsewhere on u's box may make needless.
func (r *router) ownCorner(u int, p Point) bool {
	for k := range 4 {
		if cornerOf(r.own[u], k) == p {
			return true
		}
	}
	return false
}

// outline is the side of actor u's box that p lies on and its place along the outline.
func (r *router) outline(u int, p Point) (int, float64) {
	b := r.g.Nodes[u].Row
	top, left, bottom := math.Abs(p.Y-b.Y), math.Abs(p.X-b.X), math.Abs(p.Y-b.Y-b.H)
	right := math.Abs(p.X - b.X - b.W)
	switch {
	case left <= top && left <= bottom && left <= right:
		return sideLeft, b.W + p.Y - b.Y
	case right < top && right < bottom:
		// Never met when routes keep clear of names and slots; the nearer corner, then.
		if p.Y < b.Y+b.H/2 {
			return sideTop, 0
		}
		return sideBottom, 2*b.W + b.H
	case top <= bottom:
		return sideTop, b.X + b.W - p.X
	}
	return sideBottom, b.W + b.H + p.X - b.X
}

// point is the place s along actor u's outline.
func (r *router) point(u, side int, s float64) Point {
	b := r.g.Nodes[u].Row
	switch side {
	case sideTop:
		return Point{b.X + b.W - s, b.Y}
	case sideLeft:
		return Point{b.X, b.Y + s - b.W}
	}
	return Point{b.X + s - b.W - b.H, b.Y + b.H}
}

// arrival orders the relations that arrive at a side of actor u at p from next: by where each
// would cross a line a little way out from the side, so that ports given in that order keep them
// from crossing near the actor.
func (r *router) arrival(u, side int, p, next Point) float64 {
	const out = 12
	b := r.g.Nodes[u].Row
	var depth float64 // how far next lies out from the side
	switch side {
	case sideTop:
		depth = b.Y - next.Y
	case sideLeft:
		depth = b.X - next.X
	default:
		depth = next.Y - b.Y - b.H
	}
	k := p
	if depth > 0 {
		f := min(1, out/depth)
		k = Point{p.X + f*(next.X-p.X), p.Y + f*(next.Y-p.Y)}
	}
	switch side {
	case sideTop:
		return b.X + b.W - k.X
	case sideLeft:
		return b.W + k.Y - b.Y
	}
	return b.W + b.H + k.X - b.X
}

// assign moves the ends es on actor u to ports at least ArrowW apart, within the spans of its
// sides; a side with more ends than room passes its extra ones on to the next side.
func (r *router) assign(u int, es []portEnd) []portEnd {
	if len(es) < 2 {
		return es
	}
	// In place, by sort.SliceStable, whose code the bundle holds already.
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].side != es[j].side {
			return es[i].side < es[j].side
		}
		return es[i].key < es[j].key
	})
	spans := r.spans(u)
	room := func(k int) int { return int(math.Floor((spans[k][1]-spans[k][0])/ArrowW)) + 1 }
	var count [3]int
	for _, e := range es {
		count[e.side]++
	}
	// pass gives ends of a full side to a side with room.
	pass := func(from, to int) {
		for count[from] > room(from) && count[to] < room(to) {
			count[from]--
			count[to]++
		}
	}
	// The left side is short: its first ends go to the top, its last to the bottom.
	pass(sideLeft, sideTop)
	pass(sideLeft, sideBottom)
	pass(sideTop, sideLeft)
	pass(sideBottom, sideLeft)
	from := 0
	for side, n := range count {
		part := es[from : from+n]
		from += n
		for i := range part {
			part[i].side = side
		}
		spread(part, side, spans[side][0], spans[side][1])
	}
	return es
}

// spans are the stretches of actor u's outline where its ports may lie, side by side: ArrowW/√2
// from the box's two left corners, so that ends on two sides are as far apart as ends on one.
func (r *router) spans(u int) [3][2]float64 {
	b := r.g.Nodes[u].Row
	c := ArrowW/math.Sqrt2 + 0.01
	return [3][2]float64{{0, b.W - c}, {b.W + c, b.W + b.H - c}, {b.W + b.H + c, 2*b.W + b.H}}
}

// separateHeads moves, along its side, the port of an arrowhead that still overlaps another
// once every port is given, as little as parts them. spread keeps the arrowheads of one side
// apart as it places them, but not those that meet across a corner, where relations fan out from
// one bend near it to the box's two sides, nor an arrowhead whose last run the move of its port
// made short, nor two on actors whose boxes stand close, pointing at each other across the gap.
func (r *router) separateHeads() {
	g := r.g
	var heads []int // the relations that end with an arrowhead, from left to right by their tips
	for i, e := range g.Edges {
		if _, ok := headOf(e); ok {
			heads = append(heads, i)
		}
	}
	sort.Slice(heads, func(a, b int) bool { return r.tip(heads[a]).X < r.tip(heads[b]).X })
	// Two arrowheads overlap only where their tips are less than headsReach apart, and a nudge
	// moves a tip by maxRoom at most: with both tips of a pair, or one between, moved, the heads
	// sorted once still find every pair within near of each other.
	const near = headsReach + 2*maxRoom
	for a, i := range heads {
		for _, j := range heads[a+1:] {
			p, q := r.tip(i), r.tip(j)
			if q.X-p.X > near {
				break
			}
			if math.Abs(q.Y-p.Y) < near && overlap(r.head(i), r.head(j), 0.5) && !r.nudge(j, heads) {
				r.nudge(i, heads)
			}
		}
	}
}

// headsReach is how far apart two arrowheads' tips may be while the arrowheads still overlap:
// each reaches ArrowW·√5/2 from its tip, to the corners of its base.
const headsReach = ArrowW * 2.2360679775

// tip is where relation i ends: its port on the actor it points to.
func (r *router) tip(i int) Point {
	pts := r.g.Edges[i].Points
	return pts[len(pts)-1]
}

// head is the arrowhead of relation i, one that has an arrowhead (headOf).
func (r *router) head(i int) [3]Point {
	h, _ := headOf(r.g.Edges[i])
	return h
}

// nudge moves the port of relation i, which ends with an arrowhead, to the nearest place along
// its side, up to maxRoom away, where its arrowhead overlaps none of the others (hs) and its last
// run keeps clear of every box, without passing another port on its actor or coming within
// ArrowW of one. It reports whether it found such a place.
func (r *router) nudge(i int, hs []int) bool {
	g := r.g
	e := &g.Edges[i]
	u := e.To
	n := len(e.Points)
	prev, tip := e.Points[n-2], e.Points[n-1]
	side, at := r.outline(u, tip)
	span := r.spans(u)[side]
	// The other ports on u's side, by their places along the outline.
	var others []float64
	for k, o := range g.Edges {
		for j, p := range [2]Point{o.Points[0], o.Points[len(o.Points)-1]} {
			if (k == i && j == 1) || [2]int{o.From, o.To}[j] != u {
				continue
			}
			if sd, s := r.outline(u, p); sd == side {
				others = append(others, s)
			}
		}
	}
	for d := 1.0; d <= maxRoom; d++ {
	next:
		for _, s := range [2]float64{at + d, at - d} {
			if s < span[0] || s > span[1] {
				continue
			}
			for _, o := range others {
				if math.Abs(o-s) < ArrowW || (o-at)*(o-s) < 0 {
					continue next
				}
			}
			p := r.point(u, side, s)
			h := arrowhead(prev, p)
			for _, k := range hs {
				q := r.tip(k)
				if k != i && math.Abs(q.X-p.X) < headsReach && math.Abs(q.Y-p.Y) < headsReach && overlap(h, r.head(k), 0.5) {
					continue next
				}
			}
			if !r.portClear(prev, p, e.From, e.To) {
				continue
			}
			e.Points[n-1] = p
			e.D = pathD(e.Points)
			return true
		}
	}
	return false
}

// spread places the ends on side in order along [lo, hi], each as near where it arrives as it can
// be, and apart by what their arrowheads need (room and reach): less only when they cannot fit,
// what flat arrivals need above ArrowW given up first. It is pool-adjacent-violators on the
// places less their offsets, the least-squares fit that keeps their order.
func spread(es []portEnd, side int, lo, hi float64) {
	n := len(es)
	if n == 0 {
		return
	}
	// Each end's offset from the first: ArrowW between two, and what flat arrivals need more,
	// shrunk to fit, ArrowW first kept.
	extra := make([]float64, n)
	var more float64
	for i := 1; i < n; i++ {
		_, ahead := es[i-1].reach(side)
		back, _ := es[i].reach(side)
		extra[i] = min(max(es[i-1].room(side), es[i].room(side), ahead+back), maxRoom) - ArrowW
		more += extra[i]
	}
	gap, f := ArrowW, 1.0
	if span := hi - lo; float64(n-1)*ArrowW >= span {
		gap, f = span/float64(max(n-1, 1)), 0
	} else if float64(n-1)*ArrowW+more > span {
		f = (span - float64(n-1)*ArrowW) / more
	}
	off := make([]float64, n)
	for i := 1; i < n; i++ {
		off[i] = off[i-1] + gap + f*extra[i]
	}
	type block struct {
		sum   float64
		count int
	}
	var blocks []block
	for i, e := range es {
		blocks = append(blocks, block{e.at - off[i], 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/float64(a.count) <= b.sum/float64(b.count) {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{a.sum + b.sum, a.count + b.count})
		}
	}
	i := 0
	for _, b := range blocks {
		y := min(max(b.sum/float64(b.count), lo), hi-off[n-1])
		for range b.count {
			es[i].at = y + off[i]
			i++
		}
	}
}

// room is how far along side the end needs from its neighbours' for its arrowhead: ArrowW where
// the relation arrives square to the side, more the flatter it arrives, for two flat arrowheads
// side by side need ArrowW between them across their direction, and more where its last run is
// short, for relations that fan out from one bend near the side meet at their arrowheads' bases
// (up to maxRoom); ArrowW where it leaves, with no arrowhead.
func (e portEnd) room(side int) float64 {
	_, across, ok := e.arrow(side)
	if !ok {
		return ArrowW
	}
	d := math.Hypot(e.from.X, e.from.Y)
	return min(ArrowW/max(across, 1e-9)/max(1-ArrowW/d, 1.0/3), maxRoom)
}

// reach is how far end e's arrowhead, its tip on the port, reaches along side: back towards the
// ends before it on the outline, and ahead towards those after it. Its base is ArrowW wide across
// its relation, and it is ArrowW long along it, on the way the relation comes from.
func (e portEnd) reach(side int) (back, ahead float64) {
	along, across, ok := e.arrow(side)
	if !ok {
		return ArrowW / 2, ArrowW / 2
	}
	back, ahead = ArrowW/2*across, ArrowW/2*across
	if along > 0 {
		ahead += ArrowW * along
	} else {
		back -= ArrowW * along
	}
	return back, ahead
}

// arrow is the way end e's relation comes from, as a unit vector along side (in the outline's
// direction) and across it (its size); ok is false where the end has no arrowhead.
func (e portEnd) arrow(side int) (along, across float64, ok bool) {
	d := math.Hypot(e.from.X, e.from.Y)
	if !e.last || d == 0 {
		return 0, 0, false
	}
	switch side {
	case sideTop: // the outline runs leftwards
		along, across = -e.from.X, e.from.Y
	case sideLeft:
		along, across = e.from.Y, e.from.X
	default:
		along, across = e.from.X, e.from.Y
	}
	return along / d, math.Abs(across) / d, true
}

// maxRoom is the most room an end asks for: an arrowhead that arrives flatter than about 20° may
// still touch its neighbour's.
const maxRoom = 3 * ArrowW

// join is the route of a relation from port a on actor u through the points of c to port b on
// actor v, leaving out the bends that only led round u's or v's own box where the straight way
// from the port is clear.
func (r *router) join(u, v int, a Point, c clipped, b Point) []Point {
	mid := c.middle
	for len(mid) > 0 && r.ownCorner(u, mid[0]) {
		next := b
		if len(mid) > 1 {
			next = mid[1]
		}
		if !r.portClear(a, next, u, v) {
			break
		}
		mid = mid[1:]
	}
	for len(mid) > 0 && r.ownCorner(v, mid[len(mid)-1]) {
		prev := a
		if len(mid) > 1 {
			prev = mid[len(mid)-2]
		}
		if !r.portClear(prev, b, u, v) {
			break
		}
		mid = mid[:len(mid)-1]
	}
	pts := make([]Point, 0, len(mid)+2)
	pts = append(append(append(pts, a), mid...), b)
	// A port away from where the route met the box may put a box in the way of the route's
	// first or last run: that run goes round it.
	if !r.portClear(pts[0], pts[1], u, v) {
		if p, ok := r.portDetour(pts[0], pts[1], u, v); ok {
			pts = append(p, pts[2:]...)
		}
	}
	if n := len(pts); !r.portClear(pts[n-2], pts[n-1], u, v) {
		if p, ok := r.portDetour(pts[n-2], pts[n-1], u, v); ok {
			pts = append(pts[:n-2], p...)
		}
	}
	return pts
}

// portClear reports whether the segment from p to q keeps clear of every actor's box, and of
// the inside of u's and v's, on whose borders ports lie.
func (r *router) portClear(p, q Point, u, v int) bool {
	ok := false
	r.onBoxes(u, v, func() { ok = r.firstHit(p, q, u, v) < 0 })
	return ok
}

// portDetour is the path from p to q round every actor's box, and round u's and v's.
func (r *router) portDetour(p, q Point, u, v int) (pts []Point, ok bool) {
	r.onBoxes(u, v, func() { pts, ok = r.detour(p, q, u, v) })
	return pts, ok
}

// onBoxes runs f with the whole boxes of u and v as what their relations keep out of.
func (r *router) onBoxes(u, v int, f func()) {
	ou, ov := r.own[u], r.own[v]
	r.own[u], r.own[v] = r.g.Nodes[u].Row, r.g.Nodes[v].Row
	f()
	r.own[u], r.own[v] = ou, ov
}
