//go:build !wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
)

// measureCPUProfiles is the profile phase, taken only when -cpuprofile names a folder: one more
// desktop load of the widget and the hello world on each story of up to 1,000 events, and then
// their clicks, each with the page's JavaScript and WebAssembly sampled. It writes
// <widget>-<story>-load.cpuprofile and -clicks.cpuprofile, which Chrome's DevTools open; served
// with `timeline serve -wasm` and a bundle built with its symbols (-timeline-wasm), the samples
// name the Go functions.
func measureCPUProfiles(b *browsertest.Browser, e *env, o options) error {
	if err := os.MkdirAll(o.cpuProfiles, 0o755); err != nil {
		return err
	}
	var pages []*benchPage
	for _, pg := range benchPages(e, o, desktop) {
		if (pg.Widget == ours.Key && pg.Events < 10000) || pg.Widget == helloWorld.Key {
			pages = append(pages, pg)
		}
	}
	p := desktop
	p.readyTimeout = 60 * time.Second
	for _, pg := range pages {
		story := pg.Story
		if story == "" {
			story = "hello"
		}
		name := filepath.Join(o.cpuProfiles, pg.Widget+"-"+story)
		logf("profiling a load and %d clicks of %s", o.clicks, pg.URL)
		tb, err := newTab(b, pg.w, p, true)
		if err != nil {
			return err
		}
		if pg.clickURL != "" {
			pg.URL = pg.clickURL // the hello world with links: it is clicked too
		}
		err = profiled(tb, name+"-load.cpuprofile", func() error {
			_, err := tb.load(pg.URL, p.readyTimeout)
			return err
		})
		if err == nil {
			err = profiled(tb, name+"-clicks.cpuprofile", func() error {
				st := tb.clicks(2, o.clicks, 400*time.Millisecond, 90*time.Second)
				if st.Err != "" {
					return fmt.Errorf("clicks: %s", st.Err)
				}
				return nil
			})
		}
		tb.close()
		if err != nil {
			return fmt.Errorf("profiling %s: %w", pg.URL, err)
		}
	}
	return nil
}

// profiled runs f with the sampling profiler on, sampling every 100 µs, and writes the profile
// to name.
func profiled(tb *tab, name string, f func() error) error {
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, profiler.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, profiler.Start, cdp.Empty{})
		return err
	}))
	if err != nil {
		return err
	}
	if err := f(); err != nil {
		return err
	}
	prof, err := chromedp.Run(tb.ctx, chromedp.Action[*profiler.Profile](func(ctx context.Context, t *chromedp.Target) (*profiler.Profile, error) {
		r, err := cdp.Call(ctx, t, profiler.Stop, cdp.Empty{})
		return r.Profile, err
	}))
	if err != nil {
		return err
	}
	j, err := json.Marshal(prof)
	if err != nil {
		return err
	}
	return os.WriteFile(name, j, 0o644)
}
