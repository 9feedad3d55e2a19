package site

import (
	"html"
	"regexp"

	"timeline/app/route"
)

// progressFetch is how go-app's loader asks for the bundle: through fetchWithProgress, which
// copies every chunk through a JavaScript stream to update a percentage nobody sees (the page is
// already rendered) before the browser may compile it.
var progressFetch = regexp.MustCompile(`fetchWithProgress\(("[^"]*"), showProgress\)`)

// directLoader returns go-app's app.js with the bundle handed straight from fetch to
// WebAssembly.instantiateStreaming, so the browser compiles it as it arrives, and false when the
// script does not hold the call it expects (then it is left alone). Nothing counts the bundle's
// bytes any more, so the loading badge's label carries no percentage.
func directLoader(js []byte) ([]byte, bool) {
	if !progressFetch.Match(js) {
		return js, false
	}
	return progressFetch.ReplaceAll(js, []byte(`fetch($1)`)), true
}

// wasmPreload is the head link that starts fetching the bundle while the page is still being
// parsed: go-app's loader only asks for it once the deferred scripts have run, after the whole
// document.
func wasmPreload(href string) string { return fetchPreload(href, ` type="application/wasm"`) }

// storyPreload is the head link that fetches the page's story while the page is parsed, for the
// WebAssembly to take before its first render (ui.LoadPageStory, which finds it by data-story).
func storyPreload(prefix, id string) []byte {
	return []byte(fetchPreload(prefix+route.DataPath(id), ` data-story="`+html.EscapeString(id)+`"`))
}

// fetchPreload is a preload link for what the page will fetch from href, followed by attrs. It
// is the request fetch makes by default (CORS mode, same-origin credentials), so the browser
// hands the preloaded response to that fetch.
func fetchPreload(href, attrs string) string {
	return `<link rel="preload" href="` + html.EscapeString(href) + `" as="fetch" crossorigin` + attrs + `>`
}
