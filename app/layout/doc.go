// Package layout holds the widget's view logic in pure Go: the focus+context time scale, lane
// packing, the timeline and actor-map layouts, and selection and linking state. Everything here is
// deterministic (the same story and width give the same picture) and measured in CSS pixels.
//
// It must not import go-app or syscall/js: it is unit-tested natively and shared by the server's
// prerendering and the WebAssembly client.
package layout
