//go:build !wasm

package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"timeline/app/route"
	"timeline/internal/browsertest"
)

// benchPage is one widget on one story in one profile: the loads the browser takes of it, and
// the clicks after the last.
type benchPage struct {
	Widget  string `json:"widget"`  // a widget's key
	Story   string `json:"story"`   // a benchStory's key; "" for the hello world
	Events  int    `json:"events"`  // 0 for the hello world
	Profile string `json:"profile"` // desktop or phone
	URL     string `json:"url"`
	w       widget
	loads   int // loads to take
	clicks  int // click samples after the last; 0 for none
	// clickURL, when set, is where the clicks are taken instead, in a tab of its own: the
	// hello world is loaded as the size floor and clicked in its build with links.
	clickURL string

	Loads  []loadMetrics `json:"loads"`
	Median loadMetrics   `json:"median"` // the median of each measure over the successful loads
	Err    string        `json:"error,omitempty"`
	// UnreadyFCP holds the first contentful paints of loads that never became interactive, read
	// when they were given up: a page may paint long before it answers, or never answer at all.
	UnreadyFCP []float64   `json:"unreadyFcpMs,omitempty"`
	Clicks     *clickStats `json:"clicks,omitempty"`
	// Offsite is every request a load or click of the page sent to another host.
	Offsite []string `json:"offsite,omitempty"`
}

// secondVisit is a reader who read one article with the widget and opens another of the same
// site: Chromium keys its HTTP cache by top-level site, so the bundle may come from the cache.
type secondVisit struct {
	Profile string      `json:"profile"`
	First   string      `json:"first"`
	Second  string      `json:"second"`
	Visit1  loadMetrics `json:"visit1"`
	Visit2  loadMetrics `json:"visit2"`
	Err     string      `json:"error,omitempty"`
}

// measureBrowser is the browser phase: the desktop and phone profiles, then the second visit.
func measureBrowser(e *env, o options, r *report) error {
	b, err := startBrowser()
	if err != nil {
		return err
	}
	defer b.Close()
	r.Chromium = b.Version
	for _, p := range []profile{desktop, phone} {
		if !slices.Contains(strings.Split(o.profiles, ","), p.Name) {
			continue
		}
		p.readyTimeout = 60 * time.Second
		if p.throttled {
			p.readyTimeout = 120 * time.Second
		}
		pages := benchPages(e, o, p)
		measurePages(b, pages, p)
		r.Pages = append(r.Pages, pages...)
		r.Profiles = append(r.Profiles, p)
	}
	if slices.Contains(strings.Split(o.profiles, ","), phone.Name) {
		r.Second = measureSecondVisit(b, e, phone)
	}
	if o.cpuProfiles != "" {
		return measureCPUProfiles(b, e, o)
	}
	return nil
}

// benchPages lists the pages of one profile: the hello world once, then each story in each
// widget.
func benchPages(e *env, o options, p profile) []*benchPage {
	loads, bigLoads, clicks, bigClicks := o.loads, o.bigLoads, o.clicks, o.bigClicks
	if p.throttled {
		loads, bigLoads, clicks, bigClicks = o.phone, 1, max(1, o.clicks/3), max(1, o.bigClicks/2)
	}
	pages := []*benchPage{{Widget: helloWorld.Key, Profile: p.Name, URL: e.hello.base + "/", w: helloWorld, loads: loads,
		clicks: clicks, clickURL: e.helloClicks.base + "/"}}
	for _, s := range e.stories {
		if !slices.Contains(strings.Split(o.stories, ","), s.Key) {
			continue
		}
		l, c := loads, clicks
		if s.Events >= 10000 {
			l, c = bigLoads, bigClicks
		}
		for _, w := range []widget{ours, timelineJS, visTimeline} {
			pages = append(pages, &benchPage{Widget: w.Key, Story: s.Key, Events: s.Events, Profile: p.Name,
				URL: s.urls[w.Key], w: w, loads: l, clicks: c})
		}
	}
	return pages
}

// measurePages takes the loads in rounds, one load of each page per round, so that whatever
// else the machine is doing weighs on every page alike; the last load of each page is followed
// by its clicks.
func measurePages(b *browsertest.Browser, pages []*benchPage, p profile) {
	rounds := 0
	for _, pg := range pages {
		rounds = max(rounds, pg.loads)
	}
	for round := range rounds {
		for _, pg := range pages {
			if round >= pg.loads || pg.Err != "" {
				continue
			}
			logf("%s: load %d/%d of %s", p.Name, round+1, pg.loads, pg.URL)
			tb, err := newTab(b, pg.w, p, true)
			if err != nil {
				pg.Err = err.Error()
				continue
			}
			m, err := tb.load(pg.URL, p.readyTimeout)
			if err != nil {
				pg.Err = err.Error()
				if m.FCP > 0 {
					pg.UnreadyFCP = append(pg.UnreadyFCP, m.FCP)
				}
			} else {
				pg.Loads = append(pg.Loads, m)
				if round == pg.loads-1 && pg.clicks > 0 {
					pg.Clicks = clickPage(b, tb, pg, p)
				}
			}
			pg.Offsite = append(pg.Offsite, tb.sentElsewhere()...)
			tb.close()
		}
	}
	for _, pg := range pages {
		pg.Median = medianLoad(pg.Loads)
		if pg.clicks > 0 && pg.Clicks == nil {
			pg.Clicks = &clickStats{Err: "no click taken: the page never became interactive"}
		}
	}
}

// clickPage takes the clicks of a page in tb, where it was just loaded, or in a tab of its own
// at pg.clickURL.
func clickPage(b *browsertest.Browser, tb *tab, pg *benchPage, p profile) *clickStats {
	if pg.clickURL != "" {
		ct, err := newTab(b, pg.w, p, true)
		if err != nil {
			return &clickStats{Err: err.Error()}
		}
		defer func() {
			pg.Offsite = append(pg.Offsite, ct.sentElsewhere()...)
			ct.close()
		}()
		if _, err := ct.load(pg.clickURL, p.readyTimeout); err != nil {
			return &clickStats{Err: err.Error()}
		}
		tb = ct
	}
	logf("%s: clicking %d markers of %s", p.Name, pg.clicks, cmp.Or(pg.clickURL, pg.URL))
	settle := 400 * time.Millisecond
	if p.throttled {
		settle = time.Second
	}
	st := tb.clicks(2, pg.clicks, settle, 90*time.Second)
	return &st
}

// measureSecondVisit loads the seed story's page, lets the reader read for a moment, then
// opens another story's page of the same site in the same tab.
func measureSecondVisit(b *browsertest.Browser, e *env, p profile) secondVisit {
	v := secondVisit{Profile: p.Name, First: e.embedded.base + "/", Second: route.Page{Kind: route.Story, ID: e.secondID}.Path(e.embedded.base)}
	logf("%s: second visit, %s then %s", p.Name, v.First, v.Second)
	tb, err := newTab(b, ours, p, false)
	if err != nil {
		v.Err = err.Error()
		return v
	}
	defer tb.close()
	if v.Visit1, err = tb.load(v.First, 120*time.Second); err != nil {
		v.Err = "first visit: " + err.Error()
		return v
	}
	time.Sleep(3 * time.Second)
	if v.Visit2, err = tb.load(v.Second, 120*time.Second); err != nil {
		v.Err = "second visit: " + err.Error()
	}
	return v
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
		return median(v)
	}
	return loadMetrics{
		Ready:        med(func(l loadMetrics) float64 { return l.Ready }),
		FCP:          med(func(l loadMetrics) float64 { return l.FCP }),
		Bytes:        int64(med(func(l loadMetrics) float64 { return float64(l.Bytes) })),
		Requests:     int(med(func(l loadMetrics) float64 { return float64(l.Requests) })),
		HTMLEnd:      med(func(l loadMetrics) float64 { return l.HTMLEnd }),
		WasmEnd:      med(func(l loadMetrics) float64 { return l.WasmEnd }),
		WasmTransfer: int64(med(func(l loadMetrics) float64 { return float64(l.WasmTransfer) })),
		WasmDelivery: ls[len(ls)-1].WasmDelivery,
		Markers:      int(med(func(l loadMetrics) float64 { return float64(l.Markers) })),
		Elements:     int(med(func(l loadMetrics) float64 { return float64(l.Elements) })),
		HeapBytes:    int64(med(func(l loadMetrics) float64 { return float64(l.HeapBytes) })),
		WasmMemory:   int64(med(func(l loadMetrics) float64 { return float64(l.WasmMemory) })),
		WallMs:       med(func(l loadMetrics) float64 { return l.WallMs }),
	}
}

// median is the middle of v, or the mean of its two middle values; 0 for none.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(v))
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

func (pg *benchPage) String() string { return fmt.Sprintf("%s/%s/%s", pg.Profile, pg.Story, pg.Widget) }
