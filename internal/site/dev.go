package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/route"
	"timeline/data"
	"timeline/internal/sheet"
	"timeline/internal/validate"
	"timeline/web"
)

// The live preview: `timeline dev` serves the story files of a folder as serve does, and watches
// them. Each save is read and validated; the pages open on the site hear of it through an event
// stream, and swap the new story in without a reload, or list the file's problems over the last
// good version. Nothing of it exists in serve or in the export: the script, the stream and the
// pinned Version come only through serveOptions.live, which dev alone sets.

const (
	// liveScript is the preview's script under web/: it is served, and named by pages, in dev only.
	liveScript = "dev.js"
	// liveEvents is the path of the event stream that tells pages what changed.
	liveEvents = route.LiveEvents
	// liveSettle is how long the folder must be quiet before a save is read: an editor writes a
	// temporary file and renames it, firing several events for one save.
	liveSettle = 40 * time.Millisecond
)

// liveHead is what dev adds to every page: the script and the meta that names the event stream,
// and the Version go-app gives the service worker, pinned so that a save never looks like a new
// release.
type liveHead struct {
	version string
}

// addTo puts the preview into the pages of h.
func (l *liveHead) addTo(h *app.Handler, a *assets) {
	h.Version = l.version
	h.Scripts = append(h.Scripts, a.url(liveScript)+" defer")
	h.RawHeaders = append(h.RawHeaders, liveMeta)
}

// liveMeta tells the script, and the WebAssembly, that the page is a live preview and where its
// event stream is. The widget then takes every story from the server, never from its bundle.
const liveMeta = `<meta name="timeline-live" content="` + liveEvents + `">`

// DevConfig configures the live preview: the site, and the folder of story files it watches.
type DevConfig struct {
	Config Config
	Dir    string // the folder of story files watched
}

// Dev is the live preview's handler: the site of the last good stories, rebuilt after every
// save, with the event stream beside it.
type Dev struct {
	o       Config
	dir     string
	root    *os.Root
	base    *assets // the embedded assets and the preview's script, made once
	stderr  io.Writer
	done    <-chan struct{}
	watcher *fsnotify.Watcher
	handler http.Handler

	site atomic.Pointer[site]
	list atomic.Pointer[[]byte] // the /stories page, with the preview's script

	// reloads counts the site's rebuilds, for tests that wait for one.
	reloads atomic.Int64

	mu      sync.Mutex
	sources map[string]*liveSource // by name in dir: a.json, story.xlsx, a folder of CSV
	state   []byte                 // the last state sent, JSON
	subs    map[chan []byte]bool
	ids     map[string]string // story id → the source that holds it, as last served
}

// liveSource is one story file, workbook or sheet folder of the watched folder.
type liveSource struct {
	story    *data.Story   // the last version without problems; nil when none was ever read
	problems []liveProblem // those of the last version read
}

// liveProblem is one problem, as the overlay and the terminal show it.
type liveProblem struct {
	Text string `json:"text"` // file:line:col: path: message, or file: Sheet!C7: message
	Hint string `json:"hint"`
}

// liveNotice says what happened to a story a page may show: removed, or now under another id.
type liveNotice struct {
	Story string `json:"story"`          // the id the page shows
	Text  string `json:"text"`           // what happened, for people
	Href  string `json:"href,omitempty"` // where the story is now
}

// liveState is what the event stream sends after every reload, and first on connecting.
type liveState struct {
	Problems []liveProblem `json:"problems"`
	Notices  []liveNotice  `json:"notices"`
	Changed  []string      `json:"changed"` // ids whose story changed in this reload
	Stories  []string      `json:"stories"` // every id served, sorted
}

// NewDev reads the story files of o.Dir, serves them as the site does, and watches the folder
// until ctx ends or Close: every save is read again and told to the open pages. Problems go to the
// pages and to stderr; an error is returned only when the folder cannot be read or watched.
func NewDev(ctx context.Context, o DevConfig, stderr io.Writer) (*Dev, error) {
	root, err := os.OpenRoot(o.Dir)
	if err != nil {
		return nil, fmt.Errorf("-data %s: %w", o.Dir, errors.Unwrap(err))
	}
	base, err := newAssets(o.Config.WasmFile)
	if err != nil {
		root.Close()
		return nil, err
	}
	script, err := fs.ReadFile(web.FS, liveScript)
	if err != nil {
		root.Close()
		return nil, err
	}
	base.files[liveScript] = script
	fp := fingerprint(liveScript, script)
	base.hashed[fp], base.names[liveScript] = liveScript, fp
	w, err := fsnotify.NewWatcher()
	if err != nil {
		root.Close()
		return nil, err
	}
	o.Config.Live = &liveHead{version: "dev-" + base.version}
	d := &Dev{
		o: o.Config, dir: o.Dir, root: root, base: base, stderr: stderr, done: ctx.Done(), watcher: w,
		sources: map[string]*liveSource{}, subs: map[chan []byte]bool{}, ids: map[string]string{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+liveEvents, d.events)
	mux.HandleFunc("GET /stories", d.stories)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { d.site.Load().ServeHTTP(w, r) })
	d.handler = securityHeaders(mux, "")
	if err := w.Add(o.Dir); err != nil {
		d.Close()
		return nil, fmt.Errorf("-data %s: cannot watch it: %w", o.Dir, err)
	}
	if err := d.reload(nil); err != nil {
		d.Close()
		return nil, err
	}
	go d.watch()
	return d, nil
}

// Close stops watching the folder.
func (d *Dev) Close() {
	d.watcher.Close()
	d.root.Close()
}

// ServeHTTP serves the site of the last good stories, the list of stories and the event stream.
func (d *Dev) ServeHTTP(w http.ResponseWriter, r *http.Request) { d.handler.ServeHTTP(w, r) }

// watch reads the folder's events until the watcher closes, and reloads the sources they touch
// once the folder has been quiet for liveSettle.
func (d *Dev) watch() {
	pending := map[string]bool{}
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	for {
		select {
		case ev, ok := <-d.watcher.Events:
			if !ok {
				return
			}
			name := d.sourceOf(ev.Name)
			if name == "" {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := d.root.Stat(name); err == nil && fi.IsDir() {
					d.watcher.Add(filepath.Join(d.dir, name)) // a new sheet folder
				}
			}
			pending[name] = true
			settle.Reset(liveSettle)
		case err, ok := <-d.watcher.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(d.stderr, "timeline: watching %s: %v\n", d.dir, err)
		case <-settle.C:
			names := slices.Sorted(maps.Keys(pending))
			clear(pending)
			if err := d.reload(names); err != nil {
				fmt.Fprintf(d.stderr, "timeline: %v\n", err)
			}
		case <-d.done:
			return
		}
	}
}

// sourceOf names the source a path of an event belongs to: the file itself in the folder, or the
// sheet folder it is in. It is "" for what no editor of a story writes for good: hidden files,
// backups, lock files.
func (d *Dev) sourceOf(p string) string {
	rel, err := filepath.Rel(d.dir, p)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return ""
	}
	name := strings.Split(filepath.ToSlash(rel), "/")[0]
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasSuffix(name, "~") {
		return ""
	}
	return name
}

// kindOf says what a name of the folder holds: "json", "xlsx", "sheets" (a folder of CSV files),
// or "" for anything else.
func (d *Dev) kindOf(name string) string {
	if d.sourceOf(filepath.Join(d.dir, name)) == "" {
		return ""
	}
	fi, err := d.root.Stat(name)
	if err != nil {
		return ""
	}
	switch ext := strings.ToLower(path.Ext(name)); {
	case fi.IsDir():
		entries, err := fs.ReadDir(d.root.FS(), name)
		if err != nil {
			return ""
		}
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(path.Ext(e.Name()), ".csv") {
				return "sheets"
			}
		}
	case ext == ".json" && data.IsStoryFileName(name), ext == ".xlsx":
		return ext[1:]
	}
	return ""
}

// reload reads the named sources again (every source of the folder when names is nil), rebuilds
// the site from the last good version of each, and tells the open pages.
func (d *Dev) reload(names []string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if names == nil {
		entries, err := fs.ReadDir(d.root.FS(), ".")
		if err != nil {
			return fmt.Errorf("-data %s: %w", d.dir, err)
		}
		for _, e := range entries {
			names = append(names, e.Name())
			if e.IsDir() && d.sourceOf(filepath.Join(d.dir, e.Name())) != "" {
				d.watcher.Add(filepath.Join(d.dir, e.Name()))
			}
		}
	}
	var changed []*data.Story
	for _, name := range names {
		kind := d.kindOf(name)
		if kind == "" {
			delete(d.sources, name) // removed, or no longer a story
			continue
		}
		s, problems := d.read(name, kind)
		src := d.sources[name]
		if src == nil {
			src = &liveSource{}
			d.sources[name] = src
		}
		src.problems = problems
		if s != nil {
			src.story = s
			changed = append(changed, s)
			fmt.Fprintf(d.stderr, "timeline: %s: ok, story %q\n", d.display(name), s.Info.ID)
		}
		for _, p := range problems {
			fmt.Fprintf(d.stderr, "%s\n\thint: %s\n", p.Text, p.Hint)
		}
	}
	return d.publish(changed)
}

// display names a source as problems do: its path as given with -data.
func (d *Dev) display(name string) string { return filepath.Join(d.dir, name) }

// read reads and validates one source; it returns the story, or its problems. No file, however
// made, stops the preview: a reader that fails on one is reported as that file's problem.
func (d *Dev) read(name, kind string) (s *data.Story, problems []liveProblem) {
	file := d.display(name)
	defer func() {
		if v := recover(); v != nil {
			s, problems = nil, []liveProblem{{Text: fmt.Sprintf("%s: cannot read it: %v", file, v),
				Hint: "save it again from the program that made it; if it still fails, export it anew"}}
		}
	}()
	var err error
	switch kind {
	case "json":
		var b []byte
		if b, err = data.ReadFile(d.root.FS(), name); err == nil {
			s, err = data.Decode(file, b)
		}
	case "xlsx":
		var b []byte
		if b, err = readLimited(d.root.FS(), name, sheet.MaxBytes); err == nil {
			var notes data.Errors
			s, notes, err = sheet.ReadWorkbook(file, b)
			d.note(notes)
		}
	case "sheets":
		var sub fs.FS
		if sub, err = fs.Sub(d.root.FS(), name); err == nil {
			var notes data.Errors
			s, notes, err = sheet.ReadFolder(sub, file)
			d.note(notes)
		}
	}
	var es data.Errors
	switch {
	case errors.As(err, &es):
		ps := make([]liveProblem, len(es))
		for i, e := range es {
			if e.File == "" {
				e.File = file
			}
			ps[i] = liveProblem{Text: e.Error(), Hint: validate.Hint(e)}
		}
		return nil, ps
	case err != nil:
		return nil, []liveProblem{{Text: file + ": cannot read it: " + readProblem(err), Hint: "check that the file is a story file and that it is readable"}}
	}
	return s, nil
}

// note writes what a spreadsheet held that was read in a way its writer may not expect.
func (d *Dev) note(notes data.Errors) {
	for _, n := range notes {
		fmt.Fprintf(d.stderr, "%s\n\tnote: read anyway\n", n)
	}
}

// readLimited reads the named file of fsys, refusing one larger than limit bytes.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = fmt.Errorf("it is larger than %d MB, the most a workbook may hold", limit>>20)
	}
	return b, err
}

// readProblem says why a file could not be read, without repeating its name.
func readProblem(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// publish rebuilds the site from the last good story of every source and sends the new state to
// the open pages. changed are the stories read anew.
//
// d.mu must be held.
func (d *Dev) publish(changed []*data.Story) error {
	names := slices.Sorted(maps.Keys(d.sources))
	var (
		stories  []*data.Story
		problems []liveProblem
		ids      = map[string]string{}
	)
	for _, name := range names {
		src := d.sources[name]
		problems = append(problems, src.problems...)
		if src.story == nil {
			continue
		}
		id := src.story.Info.ID
		if other, dup := ids[id]; dup {
			problems = append(problems, liveProblem{
				Text: fmt.Sprintf("%s: story.id: %q is also the id of %s, which is shown instead", d.display(name), id, d.display(other)),
				Hint: "every story needs its own id: change one of the two (story.id, or the id row of the Story sheet)",
			})
			continue
		}
		ids[id] = name
		stories = append(stories, src.story)
	}
	st := liveState{Problems: problems, Notices: []liveNotice{}, Changed: []string{}, Stories: slices.Sorted(maps.Keys(ids))}
	if st.Problems == nil {
		st.Problems = []liveProblem{}
	}
	for _, s := range changed {
		if ids[s.Info.ID] != "" && !slices.Contains(st.Changed, s.Info.ID) {
			st.Changed = append(st.Changed, s.Info.ID)
		}
	}
	st.Notices = d.notices(ids)
	for _, n := range st.Notices {
		fmt.Fprintf(d.stderr, "timeline: %s\n", n.Text)
	}

	a, err := d.base.withStories(stories)
	if err != nil {
		return err
	}
	s, err := newSite(d.o, stories, a)
	if err != nil {
		return err
	}
	list, err := newStoriesHandler(stories, "/", a)
	if err != nil {
		return err
	}
	page := editHead(list.page, nil, nil, []byte(liveMeta+`<script src="`+a.url(liveScript)+`" defer></script>`))
	d.site.Store(s)
	d.list.Store(&page)
	d.ids = ids
	d.reloads.Add(1)

	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	d.state = b
	for ch := range d.subs {
		select {
		case ch <- b:
		default: // a page that does not read its stream misses a state; the next one replaces it
		}
	}
	return nil
}

// notices words what happened to the stories that were served and no longer are: a source that
// now holds another id, or a source removed while another appeared, is a renamed story; else the
// story was removed.
//
// d.mu must be held.
func (d *Dev) notices(ids map[string]string) []liveNotice {
	out := []liveNotice{}
	newByName := map[string]string{} // source → id, for the ids that appeared
	var appeared []string
	for id, name := range ids {
		if _, was := d.ids[id]; !was {
			newByName[name] = id
			appeared = append(appeared, id)
		}
	}
	slices.Sort(appeared)
	for _, id := range slices.Sorted(maps.Keys(d.ids)) {
		if _, still := ids[id]; still {
			continue
		}
		name := d.ids[id]
		to, ok := newByName[name]
		if !ok && len(appeared) == 1 {
			to, ok = appeared[0], true
		}
		if ok {
			out = append(out, liveNotice{Story: id,
				Text: fmt.Sprintf("story %q is now %q (%s): its page is %s, and %s is gone", id, to, d.display(ids[to]),
					route.Page{Kind: route.Story, ID: to}.Path("/"), route.Page{Kind: route.Story, ID: id}.Path("/")),
				Href: route.Page{Kind: route.Story, ID: to}.Path("/")})
			continue
		}
		out = append(out, liveNotice{Story: id, Text: fmt.Sprintf("story %q is gone: %s was removed", id, d.display(name))})
	}
	return out
}

// withStories returns a copy of a that also publishes the stories' JSON, under a version of its
// own. The copy shares a's files, which neither changes.
func (a *assets) withStories(stories []*data.Story) (*assets, error) {
	c := *a
	c.files = maps.Clone(a.files)
	if err := c.publishStories(stories); err != nil {
		return nil, err
	}
	h := sha256.New()
	io.WriteString(h, a.version)
	for _, name := range slices.Sorted(maps.Keys(c.files)) {
		if strings.HasPrefix(name, route.DataDir) && !isSibling(name) {
			h.Write([]byte(name))
			h.Write([]byte{0})
			h.Write(c.files[name])
		}
	}
	c.version = hex.EncodeToString(h.Sum(nil))[:16]
	return &c, nil
}

// stories serves the list of stories, with the preview's script so that it follows the folder.
func (d *Dev) stories(w http.ResponseWriter, r *http.Request) {
	page := *d.list.Load()
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-cache")
	w.Write(page)
}

// events is the event stream: the current state at once, then a state after every reload, until
// the page or the server goes.
func (d *Dev) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // the stream outlives the server's write timeout
	ch := make(chan []byte, 4)
	d.mu.Lock()
	d.subs[ch] = true
	state := d.state
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.subs, ch)
		d.mu.Unlock()
	}()
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "no-store")
	send := func(b []byte) bool {
		if _, err := fmt.Fprintf(w, "event: state\ndata: %s\n\n", b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send(state) {
		return
	}
	for {
		select {
		case b := <-ch:
			if !send(b) {
				return
			}
		case <-r.Context().Done():
			return
		case <-d.done:
			return
		}
	}
}
