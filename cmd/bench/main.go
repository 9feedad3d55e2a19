//go:build !wasm

// Command bench measures the widget against the budgets of DESIGN.md and against the two
// timeline widgets newsrooms embed today, TimelineJS and vis-timeline, in one run, and prints one
// table with our ratio to the better peer and PASS or FAIL per target (also written as
// bench/out/bench.md and bench/out/bench.json). It runs in phases, one call each in run:
//
//   - bundle: the size of app.wasm raw, gzip and brotli, as the server sends it, against a go-app
//     hello world built and served the same way (cmd/bench/hello, the floor);
//   - first HTML: the seed story's headlines in the first response, before any script;
//   - browser: in one headless Chromium, loads in fresh browser contexts (no cache, no service
//     worker) of the widget, TimelineJS, vis-timeline and the hello world, on the same events
//     (the seed story and generated stories of 1,000 and 10,000 events, written out for each
//     peer), on a desktop and on an emulated phone (CPU ×4 slower, 4G): bytes until interactive,
//     first contentful paint, interactive, real clicks (CDP mouse input) until the selection
//     shows and a frame is rendered, DOM elements, JavaScript heap and WebAssembly memory; then a
//     second visit, a reader opening another article of the same site;
//   - server: throughput and latency on loopback under a bounded closed-loop load;
//   - live preview: `timeline dev` on a folder with the seed story, the time from saving the file
//     to the open page showing the change (live.go). -live-only runs this phase alone.
//
// It runs `timeline serve` and the hello world as child processes on free loopback ports, and
// serves the peers' npm packages from a loopback server of its own. Run it with `make bench`,
// which builds and installs what it needs first:
//
//	go run ./cmd/bench -timeline bin/timeline -hello bench/out/hello/hello -hello-wasm bench/out/hello/app.wasm -npm bin/npm/node_modules
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
	"strings"
	"time"

	"timeline/app/route"
	"timeline/internal/load"
)

// options are the command line.
type options struct {
	timeline    string        // the timeline binary, built with the bundle inside
	hello       string        // the hello world's server binary
	helloWasm   string        // the hello world's app.wasm, with .br and .gz siblings
	helloClicks string        // the hello world built with -tags clicks: two links to click
	clicksWasm  string        // its app.wasm
	npm         string        // node_modules with the peers installed
	out         string        // where the stories, bench.json and bench.md go
	seed        string        // the seed story file
	second      string        // another embedded story: the second article of the second visit
	loads       int           // desktop loads of each page of up to 1,000 events
	bigLoads    int           // desktop loads of each page of 10,000 events
	clicks      int           // desktop click samples on each page of up to 1,000 events
	bigClicks   int           // desktop click samples on each page of 10,000 events
	phone       int           // phone loads of each page (one at 10,000 events)
	profiles    string        // which profiles to measure, comma-separated
	stories     string        // which stories to load pages of, comma-separated keys
	wasm        string        // an app.wasm for timeline serve -wasm, instead of the embedded one
	cpuProfiles string        // where to write CPU profiles of the widget and the hello world; "" for none
	loadFor     time.Duration // the server load, per endpoint
	liveOnly    bool          // measure the live preview alone
}

func parseOptions(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.StringVar(&o.timeline, "timeline", "bin/timeline", "the timeline `binary` (make build)")
	fs.StringVar(&o.hello, "hello", "bench/out/hello/hello", "the hello world server `binary`")
	fs.StringVar(&o.helloWasm, "hello-wasm", "bench/out/hello/app.wasm", "the hello world's app.wasm `file`")
	fs.StringVar(&o.helloClicks, "hello-clicks", "bench/out/hello/clicks/hello", "the hello world server `binary` built with -tags clicks")
	fs.StringVar(&o.clicksWasm, "hello-clicks-wasm", "bench/out/hello/clicks/app.wasm", "its app.wasm `file`")
	fs.StringVar(&o.npm, "npm", "bin/npm/node_modules", "the `folder` TimelineJS and vis-timeline are installed in")
	fs.StringVar(&o.out, "out", "bench/out", "output `folder`")
	fs.StringVar(&o.seed, "seed", "data/stories/ukraine-2022-01.json", "the seed story `file`")
	fs.StringVar(&o.second, "second", "data/stories/timelinejs-example.json", "another embedded story `file`, for the second visit")
	fs.IntVar(&o.loads, "loads", 3, "desktop loads of each page of up to 1,000 events")
	fs.IntVar(&o.bigLoads, "big-loads", 2, "desktop loads of each page of 10,000 events")
	fs.IntVar(&o.clicks, "clicks", 15, "desktop click samples on each page of up to 1,000 events")
	fs.IntVar(&o.bigClicks, "big-clicks", 6, "desktop click samples on each page of 10,000 events")
	fs.IntVar(&o.phone, "phone-loads", 2, "phone loads of each page of up to 1,000 events (one of 10,000)")
	fs.StringVar(&o.profiles, "profiles", "desktop,phone", "the `profiles` to load pages in, comma-separated")
	fs.StringVar(&o.stories, "stories", "seed,1000,10000", "the `stories` to load pages of, comma-separated (seed, 1000, 10000)")
	fs.StringVar(&o.wasm, "timeline-wasm", "", "serve this app.wasm `file` instead of the embedded one (say, one built with symbols)")
	fs.StringVar(&o.cpuProfiles, "cpuprofile", "", "also write CPU profiles of loads and clicks into this `folder`")
	fs.DurationVar(&o.loadFor, "load", 5*time.Second, "server load `duration` per endpoint")
	fs.BoolVar(&o.liveOnly, "live-only", false, "measure the live preview alone (save → page), which needs only -timeline and -seed")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.loads < 1 || o.bigLoads < 1 || o.clicks < 1 || o.bigClicks < 1 || o.phone < 1 {
		return o, errors.New("-loads, -big-loads, -clicks, -big-clicks and -phone-loads must be at least 1")
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

// run takes the phases in turn; each adds its part to the report.
func run(o options) error {
	if o.liveOnly {
		if err := os.MkdirAll(o.out, 0o755); err != nil {
			return err
		}
		rw := measureLive(o).row()
		fmt.Printf("%s: %s (target %s) %s\n", rw.Measure, rw.Ours, rw.Target, rw.Verdict)
		if rw.Verdict != "PASS" {
			return errors.New("the live preview missed its target")
		}
		return nil
	}
	begin := time.Now()
	r := &report{Started: begin.UTC().Format(time.RFC3339), Go: runtime.Version(), CPUs: runtime.NumCPU()}
	r.LoadAvg[0] = loadAverage()
	env, err := setUp(o)
	if err != nil {
		return err
	}
	defer env.stop()
	if err := measureBundles(env, r); err != nil {
		r.Notes = append(r.Notes, "app.wasm not measured: "+err.Error())
	}
	measureFirstHTML(env, r)
	if err := measureBrowser(env, o, r); err != nil {
		return err
	}
	measureServerLoad(env, o, r)
	r.Live = measureLive(o)
	r.Notes = append(r.Notes, env.stop()...)
	r.Seconds = time.Since(begin).Seconds()
	r.LoadAvg[1] = loadAverage()
	return r.write(o.out)
}

// benchStory is one story every widget is given.
type benchStory struct {
	Key    string            `json:"key"`
	Label  string            `json:"label"`
	Events int               `json:"events"`
	urls   map[string]string // page address by widget key
}

// env is what the phases measure: the servers and the stories.
type env struct {
	hello, helloClicks *server // the floor, and the floor with two links to click
	embedded, big      *server
	peers              *peerServer
	headlines          []string // the seed story's, for the first HTML
	secondID           string   // the second visit's story
	stories            []*benchStory
}

// generated are the synthetic stories, by events, with their actors and relations.
var generated = []struct{ events, actors, relations int }{
	{1000, 60, 150}, {10000, 500, 2000},
}

// setUp generates the stories, writes them out for the peers and starts the servers.
func setUp(o options) (*env, error) {
	for _, f := range []string{o.timeline, o.hello, o.helloWasm, o.helloClicks, o.clicksWasm, o.seed, o.second} {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("%w (run `make bench`, which builds what the benchmarks need)", err)
		}
	}
	e := &env{}
	_, events, err := readStory(o.seed)
	if err != nil {
		return nil, err
	}
	for _, ev := range events {
		e.headlines = append(e.headlines, ev.Headline)
	}
	var second struct {
		Story struct {
			ID string `json:"id"`
		} `json:"story"`
	}
	if b, err := os.ReadFile(o.second); err != nil || json.Unmarshal(b, &second) != nil || second.Story.ID == "" {
		return nil, fmt.Errorf("%s: no story id (-second names another embedded story)", o.second)
	}
	e.secondID = second.Story.ID

	dataDir, peerDir := filepath.Join(o.out, "data"), filepath.Join(o.out, "peers")
	for _, d := range []string{dataDir, peerDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	files := []struct{ key, file, path string }{{"seed", o.seed, "/"}}
	for _, g := range generated {
		logf("generating a story of %d events", g.events)
		cmd := exec.Command(o.timeline, "generate", "-events", fmt.Sprint(g.events), "-actors", fmt.Sprint(g.actors),
			"-relations", fmt.Sprint(g.relations), "-out", dataDir)
		if b, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("timeline generate: %w\n%s", err, b)
		}
		id := fmt.Sprintf("generated-%d", g.events)
		files = append(files, struct{ key, file, path string }{fmt.Sprint(g.events), filepath.Join(dataDir, id+".json"), route.Page{Kind: route.Story, ID: id}.Path("/")})
	}
	if e.peers, err = startPeerServer(o.npm, peerDir); err != nil {
		return nil, err
	}
	if e.hello, err = startServer("hello world", o.hello, 30*time.Second, "-addr", "127.0.0.1:0", "-wasm", o.helloWasm); err != nil {
		e.stop()
		return nil, err
	}
	if e.helloClicks, err = startServer("hello world with links", o.helloClicks, 30*time.Second, "-addr", "127.0.0.1:0", "-wasm", o.clicksWasm); err != nil {
		e.stop()
		return nil, err
	}
	serve := []string{"serve", "-addr", "127.0.0.1:0"}
	if o.wasm != "" {
		serve = append(serve, "-wasm", o.wasm)
	}
	if e.embedded, err = startServer("timeline serve", o.timeline, 60*time.Second, serve...); err != nil {
		e.stop()
		return nil, err
	}
	if e.big, err = startServer("timeline serve -data", o.timeline, 120*time.Second, append(serve, "-data", dataDir)...); err != nil {
		e.stop()
		return nil, err
	}
	for _, f := range files {
		tl, vis, n, err := writePeerPages(peerDir, f.key, f.file)
		if err != nil {
			e.stop()
			return nil, err
		}
		label := fmt.Sprintf("%s events", group(n))
		srv := e.big
		if f.key == "seed" {
			label, srv = fmt.Sprintf("seed story, %d events", n), e.embedded
		}
		e.stories = append(e.stories, &benchStory{Key: f.key, Label: label, Events: n, urls: map[string]string{
			ours.Key: srv.base + f.path, timelineJS.Key: e.peers.base + tl, visTimeline.Key: e.peers.base + vis,
		}})
	}
	// The first request of a page renders or compresses it; the loads measure readers after it.
	for _, s := range e.stories {
		for _, u := range s.urls {
			logf("warming %s", u)
			if err := warm(u); err != nil {
				e.stop()
				return nil, err
			}
		}
		for _, w := range []string{"timelinejs-" + s.Key + ".json", "vis-" + s.Key + ".json"} {
			if err := warm(e.peers.base + "/peers/" + w); err != nil {
				e.stop()
				return nil, err
			}
		}
	}
	return e, nil
}

// stop stops the servers that run, and says which did not exit cleanly.
func (e *env) stop() []string {
	var notes []string
	for _, s := range []*server{e.hello, e.helloClicks, e.embedded, e.big} {
		if s == nil {
			continue
		}
		if err := s.stop(); err != nil {
			notes = append(notes, err.Error())
		}
	}
	e.hello, e.helloClicks, e.embedded, e.big = nil, nil, nil, nil
	if e.peers != nil {
		e.peers.stop()
		e.peers = nil
	}
	return notes
}

// measureBundles is the bundle phase.
func measureBundles(e *env, r *report) (err error) {
	logf("measuring app.wasm as served")
	if r.Bundle, err = measureBundle(e.embedded.base); err != nil {
		return err
	}
	r.Floor, err = measureBundle(e.hello.base)
	return err
}

// measureFirstHTML is the first-HTML phase.
func measureFirstHTML(e *env, r *report) {
	logf("reading the first HTML response")
	r.FirstHTML = checkFirstHTML(e.embedded.base+"/", e.headlines)
}

// measureServerLoad is the server phase.
func measureServerLoad(e *env, o options, r *report) {
	for _, t := range []struct {
		srv          *server
		path, accept string
	}{
		{e.embedded, "/", "br, gzip"},
		{e.embedded, route.Asset("/", "app.wasm"), "br, gzip"},
		{e.big, route.Page{Kind: route.Story, ID: "generated-10000"}.Path("/"), "br, gzip"},
	} {
		logf("loading %s for %v", t.path, o.loadFor)
		res := load.Run(context.Background(), load.Options{
			URL: t.srv.base + t.path, Header: http.Header{"Accept-Encoding": {t.accept}},
			Concurrency: 8, Duration: o.loadFor,
		})
		r.Load = append(r.Load, loadRow{Path: t.path, Accept: t.accept, Concurrency: 8, Result: res,
			PerSecond: res.PerSecond(), MBPerSecond: res.MBPerSecond()})
	}
	r.Memory = measureRSS(e.embedded)
}

// group writes n with thousands separated by commas.
func group(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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
		req, _ := http.NewRequest(http.MethodGet, route.Asset(base, "app.wasm"), nil)
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
