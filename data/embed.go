//go:build !wasm

package data

import (
	"embed"
	"strings"
)

// storiesFS holds the story files built into the binary. The folder must always hold at least one
// story: an empty match is a build error. The WebAssembly bundle holds none: each page's story
// comes from the server that rendered the page (ui.LoadPageStory), so the bundle does not grow
// with every story a site publishes, and a story's edit does not change it.
//
//go:embed stories/*.json
var storiesFS embed.FS

// validEmbeddedID reports whether id can name an embedded story file: one path segment, so that
// no id reaches outside the stories folder.
func validEmbeddedID(id string) bool {
	return id != "" && id != "." && id != ".." && !strings.ContainsAny(id, `/\`)
}
