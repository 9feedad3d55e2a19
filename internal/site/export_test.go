//go:build !wasm

package site

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	xhtml "golang.org/x/net/html"

	"timeline/app/route"
)

// fakeWasm writes a stand-in for the bundle: the export copies it, it need not run.
func fakeWasm(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "app.wasm")
	if err := os.WriteFile(p, bytes.Repeat([]byte("\x00asm fake bundle "), 4096), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// export writes the site with a fast compression into a new folder and returns it.
func export(t *testing.T, base, wasm string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	o := ExportConfig{Out: dir, Base: route.Prefix(base), WasmFile: wasm, Quality: 1}
	if err := Export(t.Context(), o, io.Discard); err != nil {
		t.Fatalf("export: %v", err)
	}
	return dir
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExportWritesEveryPageAndAsset(t *testing.T) {
	wasm := fakeWasm(t)
	dir := export(t, "/", wasm)
	id := defaultStory(t).Info.ID
	want := []string{
		"index.html", "story/" + id + ".html", "embed/" + id + ".html", "demo/" + id + ".html",
		"app.js", "app-worker.js", "wasm_exec.js", "app.css", "manifest.webmanifest",
		"web/embed.js", "web/embed.js.br", "web/embed.js.gz", "web/data/" + id + ".json",
		"index.html.br", "index.html.gz",
	}
	for _, name := range want {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the export lacks %s", name)
		}
	}
	t.Run("every sibling decompresses to its file", func(t *testing.T) {
		n := 0
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isSibling(p) {
				return err
			}
			n++
			var r io.Reader
			if strings.HasSuffix(p, ".br") {
				r = brotli.NewReader(bytes.NewReader(mustRead(t, p)))
			} else {
				zr, err := gzip.NewReader(bytes.NewReader(mustRead(t, p)))
				if err != nil {
					t.Errorf("%s: %v", p, err)
					return nil
				}
				r = zr
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, mustRead(t, p[:len(p)-3])) {
				t.Errorf("%s does not decompress to %s (%v)", p, filepath.Base(p[:len(p)-3]), err)
			}
			return nil
		})
		if n == 0 {
			t.Error("no precompressed files")
		}
	})
	t.Run("a page is what the server sends, less what only a server can do", func(t *testing.T) {
		h, err := NewHandler(Config{WasmFile: wasm})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []struct{ url, file string }{
			{"/", "index.html"}, {"/story/" + id, "story/" + id + ".html"}, {"/embed/" + id, "embed/" + id + ".html"},
			{"/demo/" + id, "demo/" + id + ".html"}, {"/app.js", "app.js"}, {"/app-worker.js", "app-worker.js"},
		} {
			served := body(t, get(t, h, p.url))
			if strings.HasSuffix(p.file, ".html") {
				served = string(editHead([]byte(served), onlyServed, policyMeta, nil))
			}
			served = canonicalTags(served)
			if exported := canonicalTags(string(mustRead(t, filepath.Join(dir, p.file)))); exported != served {
				t.Errorf("%s differs from what the server sends for %s", p.file, p.url)
			}
		}
	})
	t.Run("pages name no host", func(t *testing.T) {
		page := string(mustRead(t, filepath.Join(dir, "index.html")))
		for _, s := range []string{"localhost", "example.com", "og:url", "json+oembed"} {
			if strings.Contains(page, s) {
				t.Errorf("index.html has %q", s)
			}
		}
	})
	t.Run("a folder that is not empty is refused", func(t *testing.T) {
		err := Export(t.Context(), ExportConfig{Out: dir, Base: "/", WasmFile: wasm, Quality: 1}, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "is not empty") {
			t.Errorf("exporting into a full folder: %v, want an error saying it is not empty", err)
		}
	})
}

// onlyServed reports whether tok is in a served page's head but not in an exported one's: og:url
// and the oEmbed discovery link name the server's address.
func onlyServed(tok xhtml.Token) bool {
	for _, a := range tok.Attr {
		if a.Key == "type" && a.Val == "application/json+oembed" {
			return true
		}
	}
	return isOGURL(tok)
}

// canonicalTags sorts the attributes of every tag: go-app writes them in map order, which
// differs from one response to the next.
func canonicalTags(page string) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(page))
	for {
		switch tt := z.Next(); tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			slices.SortFunc(tok.Attr, func(a, b xhtml.Attribute) int { return strings.Compare(a.Key, b.Key) })
			b.WriteString(tok.String())
		default:
			b.Write(z.Raw())
		}
	}
}

// localRef matches the root-relative addresses a file refers to: in src and href attributes, in
// the quoted strings of go-app's scripts and manifest.
var localRef = regexp.MustCompile(`(?:src|href)="(/[^"]*)"|"(/[^"\s]*)"`)

// TestExportUnderASubPathRefersOnlyToItsOwnFiles: every address in every exported page, script
// and manifest is below the base and names a file of the export, as a static host would map it.
func TestExportUnderASubPathRefersOnlyToItsOwnFiles(t *testing.T) {
	const base = "/news/timeline/"
	dir := export(t, base, fakeWasm(t))
	checked := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || isSibling(p) {
			return err
		}
		switch path.Ext(p) {
		case ".html", ".js", ".webmanifest":
		default:
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		for _, m := range localRef.FindAllStringSubmatch(string(mustRead(t, p)), -1) {
			ref := m[1] + m[2]
			if strings.HasPrefix(ref, "//") || ref == "/" && path.Ext(rel) == ".js" {
				continue // a comment, or go-app's scripts defaulting a route to "/"
			}
			checked++
			rest, ok := strings.CutPrefix(ref, base)
			if !ok && ref+"/" != base {
				t.Errorf("%s refers to %s, outside %s", rel, ref, base)
				continue
			}
			rest, _, _ = strings.Cut(rest, "?")
			file := rest
			switch {
			case rest == "" || ref+"/" == base:
				file = "index.html"
			case path.Ext(rest) == "":
				file = rest + ".html"
			}
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
				t.Errorf("%s refers to %s, which the export lacks (%s)", rel, ref, file)
			}
		}
		return nil
	})
	if checked < 20 {
		t.Errorf("only %d addresses checked; the pattern misses them", checked)
	}
	appJS := string(mustRead(t, filepath.Join(dir, "app.js")))
	if !strings.Contains(appJS, `"GOAPP_ROOT_PREFIX":"/news/timeline"`) {
		t.Errorf("app.js does not tell go-app its root prefix")
	}
}

func TestExportNeedsABundle(t *testing.T) {
	err := Export(t.Context(), ExportConfig{Out: t.TempDir(), Base: "/", WasmFile: filepath.Join(t.TempDir(), "missing.wasm")}, io.Discard)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing -wasm file: %v, want a not-exist error", err)
	}
}
