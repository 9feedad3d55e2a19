//go:build wasm

package data

import "encoding/json"

// Decode decodes a story the server has already validated (one it serves with -data), and
// parses its dates. In the browser it trusts its input, like Embedded; file is unused.
func Decode(file string, b []byte) (*Story, error) {
	s := new(Story)
	if err := json.Unmarshal(b, s); err != nil {
		return nil, err
	}
	s.parseDates()
	return s, nil
}
