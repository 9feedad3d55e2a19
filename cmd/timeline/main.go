//go:build !wasm

// Command timeline serves interactive news explainers: a timeline of a story's events and a map of
// who is involved, as one binary with the WebAssembly widget and every asset inside.
//
//	timeline [serve] [-addr 127.0.0.1:8000]   serve the stories (the default command)
//	timeline dev [-data DIR]                   serve a folder of stories live: each save shows in open pages
//	timeline validate FILE...                  check story files and print every problem
//	timeline import timelinejs FILE            turn a TimelineJS timeline (JSON or sheet CSV) into a story
//	timeline import sheet FILE.xlsx|DIR        read a story written in a spreadsheet
//	timeline sheet -out FILE.xlsx STORY.json   write a story as a spreadsheet (-template: one to start from)
//	timeline new ID                            write a minimal valid story to start from
//	timeline export -out DIR [-base /prefix/]  write the site as static files for any host or CDN
//	timeline generate -events N -out DIR       write a synthetic story for tests and benchmarks
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, the next one ends the process at once, as if unhandled.
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var exit exitError
	switch {
	case errors.As(err, &exit):
		os.Exit(int(exit))
	case err != nil:
		fmt.Fprintln(os.Stderr, "timeline:", err)
		os.Exit(1)
	}
}

// exitError ends the program with a status after the command has already said why.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// parseInterspersed parses flags that may come before, between or after the positional
// arguments (timeline import sheet story.xlsx -out x.json), and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
}

// usageError is a mistake in the command line; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `usage:
  timeline [serve] [-addr host:port] [-data DIR] [-frame-ancestors LIST] [-base-url URL] [-grace DURATION]
  timeline dev [-addr host:port] [-data DIR]
  timeline validate [-json] FILE...
  timeline import timelinejs [-out FILE] [-id ID] [-as-of YYYY-MM-DD] [-json] FILE
  timeline import sheet [-out FILE] [-id ID] FILE.xlsx|DIR
  timeline sheet [-template] -out FILE.xlsx [STORY.json]
  timeline new [-dir DIR] ID
  timeline export -out DIR [-base /prefix/] [-data DIR] [-wasm FILE]
  timeline generate [-events N] [-actors N] [-relations N] [-seed N] [-out DIR]
`

// run dispatches to a subcommand; serve is the default.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && (args[0] == "" || args[0][0] != '-') {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = runServe(ctx, args, stderr)
	case "dev":
		err = runDev(ctx, args, stderr)
	case "validate":
		err = untilDone(ctx, func() error { return runValidate(ctx, args, stdout, stderr) })
	case "import":
		err = untilDone(ctx, func() error { return runImport(ctx, args, stdout, stderr) })
	case "export":
		err = runExport(ctx, args, stdout, stderr)
	case "generate":
		err = untilDone(ctx, func() error { return runGenerate(args, stdout, stderr) })
	case "sheet":
		err = untilDone(ctx, func() error { return runSheet(ctx, args, stdout, stderr) })
	case "new":
		err = runNew(args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		err = usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintf(stderr, "timeline: %s\n%s", u.msg, usage)
		return exitError(2)
	}
	return err
}

// untilDone runs f and returns its error, or returns the cause as soon as ctx ends: a command
// busy with a big input stops promptly on SIGINT or SIGTERM. f is left to the process's exit,
// so it must not leave anything half-written behind (export, which writes a folder, watches
// ctx itself instead).
func untilDone(ctx context.Context, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("stopped: %w", context.Cause(ctx))
	}
}
