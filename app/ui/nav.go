package ui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/app/route"
)

// selectionURL returns u with its query set to show sel, dropping any other selection.
func selectionURL(u *url.URL, sel layout.Selection) string {
	v := url.URL{Path: u.Path, RawQuery: route.WithSelection(u.Query(), routeSelection(sel)).Encode()}
	return v.String()
}

// routeSelection is sel as an address has it.
func routeSelection(sel layout.Selection) route.Selection {
	return route.Select(sel.Event, sel.Actor, sel.Relation)
}

// navigate makes sel the selection by moving to its URL, so the browser's history records it.
func navigate(ctx app.Context, sel layout.Selection) {
	ctx.Navigate(selectionURL(ctx.Page().URL(), sel))
}
