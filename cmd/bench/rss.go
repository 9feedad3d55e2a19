//go:build !wasm

package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"timeline/internal/load"
)

// The server's memory. After the load phases, a phase of requests for the front page under many
// distinct Host names, as crawlers and attackers send them (each name is a page of its own to a
// server that trusts Host), brotli or gzip; then the server process's resident set (VmRSS) and
// its peak over the whole run (VmHWM), read from /proc, against the bound the server states.
const (
	// manyHostNames is how many distinct Host names the phase sends, once each (each is a page
	// rendered: about 20 ms of a CPU on an idle machine), for at most manyHostsFor.
	manyHostNames = 1000
	manyHostsFor  = 60 * time.Second
	// rssBound is the resident memory `timeline serve` is to stay within: its caches' bounds
	// (64 MB of prerendered pages, 32 MB of compressed ones), the garbage collector's room over
	// them, and the binary, with the bundle inside, as far as it is read.
	rssBound = 256 << 20
)

// rssReport is what the memory phase measured.
type rssReport struct {
	Hosts  int         `json:"hosts"`
	Load   load.Result `json:"load"`
	Before int64       `json:"rssBeforeBytes"` // after the other load phases
	After  int64       `json:"rssAfterBytes"`  // after the many-hosts phase
	Peak   int64       `json:"peakRSSBytes"`   // the highest resident set of the whole run
	Bound  int64       `json:"boundBytes"`
	Err    string      `json:"error,omitempty"`
}

// measureRSS runs the many-hosts phase against s.
func measureRSS(s *server) *rssReport {
	m := &rssReport{Hosts: manyHostNames, Bound: rssBound}
	pid := s.cmd.Process.Pid
	var err error
	if m.Before, _, err = procMemory(pid); err != nil {
		m.Err = err.Error()
		return m
	}
	logf("requesting / under %d Host names", manyHostNames)
	m.Load = load.Run(context.Background(), load.Options{
		URL: s.base + "/", Header: http.Header{"Accept-Encoding": {"br, gzip"}},
		Concurrency: 8, Duration: manyHostsFor, MaxRequests: manyHostNames, Hosts: manyHostNames,
	})
	if m.After, m.Peak, err = procMemory(pid); err != nil {
		m.Err = err.Error()
	}
	return m
}

// procMemory reads a process's resident set and its peak, in bytes, from /proc (Linux).
func procMemory(pid int) (rss, peak int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("the server's memory cannot be read: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), ":")
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		switch name {
		case "VmRSS":
			rss = kb << 10
		case "VmHWM":
			peak = kb << 10
		}
	}
	if rss == 0 {
		return 0, 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
	}
	return rss, peak, sc.Err()
}

// rows are the phase's lines of the table.
func (m *rssReport) rows() []row {
	if m == nil {
		return nil
	}
	budget := fmt.Sprintf("≤ %d MB", m.Bound>>20)
	if m.Err != "" {
		return []row{{Measure: "server: resident memory", Ours: "not measured: " + m.Err, Target: budget, Verdict: "FAIL"}}
	}
	res := m.Load
	mib := func(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/(1<<20)) }
	return []row{
		{Measure: fmt.Sprintf("server: GET / under %d distinct Host names (br, gzip), 8 connections, %s", min(m.Hosts, res.Requests), res.Elapsed.Round(time.Second)),
			Ours: fmt.Sprintf("%.0f requests/s; latency p50 %s, p99 %s; %d errors in %d requests",
				res.PerSecond(), msText(res.P50), msText(res.P99), res.Errors, res.Requests),
			Target: "no errors", Verdict: verdict(res.Errors == 0 && res.Requests > 0)},
		{Measure: "server: resident memory after the load phases, before / after the many hosts; peak of the run",
			Ours: fmt.Sprintf("%s / %s; peak %s", mib(m.Before), mib(m.After), mib(m.Peak)), Target: budget, Verdict: verdict(m.Peak <= m.Bound)},
	}
}
