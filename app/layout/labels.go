package layout

import "timeline/data"

// RelationLabel is the text of one or more lit relations, drawn in the label slot of an actor at
// one of their ends.
type RelationLabel struct {
	// Relations are the indices in Story.Relations whose labels the text joins.
	Relations []int
	// Node is the index in Graph.Nodes of the actor whose slot holds the text.
	Node int
	// Text is what is drawn.
	Text string
	// X and Y are where the text's baseline starts.
	X, Y float64
	// Box is the box the text occupies.
	Box Rect
}

// LabelPlan is where the labels of a selection's lit relations go: on the map, or in a list
// beside it when there is no room for them on the map.
type LabelPlan struct {
	Placed []RelationLabel
	// Listed are the relations, by index in Story.Relations, whose labels did not fit.
	Listed []int
}

// labelSep joins the labels of several relations in one slot.
const labelSep = " · "

// PlaceLabels places the labels of the relations rels (indices in Story.Relations) in the slots
// under the names of their actors: the slot of the end that is not the selected actor focus (an
// index in Story.Actors, or -1), else the target's, else the source's. A slot holds as many
// labels as its width does, joined; those that fit nowhere are listed. Slots lie inside actors'
// rows, where no edge runs, so a placed label never touches an edge, a node or another label.
func PlaceLabels(s *data.Story, g *Graph, rels []int, focus int) LabelPlan {
	var plan LabelPlan
	at := map[int]int{} // node -> index in plan.Placed
	byRel := make(map[int]PlacedEdge, len(rels))
	for _, e := range g.Edges {
		byRel[e.Relation] = e
	}
	for _, ri := range rels {
		e, ok := byRel[ri]
		if !ok {
			continue
		}
		text := s.Relations[ri].Label
		cands := []int{e.To, e.From}
		switch focus {
		case e.From:
			cands = []int{e.To}
		case e.To:
			cands = []int{e.From}
		}
		done := false
		for _, n := range cands {
			slot := g.Nodes[n].Slot
			k, has := at[n]
			joined := text
			if has {
				joined = plan.Placed[k].Text + labelSep + text
			}
			w := float64(len([]rune(joined))) * g.SmallCharW
			if w > slot.W {
				continue
			}
			box := Rect{X: slot.X, Y: slot.Y, W: w, H: slot.H}
			if has {
				p := &plan.Placed[k]
				p.Relations, p.Text, p.Box = append(p.Relations, ri), joined, box
			} else {
				at[n] = len(plan.Placed)
				plan.Placed = append(plan.Placed, RelationLabel{Relations: []int{ri}, Node: n, Text: joined, X: slot.X, Y: slot.Y + slot.H - 3, Box: box})
			}
			done = true
			break
		}
		if !done {
			plan.Listed = append(plan.Listed, ri)
		}
	}
	return plan
}
