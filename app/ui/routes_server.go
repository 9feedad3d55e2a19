//go:build !wasm

package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/route"
)

// routeStoryPages routes every Story and Embed page: the server renders whichever is asked for.
func routeStoryPages(page func(embed bool) func() app.Composer) {
	app.RouteWithRegexpFunc(route.Pattern(route.Story), page(false))
	app.RouteWithRegexpFunc(route.Pattern(route.Embed), page(true))
}
