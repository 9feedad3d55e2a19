//go:build wasm

package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/data"
)

// embeddedStory finds nothing: the bundle holds no story (see LoadPageStory).
func embeddedStory(string) (*data.Story, bool, error) { return nil, false, nil }

// LoadPageStory fetches the story the page shows and keeps it in c for the first render, before go-app
// starts: the widget then takes over the prerendered page with no "loading" state in between.
// The server names the story in the page's head, in the link that has the browser fetch it
// while the page is parsed (<link rel="preload" data-story=…>), so the request made here is
// answered from that preload, usually before the bundle has even compiled. Without the link, or
// when the fetch fails, the page fetches its story itself once mounted and says so.
func LoadPageStory(c *Catalog) {
	link := app.Window().Get("document").Call("querySelector", "link[data-story]")
	if !link.Truthy() {
		return
	}
	id := link.Call("getAttribute", "data-story").String()
	done := make(chan struct{})
	fetchBytes(link.Get("href").String(), func(b []byte, err error) {
		defer close(done)
		if err != nil {
			app.Log("timeline: the story could not be fetched:", err)
			return
		}
		s, err := data.Decode("", b)
		if err != nil || s.Info.ID != id {
			app.Log("timeline: the story fetched is not", id, err)
			return
		}
		c.add(s)
	})
	<-done // the browser runs the fetch's callbacks meanwhile
}
