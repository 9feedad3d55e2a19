package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// textAlternative gives the whole story as ordered lists: events in time order with worded dates,
// actors by bloc, relations as sentences. It is in the first HTML, for readers, screen readers and
// anyone without WebAssembly.
type textAlternative struct {
	app.Compo
	Iview *storyView
}

func (t *textAlternative) Render() app.UI {
	s := t.Iview.story
	order := t.Iview.timeline.Order
	return app.Details().Class("text-alt").Body(
		app.Summary().Text("The story as text: events, actors and relations"),
		app.H3().Text("Events in time order"),
		app.Ol().Body(app.Range(order).Slice(func(k int) app.UI {
			ev := s.Events[order[k]]
			return app.Li().Body(
				app.Strong().Text(ev.When.Words()+statusSuffix(ev.Status)+": "),
				app.Text(ev.Headline+". "+ev.Text),
			)
		})),
		app.H3().Text("Actors"),
		app.Ul().Body(app.Range(s.Actors).Slice(func(i int) app.UI {
			a := s.Actors[i]
			text := a.Name + " (" + kindWord(a.Kind)
			if a.Role != "" {
				text += ", " + a.Role
			}
			if a.Affiliation != "" {
				text += ", part of " + actorName(s, a.Affiliation)
			}
			return app.Li().Text(text + ")")
		})),
		app.H3().Text("Relations"),
		app.Ul().Body(app.Range(s.Relations).Slice(func(i int) app.UI {
			return app.Li().Text(relationSentence(s, s.Relations[i]) + ".")
		})),
	)
}
