//go:build !wasm

// Tests of the server as the open internet meets it, over a real loopback listener served by
// serveUntilDone, exactly as `timeline serve` runs: hostile requests, a short bounded load, and
// a shutdown in the middle of a load. They assert behaviour (status codes, complete responses,
// no goroutine left behind), never speed; the longer load is in `make bench`.
//
// Run: go test ./internal/site -run 'Hostile|Load|Shutdown|SlowHeaders'

package site

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"timeline/internal/load"
)

// liveServer is the site served on 127.0.0.1 at a free port by serveUntilDone until the test ends.
type liveServer struct {
	addr string // host:port
	base string // http://host:port
	stop func() error
}

// serveLive serves h with serveUntilDone; stop (also run at cleanup) shuts it down gracefully
// and returns serveUntilDone's result. A panic in h fails the test: the server must answer
// every request, however hostile, without one.
func serveLive(t *testing.T, h http.Handler) *liveServer {
	t.Helper()
	return serveLiveWith(t, h, Timeouts{})
}

// serveLiveWith is serveLive with the server's timeouts.
func serveLiveWith(t *testing.T, h http.Handler, timeouts Timeouts) *liveServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	guarded := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				t.Errorf("%s %s panicked: %v", r.Method, r.URL, v)
				panic(v)
			}
		}()
		h.ServeHTTP(w, r)
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, guarded, timeouts) }()
	var once sync.Once
	var result error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case result = <-done:
			case <-time.After(20 * time.Second):
				result = fmt.Errorf("serveUntilDone did not return within 20 s of the cancel")
			}
		})
		return result
	}
	t.Cleanup(func() { stop() })
	addr := ln.Addr().String()
	return &liveServer{addr: addr, base: "http://" + addr, stop: stop}
}

// rawExchange writes raw to a new connection and reads one response. The bytes go out exactly
// as written, so a test can send what no well-behaved client would.
func rawExchange(t *testing.T, addr, raw string) (*http.Response, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(15 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatalf("writing the request: %v", err)
	}
	method, _, _ := strings.Cut(raw, " ")
	res, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("reading the response: %v", err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return res, string(b)
}

// request is a well-formed HTTP/1.1 request line and headers for target.
func request(method, target string, headers ...string) string {
	h := ""
	for _, x := range headers {
		h += x + "\r\n"
	}
	return method + " " + target + " HTTP/1.1\r\nHost: timeline.test\r\n" + h + "Connection: close\r\n\r\n"
}

func TestHostileRequests(t *testing.T) {
	srv := serveLive(t, embeddedHandler(t))
	st := defaultStory(t)
	ev, actor := st.Events[0].ID, st.Actors[0].ID
	// The stylesheet's ETag as sent without a coding, for the conditional rows.
	probe, _ := rawExchange(t, srv.addr, request("HEAD", "/web/style.css"))
	css := probe.Header.Get("ETag")
	if css == "" {
		t.Fatal("the stylesheet has no ETag")
	}
	const (
		secure = true  // headers: CSP and nosniff are set (net/http's own 400 and 431 carry neither)
		bare   = false // headers: not checked
	)
	tests := []struct {
		name     string
		raw      string
		status   int
		headers  bool   // the security headers are set
		contains string // in the body
		lacks    string // not in the body
		header   string // "Name: value" that the response carries; "Name: " for any value
		noHeader string // a header name the response must not carry
		bodyless bool   // HEAD: no body, and a Content-Length
	}{
		// Pages.
		{"the front page is served", request("GET", "/"), 200, secure, "data-widget", "", "ETag: ", "", false},
		{"a deep link is served", request("GET", "/?event="+url.QueryEscape(ev)), 200, secure, "data-widget", "", "", "", false},
		{"tracking parameters do not matter", request("GET", "/story/"+st.Info.ID+"?actor="+url.QueryEscape(actor)+"&utm_source=x&fbclid=y"), 200, secure, "data-widget", "", "", "", false},
		{"an unknown event shows the story with a notice", request("GET", "/?event=no-such-event"), 200, secure, "No event called", "", "", "", false},
		{"an unknown actor shows the story with a notice", request("GET", "/?actor=no-such-actor"), 200, secure, "No actor called", "", "", "", false},
		{"a quote and a backslash sent unescaped in a query stay in the address", request("GET", `/?event=a"b\c`), 200, secure, "?event=a%22b%5Cc", `a\"b`, "", "", false},
		{"markup in a deep link is escaped", request("GET", "/?event=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 200, secure, "No event called", "<script>alert(1)", "", "", false},
		{"an unknown story is 404 with a page", request("GET", "/story/no-such-story"), 404, secure, "There is no story called", "", "", "ETag", false},
		{"an unknown embed is 404 with a page", request("GET", "/embed/no-such-story"), 404, secure, "There is no story called", "", "", "ETag", false},
		{"an unknown route is 404 with a small page and no ETag", request("GET", "/no/such/page"), 404, secure, "Page not found", "", "", "ETag", false},
		{"go-app's version ETag does not make a page 304", request("GET", "/no/such/page", `If-None-Match: "`+srv.version(t)+`"`), 404, secure, "Page not found", "", "", "", false},
		{"a page's If-None-Match * is 304", request("GET", "/", "If-None-Match: *"), 304, secure, "", "", "ETag: ", "", false},
		{"a NUL in a story id is 404", request("GET", "/story/%00"), 404, secure, "", "", "", "", false},
		{"a very long story id is 404", request("GET", "/story/"+strings.Repeat("a", 8000)), 404, secure, "", "", "", "", false},
		{"an oversized query string is 400", request("GET", "/?event="+strings.Repeat("a", maxQueryBytes)), 400, secure, "query string", "data-widget", "", "", false},
		{"a malformed escape in the query is 400", request("GET", "/?event=%zz"), 400, secure, "malformed", "", "", "", false},
		{"a semicolon in the query is 400", request("GET", "/?event=a;b"), 400, secure, "malformed", "", "", "", false},
		{"a query value that is not UTF-8 is 400", request("GET", "/?event=%ff%fe"), 400, secure, "UTF-8", "", "", "", false},
		{"a query name that is not UTF-8 is 400", request("GET", "/story/"+st.Info.ID+"?%c3%28=1"), 400, secure, "UTF-8", "", "", "", false},
		{"a POST to a page is 405", request("POST", "/", "Content-Length: 0"), 405, secure, "", "data-widget", "", "", false},
		{"an unknown method on a page is 405", request("PROPFIND", "/"), 405, secure, "", "", "", "", false},
		{"HEAD of a page has headers only", request("HEAD", "/"), 200, secure, "", "", "", "", true},
		{"a page is brotli when br is accepted", request("GET", "/", "Accept-Encoding: gzip, br"), 200, secure, "", "", "Content-Encoding: br", "", false},
		{"br;Q=0 refuses brotli for a page", request("GET", "/", "Accept-Encoding: br;Q=0, gzip"), 200, secure, "", "", "Content-Encoding: gzip", "", false},

		// Crawlers.
		{"robots.txt allows every crawler", request("GET", "/robots.txt"), 200, secure, "User-agent: *\nAllow: /", "Sitemap", "Content-Type: text/plain; charset=utf-8", "", false},
		{"HEAD of robots.txt", request("HEAD", "/robots.txt"), 200, secure, "", "", "", "", true},
		{"there is no sitemap", request("GET", "/sitemap.xml"), 404, secure, "", "", "", "", false},
		{"there is no ads.txt", request("GET", "/ads.txt"), 404, secure, "", "", "", "", false},

		// Assets.
		{"a DELETE of an asset is 405", request("DELETE", "/web/style.css"), 405, secure, "", "", "", "", false},
		{"the stylesheet is compressed", request("GET", "/web/style.css", "Accept-Encoding: gzip, br"), 200, secure, "", "", "Content-Encoding: br", "", false},
		{"br;Q=0 refuses brotli", request("GET", "/web/style.css", "Accept-Encoding: br;Q=0"), 200, secure, "", "", "", "Content-Encoding", false},
		{"br;Q=0, gzip gets gzip", request("GET", "/web/style.css", "Accept-Encoding: br;Q=0, gzip"), 200, secure, "", "", "Content-Encoding: gzip", "", false},
		{"*;q=0, br gets brotli", request("GET", "/web/style.css", "Accept-Encoding: *;q=0, br"), 200, secure, "", "", "Content-Encoding: br", "", false},
		{"the higher weight wins", request("GET", "/web/style.css", "Accept-Encoding: br;q=0.5, GZIP;q=0.9"), 200, secure, "", "", "Content-Encoding: gzip", "", false},
		{"a weight that does not parse accepts nothing", request("GET", "/web/style.css", "Accept-Encoding: br;q=high"), 200, secure, "", "", "", "Content-Encoding", false},
		{"identity is the fallback", request("GET", "/web/style.css", "Accept-Encoding: identity;q=0, *;q=0"), 200, secure, "--", "", "", "Content-Encoding", false},
		{"If-None-Match with the ETag is 304", request("GET", "/web/style.css", "If-None-Match: "+css), 304, secure, "", "", "ETag: " + css, "", false},
		{"If-None-Match with W/ is 304", request("GET", "/web/style.css", "If-None-Match: W/"+css), 304, secure, "", "", "", "", false},
		{"If-None-Match with a list is 304", request("GET", "/web/style.css", `If-None-Match: "old", `+css), 304, secure, "", "", "", "", false},
		{"If-None-Match * is 304", request("GET", "/web/style.css", "If-None-Match: *"), 304, secure, "", "", "", "", false},
		{"If-None-Match with another ETag is 200", request("GET", "/web/style.css", `If-None-Match: "old"`), 200, secure, "--", "", "", "", false},
		{"a range is 206", request("GET", "/web/style.css", "Range: bytes=0-9"), 206, secure, "", "", "Content-Range: bytes 0-9/", "", false},
		{"a range of the brotli body is 206", request("GET", "/web/style.css", "Accept-Encoding: br", "Range: bytes=1-"), 206, secure, "", "", "Content-Encoding: br", "", false},
		{"a range past the end is 416", request("GET", "/web/style.css", "Range: bytes=99999999-"), 416, secure, "", "", "Content-Range: bytes */", "", false},
		{"If-Range with another ETag gets the whole file", request("GET", "/web/style.css", "Range: bytes=0-9", `If-Range: "old"`), 200, secure, "--", "", "", "Content-Range", false},
		{"HEAD of an asset has headers only", request("HEAD", "/web/style.css"), 200, secure, "", "", "", "", true},
		{"dot segments are redirected, not followed", request("GET", "/web/../go.mod"), 307, secure, "", "module timeline", "", "", false},
		{"encoded dot segments are not followed", request("GET", "/web/%2e%2e/go.mod"), 404, secure, "", "module timeline", "", "", false},
		{"an encoded slash is not a separator", request("GET", "/web/..%2fgo.mod"), 404, secure, "", "module timeline", "", "", false},
		{"stories are not listed", request("GET", "/web/data/"), 404, secure, "", "", "", "", false},
		{"assets are not listed", request("GET", "/web/"), 404, secure, "", "", "", "", false},
		{"a Go source is never served", request("GET", "/web/web.go"), 404, secure, "", "package web", "", "", false},
		{"an absolute path in an asset name is refused", request("GET", "/web//etc/passwd"), 307, secure, "", "root:", "", "", false},

		// The transport.
		{"a request line that is not HTTP is 400", "GARBAGE\r\n\r\n", 400, bare, "", "", "", "", false},
		{"an invalid Host header is 400", "GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n", 400, bare, "", "", "", "", false},
		{"HTTP/1.1 without a Host is 400", "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 400, bare, "", "", "", "", false},
		{"headers over MaxHeaderBytes are 431", request("GET", "/", "X-Big: "+strings.Repeat("b", 64<<10)), 431, bare, "", "", "", "", false},
		{"health is ok", request("GET", "/healthz"), 200, secure, "ok", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := rawExchange(t, srv.addr, tt.raw)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d; body: %.200q", res.StatusCode, tt.status, body)
			}
			if tt.contains != "" && !strings.Contains(body, tt.contains) {
				t.Errorf("the body lacks %q: %.300q", tt.contains, body)
			}
			if tt.lacks != "" && strings.Contains(body, tt.lacks) {
				t.Errorf("the body has %q", tt.lacks)
			}
			if name, value, ok := strings.Cut(tt.header, ": "); ok {
				if got, set := res.Header[http.CanonicalHeaderKey(name)]; !set || !strings.HasPrefix(strings.Join(got, ", "), value) {
					t.Errorf("%s = %q, want %q", name, got, value+"…")
				}
			}
			if got := res.Header.Get(tt.noHeader); tt.noHeader != "" && got != "" {
				t.Errorf("%s = %q, want none", tt.noHeader, got)
			}
			if tt.headers {
				if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
					t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
				}
				csp := res.Header.Get("Content-Security-Policy")
				_, after, found := strings.Cut(csp, "script-src")
				if script, _, _ := strings.Cut(after, ";"); !found || strings.Contains(script, "unsafe-inline") {
					t.Errorf("Content-Security-Policy = %q, want a script-src without 'unsafe-inline'", csp)
				}
			}
			if tt.bodyless && (body != "" || res.ContentLength <= 0) {
				t.Errorf("HEAD: %d body bytes and Content-Length %d, want none and the full length", len(body), res.ContentLength)
			}
		})
	}
	// After all of that, the server still serves.
	if res, body := rawExchange(t, srv.addr, request("GET", "/healthz")); res.StatusCode != 200 || body != "ok\n" {
		t.Errorf("after the hostile requests, /healthz = %d %q", res.StatusCode, body)
	}
	if err := srv.stop(); err != nil {
		t.Errorf("serveUntilDone: %v", err)
	}
}

// version returns the go-app version the site is built with, which go-app writes into its
// service worker and gives every response as its ETag before the server replaces it.
func (s *liveServer) version(t *testing.T) string {
	t.Helper()
	res, body := rawExchange(t, s.addr, request("GET", "/app-worker.js"))
	_, after, ok := strings.Cut(body, `const cacheName = "app-" + "`)
	v, _, _ := strings.Cut(after, `"`)
	if !ok || v == "" {
		t.Fatalf("no go-app version in /app-worker.js (status %d)", res.StatusCode)
	}
	return v
}

// TestSlowHeadersAreCutOff: a client that never finishes its headers (slowloris) is
// disconnected by ReadHeaderTimeout instead of holding a connection for ever.
func TestSlowHeadersAreCutOff(t *testing.T) {
	t.Parallel()
	srv := serveLive(t, embeddedHandler(t))
	conn, err := net.Dial("tcp", srv.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: timeline.test\r\nX-Slow: ")
	limit := newServer(nil, Timeouts{}).ReadHeaderTimeout
	conn.SetReadDeadline(time.Now().Add(limit + 10*time.Second))
	start := time.Now()
	_, err = io.ReadAll(conn) // ends when the server closes the connection
	if err != nil {
		t.Fatalf("the connection was still open %v later: %v", time.Since(start).Round(time.Second), err)
	}
}

// pageCheck accepts a 200 response whose body, once decoded as its Content-Encoding says, is a
// whole page or asset.
func pageCheck(res *http.Response, body []byte) error {
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", res.StatusCode)
	}
	var zr io.Reader
	switch enc := res.Header.Get("Content-Encoding"); enc {
	case "":
	case "br":
		zr = brotli.NewReader(bytes.NewReader(body))
	case "gzip":
		gz, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return err
		}
		zr = gz
	default:
		return fmt.Errorf("Content-Encoding %q", enc)
	}
	if zr != nil {
		var err error
		if body, err = io.ReadAll(zr); err != nil {
			return fmt.Errorf("decoding the %s body: %w", res.Header.Get("Content-Encoding"), err)
		}
	}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") && !strings.Contains(string(body), "</html>") {
		return fmt.Errorf("a page cut short (%d bytes)", len(body))
	}
	if len(body) == 0 {
		return fmt.Errorf("an empty body")
	}
	return nil
}

// loadTargets are the requests the loopback load mixes: cached pages, a page rendered on every
// request (an unknown id is never cached), assets and health.
func loadTargets(t *testing.T) []string {
	st := defaultStory(t)
	return []string{
		"/",
		"/?event=" + url.QueryEscape(st.Events[len(st.Events)/2].ID),
		"/story/" + st.Info.ID + "?actor=" + url.QueryEscape(st.Actors[0].ID) + "&utm_source=load",
		"/embed/" + st.Info.ID,
		"/?event=no-such-event",
		"/web/style.css",
		"/healthz",
	}
}

// TestLoadOnLoopback: a few seconds of concurrent requests on a real listener get complete,
// correct responses, every one, and leave no goroutine behind once the clients are gone.
func TestLoadOnLoopback(t *testing.T) {
	srv := serveLive(t, embeddedHandler(t))
	tr := &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	targets := loadTargets(t)
	// Warm up: go-app's one-time set-up and the first renders are not growth.
	for _, target := range targets {
		res, err := client.Get(srv.base + target)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	tr.CloseIdleConnections()
	baseline := settledGoroutines(0, 2*time.Second)

	var wg sync.WaitGroup
	results := make([]load.Result, len(targets))
	for i, target := range targets {
		wg.Go(func() {
			results[i] = load.Run(t.Context(), load.Options{
				URL: srv.base + target, Header: http.Header{"Accept-Encoding": {"gzip, br"}},
				Concurrency: 2, Duration: 2 * time.Second, MaxRequests: 2000,
				Check: pageCheck, Client: client,
			})
		})
	}
	wg.Wait()
	total := 0
	for i, r := range results {
		total += r.Requests
		if r.Requests == 0 || r.Errors > 0 {
			t.Errorf("GET %s: %d errors in %d requests; first: %s", targets[i], r.Errors, r.Requests, r.FirstError)
		}
	}
	for i, r := range results {
		t.Logf("GET %s: %d requests, p50 %v, p99 %v", targets[i], r.Requests, r.P50, r.P99)
	}
	t.Logf("%d requests in about 2 s over %d targets", total, len(targets))

	tr.CloseIdleConnections()
	if n := settledGoroutines(baseline, 5*time.Second); n > baseline {
		var stacks strings.Builder
		pprof.Lookup("goroutine").WriteTo(&stacks, 1)
		t.Errorf("%d goroutines after the load, %d before it:\n%s", n, baseline, stacks.String())
	}
	if err := srv.stop(); err != nil {
		t.Errorf("serveUntilDone: %v", err)
	}
}

// settledGoroutines waits up to limit for the number of goroutines to drop to want or below,
// and returns the number then. With want 0 it waits the whole limit for the count to stop
// falling: connections closed a moment ago take a moment to wind down.
func settledGoroutines(want int, limit time.Duration) int {
	deadline := time.Now().Add(limit)
	n := runtime.NumGoroutine()
	for time.Now().Before(deadline) && (want == 0 || n > want) {
		time.Sleep(50 * time.Millisecond)
		m := runtime.NumGoroutine()
		if want == 0 && m == n {
			break
		}
		n = m
	}
	return n
}

// TestShutdownUnderLoad: cancelling serveUntilDone (what SIGTERM does) while requests are in
// flight and more keep coming stops new connections at once, and every request the server had
// started is answered in full.
func TestShutdownUnderLoad(t *testing.T) {
	const held = 8
	var (
		mu      sync.Mutex
		started = map[string]bool{} // requests a handler began, by X-Request-Id
		arrived = make(chan struct{}, held)
		release = make(chan struct{})
	)
	site := embeddedHandler(t)
	srv := serveLive(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		started[r.Header.Get("X-Request-Id")] = true
		mu.Unlock()
		if r.Header.Get("X-Hold") != "" { // in flight until the shutdown has begun
			arrived <- struct{}{}
			<-release
		}
		site.ServeHTTP(w, r)
	}))

	var (
		seq  atomic.Int64
		okMu sync.Mutex
		ok   = map[string]bool{} // requests answered in full, by X-Request-Id
	)
	tr := &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	send := func(target string, hold bool) error {
		id := fmt.Sprint(seq.Add(1))
		req, _ := http.NewRequest(http.MethodGet, srv.base+target, nil)
		req.Header.Set("X-Request-Id", id)
		if hold {
			req.Header.Set("X-Hold", "1")
		}
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err == nil {
			err = pageCheck(res, body)
		}
		if err == nil && res.ContentLength >= 0 && int64(len(body)) != res.ContentLength {
			err = fmt.Errorf("%d of %d bytes", len(body), res.ContentLength)
		}
		if err != nil {
			return fmt.Errorf("request %s (%s): %w", id, target, err)
		}
		okMu.Lock()
		ok[id] = true
		okMu.Unlock()
		return nil
	}

	// The load: workers that keep sending until the server stops taking connections.
	stopLoad := make(chan struct{})
	var loadWG sync.WaitGroup
	targets := loadTargets(t)
	for w := range 4 {
		loadWG.Go(func() {
			for i := w; ; i++ {
				select {
				case <-stopLoad:
					return
				default:
				}
				send(targets[i%len(targets)], false) // failures to connect after the shutdown are expected
			}
		})
	}
	// Let the load get going before anything else.
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		okMu.Lock()
		n := len(ok)
		okMu.Unlock()
		if n >= 50 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d requests answered in 20 s before the shutdown", n)
		}
	}
	// The requests in flight: held inside the handler until the shutdown has begun.
	heldErrs := make(chan error, held)
	for i := range held {
		go func() { heldErrs <- send(targets[i%len(targets)], true) }()
	}
	for range held {
		select {
		case <-arrived:
		case <-time.After(20 * time.Second):
			t.Fatal("the held requests did not all reach the handler")
		}
	}

	stopped := make(chan error, 1)
	go func() { stopped <- srv.stop() }()
	// The listener closes at once: new connections are refused while the held requests wait.
	refused := false
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", srv.addr, time.Second)
		if err != nil {
			refused = true
			break
		}
		c.Close()
	}
	if !refused {
		t.Error("the server still accepted connections 10 s after the shutdown began")
	}
	select {
	case err := <-stopped:
		t.Fatalf("serveUntilDone returned (%v) while requests were in flight", err)
	default:
	}
	close(release)
	for range held {
		if err := <-heldErrs; err != nil {
			t.Errorf("a request in flight during the shutdown was lost: %v", err)
		}
	}
	close(stopLoad)
	loadWG.Wait()
	if err := <-stopped; err != nil {
		t.Errorf("serveUntilDone: %v", err)
	}

	mu.Lock()
	defer mu.Unlock()
	okMu.Lock()
	defer okMu.Unlock()
	lost := 0
	for id := range started {
		if !ok[id] {
			lost++
			if lost <= 5 {
				t.Errorf("request %s was started by the server but not answered in full", id)
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d started requests lost", lost, len(started))
	}
	t.Logf("%d requests started and answered; %d held through the shutdown", len(started), held)
}
