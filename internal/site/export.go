package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
	xhtml "golang.org/x/net/html"

	"timeline/app/route"
)

// ExportConfig configures Export. The command line fills it; tests build it directly.
type ExportConfig struct {
	Out      string // the folder to write; it must be absent or empty
	Base     string // the URL path the site is served under, with slashes: "/" or "/news/timeline/"
	WasmFile string // an app.wasm on disk that replaces the embedded one; "" for the embedded
	DataDir  string // a folder of story files that replaces the embedded stories; "" for those
	Quality  int    // brotli quality for files without a precompressed sibling, 0 to 11
}

// Export writes the whole site into o.out as static files: every story's full page, embed page
// and demo article, go-app's scripts and manifest, and every asset under web/, each compressible
// file with .br and .gz siblings. The pages are rendered by the very handler `serve` uses, so they
// are the bytes readers get from the server, but for what only a server can do: /oembed and the
// discovery links that point at it are left out, and so is og:url, as the export does not know
// the address it will be served from.
func Export(ctx context.Context, o ExportConfig, stdout io.Writer) (err error) {
	if err := checkEmpty(o.Out); err != nil {
		return err
	}
	// Written into a folder beside -out, renamed to it once whole: an export cut short (an error,
	// a signal) leaves nothing at -out that the next export would refuse, nor half a site.
	final := o.Out
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(final)), "."+filepath.Base(filepath.Clean(final))+".partial-")
	if err != nil {
		return fmt.Errorf("-out %s: %w", final, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	o.Out = tmp
	so := Config{WasmFile: o.WasmFile, DataDir: o.DataDir, Base: o.Base, Static: true}
	h, err := NewHandler(so)
	if err != nil {
		return err
	}
	// The same assets as the handler's, to list them: newAssets and addStories are deterministic.
	a, err := newAssets(o.WasmFile)
	if err != nil {
		return err
	}
	stories, err := LoadStories(o.DataDir)
	if err != nil {
		return err
	}
	if err := a.addStories(stories); err != nil {
		return err
	}
	if _, ok := a.files["app.wasm"]; !ok {
		return errors.New("the bundle is missing: build web/app.wasm first (make wasm), or name one with -wasm FILE")
	}

	for _, s := range stories {
		if id := s.Info.ID; id == "." || id == ".." || strings.ContainsAny(id, `/\`) {
			return fmt.Errorf("story id %q cannot be a file name in the export", id)
		}
	}
	e := &exporter{ctx: ctx, h: h, dir: o.Out, quality: o.Quality}
	e.file("/", "index.html")
	e.file(route.Stories, strings.TrimPrefix(route.Stories, "/")+".html")
	for _, s := range stories {
		for _, kind := range route.Kinds {
			e.file(route.Page{Kind: kind, ID: s.Info.ID}.Path("/"), string(kind)+"/"+s.Info.ID+".html")
		}
	}
	for _, p := range route.GoAppFiles {
		e.file(p, strings.TrimPrefix(p, "/"))
	}
	for _, name := range assetNames(a) {
		e.asset(name, a)
	}
	if e.err != nil {
		return e.err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkEmpty(final); err != nil { // something appeared there meanwhile
		return err
	}
	os.Remove(final) // an empty folder: rename does not replace one
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("-out %s: %w", final, err)
	}
	fmt.Fprintf(stdout, "timeline: wrote %d files (%.1f MB) to %s, to be served under %s\n",
		e.files, float64(e.bytes)/1e6, final, o.Base)
	return nil
}

// assetNames lists the assets, without their precompressed siblings, sorted.
func assetNames(a *assets) []string {
	var names []string
	for name := range a.files {
		if !isSibling(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// fingerprintedOnly are the assets the export writes under their fingerprinted name alone. Every
// other one is written under its own name too: other sites refer to embed.js by name, and stories
// to their media under /web/.
var fingerprintedOnly = map[string]bool{"app.wasm": true}

// checkEmpty makes sure dir is absent or an empty folder, so that no file of an earlier export
// (an old bundle) is left beside the new one; the folder it is in is made when missing.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(filepath.Dir(filepath.Clean(dir)), 0o755)
	case err != nil:
		return fmt.Errorf("-out %s: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("-out %s is not empty: remove it first or name another folder", dir)
	}
	return nil
}

// exporter writes the responses of a handler to files, keeping the first error.
type exporter struct {
	ctx     context.Context
	h       http.Handler
	dir     string
	quality int
	files   int
	bytes   int64
	err     error
}

// get asks the handler for the path with the Accept-Encoding given, and returns the body of a 200.
func (e *exporter) get(urlPath, encoding string) ([]byte, error) {
	r := httptest.NewRequestWithContext(e.ctx, http.MethodGet, urlPath, nil)
	r.Host = "localhost"
	if encoding != "" {
		r.Header.Set("Accept-Encoding", encoding)
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		return nil, fmt.Errorf("exporting %s: the server answers %d %s", urlPath, w.Code, http.StatusText(w.Code))
	}
	if got := w.Header().Get("Content-Encoding"); got != encoding {
		return nil, fmt.Errorf("exporting %s: asked for %q encoding, got %q", urlPath, encoding, got)
	}
	return w.Body.Bytes(), nil
}

// policyMeta carries the pages' Content-Security-Policy into an export, where no server sets
// headers. It comes first in the head, as a policy applies only to what follows it; frame-ancestors
// cannot be set this way, so a static host that must restrict framing sets that header itself.
var policyMeta = []byte(`<meta http-equiv="Content-Security-Policy" content="` + html.EscapeString(contentPolicy) + `">`)

// isOGURL reports whether tok is go-app's og:url meta tag, which would name the address the export
// was rendered at.
func isOGURL(tok xhtml.Token) bool {
	if tok.Data != "meta" {
		return false
	}
	for _, a := range tok.Attr {
		if a.Key == "property" && a.Val == "og:url" {
			return true
		}
	}
	return false
}

// file writes the handler's answer for urlPath as name, with compressed siblings.
func (e *exporter) file(urlPath, name string) {
	if e.err != nil {
		return
	}
	b, err := e.get(urlPath, "")
	if err != nil {
		e.err = err
		return
	}
	if strings.HasSuffix(name, ".html") {
		b = editHead(b, isOGURL, policyMeta, nil)
	}
	e.write(name, b)
	e.compress(name, b)
}

// asset writes web/<name> with the precompressed siblings the server has for it, and compresses
// it where the server has none. Pages refer to the fingerprinted names, so the file is written
// under that name, and under its own name too but for fingerprintedOnly (see there).
func (e *exporter) asset(name string, a *assets) {
	names := []string{name}
	if fp, ok := a.names[name]; ok {
		names = []string{fp}
		if !fingerprintedOnly[name] {
			names = append(names, name)
		}
	}
	for _, n := range names {
		if e.err != nil {
			return
		}
		b, err := e.get(route.Asset("/", n), "")
		if err != nil {
			e.err = err
			return
		}
		file := strings.TrimPrefix(route.Asset("/", n), "/")
		e.write(file, b)
		for _, enc := range encodings {
			if _, ok := a.files[name+enc.ext]; !ok {
				continue
			}
			sib, err := e.get(route.Asset("/", n), enc.name)
			if err != nil {
				e.err = err
				return
			}
			e.write(file+enc.ext, sib)
		}
		e.compress(file, b)
	}
}

// compressible are the file types worth compressing; images are compressed already.
var compressible = map[string]bool{
	".html": true, ".js": true, ".css": true, ".json": true, ".webmanifest": true, ".svg": true, ".wasm": true,
}

// compress writes the .br and .gz siblings a compressible file lacks, where they are smaller.
func (e *exporter) compress(name string, raw []byte) {
	if e.err != nil || !compressible[path.Ext(name)] {
		return
	}
	for _, enc := range encodings {
		if _, err := os.Stat(filepath.Join(e.dir, filepath.FromSlash(name+enc.ext))); err == nil {
			continue
		}
		var buf bytes.Buffer
		var w io.WriteCloser
		if enc.name == "br" {
			w = brotli.NewWriterLevel(&buf, e.quality)
		} else {
			w, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression)
		}
		w.Write(raw)
		if err := w.Close(); err != nil {
			e.err = err
			return
		}
		if buf.Len() < len(raw) {
			e.write(name+enc.ext, buf.Bytes())
		}
	}
}

// write writes b as the file name (slash-separated, relative to the export folder).
func (e *exporter) write(name string, b []byte) {
	if e.err != nil {
		return
	}
	if err := e.ctx.Err(); err != nil {
		e.err = err
		return
	}
	p := filepath.Join(e.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.err = err
		return
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		e.err = err
		return
	}
	e.files++
	e.bytes += int64(len(b))
}
