package layout

import "timeline/data"

// DraftGraph lays the actors of s out in rows, bloc by bloc, each relation a straight line from
// one actor's symbol to the other's: the actors, relations, blocs and reading order of
// LayoutGraph's map, without its placement, routing or ports. It stands in for the map where its
// items and their order are read but its drawing is not looked at, as in a pane not yet shown,
// and costs next to nothing where the full layout of a big story takes seconds in WebAssembly.
func DraftGraph(s *data.Story, o GraphOptions) *Graph {
	g, blocs, links := newGraph(s, o)
	x, y, rowH := o.Pad, o.Pad, 0.0
	for _, ms := range blocs {
		for _, m := range ms {
			n := &g.Nodes[m.actor]
			if x > o.Pad && x+n.Row.W > o.Width-o.Pad {
				x, y, rowH = o.Pad, y+rowH+o.Gap, 0
			}
			n.moveTo(x, y)
			x += n.Row.W + o.Gap
			rowH = max(rowH, n.Row.H)
			g.Width = max(g.Width, n.Row.X+n.Row.W+o.Pad) // a name longer than the width
		}
	}
	g.Height = y + rowH + o.Pad
	for _, l := range links {
		a, b := g.Nodes[l.from], g.Nodes[l.to]
		pts := []Point{{a.X, a.Y}, {b.X, b.Y}}
		g.Edges = append(g.Edges, PlacedEdge{Relation: l.rel, From: l.from, To: l.to, Points: pts, D: pathD(pts)})
	}
	g.order(blocs)
	return g
}
