// Package load is a small closed-loop HTTP load generator for loopback measurements: a fixed
// number of workers each send one request at a time, for a bounded time and a bounded count, and
// every response is checked. The hardening tests use it for a few seconds; `make bench` for longer.
// It is a development tool and is never part of the served binary or the WebAssembly.
package load

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Options says what to request and for how long. Zero values take the defaults noted.
type Options struct {
	URL         string        // the target, e.g. http://127.0.0.1:8000/
	Header      http.Header   // sent with every request, e.g. Accept-Encoding: br
	Concurrency int           // workers, each with one request in flight; 0 means 4
	Duration    time.Duration // stop starting requests after this long; 0 means 2 s
	MaxRequests int           // stop after this many requests in all; 0 means no limit
	// Hosts, when above 0, sends each request under a Host header of its own, h<n>.load.test
	// for n counting up to Hosts and round again: a server's caches keyed by Host meet as many
	// names as a crawler or an attacker would give them.
	Hosts int
	// Check, when set, judges each response whose body has been read; an error counts the
	// request as failed. Without it a response fails unless its status is 200.
	Check func(res *http.Response, body []byte) error
	// Client sends the requests; nil means a client with one kept-alive connection per
	// worker, no transparent decompression (bodies are measured as sent) and a 30 s timeout.
	Client *http.Client
}

// Result is what one run measured. Latencies are from sending the request to reading the last
// byte of the body.
type Result struct {
	Requests   int           // requests completed, successful or not
	Errors     int           // requests that failed: a transport error or a rejected response
	FirstError string        // the first failure, for the report; "" when none
	Bytes      int64         // body bytes received
	Elapsed    time.Duration // from the first request to the last response
	P50, P95   time.Duration // latency percentiles of all requests
	P99, Max   time.Duration
}

// PerSecond is the throughput in requests per second.
func (r Result) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// MBPerSecond is the body throughput in megabytes (10^6 bytes) per second.
func (r Result) MBPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Bytes) / 1e6 / r.Elapsed.Seconds()
}

// Run sends requests until the duration passes, MaxRequests have been started, or ctx ends,
// then waits for the requests in flight and reports. It never returns early with requests
// still running, so a caller may shut the server down right after.
func Run(ctx context.Context, o Options) Result {
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.Duration <= 0 {
		o.Duration = 2 * time.Second
	}
	client := o.Client
	if client == nil {
		tr := &http.Transport{MaxIdleConnsPerHost: o.Concurrency, DisableCompression: true}
		defer tr.CloseIdleConnections()
		client = &http.Client{Transport: tr, Timeout: 30 * time.Second}
	}
	check := o.Check
	if check == nil {
		check = func(res *http.Response, _ []byte) error {
			if res.StatusCode != http.StatusOK {
				return fmt.Errorf("status %d", res.StatusCode)
			}
			return nil
		}
	}
	ctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()

	var (
		started atomic.Int64
		mu      sync.Mutex
		res     Result
		lats    []time.Duration
		wg      sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		res.Errors++
		if res.FirstError == "" {
			res.FirstError = err.Error()
		}
	}
	begin := time.Now()
	for range o.Concurrency {
		wg.Go(func() {
			var mine []time.Duration
			var bytes int64
			for ctx.Err() == nil {
				n := started.Add(1)
				if o.MaxRequests > 0 && n > int64(o.MaxRequests) {
					break
				}
				t0 := time.Now()
				// The request does not carry ctx: one that has started runs to its end,
				// so the run's end never shows up as an error.
				req, err := http.NewRequest(http.MethodGet, o.URL, nil)
				if err != nil {
					fail(err)
					break
				}
				for k, v := range o.Header {
					req.Header[k] = v
				}
				if o.Hosts > 0 {
					req.Host = fmt.Sprintf("h%d.load.test", (n-1)%int64(o.Hosts))
				}
				got, err := fetch(client, req, check)
				mine = append(mine, time.Since(t0))
				bytes += got
				if err != nil {
					fail(err)
				}
			}
			mu.Lock()
			lats = append(lats, mine...)
			res.Bytes += bytes
			mu.Unlock()
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(begin)
	res.Requests = len(lats)
	slices.Sort(lats)
	res.P50, res.P95, res.P99 = Percentile(lats, 50), Percentile(lats, 95), Percentile(lats, 99)
	if len(lats) > 0 {
		res.Max = lats[len(lats)-1]
	}
	return res
}

// fetch sends req, reads the whole body and checks the response, which must also be as long
// as its Content-Length says.
func fetch(client *http.Client, req *http.Request, check func(*http.Response, []byte) error) (int64, error) {
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return int64(len(body)), fmt.Errorf("%s: reading the body: %w", req.URL, err)
	}
	if res.ContentLength >= 0 && int64(len(body)) != res.ContentLength {
		return int64(len(body)), fmt.Errorf("%s: %d body bytes, Content-Length %d", req.URL, len(body), res.ContentLength)
	}
	if err := check(res, body); err != nil {
		return int64(len(body)), fmt.Errorf("%s: %w", req.URL, err)
	}
	return int64(len(body)), nil
}

// Percentile returns the p-th percentile (nearest rank) of sorted durations; 0 when empty.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p/100*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}
