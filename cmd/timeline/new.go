//go:build !wasm

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"timeline/data"
)

// newOptions is what `timeline new` was asked to do.
type newOptions struct {
	id  string    // the story's id, and so its file's name
	dir string    // the folder to write it in
	now time.Time // today, for asOf and the first event
}

func parseNew(args []string, stderr io.Writer) (newOptions, error) {
	o := newOptions{now: time.Now()}
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.dir, "dir", "", "write the story into `DIR` (default data/stories when it exists, else the current folder)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return o, err
	}
	if len(pos) != 1 {
		return o, usageError{"new needs one story id: timeline new my-story"}
	}
	if o.id = pos[0]; !data.ValidID(o.id) {
		return o, usageError{fmt.Sprintf("%q is not an id: use letters, digits, -, _ and . only (not first), such as my-story", o.id)}
	}
	if o.dir == "" {
		o.dir = "."
		if fi, err := os.Stat(filepath.Join("data", "stories")); err == nil && fi.IsDir() {
			o.dir = filepath.Join("data", "stories")
		}
	}
	return o, nil
}

// runNew writes a minimal valid story to start from, which `timeline dev` or `serve -data` shows
// at once. It never overwrites a file.
func runNew(args []string, stdout, stderr io.Writer) error {
	o, err := parseNew(args, stderr)
	if err != nil {
		return err
	}
	b, schema, err := newStory(o)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	name := filepath.Join(o.dir, o.id+".json")
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists already: choose another id, or edit it", name)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if schema != "" { // no schema beside the stories: the story names a copy of it
		if _, err := os.Stat(schema); errors.Is(err, fs.ErrNotExist) {
			if err := os.WriteFile(schema, data.Schema, 0o644); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(stdout, "timeline: wrote %s; fill it in, then check it with: timeline validate %s\n", name, name)
	return nil
}

// newStory returns the file of a minimal valid story, and the path of a schema file to write
// beside it ("" when the story can name the project's own).
func newStory(o newOptions) ([]byte, string, error) {
	// In the project's folder a story names the project's schema; elsewhere, a copy beside it.
	schema, writeSchema := "story.schema.json", filepath.Join(o.dir, "story.schema.json")
	if _, err := os.Stat(filepath.Join("data", "story.schema.json")); err == nil {
		if rel, err := filepath.Rel(o.dir, filepath.Join("data", "story.schema.json")); err == nil && !filepath.IsAbs(o.dir) {
			schema, writeSchema = filepath.ToSlash(rel), ""
		}
	}
	b, err := data.Starter(o.id, schema, o.now)
	if err != nil {
		return nil, "", err
	}
	return b, writeSchema, nil
}
