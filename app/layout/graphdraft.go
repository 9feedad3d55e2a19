package layout

import "timeline/data"

// DraftGraph lays the actors of s out in rows, bloc by bloc, each relation a straight line from
// one actor's symbol to the other's: the actors, relations, blocs and reading order of
// LayoutGraph's map, without its placement, routing or ports. It stands in for the map where its
// items and their order are read but its drawing is not looked at, as in a pane not yet shown,
// and costs next to nothing where the full layout of a big story takes seconds in WebAssembly.
func DraftGraph(s *data.Story, o GraphOptions) *Graph {
	g := &Graph{Width: o.Width, SmallCharW: o.SmallCharW}
	index := make(map[string]int, len(s.Actors))
	for i, a := range s.Actors {
		index[a.ID] = i
	}
	blocs := groupBlocs(s, index)
	g.Nodes = make([]PlacedNode, len(s.Actors))
	for i, a := range s.Actors {
		g.Nodes[i] = shapeNode(a.Name, o)
		g.Nodes[i].Actor = i
	}
	g.Blocs = make([]Bloc, len(blocs))
	x, y, rowH := o.Pad, o.Pad, 0.0
	for b, ms := range blocs {
		g.Blocs[b].Root = ms[0].actor
		for _, m := range ms {
			n := &g.Nodes[m.actor]
			n.Bloc = b
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
	for ri, r := range s.Relations {
		a, ok1 := index[r.From]
		b, ok2 := index[r.To]
		if !ok1 || !ok2 || a == b {
			continue
		}
		pts := []Point{{g.Nodes[a].X, g.Nodes[a].Y}, {g.Nodes[b].X, g.Nodes[b].Y}}
		g.Edges = append(g.Edges, PlacedEdge{Relation: ri, From: a, To: b, Points: pts, D: pathD(pts)})
	}
	g.order(blocs)
	return g
}
