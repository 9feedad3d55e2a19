//go:build !wasm

package data

// Embedded decodes and validates the story files built into the binary (data/stories/*.json) with
// Load, and returns them sorted by id. Each call decodes afresh, so callers own what they get.
func Embedded() ([]*Story, error) { return Load(storiesFS, "stories") }

// EmbeddedStory decodes and validates the story built into the binary with the given id, and
// returns false when there is none.
func EmbeddedStory(id string) (*Story, bool, error) {
	if !validEmbeddedID(id) {
		return nil, false, nil
	}
	name := "stories/" + id + ".json" // file names are ids
	b, err := storiesFS.ReadFile(name)
	if err != nil {
		return nil, false, nil
	}
	s, err := Decode(name, b)
	return s, true, err
}
