//go:build !wasm

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"timeline/data"
	"timeline/internal/sheet"
	"timeline/internal/timelinejs"
	"timeline/internal/validate"
)

// sheetOptions is what `timeline sheet` was asked to do.
type sheetOptions struct {
	story    string // the story file to write as a workbook; "" with template
	out      string // the workbook to write
	template bool   // write the template workbook instead of a story's
}

const sheetUsage = `usage: timeline sheet -out FILE.xlsx STORY.json
       timeline sheet -template -out FILE.xlsx

Writes a story as a workbook, one sheet per part of it (Story, Tracks, Eras, Sources, Actors,
Relations, Events, Participants, Quotes, Links), to edit in a spreadsheet and read back with
'timeline import sheet'. With -template, writes a workbook to start from: each sheet with a
row of notes on its columns and an example row.
`

func parseSheet(args []string, stderr io.Writer) (sheetOptions, error) {
	var o sheetOptions
	fs := flag.NewFlagSet("sheet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.out, "out", "", "write the workbook to `FILE.xlsx`")
	fs.BoolVar(&o.template, "template", false, "write the template workbook")
	fs.Usage = func() {
		fmt.Fprint(stderr, sheetUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, usageError{err.Error()}
	}
	switch {
	case o.out == "":
		return o, usageError{"sheet needs -out FILE.xlsx, the workbook to write"}
	case o.template && fs.NArg() > 0:
		return o, usageError{fmt.Sprintf("sheet -template takes no story, got %q", fs.Args())}
	case !o.template && fs.NArg() != 1:
		return o, usageError{"sheet needs one story file: timeline sheet -out FILE.xlsx STORY.json"}
	}
	o.story = fs.Arg(0)
	return o, nil
}

func runSheet(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseSheet(args, stderr)
	if err != nil {
		return err
	}
	var b []byte
	if o.template {
		stories, err := data.Embedded()
		if err != nil {
			return err
		}
		example := stories[0]
		for _, s := range stories {
			if len(s.Actors) > len(example.Actors) {
				example = s
			}
		}
		b, err = sheet.Template(example, data.Schema)
		if err != nil {
			return err
		}
	} else {
		src, err := data.ReadInput(ctx, o.story)
		if err != nil {
			return err
		}
		s, err := data.Decode(o.story, src)
		if err != nil {
			return err
		}
		if b, err = sheet.Workbook(s); err != nil {
			return err
		}
	}
	if err := os.WriteFile(o.out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "timeline: wrote %s\n", o.out)
	return nil
}

// runImportSheet reads a story from a workbook or a folder of CSV files (o.file) and writes it as
// a story file, listing on stderr every problem at its sheet and cell, with the hint validate
// gives, and what was read in a way the writer may not expect.
func runImportSheet(o importOptions, stdout, stderr io.Writer) error {
	s, notes, err := sheet.Read(o.File)
	for _, n := range notes {
		fmt.Fprintf(stderr, "%s\n\tnote: read anyway\n", n)
	}
	var es data.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			fmt.Fprintf(stderr, "%s\n\thint: %s\n", e, validate.Hint(e))
		}
		return exitError(1)
	}
	if err != nil {
		return err
	}
	if o.ID != "" {
		s.Info.ID = o.ID
	}
	if o.out != "" && timelinejs.IDFromFile(o.out) != s.Info.ID {
		return fmt.Errorf("the story's id is %q (Story sheet), so its file is %s.json, not %s", s.Info.ID, s.Info.ID, o.out)
	}
	b, err := data.Encode(s)
	if err != nil {
		return err
	}
	if _, err := data.Decode(s.Info.ID+".json", b); err != nil {
		return fmt.Errorf("%s: the story read is not valid: %w", o.File, err)
	}
	fmt.Fprintf(stderr, "timeline: read %s as story %q with %d event(s), %d actor(s) and %d relation(s)\n",
		o.File, s.Info.ID, len(s.Events), len(s.Actors), len(s.Relations))
	if o.out == "" {
		_, err = stdout.Write(b)
		return err
	}
	return os.WriteFile(o.out, b, 0o644)
}
