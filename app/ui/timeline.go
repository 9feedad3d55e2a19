package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/data"
)

// timelineView draws a story's events on a focus+context time axis, one band per track. On wide
// screens cards sit at their dates; on narrow ones the stylesheet turns the same list vertical.
type timelineView struct {
	app.Compo
	Iview *storyView
	Ihl   layout.Highlight
}

func (v *timelineView) Render() app.UI {
	tl := v.Iview.timeline
	return app.Section().
		Class("timeline").
		DataSet("view", "timeline").
		Aria("labelledby", "timeline-title").
		Body(
			app.Div().Class("section-head").Body(
				app.H2().ID("timeline-title").Class("section-title").Text("Timeline"),
				timelineLegend(),
			),
			app.Div().Class("tl-scroll").Body(
				app.Div().
					Class("tl-canvas").
					Style("--w", px(tl.Width)).
					Style("--h", px(tl.Height)).
					Body(
						v.eras(),
						v.tracks(),
						v.axis(),
						app.Ol().Class("tl-events").Aria("label", "Events in time order").Body(
							app.Range(tl.Order).Slice(func(k int) app.UI {
								return v.marker(tl.Order[k])
							}),
						),
					),
			),
		)
}

func (v *timelineView) eras() app.UI {
	return app.Range(v.Iview.timeline.Eras).Slice(func(i int) app.UI {
		era := v.Iview.timeline.Eras[i]
		return app.Div().
			Class("tl-era").
			DataSet("open", strconv.FormatBool(era.Open)).
			Style("--x", px(era.X0)).
			Style("--w", px(era.X1-era.X0)).
			Style("--row", strconv.Itoa(era.Row)).
			Aria("hidden", true).
			Body(app.Span().Text(era.Label))
	})
}

func (v *timelineView) tracks() app.UI {
	return app.Range(v.Iview.timeline.Tracks).Slice(func(i int) app.UI {
		tr := v.Iview.timeline.Tracks[i]
		return app.Div().
			Class("tl-track").
			Style("--y", px(tr.Y)).
			Style("--h", px(tr.H)).
			Aria("hidden", true).
			Body(app.Span().Class("tl-track-label").Text(tr.Label))
	})
}

func (v *timelineView) axis() app.UI {
	tl := v.Iview.timeline
	return app.Div().Class("tl-axis").Style("--era-rows", strconv.Itoa(tl.EraRows)).Aria("hidden", true).Body(
		app.Range(tl.Ticks).Slice(func(i int) app.UI {
			return app.Span().Class("tl-tick").Style("--x", px(tl.Ticks[i].X)).Text(tl.Ticks[i].Label)
		}),
		app.Range(tl.Scale.Breaks).Slice(func(i int) app.UI {
			b := tl.Scale.Breaks[i]
			return app.Span().
				Class("tl-break").
				Style("--x", px(b.X0)).
				Style("--w", px(b.X1-b.X0)).
				Title("Axis break: " + b.Label + " not drawn to scale").
				Text(b.Label)
		}),
		app.Span().Class("tl-asof").Style("--x", px(tl.AsOfX)).Text("Story date"),
	)
}

// marker is one event: a link that selects it, so it works before the WebAssembly runs too.
func (v *timelineView) marker(i int) app.UI {
	ev := v.Iview.story.Events[i]
	m := v.Iview.timeline.Markers[i]
	track := ""
	if tr, ok := v.Iview.story.TrackByID(ev.Track); ok {
		track = tr.Label
	}
	when := ev.When.Words()
	short := shortDate.Replace(when)
	state := v.Ihl.Event(i)
	a := app.A().
		Class("tl-card").
		Href("?event="+queryEscape(ev.ID)).
		DataSet("event-id", ev.ID).
		DataSet("status", ev.Status).
		DataSet("precision", precisionName(ev.When)).
		Aria("label", "Event, "+when+statusSuffix(ev.Status)+": "+ev.Headline)
	a = withState(a, state)
	return app.Li().
		Class("tl-item").
		Style("--x", px(m.X)).
		Style("--y", px(m.Y)).
		Style("--span", px(m.SpanW)).
		DataSet("track", ev.Track).
		Body(a.Body(
			app.If(m.SpanW > 0, app.Span().Class("tl-span").Aria("hidden", true)).
				Else(app.Span().Class("tl-dot").Aria("hidden", true)),
			app.Span().Class("tl-date").Title(when).Text(short),
			app.If(ev.Status == data.StatusPlanned, app.Span().Class("tl-status").Text("Expected")).
				ElseIf(ev.Status == data.StatusReported, app.Span().Class("tl-status").Text("Claimed")),
			app.Span().Class("tl-headline").Text(ev.Headline),
			app.Span().Class("tl-track-tag").Text(track),
		))
}

// withState sets the test and styling hooks for an item's state.
func withState(a app.HTMLA, s layout.State) app.HTMLA {
	switch s {
	case layout.Selected:
		return a.DataSet("selected", "true").Aria("current", "true")
	case layout.Lit:
		return a.DataSet("lit", "true")
	case layout.Dim:
		return a.DataSet("dim", "true")
	}
	return a
}

func timelineLegend() app.UI {
	item := func(kind, label string) app.UI {
		return app.Li().Body(app.Span().Class("key").DataSet("key", kind).Aria("hidden", true), app.Text(label))
	}
	return app.Ul().Class("legend").Aria("label", "How dates are drawn").Body(
		item("day", "Exact day"),
		item("span", "Month, year or period"),
		item("approx", "Approximate"),
		item("uncertain", "Uncertain"),
		item("planned", "Expected"),
	)
}

// precisionName is the data-precision hook the stylesheet draws uncertainty from.
func precisionName(d data.Date) string {
	switch {
	case d.OpenEnd:
		return "ongoing"
	case d.Start.Uncertain || d.End.Uncertain:
		return "uncertain"
	case d.Start.Approximate || d.End.Approximate:
		return "approx"
	case d.Exact():
		return "day"
	}
	return "span"
}

func statusSuffix(status string) string {
	switch status {
	case data.StatusPlanned:
		return ", expected"
	case data.StatusReported:
		return ", claimed"
	}
	return ""
}

func px(f float64) string {
	return strconv.FormatFloat(float64(int(f*10+0.5))/10, 'f', -1, 64) + "px"
}

// shortDate abbreviates worded dates to fit a card; the full wording is in the card's label and
// the detail panel.
var shortDate = strings.NewReplacer(
	"January", "Jan", "February", "Feb", "March", "Mar", "April", "Apr", "August", "Aug",
	"September", "Sep", "October", "Oct", "November", "Nov", "December", "Dec",
	", approximately and uncertain", " (approx., uncertain)",
	", approximate and uncertain", " (approx., uncertain)",
	", approximately", " (approx.)", ", uncertain", " (uncertain)",
)
