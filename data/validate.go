//go:build !wasm

package data

import (
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
)

// Validate checks s beyond what JSON can say and returns every problem at once (nil when there is
// none), in the order of their position in b. As a side effect it parses the dates into
// Info.AsOfDate, Era.When, Event.When and Relation.ValidWhen (each left zero when its text does not
// parse), so that stories built in Go, by importers say, can be validated and completed too.
//
// file names the file in messages and, when it ends in ".json", must be the story's id plus
// ".json"; empty, it is not checked. b is the file's JSON, used only to locate problems by line and
// column and to tell a missing field from an empty one; with a nil b the errors have no position.
//
// The rules: required fields are present and not blank; the story id matches the file name; ids
// are unique among tracks, eras, actors, events and relations (by Key); kinds, statuses and parts
// are among ActorKinds, EventStatuses, Parts and RelationKinds; references resolve (affiliations,
// with no actor affiliated with itself or in a cycle; event tracks; participants, once each per
// event; quote speakers; relation ends, which differ; relation events); dates are EDTF, with ordered
// intervals, and asOf is one exact day; quotes are not blank; an event's media has alt text and a
// URL that is a path under /web/ or an http(s) URL, and its links have text and an http(s) URL.
func (s *Story) Validate(file string, b []byte) Errors {
	var pos *positions
	if b != nil {
		pos = scan(file, b).pos
	}
	return s.validate(file, pos)
}

// validator collects the problems of one story.
type validator struct {
	file string
	pos  *positions // nil when the JSON is not known
	errs Errors
}

// add records a problem of kind code with the value at path (or its nearest present parent).
func (v *validator) add(path string, code Code, msg string) {
	line, col := v.pos.locate(path)
	v.errs = append(v.errs, &Error{File: v.file, Line: line, Col: col, Path: path, Msg: msg, Code: code})
}

// missing records that the required value at path is missing or empty.
func (v *validator) missing(path string) {
	if v.pos.has(path) {
		v.add(path, CodeEmpty, "must not be empty")
	} else {
		v.add(path, CodeMissing, "required field is missing")
	}
}

// required records a problem when value is blank, and reports whether it is not.
func (v *validator) required(path, value string) bool {
	if strings.TrimSpace(value) == "" {
		v.missing(path)
		return false
	}
	return true
}

// date parses the EDTF date at path, recording a problem when it does not parse.
func (v *validator) date(path, text string) Date {
	d, msg := parseDate(text)
	if msg != "" {
		v.add(path, CodeDate, strconv.Quote(text)+" is not an EDTF date: "+msg)
	}
	return d
}

// enum records a problem when value is not in list; what names the list ("an actor kind").
func (v *validator) enum(path, value, what string, list []string) {
	if value != "" && !oneOf(value, list) {
		v.add(path, CodeEnum, strconv.Quote(value)+" is not "+what+" (want one of "+strings.Join(list, ", ")+")")
	}
}

// ids checks that the ids of n items are unique; id(i) is the id of item i and path(i) its path.
// It returns the index of each id.
func (v *validator) ids(n int, id func(int) string, path func(int) string) map[string]int {
	index := make(map[string]int, n)
	for i := 0; i < n; i++ {
		k := id(i)
		if strings.TrimSpace(k) == "" || !v.safeID(path(i), k) { // a blank id is reported as missing
			continue
		}
		if first, ok := index[k]; ok {
			v.add(path(i), CodeDuplicateID, strconv.Quote(k)+" is already the id of "+parentPath(path(first)))
			continue
		}
		index[k] = i
	}
	return index
}

// safeID records a problem when id, at path, is not an id (see ValidID), and reports whether it is.
func (v *validator) safeID(path, id string) bool {
	if ValidID(id) {
		return true
	}
	v.add(path, CodeID, strconv.Quote(id)+" is not an id: "+idRule)
	return false
}

// idRule says what ValidID accepts, for people.
const idRule = `use only letters a-z and A-Z, digits, "-", "_" and "." (not first), at most 100 characters`

// ValidID reports whether id may name a story, track, era, actor, event or relation: 1 to 100 ASCII
// letters, digits, '-', '_' and '.', not starting with '.'. Ids go into URLs, file names and
// attributes unescaped, so nothing in them may need escaping anywhere: no space, no quote, no
// slash, no "." or ".." path segment.
func ValidID(id string) bool {
	if id == "" || len(id) > 100 || id[0] == '.' {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}

// ref records a problem when the id at path is not among the ids of index; what names them.
func (v *validator) ref(path, id, what string, index map[string]int) bool {
	if id == "" {
		return false
	}
	if _, ok := index[id]; !ok {
		v.add(path, map[string]Code{"actor": CodeNoActor, "track": CodeNoTrack, "event": CodeNoEvent}[what],
			"no "+what+" has id "+strconv.Quote(id))
		return false
	}
	return true
}

// at returns "name[i]".
func at(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }

// validate implements Validate with the positions of the file, if known.
func (s *Story) validate(file string, pos *positions) Errors {
	v := &validator{file: file, pos: pos}
	tracks := s.validateInfo(v)
	actors := s.validateActors(v)
	events := v.ids(len(s.Events), func(i int) string { return s.Events[i].ID },
		func(i int) string { return at("events", i) + ".id" })
	s.validateRelations(v, actors, events)
	s.validateEvents(v, tracks, actors)
	v.ref("story.lead", s.Info.Lead, "event", events)
	s.reckon()
	if pos != nil {
		v.errs.sortByPosition()
	}
	return v.errs
}

// validateInfo checks the story object and returns the index of track ids.
func (s *Story) validateInfo(v *validator) map[string]int {
	in := &s.Info
	if !v.pos.has("story") {
		v.missing("story")
	} else {
		if v.required("story.id", in.ID) && v.safeID("story.id", in.ID) {
			if want, ok := idFromFile(v.file); ok && in.ID != want {
				v.add("story.id", CodeFileName, strconv.Quote(in.ID)+" must match the file name "+strconv.Quote(want+".json"))
			}
		}
		v.required("story.title", in.Title)
		v.required("story.language", in.Language)
		v.enum("story.eraNotation", in.EraNotation, "an era notation", EraNotations)
		if v.required("story.asOf", in.AsOf) {
			in.AsOfDate = v.date("story.asOf", in.AsOf)
			if !in.AsOfDate.IsZero() && !in.AsOfDate.Exact() {
				v.add("story.asOf", CodeAsOf, strconv.Quote(in.AsOf)+" must be a single exact day (YYYY-MM-DD)")
			}
		}
		if len(in.Tracks) == 0 {
			v.missing("story.tracks")
		}
	}
	for i, src := range in.Sources {
		if src.Date != "" {
			v.date(at("story.sources", i)+".date", src.Date)
		}
	}
	for i, t := range in.Tracks {
		p := at("story.tracks", i)
		v.required(p+".id", t.ID)
		v.required(p+".label", t.Label)
	}
	tracks := v.ids(len(in.Tracks), func(i int) string { return in.Tracks[i].ID },
		func(i int) string { return at("story.tracks", i) + ".id" })
	for i := range in.Eras {
		e, p := &in.Eras[i], at("story.eras", i)
		v.required(p+".id", e.ID)
		v.required(p+".label", e.Label)
		if v.required(p+".date", e.Date) {
			e.When = v.date(p+".date", e.Date)
		}
	}
	v.ids(len(in.Eras), func(i int) string { return in.Eras[i].ID },
		func(i int) string { return at("story.eras", i) + ".id" })
	return tracks
}

// idFromFile returns the story id a file name implies: its base name without ".json". It reports
// false when the name does not end in ".json" (or is empty), and then nothing is implied.
func idFromFile(file string) (string, bool) {
	if i := strings.LastIndexAny(file, `/\`); i >= 0 {
		file = file[i+1:]
	}
	id, ok := strings.CutSuffix(file, ".json")
	return id, ok && id != ""
}

// validateActors checks the actors and returns the index of their ids.
func (s *Story) validateActors(v *validator) map[string]int {
	for i, a := range s.Actors {
		p := at("actors", i)
		v.required(p+".id", a.ID)
		v.required(p+".name", a.Name)
		if v.required(p+".kind", a.Kind) {
			v.enum(p+".kind", a.Kind, "an actor kind", ActorKinds)
		}
		v.required(p+".source", a.Source)
	}
	actors := v.ids(len(s.Actors), func(i int) string { return s.Actors[i].ID },
		func(i int) string { return at("actors", i) + ".id" })
	for i, a := range s.Actors {
		p := at("actors", i) + ".affiliation"
		switch {
		case a.Affiliation == "":
		case a.Affiliation == a.ID:
			v.add(p, CodeAffiliation, strconv.Quote(a.ID)+" cannot be affiliated with itself")
		case v.ref(p, a.Affiliation, "actor", actors):
			if cycle := s.affiliationCycle(i, actors); cycle != "" {
				v.add(p, CodeAffiliation, "affiliation cycle: "+cycle)
			}
		}
	}
	return actors
}

// affiliationCycle returns "a -> b -> a" when following affiliations from actor i comes back to it
// and i is the first actor of the cycle in file order, so that each cycle is reported once; else "".
func (s *Story) affiliationCycle(i int, actors map[string]int) string {
	path := []string{s.Actors[i].ID}
	seen := map[int]bool{i: true}
	for j := i; ; {
		next, ok := actors[s.Actors[j].Affiliation]
		if !ok || next == j {
			return "" // no affiliation, a dangling or a self affiliation: reported elsewhere
		}
		path = append(path, s.Actors[next].ID)
		if next == i {
			return strings.Join(path, " -> ")
		}
		if seen[next] || next < i {
			return "" // a cycle not through i, or one through an earlier actor
		}
		seen[next] = true
		j = next
	}
}

// validateRelations checks the relations.
func (s *Story) validateRelations(v *validator, actors, events map[string]int) {
	keys := map[string]int{} // relation index by Key()
	for i := range s.Relations {
		r, p := &s.Relations[i], at("relations", i)
		from := v.required(p+".from", r.From) && v.ref(p+".from", r.From, "actor", actors)
		to := v.required(p+".to", r.To) && v.ref(p+".to", r.To, "actor", actors)
		if from && to && r.From == r.To {
			v.add(p+".to", CodeSelfRelation, "a relation cannot link "+strconv.Quote(r.From)+" with itself")
		}
		if v.required(p+".kind", r.Kind) {
			v.enum(p+".kind", r.Kind, "a relation kind", RelationKinds)
		}
		v.required(p+".label", r.Label)
		v.required(p+".source", r.Source)
		if r.Valid != "" {
			r.ValidWhen = v.date(p+".valid", r.Valid)
		}
		for j, id := range r.Events {
			q := at(p+".events", j)
			if v.required(q, id) {
				v.ref(q, id, "event", events)
			}
		}
		if r.ID == "" && (r.From == "" || r.To == "" || r.Kind == "") {
			continue // no key to compare; the missing field is reported
		}
		key, kp := r.Key(), p
		if r.ID != "" {
			kp = p + ".id"
			if !v.safeID(kp, r.ID) {
				continue
			}
		}
		if first, ok := keys[key]; ok {
			if r.ID != "" && s.Relations[first].ID != "" {
				v.add(kp, CodeDuplicateID, strconv.Quote(key)+" is already the id of "+at("relations", first))
			} else {
				v.add(kp, CodeDuplicateRelation, strconv.Quote(key)+" is already the key of "+at("relations", first)+
					` (give them different "id"s)`)
			}
			continue
		}
		keys[key] = i
	}
}

// validateEvents checks the events, whose ids have been checked.
func (s *Story) validateEvents(v *validator, tracks, actors map[string]int) {
	if len(s.Events) == 0 {
		v.missing("events")
	}
	for i := range s.Events {
		e, p := &s.Events[i], at("events", i)
		v.required(p+".id", e.ID)
		if v.required(p+".date", e.Date) {
			e.When = v.date(p+".date", e.Date)
		}
		v.required(p+".headline", e.Headline)
		if v.required(p+".track", e.Track) {
			v.ref(p+".track", e.Track, "track", tracks)
		}
		if v.required(p+".status", e.Status) {
			v.enum(p+".status", e.Status, "an event status", EventStatuses)
		}
		v.required(p+".source", e.Source)
		seen := map[string]int{}
		for j, pa := range e.Actors {
			q := at(p+".actors", j)
			if v.required(q+".actor", pa.Actor) && v.ref(q+".actor", pa.Actor, "actor", actors) {
				if first, ok := seen[pa.Actor]; ok {
					v.add(q+".actor", CodeListedTwice, strconv.Quote(pa.Actor)+" is already listed at "+at(p+".actors", first))
				} else {
					seen[pa.Actor] = j
				}
			}
			if v.required(q+".part", pa.Part) {
				v.enum(q+".part", pa.Part, "a part", Parts)
			}
		}
		for j, qu := range e.Quotes {
			q := at(p+".quotes", j)
			v.required(q+".text", qu.Text)
			if v.required(q+".speaker", qu.Speaker) {
				v.ref(q+".speaker", qu.Speaker, "actor", actors)
			}
		}
		// A zero Media is no media, unless the file has a "media" object (then it is incomplete).
		if e.Media != (Media{}) || (v.pos != nil && v.pos.has(p+".media")) {
			q := p + ".media"
			if v.required(q+".url", e.Media.URL) && !IsMediaURL(e.Media.URL) {
				v.add(q+".url", CodeMediaURL, strconv.Quote(e.Media.URL)+" is not a media URL (want a path under /web/, or an http or https URL)")
			}
			v.required(q+".alt", e.Media.Alt)
		}
		for j, l := range e.Links {
			q := at(p+".links", j)
			if v.required(q+".url", l.URL) && !IsWebURL(l.URL) {
				v.add(q+".url", CodeLinkURL, strconv.Quote(l.URL)+" is not a link URL (want an http or https URL)")
			}
			v.required(q+".text", l.Text)
		}
	}
}

// IsWebURL reports whether u is an absolute http or https URL with a host and no white space, as
// a link must be. The scheme is matched in lower case only, as the JSON Schema's pattern does.
func IsWebURL(u string) bool {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(u, "http://")
	}
	if !ok || rest == "" || strings.ContainsFunc(u, unicode.IsSpace) {
		return false
	}
	p, err := url.Parse(u)
	return err == nil && p.Host != ""
}

// IsMediaURL reports whether u may be an event's media: a web URL (see IsWebURL) or a clean path
// to a file under /web/, where the server keeps the files it serves with the widget.
func IsMediaURL(u string) bool {
	if strings.HasPrefix(u, "/web/") {
		return len(u) > len("/web/") && path.Clean(u) == u && !strings.ContainsFunc(u, unicode.IsSpace)
	}
	return IsWebURL(u)
}

// oneOf reports whether v is in list.
func oneOf(v string, list []string) bool {
	for _, w := range list {
		if v == w {
			return true
		}
	}
	return false
}
