//go:build wasm

package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/ui"
)

// main is the WebAssembly client: the same routes as the server, run in the browser.
func main() {
	stories := ui.NewCatalog(nil)
	ui.LoadPageStory(stories)
	ui.Register(func() *ui.Catalog { return stories })
	app.RunWhenOnBrowser()
}
