// Package site is the HTTP side of the widget: the pages go-app prerenders, kept in a cache with
// their compressed forms; the assets under /web/, the bundle among them; oEmbed and its discovery
// links; the demo article; the list of stories; the live preview's server side; and the export of
// the whole site as static files. Command timeline parses flags and wires it; nothing here reads
// the command line, and nothing here is compiled into the WebAssembly.
package site
