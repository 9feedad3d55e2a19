//go:build !wasm

package layout

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestScratchSVG(t *testing.T) {
	st := mapStories(t)[0]
	for _, w := range []float64{390, 1280} {
		g := LayoutGraph(st.s, DefaultGraphOptions(w))
		var b strings.Builder
		fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%v" height="%v" style="background:white;font:13px sans-serif">`, g.Width, g.Height)
		for _, bl := range g.Blocs {
			fmt.Fprintf(&b, `<rect x="%v" y="%v" width="%v" height="%v" fill="rgba(0,0,200,0.06)" stroke="#ccd"/>`, bl.Box.X, bl.Box.Y, bl.Box.W, bl.Box.H)
		}
		for _, n := range g.Nodes {
			fmt.Fprintf(&b, `<rect x="%v" y="%v" width="%v" height="%v" fill="none" stroke="#eee"/>`, n.Row.X, n.Row.Y, n.Row.W, n.Row.H)
			fmt.Fprintf(&b, `<circle cx="%v" cy="%v" r="%v" fill="#888"/>`, n.X, n.Y, n.R)
			fmt.Fprintf(&b, `<text x="%v" y="%v">%s</text>`, n.LabelX, n.LabelY, strings.Join(n.Lines, " / "))
		}
		for _, e := range g.Edges {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="rgba(200,0,0,0.6)"/>`, e.D)
		}
		b.WriteString(`</svg>`)
		os.WriteFile(fmt.Sprintf("/tmp/seed%v.svg", w), []byte(b.String()), 0o644)
	}
}
