package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/app/route"
)

// EmbedHeight is the height in CSS pixels an embedded widget has until it reports its own: what
// readers get where the host page does not run embed.js (the widget's regions then scroll inside
// it, as they always do). The snippet caps it at 90% of the reader's window, so that it suits a
// phone too.
const EmbedHeight = 720

// Embed says what an embed snippet shows and where the site lives.
type Embed struct {
	// Base is the site's address with a trailing slash: "https://news.example/timeline/", or
	// "/timeline/" for a page on the site itself.
	Base string
	// StoryID is the story to show.
	StoryID string
	// Title is the story's title; the iframe's accessible name says it.
	Title string
	// Query is the view to open, such as "event=geneva-meeting"; "" shows the whole story.
	Query string
	// MaxWidth and MaxHeight cap the iframe's size in CSS pixels; 0 leaves it uncapped.
	MaxWidth, MaxHeight int
}

// Height is the iframe's height in CSS pixels until the widget reports its own: EmbedHeight,
// or MaxHeight when that is smaller.
func (e Embed) Height() int {
	if e.MaxHeight > 0 && e.MaxHeight < EmbedHeight {
		return e.MaxHeight
	}
	return EmbedHeight
}

// Snippet is the HTML a newsroom pastes into an article: an iframe of /embed/<id> that loads
// when the reader scrolls near it, and the script that gives it the height that suits its width.
// The same text for the same Embed, so it can be compared and cached.
func (e Embed) Snippet() string {
	src := route.Page{Kind: route.Embed, ID: e.StoryID}.Path(e.Base)
	if e.Query != "" {
		src += "?" + e.Query
	}
	style := "width:100%;height:min(" + strconv.Itoa(e.Height()) + "px,90vh);border:0"
	if e.MaxWidth > 0 {
		style += ";max-width:" + strconv.Itoa(e.MaxWidth) + "px"
	}
	if e.MaxHeight > 0 {
		style += ";max-height:" + strconv.Itoa(e.MaxHeight) + "px"
	}
	return `<iframe src="` + escapeAttr(src) + `"` +
		` title="` + escapeAttr("Interactive timeline: "+e.Title) + `"` +
		` loading="lazy" allowfullscreen style="` + style + `"` +
		` data-timeline-embed="` + escapeAttr(e.StoryID) + `"></iframe>` + "\n" +
		`<script async src="` + escapeAttr(route.Asset(e.Base, "embed.js")) + `"></script>`
}

// SelectionQuery is the query that opens a view on sel: "event=<id>", "actor=<id>",
// "relation=<key>" or "".
func SelectionQuery(sel layout.Selection) string { return routeSelection(sel).Query() }

// embedCode shows the code that embeds the current view in an article, with a button that copies
// it. The code must name the site's public address, which only the browser knows for sure (a proxy
// or a static host may serve the site under another name and scheme than the server sees), so the
// server renders the section without it and the browser fills it in.
type embedCode struct {
	app.Compo
	IstoryID string
	Ititle   string
	Isel     layout.Selection

	status string // the outcome of the last copy, announced politely
}

func (c *embedCode) Render() app.UI {
	code := c.snippet()
	text := code
	if text == "" {
		text = "The embed code appears here once the page has loaded."
	}
	return tag("section").Class("embed-code").Attr("data-embed-code", c.IstoryID).Attr("aria-labelledby", "embed-code-title").Body(
		tag("h2").ID("embed-code-title").Text("Embed this explainer"),
		tag("p").Class("embed-code-help").Text("Paste this code into an article. The widget loads as the reader "+
			"scrolls to it, opens on the view shown above, and takes one screen's height at most: "+
			"it scrolls inside, never the article."),
		// Read-only text that a reader can focus and select; a textarea element would add its own
		// go-app type, and weight, to the bundle.
		app.Div().
			ID("embed-code-text").
			Class("embed-code-text").
			Attr("role", "textbox").
			Attr("aria-readonly", "true").
			Attr("aria-multiline", "true").
			Attr("aria-label", "Embed code").
			TabIndex(0).
			Text(text),
		app.Div().Class("embed-code-actions").Body(
			tag("button").
				Attr("type", "button").
				Class("embed-code-copy").
				Attr("disabled", code == "").
				OnClick(c.onCopy).
				Text("Copy embed code"),
			tag("span").Class("embed-code-status").Attr("aria-live", "polite").Text(c.status),
		),
	)
}

// OnUpdate forgets the last copy when the view, and so the code, changes.
func (c *embedCode) OnUpdate(ctx app.Context) { c.status = "" }

// snippet is the embed code for the current view, or "" on the server (see embedCode).
func (c *embedCode) snippet() string {
	if !app.IsClient {
		return ""
	}
	u := app.Window().URL()
	prefix := strings.TrimSuffix(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
	return Embed{
		Base:    u.Scheme + "://" + u.Host + prefix + "/",
		StoryID: c.IstoryID,
		Title:   c.Ititle,
		Query:   SelectionQuery(c.Isel),
	}.Snippet()
}

// onCopy puts the code on the clipboard with the Clipboard API, or, where the browser lacks it or
// refuses, by selecting the code and asking the browser to copy the selection.
func (c *embedCode) onCopy(ctx app.Context, e app.Event) {
	code := c.snippet()
	clipboard := app.Window().Get("navigator").Get("clipboard")
	if code == "" || !clipboard.Truthy() {
		c.copySelection()
		return
	}
	var copied, refused app.Func
	settle := func(copiedOK bool) {
		ctx.Dispatch(func(app.Context) {
			if copiedOK {
				c.status = "Copied to the clipboard."
			} else {
				c.copySelection()
			}
		})
		copied.Release()
		refused.Release()
	}
	copied = app.FuncOf(func(app.Value, []app.Value) any { settle(true); return nil })
	refused = app.FuncOf(func(app.Value, []app.Value) any { settle(false); return nil })
	clipboard.Call("writeText", code).Call("then", copied, refused)
}

// copySelection selects the code and asks the browser to copy the selection: the way that works
// without the Clipboard API (pages not served over HTTPS).
func (c *embedCode) copySelection() {
	el := app.Window().GetElementByID("embed-code-text")
	if !el.Truthy() {
		return
	}
	el.Call("focus")
	app.Window().Call("getSelection").Call("selectAllChildren", el)
	if app.Window().Get("document").Call("execCommand", "copy").Bool() {
		c.status = "Copied to the clipboard."
		return
	}
	c.status = "The code is selected: press Ctrl+C (⌘C on a Mac) to copy it."
}

// escapeAttr escapes text for an HTML attribute value or element content, as html.EscapeString
// does; the html package would add its table of entities to the bundle.
func escapeAttr(s string) string {
	if !strings.ContainsAny(s, `&<>"'`) {
		return s // most text: spared a copy, rune by rune
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
