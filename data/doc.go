// Package data is the story model of the timeline widget: the types of a story file (Story, Actor,
// Relation, Event and the rest), EDTF dates (ParseDate, Date, Point) with their wording for
// readers, decoding and validation that report every problem with its file, line, column and JSON
// path (Decode, Validate, Load, Error), and the stories embedded in the build (Embedded, from
// data/stories/*.json).
//
// The package is compiled to WebAssembly as part of the widget, so it must stay small: it imports
// the standard library only, and nothing of go-app, net/http, syscall/js, os or flag, nor regexp or
// reflection-heavy libraries. It imports nothing else of this module either, but its JSON reader
// data/jsonpos, which the server's decoding uses and the WebAssembly build leaves out.
package data
