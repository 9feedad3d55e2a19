package route

import "timeline/data"

// Index is the one answer to "does this address show something": the stories a site has, and
// what a page of each may select. A nil Index has no stories.
type Index struct {
	stories map[string]selectable
}

// selectable are the ids a story's deep links may select, by key.
type selectable map[Key]map[string]bool

// NewIndex indexes stories by id; each page's selection is checked against its story's events,
// actors and relations (by data.Relation.Key).
func NewIndex(stories []*data.Story) *Index {
	x := &Index{stories: map[string]selectable{}}
	for _, s := range stories {
		ids := selectable{Event: {}, Actor: {}, Relation: {}}
		for _, e := range s.Events {
			ids[Event][e.ID] = true
		}
		for _, a := range s.Actors {
			ids[Actor][a.ID] = true
		}
		for _, r := range s.Relations {
			ids[Relation][r.Key()] = true
		}
		x.stories[s.Info.ID] = ids
	}
	return x
}

// Has says whether the site has the story id.
func (x *Index) Has(id string) bool {
	if x == nil {
		return false
	}
	_, ok := x.stories[id]
	return ok
}

// Selects says whether story id has what sel selects; the zero Selection is the whole story,
// which every story has.
func (x *Index) Selects(id string, sel Selection) bool {
	if !x.Has(id) {
		return false
	}
	return sel.Key == "" || x.stories[id][sel.Key][sel.ID]
}
