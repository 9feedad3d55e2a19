//go:build !wasm

// Tests that every input is bounded: the server's caches under many Host names, slow readers
// and a shutdown in the middle of a download, and the commands' inputs (size, nesting, FIFOs,
// signals, symbolic links out of -data, an export cut short). They assert behaviour with rates
// and sizes shrunk through options, never speed.
//
// Run: go test ./internal/site -run 'Bound|Slow|Symlink|Interrupted|BaseURL|Crawler'

package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/route"
)

// manyHosts asks h for the front page under n distinct Host names, accepting gzip, and returns
// the og:url of the last one.
func manyHosts(t *testing.T, h http.Handler, n int) string {
	t.Helper()
	var body string
	for i := range n {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = fmt.Sprintf("h%d.example", i)
		r.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			t.Fatalf("Host %s: status %d", r.Host, w.Code)
		}
		zr, err := gzip.NewReader(w.Body)
		if err != nil {
			t.Fatalf("Host %s: %v", r.Host, err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("Host %s: %v", r.Host, err)
		}
		body = string(b)
	}
	return metaContent(body, "og:url")
}

// metaContent returns the content of the page's <meta property=…>, whatever order go-app writes
// its attributes in.
func metaContent(page, property string) string {
	metas := parseHTML(page).find(func(n *htmlNode) bool { return n.tag == "meta" && n.attrs["property"] == property })
	if len(metas) == 0 {
		return ""
	}
	return metas[0].attrs["content"]
}

// checkCacheCounts checks the caches' own byte counts against their bounds, and that what the
// page cache counts covers what its pages hold.
func checkCacheCounts(t *testing.T, s *site, pageBound, zipBound int) (pages, zips int) {
	t.Helper()
	pages, size, hosts := s.pages.cached()
	if size > pageBound || hosts > maxCachedHosts {
		t.Errorf("the page cache holds %d pages, %d bytes for %d hosts; bounds %d bytes, %d hosts", pages, size, hosts, pageBound, maxCachedHosts)
	}
	held := 0
	s.pages.mu.Lock()
	for el := s.pages.lru.Front(); el != nil; el = el.Next() {
		held += cap(el.Value.(*cacheEntry).page.body)
	}
	s.pages.mu.Unlock()
	if held > size {
		t.Errorf("the page cache counts %d bytes but its pages hold %d", size, held)
	}
	zips, zsize := s.zips.held()
	if zsize > zipBound {
		t.Errorf("the compressed pages take %d bytes, bound %d", zsize, zipBound)
	}
	return pages, zips
}

func TestManyHostsStayWithinTheCachesBounds(t *testing.T) {
	wasm := fakeWasm(t)
	// Bounds shrunk so that 30 hosts overflow both: five pages, and about ten compressed ones.
	h, err := NewHandler(Config{WasmFile: wasm})
	if err != nil {
		t.Fatal(err)
	}
	one := httptest.NewRecorder()
	h.ServeHTTP(one, httptest.NewRequest("GET", "/", nil))
	pageBound, zipBound := 5*one.Body.Len(), 2*one.Body.Len()

	t.Run("trusting Host, few hosts are kept and the bytes stay bounded", func(t *testing.T) {
		h, err := NewHandler(Config{WasmFile: wasm, PageCacheBytes: pageBound, ZipBytes: zipBound})
		if err != nil {
			t.Fatal(err)
		}
		if got := manyHosts(t, h, 30); got != "http://h29.example/" {
			t.Errorf("og:url = %q, want the request's own host", got)
		}
		pages, zips := checkCacheCounts(t, h.(*site), pageBound, zipBound)
		if pages == 0 || zips == 0 {
			t.Errorf("%d pages and %d compressed pages kept: the caches should hold some", pages, zips)
		}
	})
	t.Run("with the default bounds", func(t *testing.T) {
		h, err := NewHandler(Config{WasmFile: wasm})
		if err != nil {
			t.Fatal(err)
		}
		manyHosts(t, h, 30)
		if pages, _ := checkCacheCounts(t, h.(*site), pageCacheBytes, compressedBytes); pages != maxCachedHosts {
			t.Errorf("%d pages kept for 30 hosts, want one for each of the first %d", pages, maxCachedHosts)
		}
	})
	t.Run("with -base-url, Host is ignored and one page is kept", func(t *testing.T) {
		u, err := ParseBaseURL("https://News.Example.org/prefix/")
		if err != nil {
			t.Fatal(err)
		}
		h, err := NewHandler(Config{WasmFile: wasm, PublicURL: u, Base: route.Prefix(u.Path)})
		if err != nil {
			t.Fatal(err)
		}
		if got := manyHosts(t, h, 30); got != "https://news.example.org/prefix/" {
			t.Errorf("og:url = %q, want the public URL with its scheme", got)
		}

		if pages, _ := checkCacheCounts(t, h.(*site), pageCacheBytes, compressedBytes); pages != 1 {
			t.Errorf("%d pages kept, want 1", pages)
		}
		r := httptest.NewRequest("GET", "/story/"+defaultStory(t).Info.ID, nil)
		r.Host = "evil.example"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		want := `href="https://news.example.org/prefix/oembed?format=json&amp;url=https%3A%2F%2Fnews.example.org%2Fprefix%2Fstory%2F`
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("the oEmbed discovery link is not under the public URL: want %s…", want)
		}
	})
	t.Run("a host's spelling is not served to another", func(t *testing.T) {
		h, err := NewHandler(Config{WasmFile: wasm})
		if err != nil {
			t.Fatal(err)
		}
		for _, host := range []string{"Timeline.TEST", "timeline.test"} {
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = host
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if !strings.Contains(w.Body.String(), `content="http://timeline.test/"`) {
				t.Errorf("Host %s: og:url is not the lower-case host", host)
			}
		}
	})
}

func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"https://example.org", "https://example.org", ""},
		{"https://Example.ORG/news/", "https://example.org/news", ""},
		{"http://127.0.0.1:8000/a/b", "http://127.0.0.1:8000/a/b", ""},
		{"ftp://example.org", "", "https:// or http://"},
		{"example.org", "", "https:// or http://"},
		{"https://example.org/?q=1", "", "a scheme, a host and at most a path"},
		{"https://user@example.org", "", "a scheme, a host and at most a path"},
		{"https://example.org/a b", "", "its path"},
	}
	for _, tt := range tests {
		u, err := ParseBaseURL(tt.in)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseBaseURL(%q) = %v, want an error with %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || u.String() != tt.want):
			t.Errorf("ParseBaseURL(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
}

// slowReader reads a whole response from a connection whose receive buffer is small, at about
// rate bytes per second, so that the server's writes wait on it.
func slowGet(t *testing.T, addr, target string, rate int) ([]byte, error) {
	t.Helper()
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 32<<10) })
	}}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(60 * time.Second))
	io.WriteString(conn, request("GET", target))
	var out bytes.Buffer
	start, chunk := time.Now(), make([]byte, 32<<10)
	for {
		n, err := conn.Read(chunk)
		out.Write(chunk[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return out.Bytes(), err
		}
		// Pace: sleep until the bytes read so far are due at rate.
		if due := time.Duration(float64(out.Len()) / float64(rate) * float64(time.Second)); due > time.Since(start) {
			time.Sleep(due - time.Since(start))
		}
	}
	_, body, _ := bytes.Cut(out.Bytes(), []byte("\r\n\r\n"))
	return body, nil
}

// TestASlowReaderFinishesTheBundle: with the rates shrunk (a server write timeout of 300 ms, an
// asset deadline of 300 ms plus 1 s per 2 MB), a reader at 6 MB/s takes about two seconds for a
// 12 MB bundle, far past the write timeout, and gets all of it, even through a shutdown that
// begins in the middle of its download.
func TestASlowReaderFinishesTheBundle(t *testing.T) {
	bundle := make([]byte, 12<<20)
	rand.Read(bundle)
	wasm := filepath.Join(t.TempDir(), "app.wasm")
	if err := os.WriteFile(wasm, bundle, 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(Config{WasmFile: wasm, AssetWriteBase: 300 * time.Millisecond, AssetMinRate: 2 << 20})
	if err != nil {
		t.Fatal(err)
	}
	timeouts := Timeouts{Write: 300 * time.Millisecond, Grace: 30 * time.Second}

	t.Run("a slow reader gets the whole bundle", func(t *testing.T) {
		srv := serveLiveWith(t, h, timeouts)
		body, err := slowGet(t, srv.addr, "/web/app.wasm", 6<<20)
		if err != nil || !bytes.Equal(body, bundle) {
			t.Errorf("read %d of %d bytes (%v)", len(body), len(bundle), err)
		}
	})
	t.Run("a reader slower than the least rate is cut off", func(t *testing.T) {
		srv := serveLiveWith(t, h, timeouts)
		body, _ := slowGet(t, srv.addr, "/web/app.wasm", 1<<20)
		if len(body) >= len(bundle) {
			t.Errorf("a reader at 1 MB/s got all %d bytes; the deadline for 12 MB at 2 MB/s is 6.3 s", len(body))
		}
	})
	t.Run("a shutdown waits for the download in flight", func(t *testing.T) {
		srv := serveLiveWith(t, h, timeouts)
		got := make(chan []byte, 1)
		go func() {
			body, _ := slowGet(t, srv.addr, "/web/app.wasm", 6<<20)
			got <- body
		}()
		time.Sleep(300 * time.Millisecond)
		stopped := make(chan error, 1)
		go func() { stopped <- srv.stop() }()
		if body := <-got; !bytes.Equal(body, bundle) {
			t.Errorf("the download in flight got %d of %d bytes", len(body), len(bundle))
		}
		if err := <-stopped; err != nil {
			t.Errorf("serveUntilDone: %v", err)
		}
	})
}

func TestRangesOfTheBundle(t *testing.T) {
	h := embeddedHandler(t)
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/web/app.wasm", nil)
	r.Header.Set("Range", "bytes=4-")
	h.ServeHTTP(w, r)
	if w.Code != 206 || w.Body.String() != "\x01\x00\x00\x00" || w.Header().Get("Content-Range") != "bytes 4-7/8" {
		t.Errorf("Range: bytes=4- = %d %q %q, want 206 of the last 4 bytes", w.Code, w.Body.String(), w.Header().Get("Content-Range"))
	}
}

func TestDataFolderRefusesWhatIsNotItsOwnFile(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.json")
	if err := os.WriteFile(secret, []byte("SECRET-BYTES"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		make func(dir string) error
		want string
	}{
		{"a symbolic link out of the folder", func(dir string) error { return os.Symlink(secret, filepath.Join(dir, "x.json")) }, "x.json: cannot read the file: "},
		{"a relative link up and out", func(dir string) error {
			return os.Symlink(filepath.Join("..", filepath.Base(outside), "secret.json"), filepath.Join(dir, "x.json"))
		}, "x.json: cannot read the file: "},
		{"a FIFO", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "x.json"), 0o600) }, "x.json: cannot read the file: not a regular file"},
		{"a folder named like a story", func(dir string) error { return os.Mkdir(filepath.Join(dir, "x.json"), 0o755) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(filepath.Dir(outside), "data-"+strings.ReplaceAll(tt.name, " ", "-"))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(dir) })
			if err := tt.make(dir); err != nil {
				t.Skip(err)
			}
			stories, err := LoadStories(dir)
			if tt.want == "" {
				if err != nil || len(stories) != 0 {
					t.Errorf("%d stories, %v; want none and no error", len(stories), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("loadStories = %v, want an error with %q", err, tt.want)
			} else if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "'S'") {
				t.Errorf("the error shows the target's bytes: %v", err)
			}
		})
	}
}

func TestAnInterruptedExportLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	o := ExportConfig{Out: out, Base: "/", WasmFile: fakeWasm(t), Quality: 1}
	if err := Export(ctx, o, io.Discard); !errors.Is(err, context.Canceled) {
		t.Fatalf("an export cut short: %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Fatalf("an export cut short left %v", entries)
	}
	if err := Export(t.Context(), o, io.Discard); err != nil {
		t.Fatalf("the next export: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the export: %v, want only it", entries)
	}
}

// TestCrawlerPathsAreQuiet: what crawlers ask for first is answered without a 5xx and without
// a line in any log, however often they ask.
func TestCrawlerPathsAreQuiet(t *testing.T) {
	h := embeddedHandler(t)
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	goappLog := app.DefaultLogger
	app.DefaultLogger = func(format string, v ...any) { fmt.Fprintf(&logged, format, v...) }
	defer func() { app.DefaultLogger = goappLog }()
	for range 3 {
		for path, want := range map[string]int{"/robots.txt": 200, "/sitemap.xml": 404, "/ads.txt": 404} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
			if w.Code != want {
				t.Errorf("GET %s = %d, want %d", path, w.Code, want)
			}
		}
	}
	if logged.Len() > 0 {
		t.Errorf("crawler paths logged: %q", logged.String())
	}
}
