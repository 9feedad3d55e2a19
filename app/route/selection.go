package route

import "net/url"

// Key is a query key that selects something on a story page: ?event=<id>, ?actor=<id> or
// ?relation=<key>.
type Key string

// The selection's keys, in their order of precedence: a page asked for two shows the first.
const (
	Event    Key = "event"
	Actor    Key = "actor"
	Relation Key = "relation"
)

// Keys are the selection's keys in their order of precedence.
var Keys = []Key{Event, Actor, Relation}

// Selection is what a page's query selects: at most one item. The zero value selects nothing.
type Selection struct {
	Key Key    // "" when nothing is selected
	ID  string // the event's or actor's id, or the relation's key
}

// ParseSelection reads the selection from a page's query: the first of Keys with a non-empty
// value. Nothing else in the query changes what the page shows.
func ParseSelection(q url.Values) Selection {
	for _, k := range Keys {
		if id := q.Get(string(k)); id != "" {
			return Selection{Key: k, ID: id}
		}
	}
	return Selection{}
}

// Select returns the selection of the first non-empty of event, actor and relation.
func Select(event, actor, relation string) Selection {
	for i, id := range []string{event, actor, relation} {
		if id != "" {
			return Selection{Key: Keys[i], ID: id}
		}
	}
	return Selection{}
}

// Query is the query string that opens the selection, such as "event=geneva-meeting"; "" for
// none.
func (s Selection) Query() string {
	if s.Key == "" {
		return ""
	}
	return string(s.Key) + "=" + url.QueryEscape(s.ID)
}

// Href is the relative link that selects s on the page it is followed from: "?event=<id>".
func (s Selection) Href() string { return "?" + s.Query() }

// WithSelection returns q with s as its selection: every selection key removed, then s's set.
// The other keys of q stay.
func WithSelection(q url.Values, s Selection) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = v
	}
	for _, k := range Keys {
		out.Del(string(k))
	}
	if s.Key != "" {
		out.Set(string(s.Key), s.ID)
	}
	return out
}
