package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Register declares the widget's routes; the server and the WebAssembly client both call it so
// that they agree on what each path shows.
//
//	/                  the default story, full page
//	/story/<id>        any story, full page
//	/embed/<id>        any story, the widget alone, for iframes
func Register() {
	app.RouteFunc("/", func() app.Composer { return &widgetPage{} })
	app.RouteWithRegexpFunc(`^/story/[^/]+$`, func() app.Composer { return &widgetPage{} })
	app.RouteWithRegexpFunc(`^/embed/[^/]+$`, func() app.Composer { return &widgetPage{Iembed: true} })
}
