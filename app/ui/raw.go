package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// markup is markup the widget writes itself, as one element (go-app's Raw): where many marks
// would cost many go-app nodes, and for static legends. Every such markup goes through here and
// no other way to app.Raw, so that the server can write it in the dialect of the rest of the page
// (see serverMarkup); in the browser it is parsed as it is.
func markup(html string) app.UI { return app.Raw(serverMarkup(html)) }
