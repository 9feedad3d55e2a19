package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// relationDetail fills the details panel with relation ri: who relates to whom and how, when it
// holds, the sentence it rests on and the events that show it, linked to the timeline.
func relationDetail(panel app.HTMLElem, v *storyView, ri int) app.UI {
	s := v.story
	r := s.Relations[ri]
	valid := "Throughout the story"
	if !r.ValidWhen.IsZero() {
		valid = r.ValidWhen.Words()
	}
	var events []int
	for _, id := range r.Events {
		if i, ok := v.index.Event(id); ok {
			events = append(events, i)
		}
	}
	eventsHead, eventList := eventLinks(s, events)
	return panel.Attr("data-relation-id", r.Key()).Attr("data-has", "relation").Body(
		app.Div().Body(
			closeLink(),
			tag("p").Class("detail-date").Attr("data-valid", r.Valid).Text("Relation · "+valid),
			tag("h3").Class("detail-title").Body(
				actorChip(s, r.From, actorName(s, r.From)),
				app.Text(" "+r.Label+" "),
				actorChip(s, r.To, actorName(s, r.To)),
			),
			eventsHead, eventList,
			sourceQuote(r.Source),
		),
	)
}
