//go:build !wasm

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"timeline/data"
	"timeline/internal/timelinejs"
)

// importOptions is what `timeline import` was asked to do.
type importOptions struct {
	format string // the input's format: "timelinejs" (its JSON or its sheet template's CSV) or "sheet"
	out    string // where to write the story; "" for standard output
	json   bool   // report as JSON on standard error
	timelinejs.Options
}

const importUsage = `usage: timeline import timelinejs [flags] FILE
       timeline import sheet [flags] FILE.xlsx|DIR

Reads a TimelineJS timeline, its JSON or the CSV of its Google Sheets template, or a story written
in a spreadsheet (a workbook, or a folder of its sheets as CSV files: see 'timeline sheet'), and
writes it as a story file: to standard output, or to -out (then named data/stories/<id>.json to be
served). Everything it could not carry over is listed on standard error. Flags may follow FILE.
`

// parseImport reads the command line of `timeline import`. Flags may come before or after FILE.
func parseImport(args []string, stderr io.Writer) (importOptions, error) {
	o := importOptions{}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.out, "out", "", "write the story to `FILE` instead of standard output")
	fs.StringVar(&o.ID, "id", "", "the story's `id` (default: the name of -out, else of FILE)")
	fs.StringVar(&o.Lang, "lang", "en", "the story's `language`, a BCP 47 tag")
	fs.StringVar(&o.AsOf, "as-of", "", "the `day` (YYYY-MM-DD) the story describes the world at; later events are planned (default: the last day of the last event)")
	fs.StringVar(&o.SourceURL, "source-url", "", "the `URL` where the timeline is published, for the story's source")
	fs.StringVar(&o.Schema, "schema", "../story.schema.json", "the story's \"$schema\", a `path` from the story's folder")
	fs.BoolVar(&o.json, "json", false, "list what was not mapped as JSON on standard error")
	fs.Usage = func() {
		fmt.Fprint(stderr, importUsage)
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return o, err
	}
	switch {
	case len(pos) == 0:
		return o, usageError{"import needs a format and a file: timeline import timelinejs FILE"}
	case pos[0] != "timelinejs" && pos[0] != "sheet":
		return o, usageError{fmt.Sprintf("import reads the formats timelinejs and sheet, not %q", pos[0])}
	case len(pos) == 1 && pos[0] == "sheet":
		return o, usageError{"import sheet needs a workbook (.xlsx) or a folder of CSV files, one per sheet"}
	case len(pos) == 1:
		return o, usageError{"import timelinejs needs a file (TimelineJS JSON, or the CSV of its sheet template)"}
	case len(pos) > 2:
		return o, usageError{fmt.Sprintf("import takes one file, got %q", pos[1:])}
	}
	o.format, o.File = pos[0], pos[1]
	if o.ID != "" && !data.ValidID(o.ID) {
		return o, usageError{fmt.Sprintf("-id %q is not an id: use letters, digits, -, _ and . only (not first)", o.ID)}
	}
	if o.ID != "" && o.out != "" && timelinejs.IDFromFile(o.out) != o.ID {
		return o, usageError{fmt.Sprintf("-id %q does not match -out %q: a story file is named <id>.json", o.ID, o.out)}
	}
	return o, nil
}

// runImport imports a TimelineJS file as a story.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseImport(args, stderr)
	if err != nil {
		return err
	}
	if o.format == "sheet" {
		return runImportSheet(o, stdout, stderr)
	}
	b, err := data.ReadInput(ctx, o.File)
	if err != nil {
		return err
	}
	to := o.Options
	if to.ID == "" && o.out != "" {
		to.ID = timelinejs.IDFromFile(o.out)
	}
	res := timelinejs.Import(to, b)
	if err := res.Report(stderr, o.File, o.json); err != nil {
		return err
	}
	if res.Errs != nil {
		return exitError(1)
	}
	if o.out == "" {
		_, err = stdout.Write(res.Story)
		return err
	}
	return os.WriteFile(o.out, res.Story, 0o644)
}
