//go:build !wasm

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"timeline/internal/load"
)

// report is everything one run measured; it is written as bench.json.
type report struct {
	Started   string       `json:"started"`
	Seconds   float64      `json:"seconds"`
	Go        string       `json:"go"`
	Chromium  string       `json:"chromium"`
	CPUs      int          `json:"cpus"`
	LoadAvg   [2]string    `json:"loadAverage"` // the 1-minute load average at the start and the end
	Bundle    bundleSizes  `json:"bundle"`      // ours
	Floor     bundleSizes  `json:"floor"`       // the hello world's
	FirstHTML firstHTML    `json:"firstHTML"`
	Profiles  []profile    `json:"profiles"`
	Pages     []*benchPage `json:"pages"`
	Second    secondVisit  `json:"secondVisit"`
	Load      []loadRow    `json:"load"`
	Memory    *rssReport   `json:"memory"` // the server's resident memory (rss.go)
	Live      *liveResult  `json:"live"`   // the live preview (live.go)
	Rows      []row        `json:"rows"`
	Notes     []string     `json:"notes,omitempty"`
}

// loadRow is the server under load on one endpoint.
type loadRow struct {
	Path        string      `json:"path"`
	Accept      string      `json:"acceptEncoding"`
	Concurrency int         `json:"concurrency"`
	Result      load.Result `json:"result"`
	PerSecond   float64     `json:"perSecond"`
	MBPerSecond float64     `json:"mbPerSecond"`
}

// row is one line of the table: the measure for ours, each peer and the hello world, our ratio
// to the better peer (or to the hello world, for the bundle), and the target with PASS or FAIL
// when the row has one.
type row struct {
	Measure    string `json:"measure"`
	Ours       string `json:"timeline"`
	TimelineJS string `json:"timelinejs,omitempty"`
	Vis        string `json:"vis,omitempty"`
	Hello      string `json:"hello,omitempty"`
	Ratio      string `json:"ratio,omitempty"`
	Target     string `json:"target,omitempty"`
	Verdict    string `json:"verdict,omitempty"`
	// Floor says that the hello world, go-app's own cost, misses the target too in this run:
	// there the target is below what go-app v9 can do, whatever the widget does.
	Floor string `json:"floor,omitempty"`
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

// The targets of DESIGN.md's budgets.
const (
	maxBundleRatio = 1.10 // app.wasm brotli over the hello world's
	clickSlackMs   = 2.0  // click → next paint over the faster peer's, at the seed story and 1,000 events
)

// measure is one kind of row of the side-by-side table.
type measure struct {
	name  string
	value func(pg *benchPage) (float64, bool) // false when not measured
	text  func(pg *benchPage) string
	// unready is the measure of a page none of whose loads became interactive, where it has one.
	unready func(pg *benchPage) (float64, bool)
}

var measures = []measure{
	{name: "bytes until interactive",
		value: func(pg *benchPage) (float64, bool) { return float64(pg.Median.Bytes), len(pg.Loads) > 0 },
		text:  func(pg *benchPage) string { return kb(pg.Median.Bytes) }},
	{name: "first contentful paint",
		value: func(pg *benchPage) (float64, bool) { return pg.Median.FCP, len(pg.Loads) > 0 },
		text:  func(pg *benchPage) string { return fmt.Sprintf("%.0f ms", pg.Median.FCP) },
		unready: func(pg *benchPage) (float64, bool) {
			return median(pg.UnreadyFCP), len(pg.UnreadyFCP) > 0
		}},
	{name: "interactive",
		value: func(pg *benchPage) (float64, bool) { return pg.Median.Ready, len(pg.Loads) > 0 },
		text:  func(pg *benchPage) string { return fmt.Sprintf("%s ms", group(int(pg.Median.Ready+0.5))) }},
	{name: "click → next paint, median (p95)",
		value: func(pg *benchPage) (float64, bool) {
			return pg.clickMedian(), pg.Clicks != nil && pg.Clicks.Samples > 0
		},
		text: func(pg *benchPage) string {
			c := pg.Clicks
			if c == nil {
				return ""
			}
			s := ""
			if c.Samples > 0 {
				s = fmt.Sprintf("%.1f ms (%.1f)", c.Median, c.P95)
			}
			if c.Err != "" {
				s = strings.TrimPrefix(s+"; failed: "+c.Err, "; ")
			}
			return s
		}},
	{name: "DOM elements",
		value: func(pg *benchPage) (float64, bool) { return float64(pg.Median.Elements), len(pg.Loads) > 0 },
		text:  func(pg *benchPage) string { return group(pg.Median.Elements) }},
	{name: "memory: JS heap + WebAssembly",
		value: func(pg *benchPage) (float64, bool) {
			return float64(pg.Median.HeapBytes + pg.Median.WasmMemory), len(pg.Loads) > 0
		},
		text: func(pg *benchPage) string {
			m := pg.Median
			if m.WasmMemory == 0 {
				return mb(m.HeapBytes)
			}
			return fmt.Sprintf("%s (%s + %s)", mb(m.HeapBytes+m.WasmMemory), mb(m.HeapBytes), mb(m.WasmMemory))
		}},
}

func (pg *benchPage) clickMedian() float64 {
	if pg.Clicks == nil {
		return 0
	}
	return pg.Clicks.Median
}

// target is the budget a row of ours must meet against the peers in the same run, if any, and
// which peers' figures it needs: a peer that failed on a page fails only the targets it is part of.
func target(profile, story, measure string) (text string, ok func(ours, tl, vis float64) bool, needTL, needVis bool) {
	switch {
	case measure == "first contentful paint":
		return "≤ TimelineJS", func(o, tl, _ float64) bool { return o <= tl }, true, false
	case profile != "desktop":
		return "", nil, false, false
	case measure == "interactive" && story == "seed":
		return "≤ 1.25 × TimelineJS", func(o, tl, _ float64) bool { return o <= 1.25*tl }, true, false
	case measure == "interactive" && story == "1000":
		return "≤ 1.0 × vis-timeline", func(o, _, vis float64) bool { return o <= vis }, false, true
	case measure == "interactive" && story == "10000":
		return "≤ 0.5 × vis-timeline", func(o, _, vis float64) bool { return o <= 0.5*vis }, false, true
	case strings.HasPrefix(measure, "click") && story == "10000":
		return "≤ 0.5 × vis-timeline", func(o, _, vis float64) bool { return o <= 0.5*vis }, false, true
	case strings.HasPrefix(measure, "click"):
		// The faster peer of the two: both must have been measured.
		return fmt.Sprintf("≤ faster peer + %.0f ms", clickSlackMs), func(o, tl, vis float64) bool {
			return o <= min(tl, vis)+clickSlackMs
		}, true, true
	}
	return "", nil, false, false
}

func (r *report) rows() []row {
	var rows []row
	find := func(profile, story, w string) *benchPage {
		for _, pg := range r.Pages {
			if pg.Profile == profile && pg.Story == story && pg.Widget == w {
				return pg
			}
		}
		return nil
	}
	stories := []string{}
	labels := map[string]string{}
	for _, pg := range r.Pages {
		if pg.Story != "" && labels[pg.Story] == "" {
			stories = append(stories, pg.Story)
			labels[pg.Story] = storyLabel(pg)
		}
	}
	for _, p := range r.Profiles {
		hello := find(p.Name, "", helloWorld.Key)
		for _, s := range stories {
			pages := map[string]*benchPage{}
			for _, w := range []string{ours.Key, timelineJS.Key, visTimeline.Key} {
				pages[w] = find(p.Name, s, w)
			}
			for _, m := range measures {
				rw := row{Measure: fmt.Sprintf("%s · %s · %s", p.Name, labels[s], m.name)}
				cell := func(pg *benchPage) (string, float64, bool) {
					if pg == nil {
						return "", 0, false
					}
					if len(pg.Loads) == 0 {
						if m.unready != nil {
							if v, ok := m.unready(pg); ok {
								return fmt.Sprintf("%.0f ms, then failed: %s", v, pg.Err), v, true
							}
						}
						return "failed: " + pg.Err, 0, false
					}
					v, ok := m.value(pg)
					return m.text(pg), v, ok
				}
				var o, tl, vis, h float64
				var okO, okTL, okVis, okH bool
				rw.Ours, o, okO = cell(pages[ours.Key])
				rw.TimelineJS, tl, okTL = cell(pages[timelineJS.Key])
				rw.Vis, vis, okVis = cell(pages[visTimeline.Key])
				if hello != nil {
					rw.Hello, h, okH = cell(hello)
				}
				better := 0.0
				switch {
				case okTL && okVis:
					better = min(tl, vis)
				case okTL:
					better = tl
				case okVis:
					better = vis
				}
				if okO && better > 0 {
					rw.Ratio = fmt.Sprintf("×%.2f", o/better)
				}
				if text, ok, needTL, needVis := target(p.Name, s, m.name); ok != nil {
					rw.Target = text
					peers := (okTL || !needTL) && (okVis || !needVis)
					rw.Verdict = verdict(okO && peers && ok(o, tl, vis))
					if rw.Verdict == "FAIL" && okH && peers && !ok(h, tl, vis) {
						rw.Floor = rw.Hello
					}
				}
				rows = append(rows, rw)
			}
		}
	}

	size := func(name string, ours, floor int64, limit float64) {
		rw := row{Measure: "app.wasm, " + name, Ours: mb(ours), Hello: mb(floor),
			Ratio: fmt.Sprintf("×%.2f the hello world", float64(ours)/float64(floor))}
		if limit > 0 {
			rw.Target = fmt.Sprintf("≤ ×%.2f the hello world", limit)
			rw.Verdict = verdict(float64(ours) <= limit*float64(floor))
		}
		rows = append(rows, rw)
	}
	if r.Bundle.Brotli > 0 && r.Floor.Brotli > 0 {
		size("raw", r.Bundle.Raw, r.Floor.Raw, 0)
		size("gzip", r.Bundle.Gzip, r.Floor.Gzip, 0)
		size("brotli", r.Bundle.Brotli, r.Floor.Brotli, maxBundleRatio)
	} else {
		rows = append(rows, row{Measure: "app.wasm, brotli", Ours: "not measured (see the note below)",
			Target: fmt.Sprintf("≤ ×%.2f the hello world", maxBundleRatio), Verdict: "FAIL"})
	}

	rows = append(rows, r.offsiteRow())

	f := r.FirstHTML
	val := fmt.Sprintf("%d of %d event headlines, in %s of HTML", f.Headlines, f.Of, kb(int64(f.Bytes)))
	if f.Err != "" {
		val = f.Err
	}
	rows = append(rows, row{Measure: "readable content in the first HTML response (seed story)", Ours: val,
		Target: "every headline", Verdict: verdict(f.Err == "" && f.Of > 0 && f.Headlines == f.Of)})

	v := r.Second
	sv := row{Measure: fmt.Sprintf("%s · second visit: another article of the same site (%s after %s), app.wasm on the wire",
		v.Profile, strings.TrimPrefix(v.Second, hostOf(v.Second)), strings.TrimPrefix(v.First, hostOf(v.First))),
		Target: "0 bytes of bundle"}
	if v.Err != "" {
		sv.Ours, sv.Verdict = "failed: "+v.Err, "FAIL"
	} else {
		sv.Ours = fmt.Sprintf("%d bytes (from %s); the page: %s in %d requests, first paint %.0f ms, interactive %s ms (first visit: %s, interactive %s ms)",
			max(0, v.Visit2.WasmTransfer), orDash(v.Visit2.WasmDelivery), kb(v.Visit2.Bytes), v.Visit2.Requests, v.Visit2.FCP,
			group(int(v.Visit2.Ready+0.5)), kb(v.Visit1.Bytes), group(int(v.Visit1.Ready+0.5)))
		sv.Verdict = verdict(v.Visit2.WasmTransfer == 0)
	}
	if v.First != "" { // measured with the phone profile
		rows = append(rows, sv)
	}

	for _, l := range r.Load {
		res := l.Result
		v := fmt.Sprintf("%.0f requests/s, %.1f MB/s; latency p50 %s, p99 %s; %d errors in %d requests",
			l.PerSecond, l.MBPerSecond, msText(res.P50), msText(res.P99), res.Errors, res.Requests)
		if res.FirstError != "" {
			v += " (first: " + res.FirstError + ")"
		}
		rows = append(rows, row{Measure: fmt.Sprintf("server: GET %s (%s), %d connections, %s", l.Path, l.Accept, l.Concurrency, res.Elapsed.Round(time.Second)),
			Ours: v, Target: "no errors", Verdict: verdict(res.Errors == 0 && res.Requests > 0)})
	}
	rows = append(rows, r.Memory.rows()...)
	if r.Live != nil {
		rows = append(rows, r.Live.row())
	}
	return rows
}

func storyLabel(pg *benchPage) string {
	if pg.Story == "seed" {
		return fmt.Sprintf("seed story (%d events)", pg.Events)
	}
	return group(pg.Events) + " events"
}

func hostOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.Index(u[i+3:], "/"); j >= 0 {
			return u[:i+3+j]
		}
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// table is the report as one Markdown table with a heading line and the profiles under it.
func (r *report) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "timeline benchmarks: %s, %s, Chromium %s, %d CPUs (load average %s at the start, %s at the end), %.0f s\n\n",
		r.Started, r.Go, r.Chromium, r.CPUs, r.LoadAvg[0], r.LoadAvg[1], r.Seconds)
	for _, p := range r.Profiles {
		fmt.Fprintf(&b, "- %s: %s\n", p.Name, p.Description)
	}
	b.WriteString("\n| measure | timeline | " + timelineJS.Name + " | " + visTimeline.Name + " | " + helloWorld.Name +
		" | timeline ÷ better peer | target | |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	for _, rw := range r.Rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", esc(rw.Measure), esc(rw.Ours), esc(rw.TimelineJS),
			esc(rw.Vis), esc(rw.Hello), rw.Ratio, rw.Target, rw.Verdict)
	}
	pass, fail := 0, 0
	for _, rw := range r.Rows {
		switch rw.Verdict {
		case "PASS":
			pass++
		case "FAIL":
			fail++
		}
	}
	fmt.Fprintf(&b, "\n%d targets pass, %d fail.\n", pass, fail)
	for _, rw := range r.Rows {
		if rw.Floor != "" {
			fmt.Fprintf(&b, "Below go-app's floor in this run: %s, %s; the hello world alone misses it (%s).\n",
				rw.Measure, rw.Target, rw.Floor)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	return b.String()
}

// write prints the table and writes it, and the whole report, into out.
func (r *report) write(out string) error {
	r.Rows = r.rows()
	table := r.table()
	fmt.Print(table)
	if err := os.WriteFile(filepath.Join(out, "bench.md"), []byte(table), 0o644); err != nil {
		return err
	}
	j, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "bench.json"), append(j, '\n'), 0o644)
}

func mb(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
func kb(n int64) string { return fmt.Sprintf("%s kB", group(int(float64(n)/1e3+0.5))) }

func msText(d time.Duration) string { return fmt.Sprintf("%.1f ms", ms(d)) }

// offsiteRow counts, for each widget, the requests its pages sent to other hosts over the whole
// run: the peers' pages are written to load nothing from elsewhere, and so is ours.
func (r *report) offsiteRow() row {
	rw := row{Measure: "requests to hosts other than this machine, every load and click of every page",
		Target: "none"}
	total := 0
	cell := func(w string) string {
		var urls []string
		for _, pg := range r.Pages {
			if pg.Widget == w {
				urls = append(urls, pg.Offsite...)
			}
		}
		total += len(urls)
		switch len(urls) {
		case 0:
			return "none"
		case 1:
			return "1: " + urls[0]
		}
		return fmt.Sprintf("%d, the first %s", len(urls), urls[0])
	}
	rw.Ours, rw.TimelineJS, rw.Vis, rw.Hello = cell(ours.Key), cell(timelineJS.Key), cell(visTimeline.Key), cell(helloWorld.Key)
	rw.Verdict = verdict(total == 0)
	return rw
}
