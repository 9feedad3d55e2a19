//go:build !wasm

package data

import _ "embed"

// Schema is the JSON Schema of story files (story.schema.json), for tools that describe the format
// to people: the spreadsheet template's notes, say.
//
//go:embed story.schema.json
var Schema []byte
