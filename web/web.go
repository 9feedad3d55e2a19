// Package web holds the static assets served under /web/: the stylesheet, the icons, and the
// built app.wasm with its precompressed siblings (build output, not committed). The server embeds
// them so that one binary is the whole deployment; the WebAssembly build must never import this
// package.
package web

import "embed"

// FS holds every file of this folder. The server serves only asset types it knows (see the
// server's asset handler), so the Go sources embedded alongside are never served.
//
//go:embed *
var FS embed.FS
