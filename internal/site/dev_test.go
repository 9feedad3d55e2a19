//go:build !wasm

package site

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"timeline/data"
	"timeline/internal/sheet"
)

// startDev serves a live preview of dir until the test ends. The event streams end with the
// test's context, before the server closes.
func startDev(t *testing.T, dir, wasm string) (*Dev, *httptest.Server) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	d, err := NewDev(ctx, DevConfig{Config: Config{WasmFile: wasm}, Dir: dir}, io.Discard)
	if err != nil {
		cancel()
		t.Fatalf("newDevServer: %v", err)
	}
	srv := httptest.NewServer(d)
	t.Cleanup(func() {
		cancel()
		srv.Close()
		d.Close()
	})
	return d, srv
}

// seedStory returns the seed story's file.
func seedStory(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "stories", defaultStoryID+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// saveAsEditors do: a hidden temporary file, renamed over the story file.
func saveAsEditors(t *testing.T, name string, b []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

// stream reads the states a live preview sends.
type stream struct {
	t      *testing.T
	states chan liveState
	last   liveState
}

func openStream(t *testing.T, base string) *stream {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, base+liveEvents, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("%s: Content-Type %q, want text/event-stream", liveEvents, ct)
	}
	s := &stream{t: t, states: make(chan liveState, 16)}
	go func() {
		defer close(s.states)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if b, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st liveState
				if err := json.Unmarshal([]byte(b), &st); err != nil {
					st.Problems = []liveProblem{{Text: "a state that is not JSON: " + b}}
				}
				s.states <- st
			}
		}
	}()
	return s
}

// next returns the next state sent.
func (s *stream) next() liveState {
	s.t.Helper()
	select {
	case st, ok := <-s.states:
		if !ok {
			s.t.Fatal("the event stream ended")
		}
		s.last = st
		return st
	case <-time.After(stepTimeout):
		s.t.Fatalf("no state within %v; the last: %+v", stepTimeout, s.last)
	}
	return liveState{}
}

// until reads states until one satisfies ok.
func (s *stream) until(what string, ok func(liveState) bool) liveState {
	s.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for time.Now().Before(deadline) {
		if st := s.next(); ok(st) {
			return st
		}
	}
	s.t.Fatalf("no state %s within %v; the last: %+v", what, stepTimeout, s.last)
	return liveState{}
}

func TestDevFollowsTheFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, defaultStoryID+".json")
	good := seedStory(t)
	if err := os.WriteFile(file, good, 0o644); err != nil {
		t.Fatal(err)
	}
	// What `timeline new` writes beside a story outside the project: not a story.
	if err := os.WriteFile(filepath.Join(dir, "story.schema.json"), data.Schema, 0o644); err != nil {
		t.Fatal(err)
	}
	_, srv := startDev(t, dir, "")
	st := openStream(t, srv.URL)
	if first := st.next(); len(first.Problems) != 0 || strings.Join(first.Stories, ",") != defaultStoryID {
		t.Fatalf("first state = %+v, want the seed story and no problem", first)
	}

	// A broken save: every problem at its line and column, with a hint; the story stays served.
	broken := strings.Replace(string(good), `"asOf": "2022-01-27"`, `"asOf": "2022-02-30"`, 1)
	if broken == string(good) {
		t.Fatal("the seed story has no asOf to break")
	}
	saveAsEditors(t, file, []byte(broken))
	got := st.until("with a problem", func(s liveState) bool { return len(s.Problems) > 0 })
	located := regexp.MustCompile(regexp.QuoteMeta(file) + `:\d+:\d+: story\.asOf: `)
	if !located.MatchString(got.Problems[0].Text) || got.Problems[0].Hint == "" {
		t.Errorf("problem = %+v, want %s:line:col: story.asOf: … with a hint", got.Problems[0], file)
	}
	if strings.Join(got.Stories, ",") != defaultStoryID {
		t.Errorf("stories while broken = %v, want the last good version still served", got.Stories)
	}
	if res := fetch(t, srv.URL+"/story/"+defaultStoryID); res.StatusCode != http.StatusOK {
		t.Errorf("the story's page while its file is broken: HTTP %d, want 200", res.StatusCode)
	}

	// Fixed: no problem left, and the story is announced as changed.
	saveAsEditors(t, file, good)
	got = st.until("without problems", func(s liveState) bool { return len(s.Problems) == 0 })
	if strings.Join(got.Changed, ",") != defaultStoryID {
		t.Errorf("changed = %v, want [%s]", got.Changed, defaultStoryID)
	}

	// A new file appears in /stories; a removed one disappears.
	newFile := filepath.Join(dir, "fresh.json")
	b, err := data.Starter("fresh", "story.schema.json", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	saveAsEditors(t, newFile, b)
	st.until("with the new story", func(s liveState) bool { return strings.Join(s.Stories, ",") == "fresh,"+defaultStoryID })
	if body := readBody(t, srv.URL+"/stories"); !strings.Contains(body, `data-story-id="fresh"`) {
		t.Errorf("/stories does not list the new story")
	}
	if err := os.Remove(newFile); err != nil {
		t.Fatal(err)
	}
	got = st.until("without the removed story", func(s liveState) bool { return strings.Join(s.Stories, ",") == defaultStoryID })
	if len(got.Notices) != 1 || !strings.Contains(got.Notices[0].Text, `"fresh" is gone`) {
		t.Errorf("notices = %+v, want one saying the story is gone", got.Notices)
	}
	if res := fetch(t, srv.URL+"/story/fresh"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a removed story's page: HTTP %d, want 404", res.StatusCode)
	}
}

func TestDevReportsARenamedStory(t *testing.T) {
	dir := t.TempDir()
	book, err := sheet.Workbook(mustDecode(t, seedStory(t)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "story.xlsx"), book, 0o644); err != nil {
		t.Fatal(err)
	}
	_, srv := startDev(t, dir, "")
	st := openStream(t, srv.URL)
	st.next()

	s := mustDecode(t, seedStory(t))
	s.Info.ID = "ukraine-renamed"
	book, err = sheet.Workbook(s)
	if err != nil {
		t.Fatal(err)
	}
	saveAsEditors(t, filepath.Join(dir, "story.xlsx"), book)
	got := st.until("with the new id", func(s liveState) bool { return strings.Join(s.Stories, ",") == "ukraine-renamed" })
	if len(got.Notices) != 1 || got.Notices[0].Story != defaultStoryID || got.Notices[0].Href != "/story/ukraine-renamed" ||
		!strings.Contains(got.Notices[0].Text, `is now "ukraine-renamed"`) {
		t.Errorf("notices = %+v, want one naming the old id, the new one and its page", got.Notices)
	}
}

func TestDevLocatesSheetProblemsByCell(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "my-story")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	_, srv := startDev(t, dir, "")
	st := openStream(t, srv.URL)
	st.next()
	// A folder of CSV, as Google Sheets downloads them, with an impossible date.
	csvs := map[string]string{
		"Story.csv":  "field,value\nid,my-story\ntitle,My story\nlanguage,en\nasOf,2022-01-27\n",
		"Tracks.csv": "id,label\nmain,Events\n",
		"Events.csv": "id,date,headline,track,status,source\nfirst,2022-13-01,The first event,main,happened,It happened.\n",
	}
	for name, text := range csvs {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The files arrive one by one: wait for the state once all are written.
	want := folder + ": Events!B2: "
	got := st.until("with the date's problem", func(s liveState) bool {
		return len(s.Problems) == 1 && strings.HasPrefix(s.Problems[0].Text, want)
	})
	if !strings.Contains(got.Problems[0].Text, "2022-13-01") || !strings.Contains(got.Problems[0].Hint, "2022-01-21") {
		t.Errorf("problem = %+v, want the date named, with the hint on writing dates", got.Problems[0])
	}
	fixed := strings.Replace(csvs["Events.csv"], "2022-13-01", "2022-01-21", 1)
	if err := os.WriteFile(filepath.Join(folder, "Events.csv"), []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	st.until("with the folder's story", func(s liveState) bool { return len(s.Problems) == 0 && strings.Join(s.Stories, ",") == "my-story" })
}

// TestServeAndExportHaveNoLivePreview checks that the preview exists in dev alone: serve's
// pages name no script of it and have no stream, and keep the same policy as dev's.
func TestServeAndExportHaveNoLivePreview(t *testing.T) {
	h, err := NewHandler(Config{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, p := range []string{"/", "/story/" + defaultStoryID, "/embed/" + defaultStoryID, "/stories", "/demo/" + defaultStoryID} {
		body := readBody(t, srv.URL+p)
		if strings.Contains(body, "timeline-live") || regexp.MustCompile(`/web/dev\.`).MatchString(body) {
			t.Errorf("serve %s: names the live preview", p)
		}
	}
	for _, p := range []string{"/web/" + liveScript, liveEvents} {
		if res := fetch(t, srv.URL+p); res.StatusCode != http.StatusNotFound {
			t.Errorf("serve %s: HTTP %d, want 404", p, res.StatusCode)
		}
	}
	served := fetch(t, srv.URL+"/story/"+defaultStoryID).Header.Get("Content-Security-Policy")

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, defaultStoryID+".json"), seedStory(t), 0o644); err != nil {
		t.Fatal(err)
	}
	_, dev := startDev(t, dir, "")
	res := fetch(t, dev.URL+"/story/"+defaultStoryID)
	if got := res.Header.Get("Content-Security-Policy"); got != served {
		t.Errorf("dev's policy = %q, want serve's %q", got, served)
	}
	body := readBody(t, dev.URL+"/story/"+defaultStoryID)
	// go-app writes a tag's attributes in any order.
	live := parseHTML(body).find(func(n *htmlNode) bool {
		return n.tag == "script" && regexp.MustCompile(`^/web/dev\.[0-9a-f]{12}\.js$`).MatchString(n.attrs["src"])
	})
	if !strings.Contains(body, liveMeta) || len(live) != 1 {
		t.Errorf("dev's page lacks the live preview's meta or script")
	}

	out := export(t, "/", fakeWasm(t))
	filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(e.Name(), "dev.") {
			t.Errorf("the export holds %s", p)
		}
		if strings.HasSuffix(p, ".html") && strings.Contains(string(mustRead(t, p)), "timeline-live") {
			t.Errorf("the export's %s names the live preview", p)
		}
		return nil
	})
}

// TestDevPinsTheVersion checks that a save changes the story the server gives, but not the
// Version go-app gives the service worker: a save is not a release.
func TestDevPinsTheVersion(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, defaultStoryID+".json")
	good := seedStory(t)
	if err := os.WriteFile(file, good, 0o644); err != nil {
		t.Fatal(err)
	}
	_, srv := startDev(t, dir, "")
	st := openStream(t, srv.URL)
	st.next()
	worker := readBody(t, srv.URL+"/app-worker.js")
	saveAsEditors(t, file, []byte(strings.Replace(string(good), `"title": "`, `"title": "Edited: `, 1)))
	st.until("after the save", func(s liveState) bool { return len(s.Changed) == 1 })
	if !strings.Contains(readBody(t, srv.URL+"/web/data/"+defaultStoryID+".json"), "Edited: ") {
		t.Errorf("the story served is not the saved one")
	}
	if readBody(t, srv.URL+"/app-worker.js") != worker {
		t.Errorf("the service worker changed with a save")
	}
}

func mustDecode(t *testing.T, b []byte) *data.Story {
	t.Helper()
	s, err := data.Decode(defaultStoryID+".json", b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func fetch(t *testing.T, u string) *http.Response {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

func readBody(t *testing.T, u string) string {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
