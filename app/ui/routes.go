package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/route"
)

// Register declares the widget's routes, the pages of package route that go-app draws (Home,
// Story and Embed; the server writes Demo itself). The server and the WebAssembly client both
// call it, once per process (go-app's routes are global), so that they agree on what each path
// shows. Each page is made showing the stories of the catalogue that catalog gives at that time.
func Register(catalog func() *Catalog) {
	page := func(embed bool) func() app.Composer {
		return func() app.Composer { return &widgetPage{Iembed: embed, Icatalog: catalog()} }
	}
	app.RouteFunc(route.Page{Kind: route.Home}.Path("/"), page(false))
	routeStoryPages(page)
}
