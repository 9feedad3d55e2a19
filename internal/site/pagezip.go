package site

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

const (
	// minCompressBytes is the smallest page worth compressing: below it the saving is lost in
	// the headers.
	minCompressBytes = 1024
	// compressedBytes bounds the memory the compressed pages take.
	compressedBytes = 32 << 20
	// brotliLevel and gzipLevel trade time for size once per page (the result is kept): brotli
	// 5 takes the seed story's 78 kB page to 12 kB in 3 ms, and a page of 10,000 events from
	// 7.2 MB to 0.6 MB in 0.2 s.
	brotliLevel = 5
	gzipLevel   = gzip.DefaultCompression
)

// compressPages sends pages (and go-app's scripts, style sheet and manifest, which come through
// the same handler) brotli- or gzip-compressed to clients that accept it. A prerendered
// page is text that compresses about six times: the seed story's first response drops from
// 78 kB to 12 kB, which a reader on a slow phone network sees as a first paint seconds sooner.
// It wraps the whole page chain, so that what the handlers inside add per request (oEmbed
// discovery links) is compressed too; each distinct page is compressed once and kept, by its
// content hash, in a bounded memory. A compressed page's ETag is made weak, as a compressed
// representation's must be, and a weak If-None-Match is compared as the strong one inside.
func compressPages(h http.Handler, memo *zipMemo) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		enc := acceptedEncoding(r.Header.Get("Accept-Encoding"), "br", "gzip")
		// HEAD is asked as GET: its Content-Length must be that of the compressed body.
		inner := r.Clone(r.Context())
		inner.Method = http.MethodGet
		if inm := inner.Header.Get("If-None-Match"); inm != "" {
			inner.Header.Set("If-None-Match", strings.TrimPrefix(inm, "W/"))
		}
		rec := &pageBuffer{header: http.Header{}, status: http.StatusOK}
		h.ServeHTTP(rec, inner)
		body, hd := rec.body.Bytes(), rec.header
		text := compressibleType(hd.Get("Content-Type"))
		if text || rec.status == http.StatusNotModified {
			hd.Add("Vary", "Accept-Encoding")
			if etag := hd.Get("ETag"); enc != "" && etag != "" && !strings.HasPrefix(etag, "W/") {
				hd.Set("ETag", "W/"+etag)
			}
		}
		if text && enc != "" && hd.Get("Content-Encoding") == "" && len(body) >= minCompressBytes {
			body = memo.compress(enc, body)
			hd.Set("Content-Encoding", enc)
		}
		for k, v := range hd {
			w.Header()[k] = v
		}
		if rec.status != http.StatusNotModified {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		}
		w.WriteHeader(rec.status)
		if r.Method != http.MethodHead && rec.status != http.StatusNotModified {
			w.Write(body)
		}
	})
}

// compressibleType says whether a response of the content type is text worth compressing.
func compressibleType(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	switch strings.TrimSpace(strings.ToLower(mt)) {
	case "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
		"application/manifest+json":
		return true
	}
	return false
}

// zipMemo keeps compressed pages by coding and content hash, least recently used first out, and
// compresses at most one page per CPU at a time: a brotli writer holds megabytes while it works,
// and a burst of new pages (a page per Host name) must queue, not pile up.
type zipMemo struct {
	max   int
	slots chan struct{} // a slot per compression allowed to run

	mu      sync.Mutex
	size    int
	lru     *list.List // of *zipEntry, most recent first
	entries map[zipKey]*list.Element
}

type zipKey struct {
	enc  string
	hash [sha256.Size]byte
}

type zipEntry struct {
	key  zipKey
	body []byte
}

func newZipMemo(maxBytes int) *zipMemo {
	return &zipMemo{max: maxBytes, slots: make(chan struct{}, max(1, runtime.GOMAXPROCS(0))), lru: list.New(), entries: map[zipKey]*list.Element{}}
}

// compress returns raw compressed with enc ("br" or "gzip"), compressing it only the first time.
// Two requests racing for a new page may both compress it; the result is the same.
func (m *zipMemo) compress(enc string, raw []byte) []byte {
	k := zipKey{enc, sha256.Sum256(raw)}
	m.mu.Lock()
	if el, ok := m.entries[k]; ok {
		m.lru.MoveToFront(el)
		m.mu.Unlock()
		return el.Value.(*zipEntry).body
	}
	m.mu.Unlock()

	m.slots <- struct{}{}
	defer func() { <-m.slots }()
	var buf bytes.Buffer
	buf.Grow(len(raw) / 4)
	if enc == "br" {
		zw := brotli.NewWriterLevel(&buf, brotliLevel)
		zw.Write(raw)
		zw.Close()
	} else {
		zw, _ := gzip.NewWriterLevel(&buf, gzipLevel)
		zw.Write(raw)
		zw.Close()
	}
	body := bytes.Clone(buf.Bytes()) // no spare capacity: the memo counts what it holds

	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.entries[k]; !ok && zipCost(body) <= m.max/4 {
		m.entries[k] = m.lru.PushFront(&zipEntry{key: k, body: body})
		m.size += zipCost(body)
		for m.size > m.max {
			last := m.lru.Back()
			e := last.Value.(*zipEntry)
			m.lru.Remove(last)
			delete(m.entries, e.key)
			m.size -= zipCost(e.body)
		}
	}
	return body
}

// zipCost is what a compressed page costs the memo in memory: its bytes, and an estimate of the
// entry, list element and map slot.
func zipCost(body []byte) int { return cap(body) + 256 }

// held reports how many compressed pages the memo holds and their cost in bytes.
func (m *zipMemo) held() (pages, bytes int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lru.Len(), m.size
}
