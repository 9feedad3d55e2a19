// Package ui holds the widget's go-app components: the page, the timeline, the actor map, the
// detail panel and the text alternative. Components stay thin: positions, scales and what a
// selection lights come from package layout, and the story from package data.
//
// The same components are prerendered by the server and run in the browser as WebAssembly, so
// nothing here may import net/http or other server-only packages.
package ui
