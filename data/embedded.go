//go:build !wasm

package data

// Embedded decodes and validates the story files built into the binary (data/stories/*.json) with
// Load, and returns them sorted by id. Each call decodes afresh, so callers own what they get.
func Embedded() ([]*Story, error) { return Load(storiesFS, "stories") }
