package ui

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/app/route"
	"timeline/data"
)

// timelineView draws a story's events on a focus+context time axis, one band per track, with
// controls to zoom, pan and step through the events. On narrow screens the stylesheet turns the
// same markers into a vertical list. Zoom and the scrolled window are the view's own state; the
// selection comes from the page (the URL).
type timelineView struct {
	app.Compo
	Iview *storyView
	Ihl   layout.Highlight

	zoom         float64 // 0 until chosen: the story's default zoom
	viewX, viewW float64 // the scrolled window, CSS pixels; viewW 0 before the browser measures
	focus        string  // the event that holds the tab stop (roving tabindex)
	shown        string  // the selected event last brought into view
	pinch        float64 // finger distance when a pinch started, 0 when none
	only         bool    // list only the selected actor's events
	placed       bool    // the first view is placed on the news (see place)
	redraws      pending // a redraw asked for and not yet drawn

	cards    kept[item[layout.Timeline], *eventCard]
	clusters kept[item[layout.Timeline], *clusterCard]
}

// virtualAbove is how many cards a timeline may have before only those near the scrolled window
// are in the page.
const virtualAbove = 400

func (v *timelineView) layout() *layout.Timeline {
	if v.zoom == 0 {
		v.zoom = v.Iview.defaultZoom
	}
	return v.Iview.timeline(v.zoom)
}

// markLead marks the card of the story's lead event, or the cluster card that holds it: the first
// view is placed on it. The bits below it are the selection's (see mark).
const markLead mark = 1 << 7

func (v *timelineView) OnMount(ctx app.Context) {
	v.place()
	v.measure()
	v.reveal(ctx, v.Ihl.Sel.Event)
}

// place scrolls the timeline to the news, as frame.js does for the page the server sent, so
// that the WebAssembly taking over moves nothing.
func (v *timelineView) place() {
	v.placed = true
	if el := app.Window().GetElementByID("tl-scroll"); el.Truthy() {
		frameScript("place", el)
	}
}

// frameScript calls a function of frame.js (window.timelineFrame), which the page and the
// WebAssembly share; nothing happens where the script is missing.
func frameScript(name string, args ...any) {
	if f := app.Window().Get("timelineFrame"); f.Truthy() {
		f.Call(name, args...)
	}
}

// OnNav brings the event a link, a click or the history selects into view. It runs with the
// page's OnNav, before the frame that draws the new selection, so that one frame draws both;
// OnUpdate would cost the timeline a second render after every selection.
func (v *timelineView) OnNav(ctx app.Context) {
	u := ctx.Page().URL()
	if storyID(u.Path) != v.Iview.story.Info.ID {
		return // another story: the page draws it anew
	}
	sel, _ := parseSelection(u.Query(), v.Iview)
	v.reveal(ctx, sel.Event)
}

// OnResize re-reads the scrolled window's width.
func (v *timelineView) OnResize(ctx app.Context) { v.measure() }

// measure reads the scrolled window from the page. It makes the browser lay the page out if it is
// not already, so it is only called where that is so anyway (on mount, scroll and resize) or the
// reader asked for a new view; a selection uses the window last read.
func (v *timelineView) measure() {
	el := app.Window().GetElementByID("tl-scroll")
	if !el.Truthy() {
		return
	}
	v.viewX = el.Get("scrollLeft").Float()
	v.viewW = el.Get("clientWidth").Float()
}

func (v *timelineView) Render() app.UI {
	v.redraws.drawn()
	tl := v.layout()
	return tag("section").
		Class("timeline").
		Attr("data-view", "timeline").
		Attr("data-zoom", strconv.FormatFloat(tl.Zoom, 'g', 4, 64)).
		Attr("aria-labelledby", "timeline-title").
		OnKeyDown(v.onKey).
		Body(
			app.Div().Class("section-head").Body(
				tag("h2").ID("timeline-title").Class("section-title").Text("Timeline"),
				timelineLegend(len(tl.Clusters) > 0),
			),
			v.toolbar(tl),
			app.Div().
				ID("tl-scroll").
				Class("tl-scroll").
				OnScroll(v.onScroll).
				OnWheel(v.onWheel).
				On("touchstart", v.onTouchStart).
				On("touchend", v.onTouchEnd).
				Body(
					app.Div().
						Class("tl-canvas").
						Style("--w", px(tl.Width)).
						Style("--h", px(tl.Height)).
						Style("--era-rows", strconv.Itoa(tl.EraRows)).
						Body(
							&timelineBackdrop{Itl: tl},
							v.extent(tl),
							v.list(tl),
						),
				),
		)
}

func (v *timelineView) toolbar(tl *layout.Timeline) app.UI {
	button := func(action, label, text string, disabled bool) app.UI {
		b := tag("button").
			Attr("type", "button").
			Class("tl-button").
			Attr("data-action", action).
			Title(label)
		if len([]rune(text)) == 1 { // a symbol: say what it does
			b = b.Attr("aria-label", label)
		}
		return b.
			Attr("disabled", disabled).
			OnClick(v.onAction, action).
			Text(text)
	}
	return app.Div().Class("tl-toolbar").Attr("role", "toolbar").Attr("aria-label", "Timeline controls").Body(
		button("prev", "Previous event", "‹ Previous", false),
		button("next", "Next event", "Next ›", false),
		tag("span").Class("tl-toolbar-gap"),
		button("zoom-out", "Zoom out", "−", tl.Zoom <= layout.MinZoom),
		button("zoom-in", "Zoom in", "+", tl.Zoom >= layout.MaxZoom),
		button("fit", "Fit the whole story", "Fit all", false),
		v.filterToggle(),
	)
}

// filterToggle offers, while an actor is selected, to list only that actor's events.
func (v *timelineView) filterToggle() app.UI {
	i, ok := v.Iview.index.Actor(v.Ihl.Sel.Actor)
	if !ok {
		return tag("span").Class("tl-filter").Attr("data-none", "true")
	}
	return tag("button").
		Attr("type", "button").
		Class("tl-button", "tl-filter").
		Attr("data-action", "only").
		Attr("aria-pressed", v.only).
		OnClick(v.onAction, "only").
		Text("Only " + v.Iview.story.Actors[i].Name + "’s events")
}

// timelineBackdrop is what lies behind the cards: eras, track bands and the axis. It changes
// only with the layout, so a component of its own spares each selection drawing it again.
type timelineBackdrop struct {
	app.Compo
	Itl *layout.Timeline
	drawn[layout.Timeline]
}

func (b *timelineBackdrop) Render() app.UI {
	return b.draw(b.Itl, func(tl *layout.Timeline) app.UI {
		return app.Div().Class("tl-backdrop").Body(append(append(eras(tl), tracks(tl)...), axis(tl))...)
	})
}

// drawn is what a component drew from a layout of type L, and which layout.
//
// go-app v9 draws every component a second time once it is mounted, and a component whose
// props changed anew; a component drawn from a layout alone hands back the very elements go-app
// has mounted while the layout is the same, which go-app then finds unchanged without building
// them again.
type drawn[L any] struct {
	from *L
	ui   app.UI
}

// draw returns what draw makes of l, made again only for another layout.
func (d *drawn[L]) draw(l *L, draw func(*L) app.UI) app.UI {
	if d.ui == nil || d.from != l {
		d.ui, d.from = draw(l), l
	}
	return d.ui
}

func eras(tl *layout.Timeline) []app.UI {
	return each(len(tl.Eras), func(i int) app.UI {
		era := tl.Eras[i]
		return app.Div().
			Class("tl-era").
			Attr("data-open", strconv.FormatBool(era.Open)).
			Style("--x", px(era.X0)).
			Style("--w", px(era.X1-era.X0)).
			Style("--row", strconv.Itoa(era.Row)).
			Attr("aria-hidden", true).
			Body(tag("span").Text(era.Label))
	})
}

func tracks(tl *layout.Timeline) []app.UI {
	return each(len(tl.Tracks), func(i int) app.UI {
		tr := tl.Tracks[i]
		return app.Div().
			Class("tl-track").
			Style("--y", px(tr.Y)).
			Style("--h", px(tr.H)).
			Attr("aria-hidden", true).
			Body(tag("span").Class("tl-track-label").Text(tr.Label))
	})
}

func axis(tl *layout.Timeline) app.UI {
	marks := each(len(tl.Ticks), func(i int) app.UI {
		t := tl.Ticks[i]
		return tag("span").Class("tl-tick").Attr("data-level", levelName(t.Level)).Style("--x", px(t.X)).Text(t.Label)
	})
	for _, b := range tl.Scale.Breaks {
		marks = append(marks, tag("span").
			Class("tl-break").
			Style("--x", px(b.X0)).
			Style("--w", px(b.X1-b.X0)).
			Title(attrText("Axis break: "+b.Label+" not drawn to scale")).
			Text(b.Label))
	}
	marks = append(marks, tag("span").Class("tl-asof").Style("--x", px(tl.AsOfX)).Text("Story date"))
	return app.Div().Class("tl-axis").Style("--era-rows", strconv.Itoa(tl.EraRows)).Attr("aria-hidden", true).Body(marks...)
}

// extent draws how long the selected event's date covers, across the whole timeline, so that a
// span longer than its card is seen in full.
//
// It is always there, empty when nothing is selected: go-app matches children by position, so a
// child that comes and goes would make it rebuild the list after it, and lose the focus there.
func (v *timelineView) extent(tl *layout.Timeline) app.UI {
	i, ok := v.Iview.index.Event(v.Ihl.Sel.Event)
	if !ok {
		return app.Div().Class("tl-extent").Attr("data-none", "true").Attr("aria-hidden", true)
	}
	m := tl.Markers[i]
	d := v.Iview.story.Events[i].When
	return app.Div().
		Class("tl-extent").
		Attr("data-precision", precisionName(d)).
		Style("--x", px(m.DayX)).
		Style("--w", px(max(m.SpanX1-m.DayX, 2))).
		Attr("aria-hidden", true)
}

// list is the events' list.
func (v *timelineView) list(tl *layout.Timeline) app.UI {
	return tag("ol").
		Class("tl-events").
		Attr("aria-label", "Events in time order").
		OnClick(v.onCluster).
		Body(v.items(tl)...)
}

// items returns the list's entries in time order: each event with its own card, and each cluster
// where its first event would be. Big stories only list what is near the scrolled window.
func (v *timelineView) items(tl *layout.Timeline) []app.UI {
	order := v.Iview.prepared.Order
	lead := v.Iview.story.LeadEvent()
	x0, x1 := math.Inf(-1), math.Inf(1)
	if len(tl.Markers)-countClustered(tl)+len(tl.Clusters) > virtualAbove {
		w, x := v.viewW, v.viewX
		if w == 0 {
			w = fitWidth
		}
		if !v.placed && lead >= 0 {
			x = tl.Markers[lead].X - w/3 // where place will scroll to
		}
		x0, x1 = x-w, x+2*w
	}
	cardW := layout.DefaultTimelineOptions().CardW
	tabStop := v.tabStop(tl)
	items := make([]app.UI, 0, min(len(order), 2*virtualAbove))
	lit := map[int]bool{} // clusters holding a selected or lit event
	for i := range v.Ihl.Events() {
		if c := tl.Markers[i].Cluster; c >= 0 {
			lit[c] = true
		}
	}
	_, actorSelected := v.Iview.index.Actor(v.Ihl.Sel.Actor)
	only := v.only && actorSelected
	lo, hi := tl.Window(order, x0, x1, cardW)
	for _, i := range order[lo:hi] {
		m := &tl.Markers[i]
		if m.X+cardW < x0 || m.X > x1 || (only && v.Ihl.Event(i) == layout.Dim) {
			continue
		}
		if m.Cluster >= 0 {
			if c := tl.Clusters[m.Cluster]; c.Events[0] == i {
				var mk mark
				if lit[m.Cluster] {
					mk = markLit
				}
				if lead >= 0 && tl.Markers[lead].Cluster == m.Cluster {
					mk |= markLead
				}
				items = append(items, v.clusters.at(len(items), item[layout.Timeline]{v.Iview, tl, m.Cluster, mk}, newClusterCard))
			}
			continue
		}
		mk := markOf(v.Ihl.Event(i))
		if i == tabStop {
			mk |= markTabStop
		}
		if i == lead {
			mk |= markLead
		}
		items = append(items, v.cards.at(len(items), item[layout.Timeline]{v.Iview, tl, i, mk}, newEventCard))
	}
	return items
}

func countClustered(tl *layout.Timeline) int {
	n := 0
	for _, c := range tl.Clusters {
		n += len(c.Events)
	}
	return n
}

// tabStop is the event whose card takes the timeline's one tab stop: the focused one, else the
// selected one, else the first.
func (v *timelineView) tabStop(tl *layout.Timeline) int {
	for _, id := range []string{v.focus, v.Ihl.Sel.Event} {
		if i, ok := v.Iview.index.Event(id); ok && tl.Markers[i].Cluster < 0 {
			return i
		}
	}
	for _, i := range v.Iview.prepared.Order {
		if tl.Markers[i].Cluster < 0 {
			return i
		}
	}
	return -1
}

// eventCard is one event: a link that selects it, so it works before the WebAssembly runs too.
// It is a component of its own so that a new selection touches only the cards whose mark it
// changes.
//
// The card is markup, drawn once for its event and layout: mounted as one piece, it costs the
// browser a few calls where, element by element and attribute by attribute, it took about
// twenty, for every card on the timeline. A new mark is then set on the card in place, so that
// the element, and the keyboard focus on it, stay.
type eventCard struct {
	app.Compo
	Ievent item[layout.Timeline] // its index in the story's events; marked selected or lit, tab stop
	drawnCard
}

func (c *eventCard) props() item[layout.Timeline] { return c.Ievent }

func newEventCard(p item[layout.Timeline]) *eventCard { return &eventCard{Ievent: p} }

func (c *eventCard) Render() app.UI { return c.render(c, c.Ievent, cardMarkup) }

// drawnCard is a card of the timeline drawn as markup, and the mark the page shows on it.
type drawnCard struct {
	markup string                // the card drawn as markup
	drawn  item[layout.Timeline] // what markup was drawn from
	shown  mark                  // the mark the page shows
}

// render returns the card c for item now, drawn by draw unless it is drawn already for the same
// story, layout and index: only its mark differs then, which it sets on the card on the page,
// which stays as it is.
func (d *drawnCard) render(c app.Composer, now item[layout.Timeline], draw func(item[layout.Timeline]) string) app.UI {
	if was := d.drawn; d.markup == "" || was.view != now.view || was.layout != now.layout || was.i != now.i {
		d.markup, d.drawn, d.shown = draw(now), now, now.mark
	} else if now.mark != d.shown && app.IsClient && c.Mounted() {
		setCardMark(c.JSValue(), d.shown, now.mark)
		d.shown = now.mark
	}
	return markup(d.markup)
}

// cardMarkup draws event it.i's card, as its list item, with its mark.
func cardMarkup(it item[layout.Timeline]) string {
	ev := it.view.story.Events[it.i]
	m := it.layout.Markers[it.i]
	var b strings.Builder
	b.WriteString(`<li class="tl-item" style="--x:` + px(m.X) + `;--y:` + px(m.Y) + `;--span:` + px(m.SpanX1-m.DayX) +
		`" data-track="` + escapeAttr(ev.Track) + `"`)
	if it.mark.has(markLead) {
		b.WriteString(` data-lead="true"`)
	}
	b.WriteString(`><a class="tl-card" href="` + escapeAttr(route.Selection{Key: route.Event, ID: ev.ID}.Href()) +
		`" tabindex="` + tabIndexOf(it.mark) + `" data-event-id="` + escapeAttr(ev.ID) + `" data-status="` +
		escapeAttr(ev.Status) + `" data-precision="` + precisionName(ev.When) + `"`)
	if st := markState(it.mark); st != "" {
		b.WriteString(` data-` + st + `="true"`)
		if st == "selected" {
			b.WriteString(` aria-current="true"`)
		}
	}
	b.WriteString(`>` + it.view.cardBody(it.i) + `</a></li>`)
	return b.String()
}

// setCardMark gives the card drawn as li the look of its new mark.
func setCardMark(li app.Value, old, now mark) {
	setMark(li.Get("firstElementChild"), old, now, ariaCurrent)
	if old.has(markLead) != now.has(markLead) {
		setAttr(li, "data-lead", now.has(markLead))
	}
}

// ariaCurrent says whether an event's card, a link, is the one selected.
func ariaCurrent(a app.Value, on bool) { setAttr(a, "aria-current", on) }

// cardBody returns the markup inside event i's card, made once per story: it changes with
// neither the selection nor the zoom, so a card drawn anew for another layout reuses it. Its
// wrapper is display: contents, so the card lays out its parts as the link's own.
func (v *storyView) cardBody(i int) string {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.cards == nil {
		v.cards = make([]string, len(v.story.Events))
	}
	if v.cards[i] != "" {
		return v.cards[i]
	}
	ev := v.story.Events[i]
	track := ""
	if tr, ok := v.story.TrackByID(ev.Track); ok {
		track = tr.Label
	}
	when := ev.When.Words()
	var b strings.Builder
	b.WriteString(`<span class="tl-body">`)
	if ev.When.Exact() {
		b.WriteString(`<span class="tl-dot" aria-hidden="true"></span>`)
	} else {
		b.WriteString(`<span class="tl-span" aria-hidden="true"></span>`)
	}
	// The card's own text is its accessible name, so that what is seen is what is heard: the
	// abbreviated date is hidden from screen readers, which hear the full one instead. The
	// status badge shares the date's line and never covers the headline.
	b.WriteString(`<span class="visually-hidden">` + escapeAttr("Event, "+when+statusSuffix(ev.Status)+": ") +
		`</span><span class="tl-meta" aria-hidden="true"><span class="tl-date" title="` + escapeAttr(when) + `">` +
		escapeAttr(shortDate(when)) + `</span>`)
	switch ev.Status {
	case data.StatusPlanned:
		b.WriteString(`<span class="tl-status">Expected</span>`)
	case data.StatusReported:
		b.WriteString(`<span class="tl-status">Claimed</span>`)
	}
	b.WriteString(`</span><span class="tl-headline">` + escapeAttr(ev.Headline) + `</span><span class="tl-track-tag">` +
		escapeAttr(" ("+track+")") + `</span></span>`)
	v.cards[i] = b.String()
	return v.cards[i]
}

// clusterCard is a card standing for events too crowded to show one by one; selecting it zooms
// in on them (the list handles the click). Its item's index is the cluster's. It is drawn as
// markup, as eventCard is.
type clusterCard struct {
	app.Compo
	Icluster item[layout.Timeline]
	drawnCard
}

func newClusterCard(p item[layout.Timeline]) *clusterCard { return &clusterCard{Icluster: p} }

func (c *clusterCard) props() item[layout.Timeline] { return c.Icluster }

func (c *clusterCard) Render() app.UI { return c.render(c, c.Icluster, clusterMarkup) }

// clusterMarkup draws cluster it.i's card, as its list item, with its mark.
func clusterMarkup(it item[layout.Timeline]) string {
	cl := it.layout.Clusters[it.i]
	span := clusterWords(cl, it.view.story.Info.Reckoning())
	var b strings.Builder
	b.WriteString(`<li class="tl-item" style="--x:` + px(cl.X) + `;--y:` + px(cl.Y) + `;--span:0px"`)
	if it.mark.has(markLead) {
		b.WriteString(` data-lead="true"`)
	}
	b.WriteString(`><button type="button" class="tl-cluster" tabindex="-1" data-cluster="` + strconv.Itoa(it.i) + `"`)
	if it.mark.has(markLit) {
		b.WriteString(` data-lit="true"`)
	}
	b.WriteString(`><span class="visually-hidden">` + escapeAttr(span+": ") +
		`</span><span class="tl-date" aria-hidden="true">` + escapeAttr(shortDate(span)) +
		`</span><span class="tl-count">` + strconv.Itoa(len(cl.Events)) +
		` events</span><span class="tl-headline"> Zoom in to read them</span></button></li>`)
	return b.String()
}

func clusterWords(c layout.Cluster, r data.Reckoning) string {
	from, to := r.DayWords(c.From), r.DayWords(c.To)
	if from == to {
		return from
	}
	return from + " – " + to
}

func levelName(p data.Precision) string {
	switch p {
	case data.PrecisionYear:
		return "year"
	case data.PrecisionMonth:
		return "month"
	}
	return "day"
}

// onAction runs a toolbar button.
//
// The timeline's event handlers all stop go-app from drawing the timeline and every component
// above it anew after the event, the whole page for a scroll step: each asks for the timeline
// alone to be drawn (v.redraws.ask) when it changed something, and a selection draws the page
// through the URL anyway.
func (v *timelineView) onAction(ctx app.Context, e app.Event) {
	v.redraws.hold(ctx, v)
	switch ctx.JSSrc().Get("dataset").Get("action").String() {
	case "prev":
		v.step(ctx, -1)
	case "next":
		v.step(ctx, 1)
	case "zoom-in":
		v.zoomBy(ctx, 2, -1)
	case "zoom-out":
		v.zoomBy(ctx, 0.5, -1)
	case "fit":
		v.fit(ctx)
	case "only":
		v.only = !v.only
		v.redraws.ask(v)
	}
}

// step selects the event before or after the selected one in time, or the first or last.
func (v *timelineView) step(ctx app.Context, dir int) {
	order := v.Iview.prepared.Order
	if len(order) == 0 {
		return
	}
	k := -1
	if i, ok := v.Iview.index.Event(v.Ihl.Sel.Event); ok {
		k = slices.Index(order, i)
	}
	switch {
	case k < 0 && dir > 0:
		k = 0
	case k < 0:
		k = len(order) - 1
	default:
		k = min(max(k+dir, 0), len(order)-1)
	}
	navigate(ctx, layout.Selection{Event: v.Iview.story.Events[order[k]].ID})
}

// zoomBy multiplies the zoom, keeping the day under anchor (a position in the scrolled window,
// -1 for its middle) where it is.
func (v *timelineView) zoomBy(ctx app.Context, factor, anchor float64) {
	v.setZoom(ctx, v.layout().Zoom*factor, anchor)
}

func (v *timelineView) setZoom(ctx app.Context, zoom, anchor float64) {
	v.measure()
	if anchor < 0 {
		anchor = v.viewW / 2
	}
	old := v.layout()
	day := old.Scale.Invert(v.viewX + anchor)
	v.zoom = min(max(zoom, layout.MinZoom), layout.MaxZoom)
	x := v.layout().Scale.Pos(day) - anchor
	v.scrollTo(ctx, x)
}

func (v *timelineView) fit(ctx app.Context) {
	v.measure()
	w := v.viewW
	if w == 0 {
		w = fitWidth
	}
	v.zoom = v.Iview.prepared.FitZoom(layout.DefaultTimelineOptions(), w)
	v.scrollTo(ctx, 0)
}

// scrollTo scrolls the timeline to x once the page shows the current layout.
func (v *timelineView) scrollTo(ctx app.Context, x float64) {
	v.viewX = max(x, 0)
	v.redraws.ask(v)
	ctx.Defer(func(ctx app.Context) {
		if el := app.Window().GetElementByID("tl-scroll"); el.Truthy() {
			el.Set("scrollLeft", v.viewX) // the scroll event that follows reads the real position
		}
	})
}

// onCluster zooms in far enough to show a cluster's events, and scrolls to them.
func (v *timelineView) onCluster(ctx app.Context, e app.Event) {
	v.redraws.hold(ctx, v) // see onAction
	el := e.Get("target").Call("closest", "[data-cluster]")
	if !el.Truthy() {
		return // a card, which is a link
	}
	tl := v.layout()
	ci, err := strconv.Atoi(el.Get("dataset").Get("cluster").String())
	if err != nil || ci < 0 || ci >= len(tl.Clusters) {
		return
	}
	c := tl.Clusters[ci]
	v.measure()
	w := max(v.viewW, 320)
	from, to := layout.Day(c.From), layout.Day(c.To)+1
	zoom := tl.Zoom * 4
	if span := tl.Scale.Pos(to) - tl.Scale.Pos(from); span > 0 {
		zoom = max(zoom, tl.Zoom*w*0.8/span)
	}
	v.zoom = min(zoom, layout.MaxZoom)
	v.scrollTo(ctx, v.layout().Scale.Pos(from)-w*0.1)
}

// reveal brings a newly selected event into view: zooming in while it is in a cluster, then
// scrolling the timeline (never the page) to it.
func (v *timelineView) reveal(ctx app.Context, id string) {
	if id == v.shown {
		return
	}
	v.shown = id
	i, ok := v.Iview.index.Event(id)
	if !ok {
		return
	}
	v.focus = id
	v.ensureVisible(ctx, i)
}

// ensureVisible zooms and scrolls so that event i has its own card in the scrolled window.
func (v *timelineView) ensureVisible(ctx app.Context, i int) {
	tl := v.layout()
	for tl.Markers[i].Cluster >= 0 && v.zoom < layout.MaxZoom {
		v.zoom = min(v.zoom*2, layout.MaxZoom)
		tl = v.layout()
	}
	m := tl.Markers[i]
	cardW := layout.DefaultTimelineOptions().CardW
	if v.viewW != 0 && (m.X < v.viewX || m.X+cardW > v.viewX+v.viewW) {
		v.viewX = max(m.X-v.viewW/3, 0) // a big story lists the cards near it
	}
	v.redraws.ask(v)
	// Then the timeline alone scrolls, both ways, as little as brings the card into view: on a
	// phone the list shrinks above the details, and the card must stay in what is left.
	id := v.Iview.story.Events[i].ID
	ctx.Defer(func(ctx app.Context) {
		el := app.Window().Get("document").Call("querySelector", `[data-view="timeline"] [data-event-id="`+id+`"]`)
		if el.Truthy() {
			frameScript("reveal", el)
		}
	})
}

func (v *timelineView) onScroll(ctx app.Context, e app.Event) {
	v.redraws.hold(ctx, v) // see onAction
	x, w := v.viewX, v.viewW
	v.measure()
	// Only big stories list what is near the window; redraw when the window has moved far.
	tl := v.layout()
	if len(tl.Markers)-countClustered(tl)+len(tl.Clusters) > virtualAbove && (math.Abs(v.viewX-x) > w/2 || v.viewW != w) {
		v.redraws.ask(v)
	}
}

// onWheel zooms with ctrl+wheel, which is also what a trackpad pinch sends; a plain wheel scrolls
// as usual.
func (v *timelineView) onWheel(ctx app.Context, e app.Event) {
	v.redraws.hold(ctx, v) // see onAction
	if !e.Get("ctrlKey").Bool() && !e.Get("metaKey").Bool() {
		return
	}
	e.PreventDefault()
	dy := e.Get("deltaY").Float()
	if dy == 0 {
		return
	}
	anchor := e.Get("clientX").Float() - ctx.JSSrc().Call("getBoundingClientRect").Get("left").Float()
	v.zoomBy(ctx, math.Exp(-math.Max(-1, math.Min(1, dy*0.01))), anchor)
}

func touchDistance(e app.Event) float64 {
	t := e.Get("touches")
	if t.Length() != 2 {
		return 0
	}
	a, b := t.Index(0), t.Index(1)
	return math.Hypot(a.Get("clientX").Float()-b.Get("clientX").Float(), a.Get("clientY").Float()-b.Get("clientY").Float())
}

// onTouchStart and onTouchEnd zoom by a two-finger pinch on the timeline (where the stylesheet
// leaves pinching to the widget); elsewhere the page zooms as usual.
func (v *timelineView) onTouchStart(ctx app.Context, e app.Event) {
	v.redraws.hold(ctx, v) // see onAction
	if d := touchDistance(e); d > 0 {
		v.pinch = d
	}
}

func (v *timelineView) onTouchEnd(ctx app.Context, e app.Event) {
	v.redraws.hold(ctx, v) // see onAction
	if v.pinch == 0 {
		return
	}
	ch := e.Get("changedTouches")
	rest := e.Get("touches")
	if ch.Length() < 1 || rest.Length() != 1 {
		v.pinch = 0
		return
	}
	a, b := ch.Index(0), rest.Index(0)
	d := math.Hypot(a.Get("clientX").Float()-b.Get("clientX").Float(), a.Get("clientY").Float()-b.Get("clientY").Float())
	if d > 0 {
		v.zoomBy(ctx, d/v.pinch, -1)
	}
	v.pinch = 0
}

// onKey handles the keyboard inside the timeline only: arrows move between events in time,
// Home and End go to the first and last, Enter (by the link) and Space select, Escape clears,
// + and - zoom, 0 fits the whole story, and Shift with an arrow pans.
func (v *timelineView) onKey(ctx app.Context, e app.Event) {
	v.redraws.hold(ctx, v) // see onAction
	key := e.Get("key").String()
	inList := e.Get("target").Call("closest", ".tl-events").Truthy()
	switch {
	case key == "+" || key == "=":
		v.zoomBy(ctx, 2, -1)
	case key == "-" || key == "_":
		v.zoomBy(ctx, 0.5, -1)
	case key == "0":
		v.fit(ctx)
	case key == "Escape":
		navigate(ctx, layout.Selection{})
	case e.Get("shiftKey").Bool() && (key == "ArrowLeft" || key == "ArrowRight"):
		v.measure()
		dx := v.viewW * 0.8
		if key == "ArrowLeft" {
			dx = -dx
		}
		v.scrollTo(ctx, v.viewX+dx)
	case !inList:
		return
	case key == "ArrowRight" || key == "ArrowDown":
		v.moveFocus(ctx, e, 1)
	case key == "ArrowLeft" || key == "ArrowUp":
		v.moveFocus(ctx, e, -1)
	case key == "Home":
		v.moveFocus(ctx, e, math.MinInt32)
	case key == "End":
		v.moveFocus(ctx, e, math.MaxInt32)
	case key == " ":
		if id := e.Get("target").Get("dataset").Get("eventId"); id.Truthy() {
			navigate(ctx, layout.Selection{Event: id.String()})
		}
	default:
		return
	}
	e.PreventDefault()
}

// moveFocus moves the tab stop by delta events in time order and focuses it.
func (v *timelineView) moveFocus(ctx app.Context, e app.Event, delta int) {
	order := v.Iview.prepared.Order
	if len(order) == 0 {
		return
	}
	k := 0
	if id := e.Get("target").Get("dataset").Get("eventId"); id.Truthy() {
		if i, ok := v.Iview.index.Event(id.String()); ok {
			k = slices.Index(order, i)
		}
	}
	k = int(min(max(int64(k)+int64(delta), 0), int64(len(order)-1)))
	i := order[k]
	v.focus = v.Iview.story.Events[i].ID
	v.ensureVisible(ctx, i)
	id := v.focus
	ctx.Defer(func(ctx app.Context) {
		el := app.Window().Get("document").Call("querySelector", `[data-view="timeline"] [data-event-id="`+id+`"]`)
		if el.Truthy() {
			el.Call("focus")
		}
	})
}

// timelineLegend says how dates are drawn. It never changes, so it is plain HTML: building it
// element by element would cost the bundle more than the markup.
func timelineLegend(clusters bool) app.UI {
	if clusters {
		return markup(legendWithClusters)
	}
	return markup(legendDates)
}

var (
	legendDates        = datesLegend(false)
	legendWithClusters = datesLegend(true)
)

func datesLegend(clusters bool) string {
	items := [][2]string{
		{"day", "Exact day"}, {"span", "Month, year or period"}, {"approx", "Approximate"},
		{"uncertain", "Uncertain"}, {"planned", "Expected"},
	}
	if clusters {
		items = append(items, [2]string{"cluster", "Several events: select to zoom in"})
	}
	var b strings.Builder
	b.WriteString(`<ul class="legend" aria-label="How dates are drawn">`)
	for _, it := range items {
		b.WriteString(`<li><span class="key" data-key="` + it[0] + `" aria-hidden="true"></span>` + it[1] + `</li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

// precisionName is the data-precision hook the stylesheet draws uncertainty from.
func precisionName(d data.Date) string {
	switch {
	case d.OpenEnd:
		return "ongoing"
	case d.Start.Uncertain || d.End.Uncertain:
		return "uncertain"
	case d.Start.Approximate || d.End.Approximate:
		return "approx"
	case d.Exact():
		return "day"
	}
	return "span"
}

func statusSuffix(status string) string {
	switch status {
	case data.StatusPlanned:
		return ", expected"
	case data.StatusReported:
		return ", claimed"
	}
	return ""
}

func px(f float64) string {
	return strconv.FormatFloat(float64(int(f*10+0.5))/10, 'f', -1, 64) + "px"
}

// shortDate abbreviates a worded date to fit a card: month names shortened and the qualifier in
// brackets. The full wording is in the card's hidden text and the detail panel.
func shortDate(words string) string {
	for _, q := range [][2]string{
		{", approximately and uncertain", " (approx., uncertain)"},
		{", approximately", " (approx.)"},
		{", uncertain", " (uncertain)"},
	} {
		if rest, ok := strings.CutSuffix(words, q[0]); ok {
			words = rest + q[1]
			break
		}
	}
	for _, m := range []string{"January", "February", "March", "April", "August", "September", "October", "November", "December"} {
		words = strings.ReplaceAll(words, m, m[:3])
	}
	return words
}
