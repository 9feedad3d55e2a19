package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"timeline/app/layout"
)

// item is everything one card, actor or relation is drawn from: the story, the layout that
// places it (a *layout.Timeline or *layout.Graph), its index there and its mark. It is
// comparable, so whether an item must be drawn again is one comparison.
type item[L any] struct {
	view   *storyView
	layout *L
	i      int
	mark   mark
}

// chunkSize is how many items of a long list one chunk draws.
const chunkSize = 16

// chunk is what a run of a list's items is drawn from: the story, the layout, the index of its
// first item, and its items' marks, a byte each. It is comparable, like item.
type chunk[L any] struct {
	view   *storyView
	layout *L
	from   int
	marks  string
}

// item returns the k-th item of the run.
func (c chunk[L]) item(k int) item[L] {
	return item[L]{c.view, c.layout, c.from + k, mark(c.marks[k])}
}

// chunksOf cuts a list whose items have marks into runs of chunkSize.
func chunksOf[L any](view *storyView, l *L, marks []byte) []chunk[L] {
	chunks := make([]chunk[L], 0, (len(marks)+chunkSize-1)/chunkSize)
	for from := 0; from < len(marks); from += chunkSize {
		chunks = append(chunks, chunk[L]{view, l, from, string(marks[from:min(from+chunkSize, len(marks))])})
	}
	return chunks
}

// drawChunks draws items in chunks by their marks: at each position the component kept there
// while its chunk is unchanged, else a new one from newC.
func drawChunks[L any, C propped[chunk[L]]](k *kept[chunk[L], C], view *storyView, l *L, marks []byte, newC func(chunk[L]) C) []app.UI {
	chunks := chunksOf(view, l, marks)
	ui := make([]app.UI, len(chunks))
	for i, c := range chunks {
		ui[i] = k.at(i, c, newC)
	}
	return ui
}

// propped is a component drawn from props of type P alone.
type propped[P comparable] interface {
	comparable
	app.Composer
	props() P
}

// kept holds, by position in a list, the components go-app has mounted there.
//
// A list re-rendered with new components makes go-app compare each one's fields by reflection
// with the mounted one, and at thousands of items that is most of a click's work. Handing back
// the mounted component itself instead makes go-app skip it at once. Long lists go further and
// are drawn in chunks (see chunk), so that a new selection costs go-app a comparison per chunk
// and then per item of the few chunks whose marks it changes.
type kept[P comparable, C propped[P]] []C

// at returns what to render at position pos for props p: the component mounted there when it
// already has p, else a new one from newC, whose props go-app then copies into the mounted one
// (or mounts, where there is none).
//
// go-app matches a list's children by position and never moves one, so a component kept at pos
// is the one mounted at pos, as long as it is mounted at all.
func (k *kept[P, C]) at(pos int, p P, newC func(P) C) app.UI {
	var none C
	if pos < len(*k) {
		if c := (*k)[pos]; c != none && c.Mounted() {
			if c.props() == p {
				return c
			}
			return newC(p)
		}
	} else {
		*k = append(*k, make([]C, pos+1-len(*k))...) // positions holding something else stay empty
	}
	c := newC(p)
	(*k)[pos] = c
	return c
}

// markOf is the mark of an item in state s.
func markOf(s layout.State) mark {
	switch s {
	case layout.Selected:
		return markSelected
	case layout.Lit:
		return markLit
	case layout.Dim:
		return markDim
	}
	return 0
}

// mark is what an item shows of the selection and the focus, as bits.
type mark uint8

const (
	markSelected mark = 1 << iota // the item the reader chose
	markLit                       // linked to the selection
	markDim                       // unrelated to the selection
	markTabStop                   // holds its list's one tab stop
	markInactive                  // a relation that does not hold on the day shown
	markLabel                     // a relation whose label shows: an actor at one end has keyboard focus
)

func (mk mark) has(b mark) bool { return mk&b != 0 }

// markState names the selection hook a mark sets: data-selected, data-lit or data-dim.
func markState(mk mark) string {
	switch {
	case mk.has(markSelected):
		return "selected"
	case mk.has(markLit):
		return "lit"
	case mk.has(markDim):
		return "dim"
	}
	return ""
}

func tabIndexOf(mk mark) string {
	if mk.has(markTabStop) {
		return "0"
	}
	return "-1"
}

// setMark gives el, an event's card or an actor, the look of its new mark in place of old's,
// touching only what differs: each call into the page costs, and the first selection dims every
// item. selected sets the ARIA state that says el is the one selected.
func setMark(el app.Value, old, now mark, selected func(el app.Value, on bool)) {
	if was, is := markState(old), markState(now); was != is {
		if was != "" {
			el.Call("removeAttribute", "data-"+was)
		}
		if is != "" {
			el.Call("setAttribute", "data-"+is, "true")
		}
		if was == "selected" || is == "selected" {
			selected(el, is == "selected")
		}
	}
	if old.has(markTabStop) != now.has(markTabStop) {
		el.Call("setAttribute", "tabindex", tabIndexOf(now))
	}
}
