package ui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
)

// selectionURL returns u with its query set to show sel, dropping any other selection.
func selectionURL(u *url.URL, sel layout.Selection) string {
	q := u.Query()
	q.Del("event")
	q.Del("actor")
	q.Del("relation")
	switch {
	case sel.Event != "":
		q.Set("event", sel.Event)
	case sel.Actor != "":
		q.Set("actor", sel.Actor)
	case sel.Relation != "":
		q.Set("relation", sel.Relation)
	}
	v := url.URL{Path: u.Path, RawQuery: q.Encode()}
	return v.String()
}

// navigate makes sel the selection by moving to its URL, so the browser's history records it.
func navigate(ctx app.Context, sel layout.Selection) {
	ctx.Navigate(selectionURL(ctx.Page().URL(), sel))
}

func queryEscape(s string) string { return url.QueryEscape(s) }
