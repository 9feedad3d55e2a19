//go:build !wasm

package layout

import "timeline/data"

// GeneratedMap is the generated story the map is measured on: n actors with four relations each.
func GeneratedMap(n int) *data.Story {
	return data.Generate(data.GenerateOptions{Events: 50, Actors: n, Relations: 4 * n, Seed: 1})
}
