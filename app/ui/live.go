package ui

import (
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/data"
)

// The live preview (timeline dev) on the widget's side. The server marks its pages with
// <meta name="timeline-live">, and its script (web/dev.js) fires a "timeline-live" event on the
// window, with the story's id as its detail, after each save of that story. The widget then
// takes every story from the server rather than from its bundle, which holds the version it was
// built with, and swaps a saved story in place: a reload would restart the WebAssembly, and lose
// the reader's scroll. The selection lives in the URL, so it stays when its id still exists.

var live struct {
	once sync.Once
	on   bool
}

// isLive reports whether the page is a live preview. It is never one on the server.
func isLive() bool {
	if !app.IsClient {
		return false
	}
	live.once.Do(func() {
		doc := app.Window().Get("document")
		live.on = doc.Call("querySelector", `meta[name="timeline-live"]`).Truthy()
	})
	return live.on
}

// followLive swaps in each version of the page's story that the preview announces, until the
// page goes.
func (p *widgetPage) followLive(ctx app.Context) {
	if !isLive() {
		return
	}
	onSave := app.FuncOf(func(this app.Value, args []app.Value) any {
		id := args[0].Get("detail").String()
		ctx.Dispatch(func(ctx app.Context) { p.swapStory(ctx, id) })
		return nil
	})
	win := app.Window()
	win.Call("addEventListener", "timeline-live", onSave)
	go func() {
		<-ctx.Done()
		win.Call("removeEventListener", "timeline-live", onSave)
		onSave.Release()
	}()
}

// swapStory fetches the saved story id and shows it in place of the version on screen, when the
// page shows that story. A story that cannot be had leaves the page as it is: the preview's
// overlay says why.
func (p *widgetPage) swapStory(ctx app.Context, id string) {
	ctx.PreventUpdate()
	if p.view == nil || p.view.story.Info.ID != id {
		return
	}
	fetchStory(ctx, id, func(ctx app.Context, s *data.Story, err error) {
		if err != nil || s.Info.ID != id {
			ctx.PreventUpdate()
			return
		}
		p.Icatalog.add(s)
		p.load(ctx)
	})
}
