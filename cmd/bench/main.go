//go:build !wasm

// Command bench measures the widget against the budgets of DESIGN.md, in one run, and prints one
// table with PASS or FAIL per budget (also written as bench/out/bench.md and bench/out/bench.json):
//
//   - the size of app.wasm raw, gzip and brotli, as the server sends it, against a go-app hello
//     world built and served the same way in the same run (cmd/bench/hello, the floor);
//   - in headless Chromium, cold loads (a fresh browser context each: no cache, no service worker)
//     of the hello world, the seed story and generated stories of 20, 1,000 and 10,000 events:
//     bytes transferred, first contentful paint, time to data-ready="true", and click-to-update
//     latency (a click on an event marker until its data-selected says "true" and that frame has
//     been rendered), median and p95;
//   - server throughput and latency on loopback under a bounded closed-loop load, errors counted.
//
// It runs `timeline serve` and the hello world as child processes on free loopback ports and
// stops them with SIGTERM. Run it with `make bench`, which builds both first:
//
//	go run ./cmd/bench -timeline bin/timeline -hello bench/out/hello/hello -hello-wasm bench/out/hello/app.wasm
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"timeline/internal/load"
)

// options are the command line.
type options struct {
	timeline  string        // the timeline binary, built with the bundle inside
	hello     string        // the hello world's server binary
	helloWasm string        // the hello world's app.wasm, with .br and .gz siblings
	out       string        // where the stories, bench.json and bench.md go
	seed      string        // the seed story file, for its headlines
	loads     int           // cold loads of each small page; big pages get fewer
	clicks    int           // click samples on each small page
	loadFor   time.Duration // the server load, per endpoint
	readyMax  time.Duration // how long a page may take to become ready before it counts as failed
}

func parseOptions(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.StringVar(&o.timeline, "timeline", "bin/timeline", "the timeline `binary` (make build)")
	fs.StringVar(&o.hello, "hello", "bench/out/hello/hello", "the hello world server `binary`")
	fs.StringVar(&o.helloWasm, "hello-wasm", "bench/out/hello/app.wasm", "the hello world's app.wasm `file`")
	fs.StringVar(&o.out, "out", "bench/out", "output `folder`")
	fs.StringVar(&o.seed, "seed", "data/stories/ukraine-2022-01.json", "the seed story `file`")
	fs.IntVar(&o.loads, "loads", 5, "cold loads of each small page")
	fs.IntVar(&o.clicks, "clicks", 40, "click samples on each small page")
	fs.DurationVar(&o.loadFor, "load", 5*time.Second, "server load `duration` per endpoint")
	fs.DurationVar(&o.readyMax, "ready-timeout", 60*time.Second, "how long a page may take to become ready")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.loads < 1 || o.clicks < 1 {
		return o, errors.New("-loads and -clicks must be at least 1")
	}
	return o, nil
}

func main() {
	o, err := parseOptions(os.Args[1:])
	if err != nil {
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// benchPage is one page the browser loads.
type benchPage struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Events int    `json:"events"` // 0 for the hello world
	srv    *server
	loads  int // cold loads to take
	clicks int // click samples; 0 for none

	Loads  []loadMetrics `json:"loads"`
	Median loadMetrics   `json:"median"` // the median of each measure over the successful loads
	Err    string        `json:"error,omitempty"`
	Clicks *clickStats   `json:"clicks,omitempty"`
}

// generated are the synthetic stories, by events, with their actors and relations.
var generated = []struct{ events, actors, relations int }{
	{20, 10, 20}, {1000, 60, 150}, {10000, 500, 2000},
}

func run(o options) error {
	begin := time.Now()
	for _, f := range []string{o.timeline, o.hello, o.helloWasm, o.seed} {
		if _, err := os.Stat(f); err != nil {
			return fmt.Errorf("%w (run `make bench`, which builds what the benchmarks need)", err)
		}
	}
	seed, err := readSeed(o.seed)
	if err != nil {
		return err
	}
	dataDir := filepath.Join(o.out, "data")
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	for _, g := range generated {
		logf("generating a story of %d events", g.events)
		cmd := exec.Command(o.timeline, "generate", "-events", fmt.Sprint(g.events), "-actors", fmt.Sprint(g.actors),
			"-relations", fmt.Sprint(g.relations), "-out", dataDir)
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("timeline generate: %w\n%s", err, b)
		}
	}

	hello, err := startServer("hello world", o.hello, 30*time.Second, "-addr", "127.0.0.1:0", "-wasm", o.helloWasm)
	if err != nil {
		return err
	}
	defer hello.stop()
	embedded, err := startServer("timeline serve", o.timeline, 60*time.Second, "serve", "-addr", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer embedded.stop()
	big, err := startServer("timeline serve -data", o.timeline, 120*time.Second, "serve", "-addr", "127.0.0.1:0", "-data", dataDir)
	if err != nil {
		return err
	}
	defer big.stop()

	r := &report{Started: begin.UTC().Format(time.RFC3339), Go: runtime.Version(), CPUs: runtime.NumCPU()}
	r.LoadAvg[0] = loadAverage()
	logf("measuring app.wasm as served")
	if r.Bundle, err = measureBundle(embedded.base); err != nil {
		return err
	}
	if r.Floor, err = measureBundle(hello.base); err != nil {
		return err
	}
	logf("reading the first HTML response")
	r.FirstHTML = checkFirstHTML(embedded.base+"/", seed)

	pages := []*benchPage{
		{Name: "hello world", Path: "/", srv: hello, loads: o.loads},
		{Name: fmt.Sprintf("seed story (%d events)", len(seed)), Path: "/", Events: len(seed), srv: embedded, loads: o.loads, clicks: o.clicks},
		{Name: "20 events", Path: "/story/generated-20", Events: 20, srv: big, loads: o.loads, clicks: o.clicks},
		{Name: "1,000 events", Path: "/story/generated-1000", Events: 1000, srv: big, loads: max(1, o.loads*3/5), clicks: max(1, o.clicks*3/4)},
		{Name: "10,000 events", Path: "/story/generated-10000", Events: 10000, srv: big, loads: max(1, o.loads*2/5), clicks: max(1, o.clicks/2)},
	}
	for _, p := range pages {
		// The first request of a page renders it; the cold loads below measure readers after it.
		logf("warming %s%s", p.srv.base, p.Path)
		if err := warm(p.srv.base + p.Path); err != nil {
			p.Err = err.Error()
		}
	}
	b, err := startBrowser()
	if err != nil {
		return err
	}
	r.Chromium = b.version
	measurePages(b, pages, o.readyMax)
	b.close()
	r.Pages = pages

	for _, t := range []struct {
		srv          *server
		path, accept string
	}{
		{embedded, "/", "br, gzip"},
		{embedded, "/web/app.wasm", "br, gzip"},
		{big, "/story/generated-10000", "br, gzip"},
	} {
		logf("loading %s for %v", t.path, o.loadFor)
		res := load.Run(context.Background(), load.Options{
			URL: t.srv.base + t.path, Header: http.Header{"Accept-Encoding": {t.accept}},
			Concurrency: 8, Duration: o.loadFor,
		})
		r.Load = append(r.Load, loadRow{Path: t.path, Accept: t.accept, Concurrency: 8, Result: res,
			PerSecond: res.PerSecond(), MBPerSecond: res.MBPerSecond()})
	}
	r.Memory = measureRSS(embedded)
	for _, s := range []*server{hello, embedded, big} {
		if err := s.stop(); err != nil {
			r.Notes = append(r.Notes, err.Error())
		}
	}
	r.Seconds = time.Since(begin).Seconds()
	r.LoadAvg[1] = loadAverage()
	r.Rows = r.rows()

	table := r.table()
	fmt.Print(table)
	if err := os.WriteFile(filepath.Join(o.out, "bench.md"), []byte(table), 0o644); err != nil {
		return err
	}
	j, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(o.out, "bench.json"), append(j, '\n'), 0o644)
}

// measurePages takes the cold loads in rounds, one load of each page per round, so that whatever
// else the machine is doing weighs on every page alike; the last load of each page is followed
// by its clicks.
func measurePages(b *browser, pages []*benchPage, readyMax time.Duration) {
	rounds := 0
	for _, p := range pages {
		rounds = max(rounds, p.loads)
	}
	for round := range rounds {
		for _, p := range pages {
			if round >= p.loads || p.Err != "" {
				continue
			}
			logf("cold load %d/%d of %s", round+1, p.loads, p.Name)
			tb, m, err := b.coldLoad(p.srv.base+p.Path, readyMax)
			if err != nil {
				p.Err = err.Error()
				continue
			}
			p.Loads = append(p.Loads, m)
			if round == p.loads-1 && p.clicks > 0 {
				logf("clicking %d event markers of %s", p.clicks, p.Name)
				st := tb.clicks(3, p.clicks, 90*time.Second)
				p.Clicks = &st
			}
			tb.close()
		}
	}
	for _, p := range pages {
		p.Median = medianLoad(p.Loads)
		if p.clicks > 0 && p.Clicks == nil {
			p.Clicks = &clickStats{Err: "no click taken: the page never became ready"}
		}
	}
}

func medianLoad(ls []loadMetrics) loadMetrics {
	if len(ls) == 0 {
		return loadMetrics{}
	}
	med := func(f func(loadMetrics) float64) float64 {
		v := make([]float64, len(ls))
		for i, l := range ls {
			v[i] = f(l)
		}
		slices.Sort(v)
		if n := len(v); n%2 == 0 {
			return (v[n/2-1] + v[n/2]) / 2
		}
		return v[len(v)/2]
	}
	return loadMetrics{
		Ready:    med(func(l loadMetrics) float64 { return l.Ready }),
		FCP:      med(func(l loadMetrics) float64 { return l.FCP }),
		Bytes:    int64(med(func(l loadMetrics) float64 { return float64(l.Bytes) })),
		Requests: int(med(func(l loadMetrics) float64 { return float64(l.Requests) })),
		HTMLEnd:  med(func(l loadMetrics) float64 { return l.HTMLEnd }),
		WasmEnd:  med(func(l loadMetrics) float64 { return l.WasmEnd }),
		Markers:  int(med(func(l loadMetrics) float64 { return float64(l.Markers) })),
		WallMs:   med(func(l loadMetrics) float64 { return l.WallMs }),
	}
}

// warm requests a page once, as a browser would, so that the server has rendered it.
func warm(url string) error {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", url, res.StatusCode)
	}
	return nil
}

// bundleSizes are app.wasm's sizes as sent for each Accept-Encoding.
type bundleSizes struct {
	Raw    int64 `json:"raw"`
	Gzip   int64 `json:"gzip"`
	Brotli int64 `json:"brotli"`
}

func measureBundle(base string) (bundleSizes, error) {
	var s bundleSizes
	for _, c := range []struct {
		accept string
		into   *int64
	}{{"identity", &s.Raw}, {"gzip", &s.Gzip}, {"br", &s.Brotli}} {
		req, _ := http.NewRequest(http.MethodGet, base+"/web/app.wasm", nil)
		req.Header.Set("Accept-Encoding", c.accept)
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			return s, err
		}
		n, err := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if err != nil {
			return s, err
		}
		want := map[string]string{"identity": "", "gzip": "gzip", "br": "br"}[c.accept]
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != want {
			return s, fmt.Errorf("%s/web/app.wasm with Accept-Encoding %s: status %d, Content-Encoding %q (is the bundle precompressed?)",
				base, c.accept, res.StatusCode, res.Header.Get("Content-Encoding"))
		}
		*c.into = n
	}
	return s, nil
}

// firstHTML is what a reader gets before any script runs.
type firstHTML struct {
	Bytes     int      `json:"bytes"`     // the HTML, uncompressed
	Headlines int      `json:"headlines"` // of the seed story's events, how many the HTML holds
	Of        int      `json:"of"`
	Missing   []string `json:"missing,omitempty"`
	Err       string   `json:"error,omitempty"`
}

func checkFirstHTML(url string, headlines []string) firstHTML {
	f := firstHTML{Of: len(headlines)}
	res, err := http.Get(url)
	if err != nil {
		f.Err = err.Error()
		return f
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		f.Err = err.Error()
		return f
	}
	f.Bytes = len(b)
	for _, h := range headlines {
		if strings.Contains(string(b), html.EscapeString(h)) {
			f.Headlines++
		} else if len(f.Missing) < 3 {
			f.Missing = append(f.Missing, h)
		}
	}
	return f
}

// readSeed returns the headlines of the seed story's events. It reads the file as plain JSON,
// so the benchmark does not depend on the story model.
func readSeed(name string) ([]string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var s struct {
		Events []struct {
			Headline string `json:"headline"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var hs []string
	for _, e := range s.Events {
		hs = append(hs, e.Headline)
	}
	return hs, nil
}

// loadAverage is the 1-minute load average, which says how much else the machine was doing;
// "?" where the system does not tell.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}
