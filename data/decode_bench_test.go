//go:build !wasm

package data

import "testing"

// BenchmarkDecode decodes and validates a generated story of 10,000 events (about 4 MB), as the
// server and `timeline validate` do with each story file.
func BenchmarkDecode(b *testing.B) {
	in, err := Encode(Generate(GenerateOptions{Events: 10_000}))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode("", in); err != nil {
			b.Fatal(err)
		}
	}
}
