package ui

import (
	"net/url"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/app/route"
	"timeline/data"
)

// widgetPage shows one story: the full page at / and /story/<id>, the widget alone at
// /embed/<id>. It owns the selection, which lives in the URL (?event=, ?actor=) so that links
// reopen the same view and back and forward walk the selections.
type widgetPage struct {
	app.Compo
	Iembed   bool     // chromeless, for iframes
	Icatalog *Catalog // the stories it may show

	view     *storyView
	loading  string // the ID of a story being fetched from the server
	err      string // why the story cannot be shown
	sel      layout.Selection
	missing  string // a selected ID the story does not have, worded for readers
	theme    string // "light", "dark" or "" to follow the reader's system
	accent   string // a validated #rgb or #rrggbb colour, or ""
	hl       layout.Highlight
	ready    bool
	mapWidth int
	centre   bool             // the map was just opened: centre it once laid out (centreMap)
	tab      string           // the pane the frame shows: "timeline", "map" or, in the embed, "text"
	mapFull  bool             // the map is laid out in full: see actorMap
	shownSel layout.Selection // the selection the frame last answered
	loaded   bool             // load has run once
}

func (p *widgetPage) OnPreRender(ctx app.Context) { p.load(ctx) }
func (p *widgetPage) OnNav(ctx app.Context)       { p.load(ctx) }

// OnMount marks the widget ready for input and lays the actor map out for the real width.
func (p *widgetPage) OnMount(ctx app.Context) {
	p.ready = true
	p.followLive(ctx)
	ctx.Defer(p.measure) // once the page is laid out
	if p.loaded && p.sel != (layout.Selection{}) {
		p.answer(ctx) // a link to a selection opens on it
	}
}

// answer brings a new selection into view once it is drawn: the frame on the page, the selected
// actor on the map, the top of the details. The timeline brings its own card (timelineView.reveal).
func (p *widgetPage) answer(ctx app.Context) {
	ctx.Defer(p.measure)
	ctx.Defer(p.bringIntoView)
	ctx.Defer(p.revealActor)
	ctx.Defer(detailToTop)
}

// OnResize relays the actor map out when the width changes.
func (p *widgetPage) OnResize(ctx app.Context) { p.measure(ctx) }

// measure lays the actor map out for the width it has, when that has changed.
func (p *widgetPage) measure(ctx app.Context) { p.relayout(ctx) }

// relayout is measure, reporting whether the map is to be laid out anew: then the selected
// actor is brought into view once it is.
func (p *widgetPage) relayout(ctx app.Context) bool {
	el := app.Window().GetElementByID("actor-map")
	if !el.Truthy() {
		return false
	}
	if w := el.Get("clientWidth").Int(); w > 0 && (w != p.mapWidth || !p.mapFull) {
		p.mapWidth, p.mapFull = w, true
		p.Update()
		ctx.Defer(p.revealActor) // the selected node has moved with the new layout
		return true
	}
	return false
}

// load reads the story and the selection from the URL.
func (p *widgetPage) load(ctx app.Context) {
	u := ctx.Page().URL()
	id := storyID(u.Path)
	view, err := p.Icatalog.lookup(id)
	switch {
	case err != nil:
		p.view, p.err = nil, "The stories could not be loaded: "+err.Error()
		return
	case view == nil && app.IsClient && p.loading != id:
		// Not in the bundle: the server may have it (stories served with -data).
		p.view, p.err, p.loading = nil, "", id
		fetchStory(ctx, id, func(ctx app.Context, s *data.Story, err error) {
			if err == nil && s.Info.ID == id {
				p.Icatalog.add(s)
			}
			p.load(ctx)
			p.loading = ""
		})
		return
	case view == nil:
		p.view, p.err = nil, "There is no story called “"+id+"”."
		return
	}
	if view != p.view {
		p.mapFull = false // another story's map is a draft until its pane shows too
	}
	p.view, p.err = view, ""
	if app.IsClient {
		ctx.Defer(clearProvisional) // go-app draws the selection first
	}
	p.sel, p.missing = parseSelection(u.Query(), view)
	p.theme, p.accent = parseTheme(u.Query())
	p.hl = view.index.Highlight(p.sel, 1)
	if first := !p.loaded; first || p.sel != p.shownSel {
		// A new selection shows the pane that holds it: the answer to a click is in view.
		p.loaded = true
		p.tab = paneOf(p.sel, p.tab)
		p.shownSel = p.sel
		if app.IsClient && p.ready && (!first || p.sel != layout.Selection{}) {
			p.answer(ctx)
		}
	}
	if p.mapWidth == 0 {
		p.mapWidth = mapWidth
	}
	info := view.story.Info
	// go-app writes both as attributes (og:title, the description) on the server, and the title
	// as text too: the server reads that text back (see internal/site's fixPage).
	ctx.Page().SetTitle(attrText(pageTitle(info.Title, p.selectedHeadline())))
	ctx.Page().SetDescription(attrText(info.Summary))
}

// storyID returns the story a path shows: the last segment of /story/<id> and /embed/<id>, the
// default story at /.
func storyID(path string) string {
	// In the browser the path keeps the prefix a static host may serve the site under
	// (/news/timeline/story/<id>), so the page is found at the end of the path.
	return route.ParseAnyPrefix(path).ID
}

// parseSelection reads ?event=, ?actor= or ?relation= (in that order of precedence), and words
// an ID the story lacks.
func parseSelection(q url.Values, v *storyView) (layout.Selection, string) {
	sel := route.ParseSelection(q)
	id := sel.ID
	switch sel.Key {
	case route.Event:
		if _, ok := v.index.Event(id); ok {
			return layout.Selection{Event: id}, ""
		}
		return layout.Selection{}, "No event called “" + id + "” is in this story; showing the whole story."
	case route.Actor:
		if _, ok := v.index.Actor(id); ok {
			return layout.Selection{Actor: id}, ""
		}
		return layout.Selection{}, "No actor called “" + id + "” is in this story; showing the whole story."
	case route.Relation:
		if _, ok := v.index.Relation(id); ok {
			return layout.Selection{Relation: id}, ""
		}
		return layout.Selection{}, "No relation called “" + id + "” is in this story; showing the whole story."
	}
	return layout.Selection{}, ""
}

func pageTitle(story, selected string) string {
	if selected == "" {
		return story
	}
	return selected + " · " + story
}

func (p *widgetPage) selectedHeadline() string {
	s := p.view.story
	if i, ok := p.view.index.Event(p.sel.Event); ok {
		return s.Events[i].Headline
	}
	if i, ok := p.view.index.Actor(p.sel.Actor); ok {
		return s.Actors[i].Name
	}
	if i, ok := p.view.index.Relation(p.sel.Relation); ok {
		return p.view.relationSentence(s.Relations[i])
	}
	return ""
}

func (p *widgetPage) Render() app.UI {
	if p.view == nil && p.loading != "" {
		return tag("main").Class("page").Body(
			app.Div().Class("widget").Attr("data-widget", p.loading).Attr("aria-busy", true).Body(
				tag("p").Class("loading").Text("Loading the story…"),
			),
		)
	}
	if p.view == nil {
		return tag("main").Class("page", "page-error").Body(
			app.H1().Text("Story not found"),
			tag("p").Text(p.err),
		)
	}
	if p.Iembed {
		return p.themed(app.Div().Class("embed")).Body(tag("main").Body(p.widget()))
	}
	return p.themed(app.Div().Class("page")).Body(
		p.masthead(),
		tag("main").Body(p.widget()),
		&textAlternative{Iview: p.view, Iopen: app.IsServer},
		&embedCode{IstoryID: p.view.story.Info.ID, Ititle: p.view.story.Info.Title, Isel: p.sel},
		p.footer(),
	)
}

func (p *widgetPage) masthead() app.UI {
	info := p.view.story.Info
	return tag("header").Class("masthead").Body(
		tag("p").Class("kicker").Text("Explainer"),
		app.H1().Text(info.Title),
		tag("p").Class("summary").Text(info.Summary),
	)
}

func (p *widgetPage) footer() app.UI {
	info := p.view.story.Info
	var items []app.UI
	for _, src := range info.Sources {
		text := "Source: “" + src.Headline + "”"
		if src.Publisher != "" {
			text += ", " + src.Publisher
		}
		if d := src.Date; d != "" {
			text += ", " + dateWords(d)
		}
		text += "."
		if src.Credit != "" {
			text += " " + src.Credit
		}
		items = append(items, tag("p").Text(text))
	}
	return tag("footer").Class("colophon").Body(items...)
}

// widget is the embeddable part: the same at /, /story/<id> and /embed/<id>.
func (p *widgetPage) widget() app.UI {
	s := p.view.story
	w := app.Div().
		Class("widget").
		Attr("data-widget", s.Info.ID).
		Attr("aria-label", attrText(s.Info.Title))
	if p.ready {
		w = w.Attr("data-ready", "true")
	}
	tab := p.tab
	if !p.ready && p.Iembed {
		tab = "text" // until the WebAssembly runs, the embed's frame shows the story as text
	}
	w = w.Attr("data-tab", tab)
	if _, ok := p.view.index.Event(p.sel.Event); ok {
		w = w.Attr("data-has", "event")
	} else if _, ok := p.view.index.Actor(p.sel.Actor); ok {
		w = w.Attr("data-has", "actor")
	}
	return w.Body(
		p.bar(s.Info.Title, tab),
		when(p.missing != "", tag("p").Class("notice").Attr("role", "status").Text(p.missing)),
		tag("p").Class("visually-hidden").Attr("aria-live", "polite").Attr("data-live", "").Text(p.announcement()),
		app.Div().Class("panes").Body(
			pane("timeline", tab, &timelineView{Iview: p.view, Ihl: p.hl}),
			pane("map", tab, p.actorMap(tab)),
			when(p.Iembed, pane("text", tab, &textAlternative{Iview: p.view, Iopen: true, Ifill: tab == "text"})),
		),
		&detailPanel{Iview: p.view, Ihl: p.hl},
	)
}

// actorMap is the map's pane's content: a draft until the pane is first shown. Laying out a map
// of 60 actors takes over a second in WebAssembly, which a reader who never opens the map, or
// opens it later, should not wait for before the timeline answers; the draft (actors in rows,
// relations straight) takes next to nothing and carries every actor, relation and mark, so the
// map's items describe the selection whether it is shown or not. In the browser the map is laid out
// in full once shown and measured (relayout), once, for the width it has; on the server, for
// the width assumed, when its pane is the one the page shows.
func (p *widgetPage) actorMap(tab string) app.UI {
	if tab == "map" && app.IsServer {
		p.mapFull = true
	}
	return &actorMap{Iview: p.view, Ihl: p.hl, Iwidth: p.mapWidth, Idraft: !p.mapFull}
}

// paneOf is the pane that shows the selected item: the map for an actor, the timeline for an
// event, else the pane already shown (the timeline at first).
func paneOf(sel layout.Selection, shown string) string {
	switch {
	case sel.Actor != "":
		return "map"
	case sel.Event != "":
		return "timeline"
	case shown == "":
		return "timeline"
	}
	return shown
}

// bar is the frame's top row: the story's title in the embed, the tabs that choose a pane, and
// the button that shows the widget full-screen.
func (p *widgetPage) bar(title, tab string) app.UI {
	tabButton := func(id, text string) app.UI {
		return tag("button").
			Attr("type", "button").
			ID("tab-"+id).
			Class("tab").
			Attr("role", "tab").
			Attr("aria-selected", tab == id).
			Attr("aria-controls", "pane-"+id).
			TabIndex(rovingIndex(tab == id)).
			Attr("data-tab", id).
			OnClick(p.onTab, id).
			OnKeyDown(p.onTabKey, id).
			Text(text)
	}
	return app.Div().Class("widget-bar").Body(
		when(p.Iembed, tag("h2").Class("widget-title").Text(title)),
		app.Div().Class("tabs").Attr("role", "tablist").Attr("aria-label", "Views").Body(
			tabButton("timeline", "Timeline"),
			tabButton("map", "Actor map"),
			when(p.Iembed, tabButton("text", "Text")),
		),
		tag("button").
			Attr("type", "button").
			Class("tl-button", "fullscreen").
			Attr("data-action", "fullscreen").
			OnClick(p.onFullscreen).
			Text("Full screen"),
	)
}

// pane is one of the frame's panes, shown while its tab is chosen (the stylesheet hides the
// others: frame.js can then swap the embed's text for the timeline before the WebAssembly runs).
func pane(id, tab string, body app.UI) app.UI {
	return app.Div().
		ID("pane-"+id).
		Class("pane").
		Attr("role", "tabpanel").
		Attr("aria-labelledby", "tab-"+id).
		Attr("data-pane", id).
		Body(body)
}

// onTab shows the pane whose tab was chosen.
func (p *widgetPage) onTab(ctx app.Context, e app.Event) {
	p.tab = ctx.JSSrc().Get("dataset").Get("tab").String()
	p.centre = p.tab == "map"
	ctx.Defer(func(ctx app.Context) {
		// A map shown for the first time is laid out for its width, and brought into view
		// once it is; else now.
		if !p.relayout(ctx) {
			p.revealActor(ctx)
		}
	})
}

// rovingIndex is the tabindex of one item of a composite widget: the chosen one is the group's
// one tab stop, the arrow keys reach the others.
func rovingIndex(chosen bool) int {
	if chosen {
		return 0
	}
	return -1
}

// tabs are the ids of the frame's tabs, in order.
func (p *widgetPage) tabs() []string {
	if p.Iembed {
		return []string{"timeline", "map", "text"}
	}
	return []string{"timeline", "map"}
}

// onTabKey moves between the tabs with the arrow keys, Home and End, choosing the tab it moves
// to, as the ARIA tabs pattern has it.
func (p *widgetPage) onTabKey(ctx app.Context, e app.Event) {
	ids := p.tabs()
	i := slices.Index(ids, ctx.JSSrc().Get("dataset").Get("tab").String())
	switch e.Get("key").String() {
	case "ArrowRight":
		i = (i + 1) % len(ids)
	case "ArrowLeft":
		i = (i + len(ids) - 1) % len(ids)
	case "Home":
		i = 0
	case "End":
		i = len(ids) - 1
	default:
		ctx.PreventUpdate()
		return
	}
	e.PreventDefault()
	p.tab = ids[i]
	ctx.Defer(func(ctx app.Context) {
		app.Window().GetElementByID("tab-" + ids[i]).Call("focus")
		p.measure(ctx) // a map shown for the first time is laid out for its width
	})
}

// onFullscreen shows the widget full-screen, or leaves full-screen.
func (p *widgetPage) onFullscreen(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	doc := app.Window().Get("document")
	if doc.Get("fullscreenElement").Truthy() {
		doc.Call("exitFullscreen")
		return
	}
	if w := doc.Call("querySelector", "[data-widget]"); w.Truthy() && w.Get("requestFullscreen").Truthy() {
		w.Call("requestFullscreen")
	}
}

// detailToTop shows the top of the details, where a new selection's headline is: the panel
// is the same element from one selection to the next, and would keep the last one's scroll.
func detailToTop(ctx app.Context) {
	if d := app.Window().Get("document").Call("querySelector", "[data-detail]"); d.Truthy() {
		d.Set("scrollTop", 0)
	}
}

// revealActor scrolls the map, and only the map, to the selected actor's node.
func (p *widgetPage) revealActor(ctx app.Context) {
	if p.sel.Actor == "" {
		if p.centre && p.tab == "map" && p.sel == (layout.Selection{}) {
			p.centreMap()
		}
		return
	}
	el := app.Window().Get("document").Call("querySelector", `[data-view="map"] [data-selected="true"]`)
	if el.Truthy() {
		frameScript("reveal", el)
	}
}

// centreMap shows the map, just opened with nothing selected, around the actor with the most
// relations: a drawing wider than its frame would otherwise open on its top left corner, which
// may hold little. It runs after the map is laid out for its width (see onTab and measure).
func (p *widgetPage) centreMap() {
	if p.view == nil {
		return
	}
	hub, most := "", -1
	for _, a := range p.view.story.Actors {
		if n := len(p.view.index.ActorRelations(a.ID)); n > most {
			hub, most = a.ID, n
		}
	}
	el := app.Window().Get("document").Call("querySelector", `[data-view="map"] `+actorSelector(hub))
	if el.Truthy() {
		p.centre = false
		frameScript("centre", el)
	}
}

// bringIntoView scrolls the page, never more than it must, so that the whole frame is in view
// after a selection: the answer to a click or a link is then on the screen. The frame is at most
// the window's height, so it fits. In an iframe the browser scrolls the host page the same way.
func (p *widgetPage) bringIntoView(ctx app.Context) {
	if w := app.Window().Get("document").Call("querySelector", "[data-widget]"); w.Truthy() {
		w.Call("scrollIntoView", map[string]any{"block": "nearest", "inline": "nearest"})
	}
}

// announcement is what the live region says: only the selected item's headline or name.
func (p *widgetPage) announcement() string {
	if h := p.selectedHeadline(); h != "" {
		return "Selected: " + h
	}
	return ""
}

// parseTheme reads ?theme= (light or dark) and ?accent= (a hex colour, with or without its #)
// from a host page's embed URL. Anything else is ignored: these values end up in a style
// attribute, so only what is known to be safe passes.
func parseTheme(q url.Values) (theme, accent string) {
	switch t := q.Get("theme"); t {
	case "light", "dark":
		theme = t
	}
	a := strings.TrimPrefix(q.Get("accent"), "#")
	if (len(a) == 3 || len(a) == 6) && strings.Trim(strings.ToLower(a), "0123456789abcdef") == "" {
		accent = "#" + strings.ToLower(a)
	}
	return theme, accent
}

// themed applies the theme and accent the URL asks for to the page's outermost element.
func (p *widgetPage) themed(el app.HTMLDiv) app.HTMLDiv {
	if p.theme != "" {
		el = el.Attr("data-theme", p.theme)
	}
	if p.accent != "" {
		el = el.Style("--tl-accent", p.accent)
	}
	return el
}
