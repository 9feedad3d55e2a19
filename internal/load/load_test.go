package load

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunStopsAtMaxRequestsAndCountsFailures(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%10 == 0 {
			http.Error(w, "every tenth fails", http.StatusInternalServerError)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	res := Run(t.Context(), Options{URL: srv.URL, Concurrency: 3, Duration: 10 * time.Second, MaxRequests: 100})
	if res.Requests != 100 || n.Load() != 100 {
		t.Errorf("completed %d requests, server saw %d, want 100 each", res.Requests, n.Load())
	}
	if res.Errors != 10 || res.FirstError == "" {
		t.Errorf("errors = %d (%q), want 10", res.Errors, res.FirstError)
	}
	if res.Bytes == 0 || res.P50 <= 0 || res.P99 < res.P50 || res.Max < res.P99 {
		t.Errorf("implausible result %+v", res)
	}
}

func TestRunUsesCheck(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(r.Header.Get("Accept-Encoding")))
	}))
	defer srv.Close()
	res := Run(t.Context(), Options{
		URL: srv.URL, Header: http.Header{"Accept-Encoding": {"br"}}, MaxRequests: 5,
		Check: func(_ *http.Response, body []byte) error {
			if string(body) != "br" {
				return errors.New("the header was not sent")
			}
			return nil
		},
	})
	if res.Requests != 5 || res.Errors != 0 {
		t.Errorf("requests %d, errors %d (%s)", res.Requests, res.Errors, res.FirstError)
	}
}

func TestPercentileIsNearestRank(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty gives zero", nil, 50, 0},
		{"one value is every percentile", []time.Duration{ms(7)}, 99, ms(7)},
		{"the median of four is the second", []time.Duration{ms(1), ms(2), ms(3), ms(4)}, 50, ms(2)},
		{"p95 of twenty is the nineteenth", func() []time.Duration {
			var d []time.Duration
			for i := 1; i <= 20; i++ {
				d = append(d, ms(i))
			}
			return d
		}(), 95, ms(19)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
}

func TestRunNamesEachHostInTurn(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.Host]++
		mu.Unlock()
	}))
	defer srv.Close()
	res := Run(t.Context(), Options{URL: srv.URL, Concurrency: 2, Duration: 10 * time.Second, MaxRequests: 30, Hosts: 10})
	if res.Requests != 30 || len(seen) != 10 || seen["h0.load.test"] != 3 || seen["h9.load.test"] != 3 {
		t.Errorf("%d requests under the hosts %v, want 30, three under each of h0 to h9", res.Requests, seen)
	}
}
