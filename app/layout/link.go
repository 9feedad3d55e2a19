package layout

import (
	"iter"
	"time"

	"timeline/data"
)

// State is how an item is drawn given the current selection.
type State uint8

// Item states. With nothing selected every item is Normal.
const (
	Normal   State = iota
	Selected       // the item the reader chose
	Lit            // linked to the selection
	Dim            // unrelated to the selection
)

// Selection is what the reader has chosen: at most one of an event, an actor and a relation (by
// its Key), by ID. The zero Selection chooses nothing.
type Selection struct {
	Event, Actor, Relation string
}

// IsZero reports whether nothing is selected.
func (s Selection) IsZero() bool { return s.Event == "" && s.Actor == "" && s.Relation == "" }

// Index holds a story's links in both directions, built once so that working out what a
// selection lights costs time in proportion to what it lights, not to the story's size.
type Index struct {
	story          *data.Story
	events, actors map[string]int
	actorEvents    map[string][]int // actor ID -> event indices
	actorRels      map[string][]int // actor ID -> relation indices
	eventRels      map[string][]int // event ID -> relation indices
	relations      map[string]int   // relation key -> index
}

// NewIndex indexes s. s must have been decoded and validated.
func NewIndex(s *data.Story) *Index {
	ix := &Index{
		story:       s,
		events:      make(map[string]int, len(s.Events)),
		actors:      make(map[string]int, len(s.Actors)),
		actorEvents: map[string][]int{},
		actorRels:   map[string][]int{},
		eventRels:   map[string][]int{},
		relations:   make(map[string]int, len(s.Relations)),
	}
	for i, a := range s.Actors {
		ix.actors[a.ID] = i
	}
	for i, ev := range s.Events {
		ix.events[ev.ID] = i
		for _, p := range ev.Actors {
			ix.actorEvents[p.Actor] = append(ix.actorEvents[p.Actor], i)
		}
	}
	for i, r := range s.Relations {
		if _, dup := ix.relations[r.Key()]; !dup {
			ix.relations[r.Key()] = i
		}
		ix.actorRels[r.From] = append(ix.actorRels[r.From], i)
		if r.To != r.From {
			ix.actorRels[r.To] = append(ix.actorRels[r.To], i)
		}
		for _, e := range r.Events {
			ix.eventRels[e] = append(ix.eventRels[e], i)
		}
	}
	return ix
}

// Event returns the index of the event with the given ID.
func (ix *Index) Event(id string) (int, bool) { i, ok := ix.events[id]; return i, ok }

// Actor returns the index of the actor with the given ID.
func (ix *Index) Actor(id string) (int, bool) { i, ok := ix.actors[id]; return i, ok }

// Relation returns the index of the relation with the given key (see data.Relation.Key).
func (ix *Index) Relation(key string) (int, bool) { i, ok := ix.relations[key]; return i, ok }

// ActorEvents returns the indices of the events the actor takes part in, in story order.
func (ix *Index) ActorEvents(id string) []int { return ix.actorEvents[id] }

// ActorRelations returns the indices of the relations from or to the actor, in story order.
func (ix *Index) ActorRelations(id string) []int { return ix.actorRels[id] }

// EventRelations returns the indices of the relations the event shows, in story order.
func (ix *Index) EventRelations(id string) []int { return ix.eventRels[id] }

// Highlight is the state of every item under one selection. Items not listed take the default
// state of their kind.
type Highlight struct {
	Sel                                    Selection
	events, actors, relations              map[int]State
	eventDefault, actorDefault, relDefault State
}

// Highlight works out what sel lights: an event lights its actors and the relations it shows; an
// actor lights its neighbours, its relations and its events. With hops 2 the focus widens by one
// more step of relations: their neighbours and the relations that reach them light too (on the
// map; events stay those of the selection). Everything else under a selection is dimmed, except
// other events while an event is selected, which stay Normal so the timeline stays readable.
// Unknown IDs select nothing.
func (ix *Index) Highlight(sel Selection, hops int) Highlight {
	h := Highlight{events: map[int]State{}, actors: map[int]State{}, relations: map[int]State{}}
	var seeds []string // the actors the focus starts from
	if ei, ok := ix.events[sel.Event]; ok {
		h.Sel = Selection{Event: sel.Event}
		h.events[ei] = Selected
		h.actorDefault, h.relDefault = Dim, Dim
		for _, p := range ix.story.Events[ei].Actors {
			if ai, ok := ix.actors[p.Actor]; ok {
				h.actors[ai] = Lit
				seeds = append(seeds, p.Actor)
			}
		}
		for _, ri := range ix.eventRels[sel.Event] {
			h.relations[ri] = Lit
		}
		ix.widen(&h, seeds, hops-1)
		return h
	}
	if ri, ok := ix.relations[sel.Relation]; ok {
		// A relation lights its two actors and the events that show it.
		h.Sel = Selection{Relation: sel.Relation}
		h.eventDefault, h.actorDefault, h.relDefault = Dim, Dim, Dim
		h.relations[ri] = Selected
		r := ix.story.Relations[ri]
		for _, id := range []string{r.From, r.To} {
			if ai, ok := ix.actors[id]; ok {
				h.actors[ai] = Lit
			}
		}
		for _, id := range r.Events {
			if ei, ok := ix.events[id]; ok {
				h.events[ei] = Lit
			}
		}
		return h
	}
	if ai, ok := ix.actors[sel.Actor]; ok {
		h.Sel = Selection{Actor: sel.Actor}
		h.eventDefault, h.actorDefault, h.relDefault = Dim, Dim, Dim
		h.actors[ai] = Selected
		ix.widen(&h, []string{sel.Actor}, hops)
		for _, ei := range ix.actorEvents[sel.Actor] {
			h.events[ei] = Lit
		}
	}
	return h
}

// widen lights, hops times over, the relations of the frontier actors and the actors at their
// other ends.
func (ix *Index) widen(h *Highlight, frontier []string, hops int) {
	for range hops {
		var next []string
		for _, id := range frontier {
			for _, ri := range ix.actorRels[id] {
				h.relations[ri] = Lit
				r := ix.story.Relations[ri]
				for _, other := range []string{r.From, r.To} {
					if ni, ok := ix.actors[other]; ok {
						if _, seen := h.actors[ni]; !seen {
							h.actors[ni] = Lit
							next = append(next, other)
						}
					}
				}
			}
		}
		frontier = next
	}
}

// Holds reports whether relation ri holds on day t: a relation without a valid time holds
// throughout the story.
func (ix *Index) Holds(ri int, t time.Time) bool {
	r := ix.story.Relations[ri]
	if r.ValidWhen.IsZero() {
		return true
	}
	return r.ValidWhen.Holds(t, ix.story.Info.AsOfDate.First())
}

// Event returns the state of the event at index i.
func (h Highlight) Event(i int) State { return lookup(h.events, i, h.eventDefault) }

// Actor returns the state of the actor at index i.
func (h Highlight) Actor(i int) State { return lookup(h.actors, i, h.actorDefault) }

// Relation returns the state of the relation at index i.
func (h Highlight) Relation(i int) State { return lookup(h.relations, i, h.relDefault) }

// Events yields the events the selection selects or lights, and their states.
func (h Highlight) Events() iter.Seq2[int, State] {
	return func(yield func(int, State) bool) {
		for i, s := range h.events {
			if !yield(i, s) {
				return
			}
		}
	}
}

func lookup(m map[int]State, i int, def State) State {
	if s, ok := m[i]; ok {
		return s
	}
	return def
}
