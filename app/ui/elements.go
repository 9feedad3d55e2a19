package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// tag is an HTML element of the given name.
//
// go-app v9 gives each HTML element a type of its own, with some two hundred methods, and a
// WebAssembly build keeps every method of every element type the program uses, since they
// satisfy interfaces: about 15 kB each before compression. So the widget builds every element but
// div and h1 (which go-app's own start-up uses) from go-app's one generic element type, and sets
// element-specific attributes with Attr. make bench holds the bundle to 1.10 times a go-app hello
// world's.
func tag(name string) app.HTMLElem { return app.Elem(name) }

// when is ui when ok, and nothing otherwise: go-app leaves nil children out. It and each stand
// in for go-app's If and Range, whose node types would cost the bundle some 5 kB compressed; the
// children go-app matches by position are the same, since it flattens those into the list too.
func when(ok bool, ui app.UI) app.UI {
	if ok {
		return ui
	}
	return nil
}

// each returns f(0), …, f(n-1): children for Body.
func each(n int, f func(i int) app.UI) []app.UI {
	s := make([]app.UI, n)
	for i := range s {
		s[i] = f(i)
	}
	return s
}

// pending is a redraw a component has asked go-app for and go-app has not drawn yet.
//
// An event handler calls ctx.PreventUpdate so that go-app does not draw its component, and
// every one above it, after each event: a scroll step would draw the whole page. But go-app keeps
// one flag per component, so that also cancels a redraw asked for before and not yet drawn: a
// scroll event between a zoom and the next frame would lose the zoom. hold prevents the update
// and asks again for the one still pending, which go-app then draws as usual.
type pending struct{ asked bool }

// ask asks go-app to draw c.
func (p *pending) ask(c app.Composer) {
	p.asked = true
	c.Update()
}

// hold stops go-app from drawing c for the event being handled, keeping a redraw still pending.
func (p *pending) hold(ctx app.Context, c app.Composer) {
	ctx.PreventUpdate()
	if p.asked {
		c.Update()
	}
}

// drawn is called as c draws: nothing is pending any more.
func (p *pending) drawn() { p.asked = false }
