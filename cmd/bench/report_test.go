//go:build !wasm

package main

import (
	"strings"
	"testing"
)

// fcpRow is the first-paint row of a run where ours painted at fcp ms and TimelineJS never became
// interactive, having painted at tl ms (none when tl is 0).
func fcpRow(t *testing.T, fcp, tl float64) row {
	t.Helper()
	failed := "not interactive (.tl-timemarker) within 2m0s"
	page := func(w widget) *benchPage {
		return &benchPage{Widget: w.Key, Story: "10000", Events: 10000, Profile: phone.Name}
	}
	o, js, vis := page(ours), page(timelineJS), page(visTimeline)
	o.Loads = []loadMetrics{{FCP: fcp, Ready: 20000}}
	o.Median = medianLoad(o.Loads)
	js.Err, vis.Err = failed, "not interactive (.vis-item) within 2m0s"
	if tl > 0 {
		js.UnreadyFCP = []float64{tl}
	}
	r := &report{Profiles: []profile{phone}, Pages: []*benchPage{o, js, vis}}
	for _, rw := range r.rows() {
		if strings.HasSuffix(rw.Measure, "first contentful paint") {
			return rw
		}
	}
	t.Fatal("no first contentful paint row")
	return row{}
}

func TestFirstPaintOfAPageThatNeverAnswers(t *testing.T) {
	rw := fcpRow(t, 1028, 1312)
	if !strings.HasPrefix(rw.TimelineJS, "1312 ms, then failed: not interactive") {
		t.Errorf("TimelineJS's cell is %q, want its first paint and why its load failed", rw.TimelineJS)
	}
	if rw.Verdict != "PASS" || rw.Ratio != "×0.78" {
		t.Errorf("ours at 1028 ms against TimelineJS's 1312: verdict %q, ratio %q; want PASS, ×0.78", rw.Verdict, rw.Ratio)
	}
	if !strings.HasPrefix(rw.Vis, "failed: ") {
		t.Errorf("vis-timeline painted nothing that was read, yet its cell is %q", rw.Vis)
	}

	rw = fcpRow(t, 1028, 900)
	if rw.Verdict != "FAIL" {
		t.Errorf("ours at 1028 ms against TimelineJS's 900: verdict %q, want FAIL", rw.Verdict)
	}

	rw = fcpRow(t, 1028, 0)
	if rw.Verdict != "FAIL" || !strings.HasPrefix(rw.TimelineJS, "failed: ") {
		t.Errorf("TimelineJS with no first paint read: cell %q, verdict %q; want failed and FAIL (nothing to compare with)", rw.TimelineJS, rw.Verdict)
	}
}

func TestElsewhere(t *testing.T) {
	for u, want := range map[string]bool{
		"http://127.0.0.1:8123/web/app.wasm":      false,
		"http://localhost:8000/":                  false,
		"http://[::1]:8000/":                      false,
		"data:image/svg+xml,<svg/>":               false,
		"blob:http://127.0.0.1:8123/1234":         false,
		"https://fonts.googleapis.com/css?family": true,
		"http://10.0.0.1/":                        true,
		"wss://example.org/socket":                true,
	} {
		if got := elsewhere(u); got != want {
			t.Errorf("elsewhere(%q) = %t, want %t", u, got, want)
		}
	}
}

func TestOffsiteRowCountsEveryWidgetsRequests(t *testing.T) {
	r := &report{Pages: []*benchPage{
		{Widget: ours.Key}, {Widget: helloWorld.Key},
		{Widget: timelineJS.Key, Offsite: []string{"https://fonts.example/a.css"}},
		{Widget: timelineJS.Key, Offsite: []string{"https://fonts.example/b.css"}},
	}}
	rw := r.offsiteRow()
	if rw.Ours != "none" || rw.Hello != "none" || rw.Vis != "none" {
		t.Errorf("ours %q, hello %q, vis %q: want none for each", rw.Ours, rw.Hello, rw.Vis)
	}
	if rw.TimelineJS != "2, the first https://fonts.example/a.css" || rw.Verdict != "FAIL" {
		t.Errorf("TimelineJS %q, verdict %q: want its two requests and FAIL", rw.TimelineJS, rw.Verdict)
	}
	r.Pages = r.Pages[:2]
	if rw := r.offsiteRow(); rw.Verdict != "PASS" {
		t.Errorf("no request elsewhere: verdict %q, want PASS", rw.Verdict)
	}
}
