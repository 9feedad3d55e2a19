//go:build !wasm

package ui

import (
	"testing"

	"timeline/data"
)

// TestTextVersionHeadsEachBlocWithItsHead: in the story as text, each actor others belong to
// heads its list, the others under it, whatever order the map reads them in.
func TestTextVersionHeadsEachBlocWithItsHead(t *testing.T) {
	s, v := defaultView(t)
	v.mu.Lock()
	blocs := v.blocsLocked()
	v.mu.Unlock()
	byID := map[string]int{}
	for i, a := range s.Actors {
		byID[a.ID] = i
	}
	seen := 0
	for _, members := range blocs {
		head := s.Actors[members[0]]
		if head.Affiliation != "" {
			t.Errorf("%s heads a list, but belongs to %s", head.ID, head.Affiliation)
		}
		for _, m := range members[1:] {
			if a := s.Actors[m]; !belongsTo(s, byID, a, head.ID) {
				t.Errorf("%s is listed under %s, to whom it does not belong", a.ID, head.ID)
			}
		}
		seen += len(members)
	}
	if seen != len(s.Actors) {
		t.Errorf("the lists hold %d actors; the story has %d", seen, len(s.Actors))
	}
}

// defaultView is the default story, and the view the widget draws it from.
func defaultView(t *testing.T) (*data.Story, *storyView) {
	t.Helper()
	s, found, err := embeddedStory(DefaultStory)
	if err != nil || !found {
		t.Fatalf("the default story: found %v, %v", found, err)
	}
	return s, newStoryView(s)
}

// belongsTo reports whether a belongs to head, directly or through the actors it belongs to.
func belongsTo(s *data.Story, byID map[string]int, a data.Actor, head string) bool {
	for range len(s.Actors) {
		if a.Affiliation == "" {
			return false
		}
		if a.Affiliation == head {
			return true
		}
		a = s.Actors[byID[a.Affiliation]]
	}
	return false
}
