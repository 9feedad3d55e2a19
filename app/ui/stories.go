package ui

import (
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
	"timeline/app/route"
	"timeline/data"
)

// DefaultStory is the ID of the story shown at "/".
const DefaultStory = route.DefaultStory

// mapWidth is the width the actor map is laid out for before the browser has measured it.
const mapWidth = 720

// storyView is a story with what every view of it needs, computed once.
type storyView struct {
	story    *data.Story
	index    *layout.Index
	prepared *layout.Prepared
	// defaultZoom shows every event at zoom 1 when that is not too wide, else the whole story.
	defaultZoom float64
	// timeStops are the days the map's time control moves through: every day an event starts
	// on, and the story's date, in order.
	timeStops []time.Time

	mu        sync.Mutex
	text      string                       // the text version's markup, once made
	cards     []string                     // each event card's markup (cardBody), once made
	graphs    map[int]*layout.Graph        // by width in CSS pixels
	drafted   *layout.Graph                // the draft layout (draft)
	timelines map[float64]*layout.Timeline // by zoom; a few recent ones
}

// maxDefaultWidth is the widest a timeline may be at zoom 1 for that to be its default view.
const maxDefaultWidth = 6000

// fitWidth is the width the whole story is fitted to when it is too wide at zoom 1; wide enough
// that clusters stay small on a phone too, where the timeline is a list.
const fitWidth = 1200

func newStoryView(s *data.Story) *storyView {
	v := &storyView{
		story:     s,
		index:     layout.NewIndex(s),
		prepared:  layout.Prepare(s),
		graphs:    map[int]*layout.Graph{},
		timelines: map[float64]*layout.Timeline{},
	}
	seen := map[time.Time]bool{}
	for _, d := range append(eventDays(s), s.Info.AsOfDate.First()) {
		if !seen[d] {
			seen[d] = true
			v.timeStops = append(v.timeStops, d)
		}
	}
	sort.Slice(v.timeStops, func(i, j int) bool { return v.timeStops[i].Before(v.timeStops[j]) })
	v.defaultZoom = 1
	if v.prepared.Width(layout.DefaultTimelineOptions()) > maxDefaultWidth {
		v.defaultZoom = v.prepared.FitZoom(layout.DefaultTimelineOptions(), fitWidth)
	}
	return v
}

// timeline returns the layout at zoom, computing it at most once while it is recent.
func (v *storyView) timeline(zoom float64) *layout.Timeline {
	v.mu.Lock()
	defer v.mu.Unlock()
	if t, ok := v.timelines[zoom]; ok {
		return t
	}
	if len(v.timelines) >= 8 {
		clear(v.timelines)
	}
	o := layout.DefaultTimelineOptions()
	o.Zoom = zoom
	t := v.prepared.Layout(o)
	v.timelines[zoom] = t
	return t
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

// draft returns the actor map as a draft (layout.DraftGraph), at the width assumed before the
// browser measures: next to nothing where the full layout of a big map takes seconds in
// WebAssembly. It serves what needs the actors, their relations and blocs, not the drawing a
// reader looks at: the map while its pane is hidden, and the text version's order.
func (v *storyView) draft() *layout.Graph {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.draftLocked()
}

// draftLocked is draft; v.mu must be held.
func (v *storyView) draftLocked() *layout.Graph {
	if v.drafted == nil {
		v.drafted = layout.DraftGraph(v.story, layout.DefaultGraphOptions(mapWidth))
	}
	return v.drafted
}

// Catalog is the stories the pages show, each prepared once, by id. The server makes one of the
// stories it serves, validated; the browser one that fills as the stories are fetched. It is safe
// for concurrent use: the server renders pages concurrently.
type Catalog struct {
	mu    sync.RWMutex
	views map[string]*storyView
	fixed bool // the stories are those given, and no embedded one is looked up
}

// NewCatalog returns a catalogue of stories. With nil, the server shows the embedded stories,
// each decoded when a page first shows it, and the browser those it fetches; with a slice, even
// an empty one, exactly those.
func NewCatalog(stories []*data.Story) *Catalog {
	c := &Catalog{views: make(map[string]*storyView, len(stories)), fixed: stories != nil}
	for _, s := range stories {
		c.views[s.Info.ID] = newStoryView(s)
	}
	return c
}

// add makes a fetched story available to every page.
func (c *Catalog) add(s *data.Story) {
	v := newStoryView(s)
	c.mu.Lock()
	c.views[s.Info.ID] = v
	c.mu.Unlock()
}

// fetchStory asks the server for a story that is not in the bundle (one served with -data) and
// calls done on the UI goroutine with it, or with why it could not be had. It uses the browser's
// fetch: Go's HTTP client would bring TLS and the whole net/http client into the bundle.
func fetchStory(ctx app.Context, id string, done func(app.Context, *data.Story, error)) {
	u := ctx.ResolveStaticResource(route.DataPath(id))
	fetchBytes(u, func(b []byte, err error) {
		var s *data.Story
		if err == nil {
			s, err = data.Decode("", b)
		}
		ctx.Dispatch(func(ctx app.Context) { done(ctx, s, err) })
	})
}

// fetchBytes gets u with the browser's fetch and calls done once with its body or an error.
// The body is copied into Go as bytes, in one piece: as text it would be decoded from UTF-16
// into a Go string and copied again into the bytes the decoder reads, which at 1,000 events
// is half a megabyte each time.
func fetchBytes(u string, done func([]byte, error)) {
	var onResponse, onBody, onError app.Func
	finish := func(b []byte, err error) {
		onResponse.Release()
		onBody.Release()
		onError.Release()
		done(b, err)
	}
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		finish(nil, errors.New(u+": "+args[0].Call("toString").String()))
		return nil
	})
	onBody = app.FuncOf(func(this app.Value, args []app.Value) any {
		src := app.Window().Get("Uint8Array").New(args[0])
		b := make([]byte, src.Length())
		app.CopyBytesToGo(b, src)
		finish(b, nil)
		return nil
	})
	onResponse = app.FuncOf(func(this app.Value, args []app.Value) any {
		res := args[0]
		if !res.Get("ok").Bool() {
			finish(nil, errors.New(u+": HTTP "+res.Get("status").String()))
			return nil
		}
		res.Call("arrayBuffer").Call("then", onBody, onError)
		return nil
	})
	app.Window().Call("fetch", u).Call("then", onResponse, onError)
}

// lookup returns the story with the given ID, or nil when there is none. In a catalogue made
// from nil, an embedded story is decoded and prepared the first time it is asked for, and only
// then. In the browser there is no embedded story: the page's was fetched before the first
// render (LoadPageStory), and any other is fetched when a page asks for it.
func (c *Catalog) lookup(id string) (*storyView, error) {
	c.mu.RLock()
	v, ok := c.views[id]
	c.mu.RUnlock()
	if ok || c.fixed || app.IsClient {
		return v, nil
	}
	s, found, err := embeddedStory(id)
	if err != nil || !found {
		return nil, err
	}
	v = newStoryView(s)
	c.mu.Lock()
	defer c.mu.Unlock()
	if w, ok := c.views[id]; ok {
		return w, nil // another page prepared it meanwhile
	}
	c.views[id] = v
	return v, nil
}

func eventDays(s *data.Story) []time.Time {
	days := make([]time.Time, len(s.Events))
	for i, ev := range s.Events {
		days[i] = ev.When.First()
	}
	return days
}

// blocsLocked lists actor indices by bloc, as the map groups them: each bloc's head first, then the
// actors that belong to it, in the map's reading order.
//
// v.mu must be held.
func (v *storyView) blocsLocked() [][]int {
	g := v.draftLocked()
	out := make([][]int, len(g.Blocs))
	for b, bloc := range g.Blocs {
		out[b] = append(out[b], bloc.Root)
	}
	for _, i := range g.Order {
		if b := g.Nodes[i].Bloc; i != g.Blocs[b].Root {
			out[b] = append(out[b], i)
		}
	}
	return out
}
