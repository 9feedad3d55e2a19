//go:build !wasm

package ui

import (
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// fakeItem stands for a component whose mounting the test decides.
type fakeItem struct {
	app.Compo
	p       int
	mounted bool
}

func (f *fakeItem) Mounted() bool  { return f.mounted }
func (f *fakeItem) props() int     { return f.p }
func (f *fakeItem) Render() app.UI { return app.Div() }

func TestKeptHandsBackTheMountedComponentWhileItsPropsHold(t *testing.T) {
	var k kept[int, *fakeItem]
	made := 0
	newItem := func(p int) *fakeItem { made++; return &fakeItem{p: p} }

	first := k.at(0, 10, newItem).(*fakeItem)
	gap := k.at(3, 13, newItem).(*fakeItem) // positions 1 and 2 hold something else
	if len(k) != 4 || k[0] != first || k[3] != gap || k[1] != nil || k[2] != nil {
		t.Fatalf("kept = %v after filling positions 0 and 3", k)
	}
	if got := k.at(0, 10, newItem); got == first || k[0] != got {
		t.Error("a component not yet mounted was handed back (go-app would mount it twice), or the new one not kept")
	}
	made = 0
	first = k[0]
	first.mounted = true
	if got := k.at(0, 10, newItem); got != first || made != 0 {
		t.Errorf("unchanged props: got a new component (made %d), want the mounted one back", made)
	}
	fresh := k.at(0, 11, newItem).(*fakeItem)
	if fresh == first || fresh.p != 11 || k[0] != first {
		t.Errorf("changed props: want a new component with them and the mounted one kept, got %+v, kept %p", fresh, k[0])
	}
	first.mounted = false // go-app dismounted it: the position now holds whatever comes next
	if got := k.at(0, 11, newItem); got == first || k[0] != got {
		t.Error("a dismounted component was handed back, or the new one not kept")
	}
}

func TestChunksCoverEveryItemOnce(t *testing.T) {
	for _, n := range []int{0, 1, chunkSize - 1, chunkSize, chunkSize + 1, 5*chunkSize + 3} {
		marks := make([]byte, n)
		for i := range marks {
			marks[i] = byte(i % 7)
		}
		next := 0
		for _, c := range chunksOf[struct{}](nil, nil, marks) {
			if c.from != next || len(c.marks) == 0 || len(c.marks) > chunkSize {
				t.Fatalf("%d items: a chunk from %d with %d marks, want one from %d with 1 to %d", n, c.from, len(c.marks), next, chunkSize)
			}
			for k := range len(c.marks) {
				if it := c.item(k); it.i != next+k || it.mark != mark(marks[next+k]) {
					t.Fatalf("%d items: item %d of the chunk from %d is %d with mark %d", n, k, c.from, it.i, it.mark)
				}
			}
			next += len(c.marks)
		}
		if next != n {
			t.Errorf("%d items: the chunks cover %d", n, next)
		}
	}
}
