//go:build !wasm

package layout

import (
	"slices"
	"testing"
)

// TestDraftGraphHoldsWhatTheMapHolds: the draft has every actor in its bloc, every relation the
// full layout draws, between the same actors and in the same order, each bloc's head, and a
// reading order that takes every actor once; and no two actors' boxes overlap in it.
func TestDraftGraphHoldsWhatTheMapHolds(t *testing.T) {
	for _, st := range mapStories(t) {
		o := DefaultGraphOptions(720)
		full, draft := LayoutGraph(st.s, o), DraftGraph(st.s, o)
		if len(draft.Nodes) != len(full.Nodes) || len(draft.Blocs) != len(full.Blocs) || len(draft.Edges) != len(full.Edges) {
			t.Errorf("%s: the draft has %d actors, %d blocs, %d relations; the map %d, %d, %d", st.name,
				len(draft.Nodes), len(draft.Blocs), len(draft.Edges), len(full.Nodes), len(full.Blocs), len(full.Edges))
			continue
		}
		for i, n := range draft.Nodes {
			if n.Actor != full.Nodes[i].Actor || n.Bloc != full.Nodes[i].Bloc {
				t.Errorf("%s: actor %d is %d in bloc %d in the draft, %d in bloc %d on the map", st.name, i, n.Actor, n.Bloc, full.Nodes[i].Actor, full.Nodes[i].Bloc)
			}
		}
		for b, bloc := range draft.Blocs {
			if bloc.Root != full.Blocs[b].Root {
				t.Errorf("%s: bloc %d is headed by %d in the draft, %d on the map", st.name, b, bloc.Root, full.Blocs[b].Root)
			}
		}
		for k, e := range draft.Edges {
			f := full.Edges[k]
			if e.Relation != f.Relation || e.From != f.From || e.To != f.To || len(e.Points) < 2 || e.D == "" {
				t.Errorf("%s: relation %d is %+v in the draft, %d from %d to %d on the map", st.name, k, e, f.Relation, f.From, f.To)
			}
		}
		order := slices.Clone(draft.Order)
		slices.Sort(order)
		for i, a := range order {
			if a != i {
				t.Errorf("%s: the draft's reading order %v does not take every actor once", st.name, draft.Order)
				break
			}
		}
		for i, a := range draft.Nodes {
			for _, b := range draft.Nodes[i+1:] {
				if a.Row.Overlaps(b.Row) {
					t.Errorf("%s: the boxes of actors %d and %d overlap in the draft", st.name, a.Actor, b.Actor)
				}
			}
			if a.Row.X < 0 || a.Row.Y < 0 || a.Row.Y+a.Row.H > draft.Height {
				t.Errorf("%s: actor %d's box %+v is outside the draft (height %v)", st.name, a.Actor, a.Row, draft.Height)
			}
		}
	}
}
