package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"math/bits"
	"net/http"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/route"
	"timeline/data"
	"timeline/web"
)

// wasmLengthHeader carries app.wasm's uncompressed size, for go-app's loading progress.
const wasmLengthHeader = "X-Wasm-Content-Length"

// assetTypes are the files served under /web/, by extension; anything else there is not served.
var assetTypes = map[string]string{
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".wasm": "application/wasm",
	".json": "application/json",
}

// encodings are the precompressed siblings tried, in order of preference.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// assets serves /web/ from memory, choosing a precompressed sibling (name.br, name.gz) when the
// client accepts it. Each file is served under its own name, revalidated on every use, and under a
// fingerprinted name (style.1a2b3c4d5e6f.css) that changes with its content and so may be cached
// for a year: pages refer to the fingerprinted names, host pages to the stable /web/embed.js.
type assets struct {
	files   map[string][]byte // by name, including precompressed siblings
	version string            // content hash of every asset, the go-app Version
	hashed  map[string]string // fingerprinted name → file name
	names   map[string]string // file name → fingerprinted name

	writeBase time.Duration // the least time a response may take to write; 0 for assetWriteBase
	minRate   int           // the slowest reading waited for, in bytes per second; 0 for assetMinRate
}

// immutable is the Cache-Control of a fingerprinted asset: its URL changes with its content.
const immutable = "public, max-age=31536000, immutable"

// addStories publishes each story's JSON at /web/data/<id>.json, with a gzip sibling, for the
// browser to fetch the stories that are not in its bundle (those served with -data).
func (a *assets) addStories(stories []*data.Story) error {
	if err := a.publishStories(stories); err != nil {
		return err
	}
	a.version = hashFiles(a.files)
	return nil
}

// publishStories adds each story's JSON and its gzip sibling to the files, leaving the version.
func (a *assets) publishStories(stories []*data.Story) error {
	for _, s := range stories {
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		var gz bytes.Buffer
		w := gzip.NewWriter(&gz)
		w.Write(b)
		if err := w.Close(); err != nil {
			return err
		}
		name := route.DataAsset(s.Info.ID)
		a.files[name] = b
		a.files[name+".gz"] = gz.Bytes()
	}
	return nil
}

// newAssets reads the embedded assets; wasmFile, when set, replaces app.wasm and drops its
// embedded precompressed siblings, which would be stale.
func newAssets(wasmFile string) (*assets, error) {
	a := &assets{files: map[string][]byte{}}
	entries, err := fs.ReadDir(web.FS, ".")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		base := strings.TrimSuffix(strings.TrimSuffix(name, ".br"), ".gz")
		if e.IsDir() || assetTypes[path.Ext(base)] == "" || base == liveScript {
			continue
		}
		b, err := fs.ReadFile(web.FS, name)
		if err != nil {
			return nil, err
		}
		a.files[name] = b
	}
	dropStale(a.files)
	if err := compressText(a.files); err != nil {
		return nil, err
	}
	if wasmFile != "" {
		b, err := os.ReadFile(wasmFile)
		if err != nil {
			return nil, err
		}
		a.files["app.wasm"] = b
		delete(a.files, "app.wasm.br")
		delete(a.files, "app.wasm.gz")
	}
	a.version = hashFiles(a.files)
	a.hashed, a.names = map[string]string{}, map[string]string{}
	for name, b := range a.files {
		if isSibling(name) {
			continue
		}
		fp := fingerprint(name, b)
		a.hashed[fp], a.names[name] = name, fp
	}
	return a, nil
}

// fingerprint inserts a short hash of the content before the extension: style.css becomes
// style.1a2b3c4d5e6f.css.
func fingerprint(name string, content []byte) string {
	sum := sha256.Sum256(content)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:12] + ext
}

// url returns the path pages use for the named asset: its fingerprinted name under /web/, or its
// plain name when there is no such file (a request for it then gets a 404).
func (a *assets) url(name string) string {
	if fp, ok := a.names[name]; ok {
		return route.Asset("/", fp)
	}
	return route.Asset("/", name)
}

func isSibling(name string) bool {
	return strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz")
}

// hashFiles returns a short content hash of the uncompressed files, so that any change to the
// bundle, the stories inside it or the stylesheet changes it.
func hashFiles(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		if !isSibling(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, route.Assets)
	cache := "no-cache"
	if file, isHashed := a.hashed[name]; isHashed {
		name, cache = file, immutable
	}
	ctype := assetTypes[path.Ext(name)]
	body, found := a.files[name]
	dir, _ := path.Split(name)
	if !ok || ctype == "" || !found || (dir != "" && dir != route.DataDir) {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", cache)
	if ctype == "application/wasm" {
		// go-app's loader counts the bundle's decompressed bytes: without the raw size it would
		// report progress against the compressed length and pass 100%.
		h.Set(wasmLengthHeader, strconv.Itoa(len(body)))
	}
	var offered []string
	for _, enc := range encodings {
		if _, ok := a.files[name+enc.ext]; ok {
			offered = append(offered, enc.name)
		}
	}
	etag := `"` + a.version + `"`
	chosen := acceptedEncoding(r.Header.Get("Accept-Encoding"), offered...)
	for _, enc := range encodings {
		if enc.name == chosen {
			body = a.files[name+enc.ext]
			h.Set("Content-Encoding", enc.name)
			etag = `"` + a.version + "-" + enc.name + `"`
		}
	}
	h.Set("ETag", etag)
	// ServeContent leaves Content-Length out of a whole encoded body; it replaces it for a range
	// and drops it from a 304 or a 416.
	h.Set("Content-Length", strconv.Itoa(len(body)))
	a.allowWriting(w, len(body))
	// Ranges (206, 416, If-Range) and If-None-Match (W/, lists, *) as net/http does them.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// Slow readers. A server-wide write timeout suits pages, but a phone on a slow network reads the
// 1.5 MB bundle at 25 kB/s for a minute: each asset response gets its own write deadline, which
// grows with its size.
const (
	// assetWriteBase is the time any asset response may take to be written, whatever its size.
	assetWriteBase = 30 * time.Second
	// assetMinRate is the slowest reading, in bytes per second, that an asset response waits
	// for: a 1.5 MB bundle gets 30 s plus 94 s.
	assetMinRate = 16 << 10
)

// allowWriting sets the write deadline of a response of n bytes: a.writeBase plus the time n
// takes at a.minRate (assetWriteBase and assetMinRate when zero).
func (a *assets) allowWriting(w http.ResponseWriter, n int) {
	base, rate := a.writeBase, a.minRate
	if base == 0 {
		base = assetWriteBase
	}
	if rate == 0 {
		rate = assetMinRate
	}
	d := base + time.Duration(float64(n)/float64(rate)*float64(time.Second))
	// A ResponseWriter that cannot set deadlines (a recorder in the export) needs none.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d))
}

// compressText gives each text asset without precompressed siblings (the stylesheet, the
// scripts, the icon) its brotli and gzip siblings, made once at start-up, where they are smaller.
func compressText(files map[string][]byte) error {
	for name, raw := range files {
		if isSibling(name) || !compressibleType(assetTypes[path.Ext(name)]) && path.Ext(name) != ".svg" {
			continue
		}
		for _, enc := range encodings {
			if _, ok := files[name+enc.ext]; ok {
				continue
			}
			var buf bytes.Buffer
			var zw io.WriteCloser
			if enc.name == "br" {
				// A window just above the file's size: the best level's default window would
				// take tens of megabytes of memory, for files of kilobytes.
				zw = brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: min(24, max(16, bits.Len(uint(len(raw)))))})
			} else {
				zw, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression)
			}
			zw.Write(raw)
			if err := zw.Close(); err != nil {
				return err
			}
			if buf.Len() < len(raw) {
				files[name+enc.ext] = buf.Bytes()
			}
		}
	}
	return nil
}

// dropStale removes precompressed siblings that do not decompress to their file, such as those
// left by an earlier build when app.wasm was rebuilt by hand; a stale bundle must never be served.
func dropStale(files map[string][]byte) {
	for name, b := range files {
		var r io.Reader
		switch {
		case strings.HasSuffix(name, ".br"):
			r = brotli.NewReader(bytes.NewReader(b))
		case strings.HasSuffix(name, ".gz"):
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				delete(files, name)
				continue
			}
			r = zr
		default:
			continue
		}
		raw, ok := files[name[:len(name)-3]]
		got, err := io.ReadAll(io.LimitReader(r, int64(len(raw))+1))
		if !ok || err != nil || !bytes.Equal(got, raw) {
			delete(files, name)
		}
	}
}

// cacheFirstFetch is the fetch handler of go-app's service worker: it answers from the cache and
// asks the network only for what the cache lacks.
const cacheFirstFetch = `self.addEventListener("fetch", (event) => {
  event.respondWith(
    caches.match(event.request).then((response) => {
      return response || fetch(event.request);
    })
  );
});`

// networkFirstFetch asks the network first and falls back to the cache only when the network
// fails. Cache-first would answer the first visit after a new release with the previous release's
// page, app.js and bundle (the worker only updates itself after that load), so a reader would see
// a story as it was before a correction; going to the network costs a revalidation per load, and
// the fingerprinted assets come from the HTTP cache without one.
const networkFirstFetch = `self.addEventListener("fetch", (event) => {
  event.respondWith(
    fetch(event.request).catch((err) =>
      caches.match(event.request).then((response) => response || Promise.reject(err))
    )
  );
});`

// networkFirstWorker returns go-app's service worker template with networkFirstFetch in place of
// its cache-first fetch handler.
func networkFirstWorker() (string, error) { return networkFirst(app.DefaultAppWorkerJS) }

// networkFirst replaces the cache-first fetch handler of a service worker template. It fails when
// the template does not have exactly that handler, so that an upgrade of go-app cannot silently
// bring cache-first back.
func networkFirst(template string) (string, error) {
	if strings.Count(template, cacheFirstFetch) != 1 {
		return "", errors.New("go-app's service worker template has changed: its fetch handler is not the cache-first one this server replaces; see networkFirst in cmd/timeline/assets.go")
	}
	return strings.Replace(template, cacheFirstFetch, networkFirstFetch, 1), nil
}
