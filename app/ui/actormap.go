package ui

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/data"
)

const svgNS = "http://www.w3.org/2000/svg"

// svg returns an SVG element. go-app sets className, which SVG ignores in the browser, so SVG is
// styled through data-* attributes only.
func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

// actorMap draws who is involved as nodes grouped in blocs, and how they relate as edges. It shows
// the relations that hold at one day: the selected event's, or the story's date, or the day the
// reader picks with the time control. Its own state is that day, whether the focus is one step or
// two, and which actor has keyboard focus (whose relations are labelled).
type actorMap struct {
	app.Compo
	Iview  *storyView
	Ihl    layout.Highlight
	Iwidth int // CSS pixels available

	at       int    // index into timeStops of the day shown; -1 for the default
	twoHops  bool   // widen the focus to neighbours of neighbours
	focus    string // the actor that holds the tab stop
	shownFor string // the selection the day was last reset for
}

// OnUpdate resets the day shown when the selection changes.
func (m *actorMap) OnUpdate(ctx app.Context) { m.resetDay() }

func (m *actorMap) resetDay() {
	key := m.Ihl.Sel.Event + "|" + m.Ihl.Sel.Actor
	if key != m.shownFor {
		m.shownFor, m.at = key, -1
	}
}

// timeStops are the days the time control moves through: every day an event starts on, then
// the story's date, in order.
func (m *actorMap) timeStops() []time.Time {
	return m.Iview.timeStops
}

// day is the day whose relations are shown.
func (m *actorMap) day() (time.Time, int) {
	stops := m.timeStops()
	if m.at >= 0 && m.at < len(stops) {
		return stops[m.at], m.at
	}
	asOf := m.Iview.story.Info.AsOfDate.First()
	if i, ok := m.Iview.index.Event(m.Ihl.Sel.Event); ok {
		d := m.Iview.story.Events[i].When.First()
		return d, max(0, sort.Search(len(stops), func(k int) bool { return !stops[k].Before(d) }))
	}
	return asOf, max(0, sort.Search(len(stops), func(k int) bool { return !stops[k].Before(asOf) }))
}

func (m *actorMap) highlight() layout.Highlight {
	if m.twoHops && !m.Ihl.Sel.IsZero() {
		return m.Iview.index.Highlight(m.Ihl.Sel, 2)
	}
	return m.Ihl
}

func (m *actorMap) Render() app.UI {
	if m.shownFor == "" {
		m.resetDay()
	}
	if len(m.Iview.story.Actors) == 0 {
		// A story may name no actors (one imported from TimelineJS has none): say so, not an empty map.
		return app.Section().Class("actor-map").DataSet("view", "map").DataSet("empty", "true").Text("This story names no actors.")
	}
	g := m.Iview.graph(m.Iwidth)
	hl := m.highlight()
	day, _ := m.day()
	w, h := strconv.Itoa(int(g.Width)), strconv.Itoa(int(g.Height+0.5))
	tabStop := m.tabStop(g, hl)
	return app.Section().
		Class("actor-map").
		DataSet("view", "map").
		DataSet("hops", strconv.Itoa(map[bool]int{false: 1, true: 2}[m.twoHops])).
		Aria("labelledby", "map-title").
		Body(
			app.Div().Class("section-head").Body(
				app.H2().ID("map-title").Class("section-title").Text("Who is involved"),
				m.legend(),
			),
			m.controls(day),
			app.Div().ID("actor-map").Class("map-frame").Body(
				svg("svg").
					Attr("viewBox", "0 0 "+w+" "+h).
					Attr("width", w).
					Attr("height", h).
					Attr("role", "group").
					Aria("label", "Actor map: "+strconv.Itoa(len(g.Nodes))+" actors and "+strconv.Itoa(len(g.Edges))+" relations, as on "+day.Format("2 January 2006")).
					OnKeyDown(m.onKey).
					Body(
						svg("title").Text("Who is involved and how they relate"),
						m.defs(),
						m.blocs(g),
						svg("g").DataSet("layer", "edges").Body(
							app.Range(g.Edges).Slice(func(i int) app.UI { return m.edge(g.Edges[i], hl, day) }),
						),
						svg("g").DataSet("layer", "nodes").Body(
							app.Range(g.Nodes).Slice(func(i int) app.UI { return m.node(g.Nodes[i], hl, g.Nodes[i].Actor == tabStop) }),
						),
					),
			),
		)
}

// controls are the two-step focus toggle and the time control.
func (m *actorMap) controls(day time.Time) app.UI {
	stops := m.timeStops()
	_, at := m.day()
	return app.Div().Class("map-controls").Body(
		app.Button().
			Type("button").
			Class("tl-button").
			DataSet("action", "two-hops").
			Aria("pressed", m.twoHops).
			Disabled(m.Ihl.Sel.IsZero()).
			Title("Also light the neighbours of the selection's neighbours").
			OnClick(m.onTwoHops).
			Text("Two steps"),
		app.Label().Class("map-time").For("map-time").Body(
			app.Span().Class("map-time-label").Text("Relations on "),
			app.Strong().DataSet("map-day", day.Format("2006-01-02")).Text(day.Format("2 January 2006")),
		),
		app.Input().
			ID("map-time").
			Type("range").
			Min(0).
			Max(max(len(stops)-1, 0)).
			Step(1).
			Value(strconv.Itoa(at)).
			Aria("valuetext", day.Format("2 January 2006")).
			OnInput(m.onTime),
	)
}

func (m *actorMap) onTwoHops(ctx app.Context, e app.Event) {
	m.twoHops = !m.twoHops
}

func (m *actorMap) onTime(ctx app.Context, e app.Event) {
	if k, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil {
		m.at = min(max(k, 0), len(m.timeStops())-1)
	}
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

// edge is a relation: its curve, a wider invisible curve that makes it easy to hover, and its
// label, shown on hover and while an actor at either end has keyboard focus. Relations that do not
// hold on the day shown stay faintly drawn, marked inactive.
func (m *actorMap) edge(e layout.PlacedEdge, hl layout.Highlight, day time.Time) app.UI {
	r := m.Iview.story.Relations[e.Relation]
	state := hl.Relation(e.Relation)
	holds := m.Iview.index.Holds(e.Relation, day)
	if !holds && state == layout.Lit {
		state = layout.Dim
	}
	path := svg("path").Attr("d", e.D).DataSet("relation-id", r.Key()).DataSet("kind", r.Kind)
	if r.Directed {
		marker := "url(#arrow)"
		if state == layout.Lit {
			marker = "url(#arrow-lit)"
		}
		path = path.Attr("marker-end", marker)
	}
	path = stateData(path, state)
	if !holds {
		path = path.DataSet("inactive", "true")
	}
	group := svg("g").DataSet("edge", r.Key())
	if m.focus != "" && (r.From == m.focus || r.To == m.focus) {
		group = group.DataSet("show-label", "true")
	}
	sentence := relationSentence(m.Iview.story, r)
	if !holds {
		sentence += " (not on this day)"
	}
	return group.Body(
		svg("path").Attr("d", e.D).DataSet("hit", ""),
		path.Body(svg("title").Text(sentence)),
		svg("text").
			Attr("x", num(e.MidX)).Attr("y", num(e.MidY)).
			Attr("text-anchor", "middle").
			DataSet("edge-label", "").
			Aria("hidden", true).
			Text(r.Label),
	)
}

func (m *actorMap) tabStop(g *layout.Graph, hl layout.Highlight) int {
	for _, id := range []string{m.focus, m.Ihl.Sel.Actor} {
		if i, ok := m.Iview.index.Actor(id); ok {
			return i
		}
	}
	if len(g.Order) > 0 {
		return g.Order[0]
	}
	return -1
}

func (m *actorMap) node(n layout.PlacedNode, hl layout.Highlight, tabStop bool) app.UI {
	a := m.Iview.story.Actors[n.Actor]
	state := hl.Actor(n.Actor)
	label := "Actor, " + a.Name
	if a.Role != "" {
		label += ", " + a.Role
	}
	tabIndex := "-1"
	if tabStop {
		tabIndex = "0"
	}
	g := svg("g").
		DataSet("actor-id", a.ID).
		DataSet("kind", a.Kind).
		DataSet("bloc", blocColour(n.Bloc)).
		Attr("role", "button").
		Attr("tabindex", tabIndex).
		Aria("pressed", state == layout.Selected).
		Aria("label", label).
		OnClick(m.onActorClick, a.ID).
		OnFocus(m.onActorFocus, a.ID)
	g = stateData(g, state)
	return g.Body(
		shape(a.Kind, n.X, n.Y, n.R),
		svg("text").
			Attr("x", num(n.LabelX)).Attr("y", num(n.LabelY)).
			Aria("hidden", true).
			Body(app.Range(n.Lines).Slice(func(i int) app.UI {
				line := n.Lines[i]
				if i < len(n.Lines)-1 {
					line += " " // so the wrapped name still reads as words
				}
				t := svg("tspan").Attr("x", num(n.LabelX)).Text(line)
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

// onActorFocus labels the focused actor's relations.
func (m *actorMap) onActorFocus(ctx app.Context, e app.Event) {
	m.focus = ctx.JSSrc().Get("dataset").Get("actorId").String()
}

// onKey handles the keyboard inside the map only: arrows move between actors in reading order,
// Home and End to the first and last, Enter and Space select, Escape clears the selection.
func (m *actorMap) onKey(ctx app.Context, e app.Event) {
	g := m.Iview.graph(m.Iwidth)
	id := e.Get("target").Get("dataset").Get("actorId")
	k := 0
	if id.Truthy() {
		if i, ok := m.Iview.index.Actor(id.String()); ok {
			k = slices.Index(g.Order, i)
		}
	}
	switch e.Get("key").String() {
	case "ArrowRight", "ArrowDown":
		k++
	case "ArrowLeft", "ArrowUp":
		k--
	case "Home":
		k = 0
	case "End":
		k = len(g.Order) - 1
	case "Enter", " ":
		if id.Truthy() {
			navigate(ctx, layout.Selection{Actor: id.String()})
		}
		e.PreventDefault()
		return
	case "Escape":
		navigate(ctx, layout.Selection{})
		e.PreventDefault()
		return
	default:
		return
	}
	e.PreventDefault()
	if len(g.Order) == 0 {
		return
	}
	next := m.Iview.story.Actors[g.Order[min(max(k, 0), len(g.Order)-1)]].ID
	m.focus = next
	ctx.Defer(func(ctx app.Context) {
		el := app.Window().Get("document").Call("querySelector", `[data-view="map"] [data-actor-id="`+next+`"]`)
		if el.Truthy() {
			el.Call("focus")
		}
	})
}

// legend is the map's key. It never changes, so it is plain markup (see timelineLegend).
func (m *actorMap) legend() app.UI { return app.Raw(mapLegend) }

var mapLegend = func() string {
	var b strings.Builder
	b.WriteString(`<ul class="legend" aria-label="Map key">`)
	for _, k := range [][2]string{
		{data.KindState, "State"}, {data.KindOrganisation, "Organisation"},
		{data.KindPerson, "Person"}, {data.KindGroup, "Group"},
	} {
		b.WriteString(`<li><svg xmlns="` + svgNS + `" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">` +
			shapeMarkup(k[0], 10, 10, 7) + `</svg>` + k[1] + `</li>`)
	}
	for _, k := range [][2]string{
		{data.RelMeets, "Meets, talks"}, {data.RelWarns, "Warns, opposes, rejects"}, {data.RelLeads, "Leads, speaks for, member of"},
	} {
		b.WriteString(`<li><svg xmlns="` + svgNS + `" viewBox="0 0 28 12" width="28" height="12" aria-hidden="true">` +
			`<path data-legend="edge" data-kind="` + k[0] + `" d="M1 6H20" marker-end="url(#arrow)"></path></svg>` + k[1] + `</li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}()

// shapeMarkup is shape as SVG markup, for the legend.
func shapeMarkup(kind string, x, y, r float64) string {
	switch kind {
	case data.KindState:
		return `<rect data-shape="` + kind + `" x="` + num(x-r) + `" y="` + num(y-r) + `" width="` + num(2*r) + `" height="` + num(2*r) + `" rx="2"></rect>`
	case data.KindOrganisation:
		return `<polygon data-shape="` + kind + `" points="` + polygon(x, y, r*1.1, 6, 0) + `"></polygon>`
	case data.KindGroup:
		return `<polygon data-shape="` + kind + `" points="` + polygon(x, y, r*1.25, 4, 0) + `"></polygon>`
	}
	return `<circle data-shape="` + kind + `" cx="` + num(x) + `" cy="` + num(y) + `" r="` + num(r) + `"></circle>`
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
