package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/data"
)

// textAlternative gives the whole story as ordered lists: events in time order with worded dates,
// actors by bloc, relations as sentences. It is in the first HTML, for readers, screen readers and
// anyone without WebAssembly.
//
// In the browser the lists are drawn once the widget is ready and the browser idle, unless they
// show before: at a thousand events they are thousands of elements, which the reader, who has
// the page the server sent until then, does not need before the widget answers.
type textAlternative struct {
	app.Compo
	Iview *storyView
	Iopen bool // open, as it is before the WebAssembly runs: then it is what readers read. Drawn
	// open in the browser, even for a moment, it would be drawn in full at once (onToggle).
	Ifill bool // the lists are on screen (the embed's text pane): drawn at once

	filled bool // the lists are drawn
}

func (t *textAlternative) OnMount(ctx app.Context) {
	if !t.filled && !t.Ifill {
		whenIdle(ctx, t.fill)
	}
}

// fill draws the lists.
func (t *textAlternative) fill(ctx app.Context) { t.filled = true }

// onToggle draws the lists when the reader opens them before the browser was idle.
func (t *textAlternative) onToggle(ctx app.Context, e app.Event) {
	if t.filled || !ctx.JSSrc().Get("open").Bool() {
		ctx.PreventUpdate()
		return
	}
	t.fill(ctx)
}

func (t *textAlternative) Render() app.UI {
	body := app.UI(tag("div").Class("text-alt-body"))
	if app.IsServer || t.Ifill || t.filled {
		body = markup(t.Iview.textVersion())
	}
	return tag("details").Class("text-alt").Attr("open", t.Iopen).On("toggle", t.onToggle).Body(
		tag("summary").Text("The story as text: events, actors and relations"),
		body,
	)
}

// whenIdle runs fn in go-app's loop once the browser has nothing more urgent to do, or after
// a second at the latest.
func whenIdle(ctx app.Context, fn func(app.Context)) {
	var cb app.Func
	cb = app.FuncOf(func(app.Value, []app.Value) any {
		cb.Release()
		ctx.Dispatch(fn)
		return nil
	})
	if w := app.Window(); w.Get("requestIdleCallback").Truthy() {
		w.Call("requestIdleCallback", cb, map[string]any{"timeout": 1000})
	} else { // Safari
		w.Call("setTimeout", cb, 100)
	}
}

// textVersion is the lists as markup, made once per story: they never change, and markup costs the
// bundle far less than building the same elements one call at a time.
func (v *storyView) textVersion() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.text != "" {
		return v.text
	}
	s := v.story
	var b strings.Builder
	b.WriteString(`<div class="text-alt-body"><h3>Events in time order</h3><ol>`)
	for _, i := range v.prepared.Order {
		ev := s.Events[i]
		b.WriteString(`<li><strong>` + escapeAttr(capitalise(ev.When.Words())+statusSuffix(ev.Status)) + `:</strong> ` +
			escapeAttr(ev.Headline+". "+ev.Text) + `</li>`)
	}
	b.WriteString(`</ol><h3>Actors, by who they belong to</h3><ul>`)
	for _, members := range v.blocsLocked() {
		b.WriteString(`<li>` + escapeAttr(actorLine(s, members[0])))
		if len(members) > 1 {
			b.WriteString(`<ul>`)
			for _, m := range members[1:] {
				b.WriteString(`<li>` + escapeAttr(actorLine(s, m)) + `</li>`)
			}
			b.WriteString(`</ul>`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul><h3>Relations</h3><ul>`)
	for _, r := range s.Relations {
		text := v.relationSentence(r)
		if !r.ValidWhen.IsZero() {
			text += " (" + r.ValidWhen.Words() + ")"
		}
		b.WriteString(`<li>` + escapeAttr(text+".") + `</li>`)
	}
	b.WriteString(`</ul></div>`)
	v.text = b.String()
	return v.text
}

// actorLine words an actor for the text version: "Antony Blinken (Person, US Secretary of State)".
func actorLine(s *data.Story, i int) string {
	a := s.Actors[i]
	text := a.Name + " (" + kindWord(a.Kind)
	if a.Role != "" {
		text += ", " + a.Role
	}
	return text + ")"
}

// capitalise upper-cases the first letter of worded dates ("late December 2021, …") that start
// a line.
func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
