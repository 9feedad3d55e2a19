package data

import "embed"

// storiesFS holds the story files built into the binary. The folder must always hold at least one
// story: an empty match is a build error.
//
//go:embed stories/*.json
var storiesFS embed.FS
