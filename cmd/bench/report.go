//go:build !wasm

package main

import (
	"fmt"
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
	Pages     []*benchPage `json:"pages"`
	Load      []loadRow    `json:"load"`
	Memory    *rssReport   `json:"memory"` // the server's resident memory (rss.go)
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

// row is one line of the table; Verdict is PASS or FAIL when the row has a budget.
type row struct {
	Measure string `json:"measure"`
	Value   string `json:"value"`
	Budget  string `json:"budget,omitempty"`
	Verdict string `json:"verdict,omitempty"`
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

// Budgets of DESIGN.md.
const (
	maxBundleRatio = 1.10                  // app.wasm brotli over the hello world's
	maxReadyRatio  = 1.5                   // time to data-ready over the hello world's
	maxClickSmall  = 16 * time.Millisecond // click to updated view, median, at 20 events
	maxClickBig    = 50 * time.Millisecond // the same at 10,000 events
)

func (r *report) rows() []row {
	var rows []row
	add := func(measure, value, budget, v string) { rows = append(rows, row{measure, value, budget, v}) }
	size := func(name string, ours, floor int64, budget string, limit float64) {
		ratio := float64(ours) / float64(floor)
		v := ""
		if limit > 0 {
			v = verdict(ratio <= limit)
		}
		add("app.wasm, "+name, fmt.Sprintf("%s (hello world %s): ×%.2f", mb(ours), mb(floor), ratio), budget, v)
	}
	size("raw", r.Bundle.Raw, r.Floor.Raw, "", 0)
	size("gzip", r.Bundle.Gzip, r.Floor.Gzip, "", 0)
	size("brotli", r.Bundle.Brotli, r.Floor.Brotli, fmt.Sprintf("≤ ×%.2f", maxBundleRatio), maxBundleRatio)

	f := r.FirstHTML
	val := fmt.Sprintf("%d of %d event headlines, in %s of HTML", f.Headlines, f.Of, kb(int64(f.Bytes)))
	if f.Err != "" {
		val = f.Err
	}
	add("readable content in the first HTML response (seed story)", val, "every headline", verdict(f.Err == "" && f.Of > 0 && f.Headlines == f.Of))

	var hello *benchPage
	for _, p := range r.Pages {
		if p.Events == 0 {
			hello = p
		}
	}
	for _, p := range r.Pages {
		n := fmt.Sprintf(" (median of %d)", len(p.Loads))
		if len(p.Loads) == 0 {
			add(p.Name+": load", "failed: "+p.Err, readyBudget(p), "FAIL")
			if p.Clicks != nil {
				add(p.Name+": click to updated view", "not measured: the page never became ready", clickBudget(p), clickVerdict(p))
			}
			continue
		}
		m := p.Median
		add(p.Name+": bytes transferred until ready", mb(m.Bytes)+fmt.Sprintf(" in %d requests", m.Requests)+n, "", "")
		add(p.Name+": first contentful paint", fmt.Sprintf("%.0f ms", m.FCP)+n, "", "")
		ready := fmt.Sprintf("%.0f ms", m.Ready)
		if p != hello && hello != nil && hello.Median.Ready > 0 {
			ready += fmt.Sprintf(" (×%.2f the hello world)", m.Ready/hello.Median.Ready)
		}
		if m.WasmEnd > 0 {
			ready += fmt.Sprintf("; app.wasm received at %.0f ms", m.WasmEnd)
		}
		if p.Err != "" {
			ready += "; a later load failed: " + p.Err
		}
		add(p.Name+": time to data-ready", ready+n, readyBudget(p), readyVerdict(p, hello))
		if c := p.Clicks; c != nil {
			var parts []string
			if c.Samples > 0 {
				parts = append(parts, fmt.Sprintf("%.1f / %.1f ms (%d clicks; the DOM updated after %.1f / %.1f ms)",
					c.Median, c.P95, c.Samples, c.UpdateMedian, c.UpdateP95))
			}
			if c.Err != "" {
				parts = append(parts, "failed: "+c.Err)
			}
			v := strings.Join(parts, "; ")
			add(p.Name+": click to updated view, median / p95", v, clickBudget(p), clickVerdict(p))
		}
	}
	for _, l := range r.Load {
		res := l.Result
		v := fmt.Sprintf("%.0f requests/s, %.1f MB/s; latency p50 %s, p99 %s; %d errors in %d requests",
			l.PerSecond, l.MBPerSecond, msText(res.P50), msText(res.P99), res.Errors, res.Requests)
		if res.FirstError != "" {
			v += " (first: " + res.FirstError + ")"
		}
		add(fmt.Sprintf("server: GET %s (%s), %d connections, %s", l.Path, l.Accept, l.Concurrency, res.Elapsed.Round(time.Second)),
			v, "no errors", verdict(res.Errors == 0 && res.Requests > 0))
	}
	return append(rows, r.Memory.rows()...)
}

func readyBudget(p *benchPage) string {
	switch p.Events {
	case 0:
		return ""
	case 10000:
		return "renders"
	}
	if strings.HasPrefix(p.Name, "seed") {
		return fmt.Sprintf("≤ ×%.1f the hello world", maxReadyRatio)
	}
	return ""
}

func readyVerdict(p, hello *benchPage) string {
	switch b := readyBudget(p); {
	case b == "":
		return ""
	case p.Events == 10000:
		return verdict(len(p.Loads) > 0 && p.Err == "")
	default:
		return verdict(hello != nil && hello.Median.Ready > 0 && p.Median.Ready <= maxReadyRatio*hello.Median.Ready)
	}
}

func clickBudget(p *benchPage) string {
	switch {
	case p.Events == 10000:
		return fmt.Sprintf("median < %v", maxClickBig)
	case p.Events <= 20 || strings.HasPrefix(p.Name, "seed"):
		return fmt.Sprintf("median < %v", maxClickSmall)
	}
	return ""
}

func clickVerdict(p *benchPage) string {
	limit := maxClickSmall
	switch b := clickBudget(p); {
	case b == "":
		return ""
	case p.Events == 10000:
		limit = maxClickBig
	}
	c := p.Clicks
	return verdict(c != nil && c.Samples > 0 && c.Err == "" && c.Median < ms(limit))
}

// table is the report as one Markdown table with a heading line.
func (r *report) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "timeline benchmarks: %s, %s, Chromium %s, %d CPUs (load average %s at the start, %s at the end), %.0f s\n\n",
		r.Started, r.Go, r.Chromium, r.CPUs, r.LoadAvg[0], r.LoadAvg[1], r.Seconds)
	b.WriteString("| measure | value | budget | |\n| --- | --- | --- | --- |\n")
	for _, row := range r.Rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", row.Measure, strings.ReplaceAll(row.Value, "|", `\|`), row.Budget, row.Verdict)
	}
	pass, fail := 0, 0
	for _, row := range r.Rows {
		switch row.Verdict {
		case "PASS":
			pass++
		case "FAIL":
			fail++
		}
	}
	fmt.Fprintf(&b, "\n%d budgets pass, %d fail.\n", pass, fail)
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	return b.String()
}

func mb(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
func kb(n int64) string { return fmt.Sprintf("%.0f kB", float64(n)/1e3) }

func msText(d time.Duration) string { return fmt.Sprintf("%.1f ms", ms(d)) }
