// Package route is the site's addresses, parsed and built in one place: the story pages, the
// selection a page opens on, the story data the widget fetches, and the prefix a site is served
// under. The server and the WebAssembly client both use it, so that they agree on what each
// address shows. It imports nothing of the project and nothing of go-app.
package route

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// DefaultStory is the story the site's root, "/", shows.
const DefaultStory = "ukraine-2022-01"

// Kind is what a story page shows.
type Kind string

// The story pages. Each but Home has the story's id as its last segment: /story/<id>.
const (
	Home  Kind = ""      // "/": the default story, full page
	Story Kind = "story" // "/story/<id>": any story, full page, with the embed code
	Embed Kind = "embed" // "/embed/<id>": the widget alone, for iframes
	Demo  Kind = "demo"  // "/demo/<id>": an article that embeds the widget as a newsroom would
)

// Kinds are the story pages with an id in their path, in the order the site lists them.
var Kinds = []Kind{Story, Embed, Demo}

// The site's other addresses, below its prefix.
const (
	Stories    = "/stories"      // the list of stories
	OEmbed     = "/oembed"       // oEmbed's JSON for a page's URL
	Assets     = "/web/"         // styles, scripts, icons, the bundle and the stories' data
	Health     = "/healthz"      // "ok" while the server serves
	Robots     = "/robots.txt"   // what crawlers may read: everything
	LiveEvents = "/_live/events" // the live preview's event stream (timeline dev only)
)

// go-app's own files, which every page loads: Loader starts the bundle; the others are its
// service worker, Go's WebAssembly support, its stylesheet and the web app manifest.
const (
	Loader   = "/app.js"
	Worker   = "/app-worker.js"
	WasmExec = "/wasm_exec.js"
	GoAppCSS = "/app.css"
	Manifest = "/manifest.webmanifest"
)

// GoAppFiles are go-app's own files, as a static copy of the site holds them.
var GoAppFiles = []string{Loader, Worker, WasmExec, GoAppCSS, Manifest}

// Unserved are addresses crawlers ask for that the site has nothing at, answered "not found".
var Unserved = []string{"/sitemap.xml", "/ads.txt"}

// Page is a story page: what it shows and of which story.
type Page struct {
	Kind Kind
	ID   string // the story's id; DefaultStory for Home
}

// Parse reads the path of a request to a site served under base (see Prefix; "" and "/" for
// the root): "/" is Home, "/story/<id>", "/embed/<id>" and "/demo/<id>" are the pages of story
// <id>, whether or not it exists. ok is false for every other path, a path outside base among
// them; the base without its last slash is Home too. The id is the path's segment as it stands.
func Parse(base, path string) (p Page, ok bool) {
	base = Prefix(base)
	rest, in := strings.CutPrefix(path, base)
	if !in && path+"/" != base {
		return Page{}, false
	}
	if !in || rest == "" {
		return Page{Kind: Home, ID: DefaultStory}, true
	}
	kind, id, _ := strings.Cut(rest, "/")
	if !isKind(Kind(kind)) || id == "" || strings.Contains(id, "/") {
		return Page{}, false
	}
	return Page{Kind: Kind(kind), ID: id}, true
}

// ParseAnyPrefix reads a path as the browser sees it, below a prefix it is not told (a static
// host may serve an export under /news/timeline/): the page is found at the path's end, and any
// path that is not a story page shows the default story, as the root does.
func ParseAnyPrefix(path string) Page {
	if i := strings.LastIndex(path, "/"); i > 0 {
		if j := strings.LastIndex(path[:i], "/"); j >= 0 {
			if kind, id := Kind(path[j+1:i]), path[i+1:]; isKind(kind) && id != "" {
				return Page{Kind: kind, ID: id}
			}
		}
	}
	return Page{Kind: Home, ID: DefaultStory}
}

func isKind(k Kind) bool {
	for _, kind := range Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Path returns the page's address below base, a path ("/news/") or a whole address
// ("https://example.org/news/"), with or without its last slash: base with a slash for Home,
// else base + kind + "/" + the escaped id.
func (p Page) Path(base string) string {
	root := strings.TrimSuffix(base, "/") + "/"
	if p.Kind == Home {
		return root
	}
	return root + string(p.Kind) + "/" + url.PathEscape(p.ID)
}

// Asset returns the address of the asset name (a file under web/) below base, a path or a whole
// address as for Page.Path.
func Asset(base, name string) string { return strings.TrimSuffix(base, "/") + Assets + name }

// Pattern is the regular expression go-app routes the pages of kind by, at the site's root.
func Pattern(kind Kind) string {
	if kind == Home {
		return "^/$"
	}
	return "^/" + regexp.QuoteMeta(string(kind)) + "/[^/]+$"
}

// MuxPattern is the net/http ServeMux pattern of the pages of kind, with their id as the
// wildcard "id".
func MuxPattern(kind Kind) string { return "/" + string(kind) + "/{id}" }

// DataPath is where a story's JSON is published: under /web/, so that go-app resolves it below
// any prefix a static host serves the site from.
func DataPath(id string) string { return Asset("/", DataAsset(id)) }

// DataDir is the folder under /web/ that holds the stories' JSON.
const DataDir = "data/"

// DataAsset is the name under /web/ of a story's JSON, as DataPath publishes it.
func DataAsset(id string) string { return DataDir + url.PathEscape(id) + ".json" }

// Prefix gives a site's path with a slash at each end: "" and "/" give "/", "news" gives
// "/news/".
func Prefix(base string) string {
	base = strings.Trim(base, "/")
	if base == "" {
		return "/"
	}
	return "/" + base + "/"
}

// plainPath says whether s holds only what a prefix's path segments may: letters, digits and
// - . _ ~, between slashes. (A regular expression would be compiled as every program using this
// package starts, the WebAssembly included.)
func plainPath(s string) bool {
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("/-._~", c) >= 0) {
			return false
		}
	}
	return true
}

// CheckBase says what is wrong with a -base value, if anything.
func CheckBase(base string) error {
	switch {
	case !strings.HasPrefix(base, "/"):
		return fmt.Errorf("-base must start with /, as in /news/timeline/; got %q", base)
	case !plainPath(base) || strings.Contains(base, "//"):
		return fmt.Errorf("-base must be a plain URL path such as /news/timeline/ (letters, digits, - . _ ~ between single slashes); got %q", base)
	}
	for seg := range strings.SplitSeq(strings.Trim(base, "/"), "/") {
		if seg == "." || seg == ".." {
			return fmt.Errorf("-base must not contain %q segments; got %q", seg, base)
		}
	}
	return nil
}
