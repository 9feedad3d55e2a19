package data

// EventByID returns a pointer to the event with the given id in s.Events, and false when there is
// none. It scans the events in order (linear time); callers that look up often should index them.
func (s *Story) EventByID(id string) (*Event, bool) {
	for i := range s.Events {
		if s.Events[i].ID == id {
			return &s.Events[i], true
		}
	}
	return nil, false
}

// ActorByID returns a pointer to the actor with the given id in s.Actors, and false when there is
// none. It scans the actors in order (linear time); callers that look up often should index them.
func (s *Story) ActorByID(id string) (*Actor, bool) {
	for i := range s.Actors {
		if s.Actors[i].ID == id {
			return &s.Actors[i], true
		}
	}
	return nil, false
}

// TrackByID returns a pointer to the track with the given id in s.Info.Tracks, and false when
// there is none. It scans the tracks in order (linear time).
func (s *Story) TrackByID(id string) (*Track, bool) {
	for i := range s.Info.Tracks {
		if s.Info.Tracks[i].ID == id {
			return &s.Info.Tracks[i], true
		}
	}
	return nil, false
}
