package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// markup is markup the widget writes itself, as one element (go-app's Raw): where many marks
// would cost many go-app nodes, and for static legends. It is HTML, escaped as HTML (escapeAttr),
// on the server as in the browser: go-app writes it into the page as it is.
func markup(html string) app.UI { return app.Raw(html) }
