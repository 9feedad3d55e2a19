//go:build !wasm

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"timeline/data"
)

// runGenerate writes a synthetic story, for tests, benchmarks and trying the widget on big
// stories: `timeline generate -events 10000 -out stories/` then `timeline serve -data stories`.
func runGenerate(args []string, stdout, stderr io.Writer) error {
	var o data.GenerateOptions
	var out string
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.ID, "id", "", "story `id` (default generated-<events>)")
	fs.IntVar(&o.Events, "events", 1000, "number of events")
	fs.IntVar(&o.Actors, "actors", 60, "number of actors")
	fs.IntVar(&o.Relations, "relations", 0, "number of relations (default min(150, all pairs))")
	fs.IntVar(&o.Years, "years", 30, "years the events span")
	fs.Uint64Var(&o.Seed, "seed", 1, "random `seed`: the same seed gives the same story")
	fs.StringVar(&out, "out", "", "write to this `folder` as <id>.json instead of standard output")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("generate takes no arguments, got %q", fs.Arg(0))}
	}
	if o.Events < 1 || o.Actors < 1 || o.Relations < 0 || o.Years < 1 {
		return usageError{"-events, -actors and -years must be at least 1, -relations at least 0"}
	}
	s := data.Generate(o)
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if out == "" {
		_, err = stdout.Write(b)
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	name := filepath.Join(out, s.Info.ID+".json")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "timeline: wrote", name)
	return nil
}
