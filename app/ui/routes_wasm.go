//go:build wasm

package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/route"
)

// routeStoryPages routes the one page the browser shows, by its exact path. In the browser a
// page's path never changes: every link the widget draws changes only the query, and a link to
// another page of the site loads that page (web/frame.js keeps its click from go-app). go-app's
// routes by regular expression would cost the start-up the first run, and so the compiling, of
// the regexp package: about 50 ms. The path is read as go-app reads the address it mounts (below
// the site's prefix, decoded), and read by the route package: a Story or Embed page at the root
// is routed, as the server's patterns (route.Pattern) route it.
func routeStoryPages(page func(embed bool) func() app.Composer) {
	path := strings.TrimPrefix(app.Window().URL().Path, app.Getenv("GOAPP_ROOT_PREFIX"))
	p, ok := route.Parse("/", path)
	if !ok || (p.Kind != route.Story && p.Kind != route.Embed) {
		return
	}
	app.RouteFunc(path, page(p.Kind == route.Embed))
}
