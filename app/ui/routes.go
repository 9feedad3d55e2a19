package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/route"
)

// Register declares the widget's routes, the pages of package route that go-app draws (Home,
// Story and Embed; the server writes Demo itself). The server and the WebAssembly client both
// call it, once each, so that they agree on what each path shows.
func Register() {
	app.RouteFunc(route.Page{Kind: route.Home}.Path("/"), func() app.Composer { return &widgetPage{} })
	app.RouteWithRegexpFunc(route.Pattern(route.Story), func() app.Composer { return &widgetPage{} })
	app.RouteWithRegexpFunc(route.Pattern(route.Embed), func() app.Composer { return &widgetPage{Iembed: true} })
}
