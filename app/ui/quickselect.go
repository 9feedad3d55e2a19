package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// clearProvisional removes the provisional headline web/frame.js puts at the top of the details
// in the click on an event's card, once go-app has drawn that selection in full. It is called
// (deferred) on every navigation, so that no provisional headline outlives a render.
func clearProvisional(ctx app.Context) {
	if panel := app.Window().Get("document").Call("querySelector", "[data-detail][data-pending]"); panel.Truthy() {
		if box := panel.Call("querySelector", ":scope > [data-provisional]"); box.Truthy() {
			box.Call("remove")
		}
		panel.Call("removeAttribute", "data-pending")
	}
}
