// Package browsertest starts the headless Chromium that the browser tests and `make bench` drive:
// one copy of its flags, so that what is measured is what is tested.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/chromedp"
)

// Find returns the path of the Chromium to drive, or "" when none is installed.
func Find() string {
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	const debian = "/usr/bin/chromium"
	if fi, err := os.Stat(debian); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
		return debian
	}
	return ""
}

// Browser is one headless Chromium with a fresh profile of its own.
type Browser struct {
	// Ctx is the browser's first tab; new tabs and browser contexts derive from it.
	Ctx context.Context
	// Version is Chromium's version, such as 156.0.7430.0; "" when it could not be read.
	Version string

	cancel  func()
	dataDir string
}

// Start starts the Chromium at path with exactly the flags below and no chromedp defaults (the
// allocator adds only --remote-debugging-pipe, its transport, and about:blank), in a fresh
// profile that Close removes.
func Start(path string) (*Browser, error) {
	dir, err := os.MkdirTemp("", "timeline-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // it runs as root
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	b := &Browser{Ctx: ctx, cancel: func() { cancelBrowser(); cancelAlloc() }, dataDir: dir}
	// Started with a context that has no deadline: the first Run binds the browser's life to the
	// context it gets.
	if err := chromedp.Do(ctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	b.Version, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] || ''`))
	return b, nil
}

// Close ends Chromium, waits for it, and removes its profile.
func (b *Browser) Close() {
	b.cancel()
	for range 50 { // Chromium's helpers can write into the profile for a moment after exit
		if os.RemoveAll(b.dataDir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}
