//go:build !wasm

package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"golang.org/x/net/html"

	"timeline/data"
)

// TestDetailPanelChildren: the details hold each part an item has, in order, and leave out each
// part it lacks, with no empty heading or list in its place.
func TestDetailPanelChildren(t *testing.T) {
	s, v := defaultView(t)
	d := &detailPanel{Iview: v}
	event := func(id string) data.Event {
		i, ok := v.index.Event(id)
		if !ok {
			t.Fatalf("no event %q in the default story", id)
		}
		return s.Events[i]
	}
	relation := func(id string) int {
		i, ok := v.index.Relation(id)
		if !ok {
			t.Fatalf("no relation %q in the default story", id)
		}
		return i
	}
	bare := event("biden-warns-enormous-consequences")
	bare.Text, bare.Quotes, bare.Actors, bare.DateNote, bare.Source = "", nil, nil, "", ""
	russia, _ := s.ActorByID("russia")
	ix := v.index
	tests := []struct {
		name string
		ui   app.UI
		want []string
	}{
		{"an event with text, quotes, actors and a dating note", d.event(event("biden-warns-enormous-consequences")), []string{
			"a.detail-close", "p.detail-date", "h3.detail-title", "p", "figure.quote", "figure.quote",
			"h4 Who is involved", "ul.chips 2", "p.detail-note", "figure.source",
		}},
		{"an event with none of them", d.event(bare), []string{"a.detail-close", "p.detail-date", "h3.detail-title"}},
		{"an actor", d.actor(*russia), []string{
			"a.detail-close", "p.detail-date", "h3.detail-title", "p",
			"h4 Relations", "ul.relations " + strconv.Itoa(len(ix.ActorRelations(russia.ID))),
			"h4 Events", "ul.event-links " + strconv.Itoa(len(ix.ActorEvents(russia.ID))),
			"figure.source",
		}},
		{"a relation with events", relationDetail(tag("aside"), v, relation("putin-leads-russia")), []string{
			"div", "a.detail-close", "p.detail-date", "h3.detail-title", "h4 Events", "ul.event-links 2", "figure.source",
		}},
		{"a relation with none", relationDetail(tag("aside"), v, relation("macron-leads-france")), []string{
			"div", "a.detail-close", "p.detail-date", "h3.detail-title", "figure.source",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := detailParts(t, tt.ui); !slices.Equal(got, tt.want) {
				t.Errorf("parts:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// detailParts names the children of the element ui draws (of its one child too, when it has only
// one: a relation's panel wraps its parts in a div) as "tag.class", a heading with its text, a
// list with its number of items.
func detailParts(t *testing.T, ui app.UI) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(app.HTMLString(ui)))
	if err != nil {
		t.Fatal(err)
	}
	var root *html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "body" {
			root = n.FirstChild
			break
		}
	}
	if root == nil {
		t.Fatal("nothing drawn")
	}
	var parts []string
	for root != nil {
		var kids []*html.Node
		for c := range root.ChildNodes() {
			if c.Type == html.ElementNode {
				kids = append(kids, c)
			}
		}
		for _, c := range kids {
			parts = append(parts, part(c))
		}
		root = nil
		if len(kids) == 1 {
			root = kids[0]
		}
	}
	return parts
}

// part names one child of the details.
func part(n *html.Node) string {
	name := n.Data
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Trim(a.Val, `"`) != "" {
			name += "." + strings.Trim(a.Val, `"`)
		}
	}
	switch n.Data {
	case "h4":
		if n.FirstChild != nil {
			name += " " + n.FirstChild.Data
		}
	case "ul":
		items := 0
		for c := range n.ChildNodes() {
			if c.Type == html.ElementNode && c.Data == "li" {
				items++
			}
		}
		name += " " + strconv.Itoa(items)
	}
	return name
}
