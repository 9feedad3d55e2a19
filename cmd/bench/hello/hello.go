//go:build !clicks

// Command hello is the floor the benchmarks measure the widget against: the smallest go-app program
// that prerenders a page, runs its WebAssembly and marks itself ready with the widget's hooks
// (data-widget, data-ready="true"). `make bench` builds it exactly as it builds the widget
// (GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w', then web/precompress), and this
// program serves it the way `timeline serve` serves the widget: from memory, with the brotli or
// gzip sibling chosen by Accept-Encoding. The server code is behind //go:build !wasm, as ours is,
// so the bundle holds the framework and nothing else.
//
// Built with -tags clicks (clicks.go), it also has two links that select an event as the
// widget's markers do, for go-app's own floor of a click; that build is never the size floor.
//
//	hello -addr 127.0.0.1:0 -wasm bench/out/hello/app.wasm
package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// helloPage is the whole user interface: one element that says when it handles input.
type helloPage struct {
	app.Compo
	ready bool
}

// OnMount marks the page ready, at the same point of go-app's start-up where the widget does.
func (h *helloPage) OnMount(ctx app.Context) { h.ready = true }

func (h *helloPage) Render() app.UI {
	root := app.Div().DataSet("widget", "hello")
	if h.ready {
		root = root.DataSet("ready", "true")
	}
	return root.Body(app.H1().Text("Hello, world"))
}

// register declares the one route; the server and the WebAssembly both call it.
func register() {
	app.RouteFunc("/", func() app.Composer { return &helloPage{} })
}
