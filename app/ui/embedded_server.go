//go:build !wasm

package ui

import "timeline/data"

// embeddedStory is the story built into the binary with the given id.
func embeddedStory(id string) (*data.Story, bool, error) { return data.EmbeddedStory(id) }
