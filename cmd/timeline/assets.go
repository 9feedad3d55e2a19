//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"

	"timeline/data"
	"timeline/web"
)

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
// client accepts it.
type assets struct {
	files   map[string][]byte // by name, including precompressed siblings
	version string            // content hash of every asset, the go-app Version
}

// addStories publishes each story's JSON at /web/data/<id>.json, with a gzip sibling, for the
// browser to fetch the stories that are not in its bundle (those served with -data).
func (a *assets) addStories(stories []*data.Story) error {
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
		name := "data/" + s.Info.ID + ".json"
		a.files[name] = b
		a.files[name+".gz"] = gz.Bytes()
	}
	a.version = hashFiles(a.files)
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
		if e.IsDir() || assetTypes[path.Ext(base)] == "" {
			continue
		}
		b, err := fs.ReadFile(web.FS, name)
		if err != nil {
			return nil, err
		}
		a.files[name] = b
	}
	dropStale(a.files)
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
	return a, nil
}

// hashFiles returns a short content hash of the uncompressed files, so that any change to the
// bundle, the stories inside it or the stylesheet changes it.
func hashFiles(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		if !strings.HasSuffix(n, ".br") && !strings.HasSuffix(n, ".gz") {
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
	name, ok := strings.CutPrefix(r.URL.Path, "/web/")
	ctype := assetTypes[path.Ext(name)]
	body, found := a.files[name]
	dir, _ := path.Split(name)
	if !ok || ctype == "" || !found || (dir != "" && dir != "data/") {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "no-cache")
	etag := `"` + a.version + `"`
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range encodings {
		if b, ok := a.files[name+enc.ext]; ok && accepts(accept, enc.name) {
			h.Set("Content-Encoding", enc.name)
			body = b
			etag = `"` + a.version + "-" + enc.name + `"`
			break
		}
	}
	h.Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && match == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// accepts reports whether an Accept-Encoding header value allows the coding, honouring q=0.
func accepts(header, coding string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) && strings.TrimSpace(name) != "*" {
			continue
		}
		q := strings.TrimSpace(params)
		if v, ok := strings.CutPrefix(q, "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f == 0 {
				return false
			}
		}
		return true
	}
	return false
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
