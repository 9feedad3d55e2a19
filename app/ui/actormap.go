package ui

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/app/route"
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
	Iwidth int  // CSS pixels available
	Idraft bool // the pane is yet to be shown: laid out as a draft (storyView.draft)

	at       int     // index into timeStops of the day shown; -1 for the default
	twoHops  bool    // widen the focus to neighbours of neighbours
	focus    string  // the actor that holds the tab stop
	shownFor string  // the selection the day was last reset for
	zoom     float64 // the drawing's scale; 0 for 1, the map at the width it was laid out for
	pinch    map[int]app.Value
	pinchD   float64 // the distance between two touching fingers when the pinch last zoomed
	redraws  pending // a redraw asked for and not yet drawn

	edges kept[chunk[layout.Graph], *edgeChunk]
	nodes kept[chunk[layout.Graph], *nodeChunk]
}

// resetDay goes back to the default day when the selection has changed. Render calls it rather
// than OnUpdate: go-app renders a component again after every OnUpdate, and the map is big.
func (m *actorMap) resetDay() {
	key := m.Ihl.Sel.Event + "|" + m.Ihl.Sel.Actor + "|" + m.Ihl.Sel.Relation
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

// graph is the map's layout: the draft while the pane is yet to be shown, else in full for its
// width.
func (m *actorMap) graph() *layout.Graph {
	if m.Idraft {
		return m.Iview.draft()
	}
	return m.Iview.graph(m.Iwidth)
}

func (m *actorMap) Render() app.UI {
	m.redraws.drawn()
	m.resetDay()
	if len(m.Iview.story.Actors) == 0 {
		// A story may name no actors (one imported from TimelineJS has none): say so, not an empty map.
		return tag("section").Class("actor-map").Attr("data-view", "map").Attr("data-empty", "true").Text("This story names no actors.")
	}
	g := m.graph()
	hl := m.highlight()
	day, _ := m.day()
	k := m.scale()
	w, h := strconv.Itoa(int(g.Width)), strconv.Itoa(int(g.Height+0.5))
	tabStop := m.tabStop(g, hl)
	plan := m.labels(g, hl, day)
	section := tag("section").Class("actor-map").Attr("data-view", "map")
	if m.Idraft {
		section = section.Attr("data-draft", "true") // the stylesheet shows a draft's drawing to no one
	}
	return section.
		Attr("data-hops", strconv.Itoa(map[bool]int{false: 1, true: 2}[m.twoHops])).
		Attr("aria-labelledby", "map-title").
		Body(
			app.Div().Class("section-head").Body(
				tag("h2").ID("map-title").Class("section-title").Text("Who is involved"),
				m.legend(),
			),
			m.controls(day),
			app.Div().ID("actor-map").Class("map-frame").Attr("data-zoom", num(k)).
				On("wheel", m.onWheel).
				On("pointerdown", m.onPointer).
				On("pointermove", m.onPointer).
				On("pointerup", m.onPointer).
				On("pointercancel", m.onPointer).
				Body(
					svg("svg").
						Attr("viewBox", "0 0 "+w+" "+h).
						// The width laid out for: a map whose actors need more room is wider.
						Attr("data-width", strconv.Itoa(m.Iwidth)).
						Attr("width", num(g.Width*k)).
						Attr("height", num(g.Height*k)).
						Attr("role", "group").
						Attr("aria-label", attrText("Actor map: "+strconv.Itoa(len(g.Nodes))+" actors and "+strconv.Itoa(len(g.Edges))+" relations, as on "+m.Iview.story.Info.Reckoning().DayWords(day))).
						OnKeyDown(m.onKey).
						OnClick(m.onClick).
						On("focusin", m.onFocusIn).
						Body(
							svg("title").Text("Who is involved and how they relate"),
							&mapBackdrop{Ig: g},
							svg("g").Attr("data-layer", "edges").Body(m.edgeChunks(g, hl, day, plan)...),
							svg("g").Attr("data-layer", "nodes").Body(m.nodeChunks(g, hl, tabStop)...),
							&mapLabels{Iview: m.Iview, Iplan: plan},
						),
				),
			m.relationList(plan),
		)
}

// scale is the drawing's zoom.
func (m *actorMap) scale() float64 {
	if m.zoom == 0 {
		return 1
	}
	return m.zoom
}

// labelPlan is where the labels of the relations in focus go: placed on the map, or listed
// under it. It is comparable, so the labels draw again only when it changes.
type labelPlan struct {
	graph  *layout.Graph
	placed string // the placed labels, as indices into plan
	plan   *layout.LabelPlan
}

// labels works out which relations show their labels: those of the actor with keyboard focus,
// or else the lit relations of the selection that hold on the day shown, or the selected one.
func (m *actorMap) labels(g *layout.Graph, hl layout.Highlight, day time.Time) labelPlan {
	ix := m.Iview.index
	var rels []int
	focus := -1
	switch {
	case m.focus != "" && m.focus != hl.Sel.Actor:
		focus, _ = ix.Actor(m.focus)
		rels = ix.ActorRelations(m.focus)
	case !hl.Sel.IsZero():
		focus, _ = ix.Actor(hl.Sel.Actor)
		if focus < 0 || hl.Sel.Actor == "" {
			focus = -1
		}
		for _, e := range g.Edges {
			if st := hl.Relation(e.Relation); (st == layout.Lit || st == layout.Selected) && ix.Holds(e.Relation, day) {
				rels = append(rels, e.Relation)
			}
		}
	}
	if len(rels) == 0 {
		return labelPlan{graph: g}
	}
	plan := layout.PlaceLabels(m.Iview.story, g, rels, focus)
	key := make([]byte, 0, 8*len(rels))
	for _, p := range plan.Placed {
		for _, ri := range p.Relations {
			key = strconv.AppendInt(key, int64(ri), 10)
			key = append(key, ',')
		}
		key = append(key, '|')
	}
	for _, ri := range plan.Listed {
		key = strconv.AppendInt(key, int64(ri), 10)
		key = append(key, ';')
	}
	return labelPlan{graph: g, placed: string(key), plan: &plan}
}

// shows reports whether relation ri's label shows, on the map or in the list.
func (p labelPlan) shows(ri int) bool {
	if p.plan == nil {
		return false
	}
	for _, l := range p.plan.Placed {
		if slices.Contains(l.Relations, ri) {
			return true
		}
	}
	return slices.Contains(p.plan.Listed, ri)
}

// mapLabels draws the placed labels of the relations in focus. A label selects its relation.
type mapLabels struct {
	app.Compo
	Iview *storyView
	Iplan labelPlan
}

func (l *mapLabels) Render() app.UI {
	p := l.Iplan.plan
	if p == nil {
		return svg("g").Attr("data-layer", "labels")
	}
	rels := l.Iview.story.Relations
	return svg("g").Attr("data-layer", "labels").Body(each(len(p.Placed), func(i int) app.UI {
		pl := p.Placed[i]
		keys := make([]string, len(pl.Relations))
		for k, ri := range pl.Relations {
			keys[k] = rels[ri].Key()
		}
		return svg("text").
			Attr("x", num(pl.X)).Attr("y", num(pl.Y)).
			Attr("data-relation-label", strings.Join(keys, " ")).
			Attr("aria-hidden", "true").
			Text(pl.Text)
	})...)
}

// relationList lists the relations in focus, as links that select them: the keyboard's way to
// a relation, and where the labels that found no room on the map show. Those on the map are
// listed for the keyboard and screen readers only.
func (m *actorMap) relationList(p labelPlan) app.UI {
	if p.plan == nil {
		return app.Div().Class("map-relations").Attr("data-relation-list", "")
	}
	v := m.Iview
	rels := v.story.Relations
	var all []int
	for _, l := range p.plan.Placed {
		all = append(all, l.Relations...)
	}
	listed := len(p.plan.Listed)
	all = append(all, p.plan.Listed...)
	return app.Div().Class("map-relations").Attr("data-relation-list", "").Attr("data-listed", strconv.Itoa(listed)).Body(
		when(listed > 0, tag("p").Class("map-relations-head").Text("Also, with no room on the map:")),
		tag("ul").Body(each(len(all), func(i int) app.UI {
			r := rels[all[i]]
			li := tag("li").Attr("data-relation-item", r.Key())
			if i < len(all)-listed {
				li = li.Attr("data-on-map", "true")
			}
			return li.Body(tag("a").Attr("href", route.Selection{Key: route.Relation, ID: r.Key()}.Href()).Text(v.relationSentence(r)))
		})...),
	)
}

// edgeChunks draws the relations in chunks (see kept).
func (m *actorMap) edgeChunks(g *layout.Graph, hl layout.Highlight, day time.Time, plan labelPlan) []app.UI {
	marks := make([]byte, len(g.Edges))
	for i, e := range g.Edges {
		mk := m.edgeMark(e.Relation, hl, day)
		if plan.shows(e.Relation) {
			mk |= markLabel
		}
		marks[i] = byte(mk)
	}
	return drawChunks(&m.edges, m.Iview, g, marks, newEdgeChunk)
}

// nodeChunks draws the actors in chunks (see kept).
func (m *actorMap) nodeChunks(g *layout.Graph, hl layout.Highlight, tabStop int) []app.UI {
	marks := make([]byte, len(g.Nodes))
	for i, n := range g.Nodes {
		mk := markOf(hl.Actor(n.Actor))
		if n.Actor == tabStop {
			mk |= markTabStop
		}
		marks[i] = byte(mk)
	}
	return drawChunks(&m.nodes, m.Iview, g, marks, newNodeChunk)
}

// edgeChunk draws a run of relations as markup: relations are many and never take the focus, so
// go-app keeps one node for the lot instead of seven for each relation, which it would walk on
// every navigation and compare on every render. The markup is drawn once per layout; a new
// selection sets the few attributes it changes on the page (drawnRun.update), so that even the
// first one, which dims every relation, costs attributes rather than markup parsed anew.
type edgeChunk struct {
	app.Compo
	Ichunk chunk[layout.Graph]
	drawnRun
}

func newEdgeChunk(c chunk[layout.Graph]) *edgeChunk { return &edgeChunk{Ichunk: c} }

func (c *edgeChunk) props() chunk[layout.Graph] { return c.Ichunk }

func (c *edgeChunk) Render() app.UI {
	if !c.stale(c.Ichunk) && app.IsClient && c.Mounted() {
		c.update(c.JSValue(), c.Ichunk, "[data-relation-id]", setEdgeMark)
	}
	return c.render(c.Ichunk, "edges", writeEdge)
}

// nodeChunk draws a run of actors as markup, as edgeChunk draws relations, for the same
// reasons: a new selection sets the few attributes it changes on the page, so the
// actors stay, and so does the keyboard focus on one of them. A run drawn anew, for another
// layout, gives the focus back to the actor that had it.
type nodeChunk struct {
	app.Compo
	Ichunk chunk[layout.Graph]
	drawnRun
	refocus string // the actor that had the focus when the run was drawn anew
}

func newNodeChunk(c chunk[layout.Graph]) *nodeChunk { return &nodeChunk{Ichunk: c} }

func (c *nodeChunk) props() chunk[layout.Graph] { return c.Ichunk }

func (c *nodeChunk) Render() app.UI {
	if app.IsClient && c.Mounted() {
		if c.stale(c.Ichunk) {
			c.refocus = focusedActor(c.JSValue())
		} else {
			c.update(c.JSValue(), c.Ichunk, "[data-actor-id]", func(g app.Value, it item[layout.Graph], old mark) {
				setMark(g, old, it.mark, ariaPressed)
			})
		}
	}
	return c.render(c.Ichunk, "nodes", writeNode)
}

// OnUpdate gives the focus back to the actor that had it, once the run drawn anew is on the page.
func (c *nodeChunk) OnUpdate(ctx app.Context) {
	if id := c.refocus; id != "" {
		c.refocus = ""
		if el := c.JSValue().Call("querySelector", actorSelector(id)); el.Truthy() {
			el.Call("focus")
		}
	}
}

// drawnRun is a run of the map's relations or actors drawn as markup, and the marks the page
// shows on them.
type drawnRun struct {
	markup string              // the run drawn as markup
	drawn  chunk[layout.Graph] // what markup was drawn from
	shown  string              // the marks the page shows
}

// stale says whether run now is to be drawn anew: another run, layout or story.
func (d *drawnRun) stale(now chunk[layout.Graph]) bool {
	return d.markup == "" || d.drawn.view != now.view || d.drawn.layout != now.layout || d.drawn.from != now.from
}

// render returns run now drawn in an <svg> of its own, data-<layer> holding the index of its
// first item, each item written by write: markup becomes SVG elements only inside an <svg>.
// It is drawn anew only when stale; marks alone change in update.
func (d *drawnRun) render(now chunk[layout.Graph], layer string, write func(*strings.Builder, item[layout.Graph])) app.UI {
	if d.stale(now) {
		var b strings.Builder
		b.WriteString(`<svg data-` + layer + `="` + strconv.Itoa(now.from) + `">`)
		for k := range len(now.marks) {
			write(&b, now.item(k))
		}
		b.WriteString(`</svg>`)
		d.markup, d.drawn, d.shown = b.String(), now, now.marks
	}
	return markup(d.markup)
}

// update sets on the page the marks of run now that changed since it was drawn, by set: the
// run's items are the elements of root that match sel, in order. It runs as go-app draws the
// run, so that what is done once the page is drawn (bringing the selected actor into view) finds
// the marks set: the run's markup, unchanged, stays on the page as it is.
func (d *drawnRun) update(root app.Value, now chunk[layout.Graph], sel string, set func(app.Value, item[layout.Graph], mark)) {
	if d.shown == now.marks || len(d.shown) != len(now.marks) {
		return
	}
	els := root.Call("querySelectorAll", sel)
	if els.Length() != len(now.marks) {
		return
	}
	for k := range len(now.marks) {
		if d.shown[k] != now.marks[k] {
			set(els.Index(k), now.item(k), mark(d.shown[k]))
		}
	}
	d.shown = now.marks
}

// focusedActor is the ID of the actor in el that has the keyboard focus, or "".
func focusedActor(el app.Value) string {
	f := app.Window().Get("document").Get("activeElement")
	if !f.Truthy() || !el.Call("contains", f).Bool() {
		return ""
	}
	if a := f.Call("closest", "[data-actor-id]"); a.Truthy() {
		return a.Get("dataset").Get("actorId").String()
	}
	return ""
}

// actorSelector is the CSS selector of actor id's element on the map.
func actorSelector(id string) string {
	return `[data-actor-id="` + app.Window().Get("CSS").Call("escape", id).String() + `"]`
}

// controls are the two-step focus toggle and the time control.
func (m *actorMap) controls(day time.Time) app.UI {
	stops := m.timeStops()
	_, at := m.day()
	return app.Div().Class("map-controls").Body(
		tag("button").
			Attr("type", "button").
			Class("tl-button").
			Attr("data-action", "two-hops").
			Attr("aria-pressed", m.twoHops).
			Attr("disabled", m.Ihl.Sel.IsZero()).
			Title("Also light the neighbours of the selection's neighbours").
			OnClick(m.onTwoHops).
			Text("Two steps"),
		tag("label").Class("map-time").Attr("for", "map-time").Body(
			tag("span").Class("map-time-label").Text("Relations on "),
			tag("strong").Attr("data-map-day", day.Format("2006-01-02")).Text(m.Iview.story.Info.Reckoning().DayWords(day)),
		),
		app.ElemSelfClosing("input").
			ID("map-time").
			Attr("type", "range").
			Attr("min", 0).
			Attr("max", max(len(stops)-1, 0)).
			Attr("step", 1).
			Attr("value", strconv.Itoa(at)).
			Attr("aria-valuetext", attrText(m.Iview.story.Info.Reckoning().DayWords(day))).
			OnInput(m.onTime),
		m.zoomControls(),
	)
}

// onTwoHops toggles the two-step focus.
//
// Like the timeline's (see timelineView.onAction), the map's event handlers draw the map alone
// when they change something, not the whole page.
func (m *actorMap) onTwoHops(ctx app.Context, e app.Event) {
	m.redraws.hold(ctx, m)
	m.twoHops = !m.twoHops
	m.redraws.ask(m)
}

// onTime shows the relations of the day the reader moved the time control to.
func (m *actorMap) onTime(ctx app.Context, e app.Event) {
	m.redraws.hold(ctx, m)
	if k, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil {
		m.at = min(max(k, 0), len(m.timeStops())-1)
		m.redraws.ask(m)
	}
}

// mapBackdrop is what lies behind the relations and actors: the arrowheads they use and the
// blocs' boxes. It changes only with the layout, so a component of its own spares each selection
// drawing it again.
type mapBackdrop struct {
	app.Compo
	Ig *layout.Graph
	drawn[layout.Graph]
}

func (b *mapBackdrop) Render() app.UI {
	return b.draw(b.Ig, func(g *layout.Graph) app.UI { return svg("g").Body(defs(), blocs(g)) })
}

func defs() app.UI {
	// Arrowheads are sized in the map's pixels, not in strokes: a lit relation's thicker stroke
	// would grow its arrowhead past the room its port leaves (layout.ArrowW).
	arrow := func(id string, size float64) app.UI {
		return svg("marker").
			ID(id).
			Attr("viewBox", "0 0 10 10").
			Attr("refX", "10").Attr("refY", "5").
			Attr("markerUnits", "userSpaceOnUse").
			Attr("markerWidth", num(size)).Attr("markerHeight", num(size)).
			Attr("orient", "auto-start-reverse").
			Body(svg("path").Attr("d", "M0 0L10 5L0 10z").Attr("data-arrow", id))
	}
	return svg("defs").Body(arrow("arrow", layout.ArrowW-2), arrow("arrow-lit", layout.ArrowW), arrow("arrow-dim", layout.ArrowW-2))
}

func blocs(g *layout.Graph) app.UI {
	var rects []app.UI
	for i, b := range g.Blocs {
		for _, r := range b.Regions {
			rects = append(rects, svg("rect").
				Attr("data-bloc", blocColour(i)).
				Attr("x", num(r.X)).Attr("y", num(r.Y)).
				Attr("width", num(r.W)).Attr("height", num(r.H)).
				Attr("rx", "10"))
		}
	}
	return svg("g").Attr("data-layer", "blocs").Attr("aria-hidden", true).Body(rects...)
}

// edgeMark is what relation ri shows of the selection on day: selected, lit or dimmed, and not
// holding that day (then never lit).
func (m *actorMap) edgeMark(ri int, hl layout.Highlight, day time.Time) mark {
	state := hl.Relation(ri)
	holds := m.Iview.index.Holds(ri, day)
	if !holds && state == layout.Lit {
		state = layout.Dim
	}
	mk := markOf(state)
	if !holds {
		mk |= markInactive
	}
	return mk
}

// edgeLook is how a relation's mark shows: its state hook (lit, dim or none), arrowhead, title
// and whether its label shows.
type edgeLook struct {
	state, marker   string
	inactive, label bool
}

func lookOf(mk mark, r data.Relation) edgeLook {
	l := edgeLook{state: markState(mk), inactive: mk.has(markInactive), label: mk.has(markLabel)}
	if r.Directed {
		// An arrowhead is a marker, which the path's stroke-opacity does not reach.
		l.marker = "url(#arrow)"
		switch {
		case l.state == "lit", l.state == "selected":
			l.marker = "url(#arrow-lit)"
		case l.state == "dim", l.inactive:
			l.marker = "url(#arrow-dim)"
		}
	}
	return l
}

// edgeTitle words relation r for its tooltip, saying when it does not hold on the day shown.
func (v *storyView) edgeTitle(r data.Relation, inactive bool) string {
	if inactive {
		return v.relationSentence(r) + " (not on this day)"
	}
	return v.relationSentence(r)
}

// writeEdge writes a relation: its path, and a wider invisible path that makes it easy to hover
// and to click or tap (which selects it). Its label shows in the labels layer when it is in
// focus (data-show-label), and as a tooltip. Relations that do not hold on the day shown stay
// faintly drawn, marked inactive.
func writeEdge(b *strings.Builder, it item[layout.Graph]) {
	pe := it.layout.Edges[it.i]
	r := it.view.story.Relations[pe.Relation]
	l := lookOf(it.mark, r)
	key, d := escapeAttr(r.Key()), escapeAttr(pe.D)
	b.WriteString(`<g data-edge="` + key + `"`)
	if l.label {
		b.WriteString(` data-show-label="true"`)
	}
	b.WriteString(`><path d="` + d + `" data-hit=""></path><path d="` + d + `" data-relation-id="` + key +
		`" data-kind="` + escapeAttr(r.Kind) + `"`)
	if l.marker != "" {
		b.WriteString(` marker-end="` + l.marker + `"`)
	}
	if l.state != "" {
		b.WriteString(` data-` + l.state + `="true"`)
	}
	if l.inactive {
		b.WriteString(` data-inactive="true"`)
	}
	b.WriteString(`><title>` + escapeAttr(it.view.edgeTitle(r, l.inactive)) + `</title></path></g>`)
}

// setEdgeMark gives the relation whose visible curve writeEdge wrote as path the look of its
// new mark, touching only what differs from the look of the old one: each call into the page
// costs, and the first selection dims every relation.
func setEdgeMark(path app.Value, it item[layout.Graph], old mark) {
	r := it.view.story.Relations[it.layout.Edges[it.i].Relation]
	was, now := lookOf(old, r), lookOf(it.mark, r)
	if was.state != now.state {
		if was.state != "" {
			path.Call("removeAttribute", "data-"+was.state)
		}
		if now.state != "" {
			path.Call("setAttribute", "data-"+now.state, "true")
		}
	}
	if was.marker != now.marker {
		path.Call("setAttribute", "marker-end", now.marker)
	}
	if was.inactive != now.inactive {
		setAttr(path, "data-inactive", now.inactive)
		path.Get("firstElementChild").Set("textContent", it.view.edgeTitle(r, now.inactive))
	}
	if was.label != now.label {
		setAttr(path.Get("parentNode"), "data-show-label", now.label)
	}
}

// setAttr sets a data-* hook to "true", or removes it.
func setAttr(el app.Value, name string, on bool) {
	if on {
		el.Call("setAttribute", name, "true")
	} else {
		el.Call("removeAttribute", name)
	}
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

// writeNode writes an actor: its symbol and its name, a button that selects it. The whole row
// is its target, so a finger finds it easily (WCAG 2.5.8). Clicks and focus are handled by the
// map, once for all actors.
func writeNode(b *strings.Builder, it item[layout.Graph]) {
	mk := it.mark
	pn := it.layout.Nodes[it.i]
	a := it.view.story.Actors[pn.Actor]
	label := "Actor, " + a.Name
	if a.Role != "" {
		label += ", " + a.Role
	}
	b.WriteString(`<g data-actor-id="` + escapeAttr(a.ID) + `" data-kind="` + escapeAttr(a.Kind) +
		`" data-bloc="` + blocColour(pn.Bloc) + `" role="button" tabindex="` + tabIndexOf(mk) +
		`" aria-pressed="` + strconv.FormatBool(mk.has(markSelected)) + `" aria-label="` + escapeAttr(label) + `"`)
	if st := markState(mk); st != "" {
		b.WriteString(` data-` + st + `="true"`)
	}
	row := pn.Row
	b.WriteString(`><rect data-target="" x="` + num(row.X) + `" y="` + num(row.Y) + `" width="` + num(row.W) +
		`" height="` + num(row.H) + `"></rect>` + shapeMarkup(a.Kind, pn.X, pn.Y, pn.R) +
		`<text x="` + num(pn.LabelX) + `" y="` + num(pn.LabelY) + `" aria-hidden="true">`)
	for i, line := range pn.Lines {
		if i < len(pn.Lines)-1 {
			line += " " // so the wrapped name still reads as words
		}
		b.WriteString(`<tspan x="` + num(pn.LabelX) + `"`)
		if i > 0 {
			b.WriteString(` dy="16"`)
		}
		b.WriteString(`>` + escapeAttr(line) + `</tspan>`)
	}
	b.WriteString(`</text></g>`)
}

// ariaPressed says whether an actor, a button, is selected.
func ariaPressed(g app.Value, on bool) {
	g.Call("setAttribute", "aria-pressed", strconv.FormatBool(on))
}

// eventActor returns the ID of the actor whose symbol or name an event came from, or "".
func eventActor(e app.Event) string {
	el := e.Get("target").Call("closest", "[data-actor-id]")
	if !el.Truthy() {
		return ""
	}
	return el.Get("dataset").Get("actorId").String()
}

// onClick selects the actor, relation or relation label clicked.
func (m *actorMap) onClick(ctx app.Context, e app.Event) {
	m.redraws.hold(ctx, m)
	if id := eventActor(e); id != "" {
		navigate(ctx, layout.Selection{Actor: id})
		return
	}
	if el := e.Get("target").Call("closest", "[data-edge]"); el.Truthy() {
		navigate(ctx, layout.Selection{Relation: el.Get("dataset").Get("edge").String()})
		return
	}
	if el := e.Get("target").Call("closest", "[data-relation-label]"); el.Truthy() {
		key, _, _ := strings.Cut(el.Get("dataset").Get("relationLabel").String(), " ")
		navigate(ctx, layout.Selection{Relation: key})
	}
}

// onFocusIn labels the relations of the actor the keyboard moved to. A click focuses the actor
// too, but a pointer has hover to show one label at a time: labelling every relation of a
// clicked actor at once would pile their labels up.
func (m *actorMap) onFocusIn(ctx app.Context, e app.Event) {
	m.redraws.hold(ctx, m)
	if !e.Get("target").Call("matches", ":focus-visible").Bool() {
		return
	}
	if id := eventActor(e); id != "" && id != m.focus {
		m.focus = id
		m.redraws.ask(m)
	}
}

// onKey handles the keyboard inside the map only: arrows move between actors in reading order,
// Home and End to the first and last, Enter and Space select, Escape clears the selection, + and
// - zoom in and out, 0 fits the whole map in view, Shift with an arrow pans.
func (m *actorMap) onKey(ctx app.Context, e app.Event) {
	m.redraws.hold(ctx, m)
	if e.Get("shiftKey").Bool() && panKey(e.Get("key").String()) {
		e.PreventDefault()
		return
	}
	g := m.graph()
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
	case "+", "=":
		m.zoomBy(ctx, 1.25)
		e.PreventDefault()
		return
	case "-", "_":
		m.zoomBy(ctx, 0.8)
		e.PreventDefault()
		return
	case "0":
		m.fit(ctx)
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
	m.redraws.ask(m)
	ctx.Defer(func(ctx app.Context) {
		el := app.Window().Get("document").Call("querySelector", `[data-view="map"] [data-actor-id="`+next+`"]`)
		if el.Truthy() {
			el.Call("focus")
		}
	})
}

// legend is the map's key. It never changes, so it is plain markup (see timelineLegend).
func (m *actorMap) legend() app.UI { return markup(mapLegend) }

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

// shapeMarkup draws an actor's symbol, on the map and in its key: a square for a state, a hexagon
// for an organisation, a circle for a person, a diamond for a group, so kind never rests on
// colour alone.
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

// blocColour names one of the stylesheet's bloc colours; they repeat after eight blocs.
func blocColour(i int) string { return strconv.Itoa(i % 8) }

// relationSentence words a relation for readers: "Antony Blinken meets Sergei Lavrov".
func (v *storyView) relationSentence(r data.Relation) string {
	return v.actorName(r.From) + " " + r.Label + " " + v.actorName(r.To)
}

// actorName is the name of the actor id, or id when the story has no such actor.
func (v *storyView) actorName(id string) string {
	if i, ok := v.index.Actor(id); ok {
		return v.story.Actors[i].Name
	}
	return id
}
