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
