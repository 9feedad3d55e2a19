package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/data"
)

const svgNS = "http://www.w3.org/2000/svg"

// svg returns an SVG element. go-app sets className, which SVG ignores in the browser, so SVG is
// styled through data-* attributes only.
func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

// actorMap draws who is involved as nodes grouped in blocs, and how they relate as edges.
type actorMap struct {
	app.Compo
	Iview  *storyView
	Ihl    layout.Highlight
	Iwidth int // CSS pixels available
}

func (m *actorMap) Render() app.UI {
	g := m.Iview.graph(m.Iwidth)
	w, h := strconv.Itoa(int(g.Width)), strconv.Itoa(int(g.Height+0.5))
	return app.Section().
		Class("actor-map").
		DataSet("view", "map").
		Aria("labelledby", "map-title").
		Body(
			app.Div().Class("section-head").Body(
				app.H2().ID("map-title").Class("section-title").Text("Who is involved"),
				m.legend(g),
			),
			app.Div().ID("actor-map").Class("map-frame").Body(
				svg("svg").
					Attr("viewBox", "0 0 "+w+" "+h).
					Attr("width", w).
					Attr("height", h).
					Attr("role", "group").
					Aria("label", "Actor map: "+strconv.Itoa(len(g.Nodes))+" actors and "+strconv.Itoa(len(g.Edges))+" relations").
					Body(
						m.defs(),
						m.blocs(g),
						svg("g").DataSet("layer", "edges").Body(
							app.Range(g.Edges).Slice(func(i int) app.UI { return m.edge(g.Edges[i]) }),
						),
						svg("g").DataSet("layer", "nodes").Body(
							app.Range(g.Nodes).Slice(func(i int) app.UI { return m.node(g.Nodes[i]) }),
						),
					),
			),
		)
}

func (m *actorMap) defs() app.UI {
	arrow := func(id string) app.UI {
		return svg("marker").
			ID(id).
			Attr("viewBox", "0 0 10 10").
			Attr("refX", "9").Attr("refY", "5").
			Attr("markerWidth", "7").Attr("markerHeight", "7").
			Attr("orient", "auto-start-reverse").
			Body(svg("path").Attr("d", "M0 0L10 5L0 10z").DataSet("arrow", id))
	}
	return svg("defs").Body(arrow("arrow"), arrow("arrow-lit"))
}

func (m *actorMap) blocs(g *layout.Graph) app.UI {
	return svg("g").DataSet("layer", "blocs").Aria("hidden", true).Body(
		app.Range(g.Blocs).Slice(func(i int) app.UI {
			b := g.Blocs[i].Box
			return svg("rect").
				DataSet("bloc", blocColour(i)).
				Attr("x", num(b.X)).Attr("y", num(b.Y)).
				Attr("width", num(b.W)).Attr("height", num(b.H)).
				Attr("rx", "10")
		}),
	)
}

func (m *actorMap) edge(e layout.PlacedEdge) app.UI {
	r := m.Iview.story.Relations[e.Relation]
	el := svg("path").
		Attr("d", e.D).
		DataSet("relation-id", r.Key()).
		DataSet("kind", r.Kind)
	if r.Directed {
		marker := "url(#arrow)"
		if m.Ihl.Relation(e.Relation) == layout.Lit {
			marker = "url(#arrow-lit)"
		}
		el = el.Attr("marker-end", marker)
	}
	el = stateData(el, m.Ihl.Relation(e.Relation))
	return el.Body(svg("title").Text(relationSentence(m.Iview.story, r)))
}

func (m *actorMap) node(n layout.PlacedNode) app.UI {
	a := m.Iview.story.Actors[n.Actor]
	state := m.Ihl.Actor(n.Actor)
	label := "Actor, " + a.Name
	if a.Role != "" {
		label += ", " + a.Role
	}
	g := svg("g").
		DataSet("actor-id", a.ID).
		DataSet("kind", a.Kind).
		DataSet("bloc", blocColour(n.Bloc)).
		Attr("role", "button").
		Attr("tabindex", "0").
		Aria("pressed", state == layout.Selected).
		Aria("label", label).
		OnClick(m.onActorClick, a.ID).
		OnKeyDown(m.onActorKey, a.ID)
	g = stateData(g, state)
	return g.Body(
		shape(a.Kind, n.X, n.Y, n.R),
		svg("text").
			Attr("x", num(n.LabelX)).Attr("y", num(n.LabelY)).
			Aria("hidden", true).
			Body(app.Range(n.Lines).Slice(func(i int) app.UI {
				t := svg("tspan").Attr("x", num(n.LabelX)).Text(n.Lines[i])
				if i > 0 {
					t = t.Attr("dy", "16")
				}
				return t
			})),
	)
}

// shape draws an actor's symbol: a square for a state, a hexagon for an organisation, a circle for a
// person, a diamond for a group, so kind never rests on colour alone.
func shape(kind string, x, y, r float64) app.UI {
	switch kind {
	case data.KindState:
		return svg("rect").DataSet("shape", kind).
			Attr("x", num(x-r)).Attr("y", num(y-r)).Attr("width", num(2*r)).Attr("height", num(2*r)).Attr("rx", "2")
	case data.KindOrganisation:
		return svg("polygon").DataSet("shape", kind).Attr("points", polygon(x, y, r*1.1, 6, 0))
	case data.KindGroup:
		return svg("polygon").DataSet("shape", kind).Attr("points", polygon(x, y, r*1.25, 4, 0))
	}
	return svg("circle").DataSet("shape", kind).Attr("cx", num(x)).Attr("cy", num(y)).Attr("r", num(r))
}

func (m *actorMap) onActorClick(ctx app.Context, e app.Event) {
	navigate(ctx, layout.Selection{Actor: ctx.JSSrc().Get("dataset").Get("actorId").String()})
}

func (m *actorMap) onActorKey(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "Enter", " ":
		e.PreventDefault()
		m.onActorClick(ctx, e)
	}
}

func (m *actorMap) legend(g *layout.Graph) app.UI {
	kinds := []struct{ kind, label string }{
		{data.KindState, "State"}, {data.KindOrganisation, "Organisation"},
		{data.KindPerson, "Person"}, {data.KindGroup, "Group"},
	}
	return app.Ul().Class("legend").Aria("label", "Map key").Body(
		app.Range(kinds).Slice(func(i int) app.UI {
			k := kinds[i]
			return app.Li().Body(
				svg("svg").Attr("viewBox", "0 0 20 20").Attr("width", "16").Attr("height", "16").Aria("hidden", true).
					Body(shape(k.kind, 10, 10, 7)),
				app.Text(k.label),
			)
		}),
		app.Li().Body(
			svg("svg").Attr("viewBox", "0 0 24 12").Attr("width", "24").Attr("height", "12").Aria("hidden", true).
				Body(svg("path").DataSet("legend", "edge").Attr("d", "M1 6H20").Attr("marker-end", "url(#arrow)")),
			app.Text("Acts on"),
		),
	)
}

// stateData sets the data-* hooks of an SVG element's state.
func stateData(el app.HTMLElem, s layout.State) app.HTMLElem {
	switch s {
	case layout.Selected:
		return el.DataSet("selected", "true")
	case layout.Lit:
		return el.DataSet("lit", "true")
	case layout.Dim:
		return el.DataSet("dim", "true")
	}
	return el
}

// blocColour names one of the stylesheet's bloc colours; they repeat after eight blocs.
func blocColour(i int) string { return strconv.Itoa(i % 8) }

// relationSentence words a relation for readers: "Antony Blinken meets Sergei Lavrov".
func relationSentence(s *data.Story, r data.Relation) string {
	from, to := r.From, r.To
	if a, ok := s.ActorByID(r.From); ok {
		from = a.Name
	}
	if a, ok := s.ActorByID(r.To); ok {
		to = a.Name
	}
	return from + " " + r.Label + " " + to
}
