package ui

import (
	"math"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The map's zoom runs from a quarter to three times the size it is laid out at; pan is the
// frame's own scrolling, by wheel, touch, scroll bars, a mouse's drag (web/frame.js), Shift with
// an arrow key (panKey) or the focus moving between actors.
const minZoom, maxZoom = 0.25, 3.0

// panKey pans the map by a quarter of its frame for Shift with an arrow key, reporting whether key
// is an arrow: the arrows alone move between actors, and a map larger than its frame should be
// scrolled by keys as by a wheel, whatever actor has the focus.
func panKey(key string) bool {
	var dx, dy float64
	switch key {
	case "ArrowLeft":
		dx = -1
	case "ArrowRight":
		dx = 1
	case "ArrowUp":
		dy = -1
	case "ArrowDown":
		dy = 1
	default:
		return false
	}
	if frame := app.Window().GetElementByID("actor-map"); frame.Truthy() {
		frame.Call("scrollBy", map[string]any{
			"left": dx * frame.Get("clientWidth").Float() / 4, "top": dy * frame.Get("clientHeight").Float() / 4,
			"behavior": "instant",
		})
	}
	return true
}

// zoomControls are the buttons that zoom the map in and out and fit it all in view.
func (m *actorMap) zoomControls() app.UI {
	k := m.scale()
	button := func(action, label, text string, disabled bool) app.UI {
		return tag("button").Attr("type", "button").Class("tl-button", "map-zoom").
			Attr("data-action", action).Attr("aria-label", label).Title(label).
			Attr("disabled", disabled).OnClick(m.onZoom, action).Text(text)
	}
	return app.Div().Class("map-zoom-controls").Attr("role", "group").Attr("aria-label", "Zoom the map").Body(
		button("map-zoom-out", "Zoom out (-)", "−", k <= minZoom),
		tag("span").Class("map-zoom-level").Attr("data-zoom-level", strconv.Itoa(int(math.Round(k*100)))).Text(strconv.Itoa(int(math.Round(k*100)))+"%"),
		button("map-zoom-in", "Zoom in (+)", "+", k >= maxZoom),
		button("map-fit", "Fit the whole map in view (0)", "Fit", false),
	)
}

// onZoom runs a zoom button's action.
func (m *actorMap) onZoom(ctx app.Context, e app.Event) {
	m.redraws.hold(ctx, m)
	switch ctx.JSSrc().Get("dataset").Get("action").String() {
	case "map-zoom-in":
		m.zoomBy(ctx, 1.25)
	case "map-zoom-out":
		m.zoomBy(ctx, 0.8)
	case "map-fit":
		m.fit(ctx)
	}
}

// zoomBy scales the map by f and keeps the selection in view.
func (m *actorMap) zoomBy(ctx app.Context, f float64) { m.setZoom(ctx, m.scale()*f) }

// fit scales the map so that all of it shows in its frame, never larger than laid out.
func (m *actorMap) fit(ctx app.Context) {
	frame := app.Window().GetElementByID("actor-map")
	g := m.graph()
	if !frame.Truthy() || g.Height <= 0 {
		m.setZoom(ctx, 1)
		return
	}
	w, h := frame.Get("clientWidth").Float(), frame.Get("clientHeight").Float()
	m.setZoom(ctx, min(1, w/g.Width, h/g.Height))
}

func (m *actorMap) setZoom(ctx app.Context, k float64) {
	k = min(max(k, minZoom), maxZoom)
	if k == m.scale() {
		return
	}
	m.zoom = k
	m.redraws.ask(m)
	ctx.Defer(m.keepInView)
}

// keepInView scrolls the map's region so that the selected actor, or the actor with the focus,
// or the selected relation's source, is in its middle. It measures the node where it is drawn,
// inside the region that scrolls it, rather than trusting the layout's coordinates: the region is
// only what the frame leaves it (on a phone with a selection, the part above the details), and a
// touch gesture may have scrolled it since.
func (m *actorMap) keepInView(ctx app.Context) {
	id := m.Ihl.Sel.Actor
	if m.focus != "" {
		id = m.focus
	}
	if i, ok := m.Iview.index.Relation(m.Ihl.Sel.Relation); ok && id == "" {
		id = m.Iview.story.Relations[i].From
	}
	if _, ok := m.Iview.index.Actor(id); !ok {
		return
	}
	frame := app.Window().GetElementByID("actor-map")
	if !frame.Truthy() {
		return
	}
	node := frame.Call("querySelector", actorSelector(id)+" [data-shape]")
	if !node.Truthy() {
		return
	}
	f, n := frame.Call("getBoundingClientRect"), node.Call("getBoundingClientRect")
	if f.Get("height").Float() <= 0 {
		return // the map's tab is not shown: nothing to scroll
	}
	cx := n.Get("left").Float() + n.Get("width").Float()/2 - f.Get("left").Float() - frame.Get("clientLeft").Float()
	cy := n.Get("top").Float() + n.Get("height").Float()/2 - f.Get("top").Float() - frame.Get("clientTop").Float()
	frame.Call("scrollTo", map[string]any{
		"left":     frame.Get("scrollLeft").Float() + cx - frame.Get("clientWidth").Float()/2,
		"top":      frame.Get("scrollTop").Float() + cy - frame.Get("clientHeight").Float()/2,
		"behavior": "instant",
	})
}

// onWheel zooms on a wheel turned with Ctrl held, which is also what a touchpad's pinch sends;
// a plain wheel scrolls the frame as usual.
func (m *actorMap) onWheel(ctx app.Context, e app.Event) {
	m.redraws.hold(ctx, m)
	if !e.Get("ctrlKey").Bool() {
		return
	}
	e.PreventDefault()
	m.zoomBy(ctx, math.Exp(-e.Get("deltaY").Float()/300))
}

// onPointer follows two fingers on a touch screen and zooms as they spread or close; one finger
// pans, as the frame scrolls natively.
func (m *actorMap) onPointer(ctx app.Context, e app.Event) {
	m.redraws.hold(ctx, m)
	if e.Get("pointerType").String() != "touch" {
		return
	}
	id := e.Get("pointerId").Int()
	if m.pinch == nil {
		m.pinch = map[int]app.Value{}
	}
	switch e.Get("type").String() {
	case "pointerdown", "pointermove":
		m.pinch[id] = e.JSValue()
	default:
		delete(m.pinch, id)
		if m.pinchD > 0 && len(m.pinch) == 1 {
			// The pinch is over: the browser may have panned the region while the fingers moved.
			ctx.Defer(m.keepInView)
		}
		m.pinchD = 0
		return
	}
	if len(m.pinch) != 2 {
		m.pinchD = 0
		return
	}
	var pts [2][2]float64
	k := 0
	for _, p := range m.pinch {
		pts[k] = [2]float64{p.Get("clientX").Float(), p.Get("clientY").Float()}
		k++
	}
	d := math.Hypot(pts[0][0]-pts[1][0], pts[0][1]-pts[1][1])
	if m.pinchD > 0 && d > 0 && math.Abs(d/m.pinchD-1) > 0.05 {
		m.zoomBy(ctx, d/m.pinchD)
		m.pinchD = d
	} else if m.pinchD == 0 {
		m.pinchD = d
	}
}
