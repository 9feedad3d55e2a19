package ui

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/app/route"
	"timeline/data"
)

// detailPanel shows the selected event or actor in full, or how to use the widget when nothing is
// selected.
type detailPanel struct {
	app.Compo
	Iview *storyView
	Ihl   layout.Highlight
}

func (d *detailPanel) Render() app.UI {
	ix := d.Iview.index
	panel := tag("aside").Class("detail").Attr("data-detail", "").Attr("aria-label", "Details")
	if i, ok := ix.Event(d.Ihl.Sel.Event); ok {
		ev := d.Iview.story.Events[i]
		return panel.Attr("data-event-id", ev.ID).Attr("data-has", "event").Body(d.event(ev))
	}
	if i, ok := ix.Actor(d.Ihl.Sel.Actor); ok {
		a := d.Iview.story.Actors[i]
		return panel.Attr("data-actor-id", a.ID).Attr("data-has", "actor").Body(d.actor(a))
	}
	if i, ok := ix.Relation(d.Ihl.Sel.Relation); ok {
		return relationDetail(panel, d.Iview, i)
	}
	return panel.Body(
		tag("p").Class("detail-empty").Text(
			"Select an event on the timeline or an actor on the map to see its details, quotes and source."),
	)
}

func (d *detailPanel) event(ev data.Event) app.UI {
	s := d.Iview.story
	body := []app.UI{
		closeLink(),
		tag("p").Class("detail-date").Body(
			tag("time").Attr("datetime", ev.Date).Text(ev.When.Words()),
			tag("span").Class("detail-precision").Text(" · "+ev.When.PrecisionWords()+statusSuffix(ev.Status)),
		),
		tag("h3").Class("detail-title").Text(ev.Headline),
		when(ev.Text != "", tag("p").Text(ev.Text)),
		when(ev.Place != "", tag("p").Class("detail-place").Text("Place: "+ev.Place)),
	}
	for _, q := range ev.Quotes {
		body = append(body, tag("figure").Class("quote").Body(
			tag("blockquote").Body(tag("p").Text("“"+q.Text+"”")),
			tag("figcaption").Body(app.Text("— "), actorChip(s, q.Speaker, actorName(s, q.Speaker))),
		))
	}
	involved := len(ev.Actors) > 0
	return app.Div().Body(append(body,
		when(involved, tag("h4").Text("Who is involved")),
		when(involved, tag("ul").Class("chips").Body(each(len(ev.Actors), func(i int) app.UI {
			p := ev.Actors[i]
			return tag("li").Body(actorChip(s, p.Actor, actorName(s, p.Actor)), tag("span").Class("part").Text(" "+p.Part))
		})...)),
		mediaFigure(ev.Media),
		linkList(ev.Links),
		when(ev.DateNote != "", tag("p").Class("detail-note").Text("Dating: "+ev.DateNote)),
		sourceQuote(distinct(ev.Source, ev.Text)),
	)...)
}

// distinct returns src, or "" when it is text again: an imported event rests on its own words
// (the slide it came from), which are said once.
func distinct(src, text string) string {
	if src == text {
		return ""
	}
	return src
}

// mediaFigure shows an event's media: an image served with the widget (a path under /web/),
// loaded only when the panel scrolls near it, or else a link to the media on its own site, which
// the widget never loads itself (it loads nothing from other hosts). It returns nil for no media.
//
// The media and link views are written with few calls: each go-app call costs the WebAssembly
// bundle code, and an element type of its own (app.Img) would cost some 20 KB more.
func mediaFigure(m data.Media) app.UI {
	if m.URL == "" {
		return nil
	}
	kind, shown := "link", externalLink(m.URL, m.Alt+" ("+hostOf(m.URL)+")")
	if m.URL[0] == '/' {
		// go-app resolves src below the site's prefix. The stylesheet may size the image; the
		// style keeps it inside the panel without it.
		kind, shown = "image", app.Elem("img").Attr("src", attrText(m.URL)).Attr("alt", attrText(m.Alt)).Attr("loading", "lazy").
			Attr("style", "max-width:100%;max-height:12rem;width:auto;height:auto")
	}
	return tag("figure").Class("media").Attr("data-media", kind).Body(shown, tag("figcaption").Text(mediaCaption(m, kind)))
}

// mediaCaption is the caption under media, with its credit: "The icon. Credit: Knight Lab". A
// link's caption leaves out what the link already says.
func mediaCaption(m data.Media, kind string) string {
	caption := m.Caption
	if kind == "link" && caption == m.Alt {
		caption = ""
	}
	if m.Credit != "" {
		caption = strings.TrimSpace(caption + " Credit: " + m.Credit)
	}
	return caption
}

// linkList lists the web pages an event refers to, each with its host; nil when there are none.
func linkList(links []data.Link) app.UI {
	if len(links) == 0 {
		return nil
	}
	items := make([]app.UI, len(links))
	for i, l := range links {
		items[i] = tag("li").Body(externalLink(l.URL, l.Text+" ("+hostOf(l.URL)+")"))
	}
	return tag("ul").Class("links").Attr("aria-label", "Links").Body(items...)
}

// externalLink links to a page on another site, in a new tab (the widget may be in an iframe).
func externalLink(href, text string) app.UI {
	return tag("a").Attr("href", attrText(href)).Attr("rel", "noopener noreferrer").Attr("target", "_blank").Text(text)
}

// hostOf returns the host of an absolute URL, for readers to see where a link goes; "" if none.
func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

func (d *detailPanel) actor(a data.Actor) app.UI {
	s := d.Iview.story
	ix := d.Iview.index
	rels := ix.ActorRelations(a.ID)
	events := ix.ActorEvents(a.ID)
	eventsHead, eventList := eventLinks(s, events)
	return app.Div().Body(
		closeLink(),
		tag("p").Class("detail-date").Text(kindWord(a.Kind)),
		tag("h3").Class("detail-title").Text(a.Name),
		when(a.Role != "", tag("p").Class("detail-role").Text(a.Role)),
		when(a.Affiliation != "", tag("p").Body(app.Text("Part of "), actorChip(s, a.Affiliation, actorName(s, a.Affiliation)))),
		when(a.Description != "", tag("p").Text(a.Description)),
		when(len(rels) > 0, tag("h4").Text("Relations")),
		when(len(rels) > 0, tag("ul").Class("relations").Body(each(len(rels), func(i int) app.UI {
			r := s.Relations[rels[i]]
			return tag("li").Body(
				actorChip(s, r.From, actorName(s, r.From)),
				app.Text(" "+r.Label+" "),
				actorChip(s, r.To, actorName(s, r.To)),
			)
		})...)),
		eventsHead, eventList,
		sourceQuote(a.Source),
	)
}

func closeLink() app.UI {
	return tag("a").Class("detail-close").Attr("href", route.Selection{}.Href()).Attr("aria-label", "Clear selection").Text("×")
}

// actorChip links to an actor; it selects the actor when followed.
func actorChip(s *data.Story, id, name string) app.UI {
	return tag("a").Class("chip").Attr("href", route.Selection{Key: route.Actor, ID: id}.Href()).Text(name)
}

func sourceQuote(src string) app.UI {
	if src == "" {
		return nil
	}
	return tag("figure").Class("source").Body(
		tag("figcaption").Text("From the article"),
		tag("blockquote").Body(tag("p").Text(src)),
	)
}

func actorName(s *data.Story, id string) string {
	if a, ok := s.ActorByID(id); ok {
		return a.Name
	}
	return id
}

func kindWord(kind string) string {
	switch kind {
	case data.KindState:
		return "State"
	case data.KindOrganisation:
		return "Organisation"
	case data.KindPerson:
		return "Person"
	case data.KindGroup:
		return "Group"
	}
	return kind
}

// dateWords words an EDTF date for readers, or returns it as written when it does not parse.
func dateWords(edtf string) string {
	d, err := data.ParseDate(edtf)
	if err != nil {
		return edtf
	}
	return d.Words()
}

// eventLinks lists events of s (by index) as links that select them: the heading Events and the
// list, or nothing when there are none.
func eventLinks(s *data.Story, events []int) (heading, list app.UI) {
	if len(events) == 0 {
		return nil, nil
	}
	return tag("h4").Text("Events"), tag("ul").Class("event-links").Body(each(len(events), func(i int) app.UI {
		ev := s.Events[events[i]]
		return tag("li").Body(
			tag("a").Attr("href", route.Selection{Key: route.Event, ID: ev.ID}.Href()).Body(
				tag("span").Class("event-link-date").Text(ev.When.Words()+": "),
				app.Text(ev.Headline),
			),
		)
	})...)
}
