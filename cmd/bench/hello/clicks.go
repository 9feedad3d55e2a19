//go:build clicks

package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/route"
)

// helloPage is the whole user interface: one element that says when it handles input, and two
// links that select an event the way the widget's markers do (through the URL, ?event=), so that
// the benchmark measures go-app's own floor for a click with the widget's hooks: the selected
// marker says data-selected="true" and the details show its headline.
type helloPage struct {
	app.Compo
	ready bool
	sel   string
}

// OnMount marks the page ready, at the same point of go-app's start-up where the widget does.
func (h *helloPage) OnMount(ctx app.Context) { h.ready = true }

// OnNav reads the selection from the URL, as the widget does.
func (h *helloPage) OnNav(ctx app.Context) {
	h.sel = ""
	if s := route.ParseSelection(ctx.Page().URL().Query()); s.Key == route.Event {
		h.sel = s.ID
	}
}

func (h *helloPage) Render() app.UI {
	root := app.Div().DataSet("widget", "hello")
	if h.ready {
		root = root.DataSet("ready", "true")
	}
	link := func(id string) app.UI {
		a := app.A().Href(route.Selection{Key: route.Event, ID: id}.Href()).DataSet("event-id", id)
		if h.sel == id {
			a = a.DataSet("selected", "true")
		}
		return app.Li().Body(a.Text("Event " + id))
	}
	return root.Body(
		app.H1().Text("Hello, world"),
		app.Ul().DataSet("view", "timeline").Body(link("a"), link("b")),
		app.Aside().DataSet("detail", "").DataSet("event-id", h.sel).Body(
			app.H3().Class("detail-title").Text("Event "+h.sel),
		),
	)
}

// register declares the one route; the server and the WebAssembly both call it.
func register() {
	app.RouteFunc("/", func() app.Composer { return &helloPage{} })
}
