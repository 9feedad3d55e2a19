package ui

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"sort"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/data"
)

// DefaultStory is the ID of the story shown at "/".
const DefaultStory = "ukraine-2022-01"

// mapWidth is the width the actor map is laid out for before the browser has measured it.
const mapWidth = 720

// storyView is a story with what every view of it needs, computed once.
type storyView struct {
	story    *data.Story
	index    *layout.Index
	timeline *layout.Timeline

	mu     sync.Mutex
	graphs map[int]*layout.Graph // by width in CSS pixels
}

func newStoryView(s *data.Story) *storyView {
	return &storyView{
		story:    s,
		index:    layout.NewIndex(s),
		timeline: layout.LayoutTimeline(s, layout.DefaultTimelineOptions()),
		graphs:   map[int]*layout.Graph{},
	}
}

// graph returns the actor map laid out for width, computing it at most once per width.
func (v *storyView) graph(width int) *layout.Graph {
	v.mu.Lock()
	defer v.mu.Unlock()
	g, ok := v.graphs[width]
	if !ok {
		g = layout.LayoutGraph(v.story, layout.DefaultGraphOptions(float64(width)))
		v.graphs[width] = g
	}
	return g
}

var catalog struct {
	once  sync.Once
	views map[string]*storyView
	ids   []string
	err   error
}

// SetStories replaces the stories the components show. The server calls it once at start, before
// serving, with stories it has validated; without it the embedded stories are used.
func SetStories(stories []*data.Story) {
	catalog.once.Do(func() {})
	catalog.views, catalog.ids = index(stories)
	catalog.err = nil
}

func index(stories []*data.Story) (map[string]*storyView, []string) {
	views := make(map[string]*storyView, len(stories))
	ids := make([]string, 0, len(stories))
	for _, s := range stories {
		views[s.Info.ID] = newStoryView(s)
		ids = append(ids, s.Info.ID)
	}
	sort.Strings(ids)
	return views, ids
}

// addStory makes a fetched story available to every view.
func addStory(s *data.Story) {
	catalog.views[s.Info.ID] = newStoryView(s)
}

// fetchStory asks the server for a story that is not in the bundle (one served with -data) and
// calls done on the UI goroutine with it, or with why it could not be had.
func fetchStory(ctx app.Context, id string, done func(app.Context, *data.Story, error)) {
	ctx.Async(func() {
		s, err := getStory(ctx.ResolveStaticResource(storyDataPath(id)))
		ctx.Dispatch(func(ctx app.Context) { done(ctx, s, err) })
	})
}

// storyDataPath is where the server publishes a story's JSON: under /web/ so that go-app resolves
// it below any path prefix a static host serves the site from.
func storyDataPath(id string) string { return "/web/data/" + url.PathEscape(id) + ".json" }

func getStory(u string) (*data.Story, error) {
	res, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, errors.New(u + ": " + res.Status)
	}
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return data.Decode("", b)
}

// lookup returns the story with the given ID, loading the embedded stories on first use.
func lookup(id string) (*storyView, error) {
	catalog.once.Do(func() {
		stories, err := data.Embedded()
		catalog.views, catalog.ids = index(stories)
		catalog.err = err
	})
	if catalog.err != nil {
		return nil, catalog.err
	}
	return catalog.views[id], nil
}
