//go:build wasm

package ui

// attrText is the text itself in the browser, where go-app sets attributes through the DOM; the
// server needs more (raw_server.go).
func attrText(text string) string { return text }
