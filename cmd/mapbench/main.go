//go:build !wasm

// Command mapbench measures the actor map's layout against Graphviz on the same graphs: the seed
// story and generated stories of 50, 100 and 500 actors with four relations each. For each it
// prints our layout's time, its edge–label, edge–node and label–label intersections and its edge
// crossings at 390 and 1280 px, and the crossings of Graphviz's neato and dot (overlap=false,
// splines=true, so that they too keep nodes apart and route edges round them) and of fdp with
// blocs as clusters, each with the ratio of ours to it. Crossings are counted the same way for
// all: pairwise between drawn edge paths (Graphviz's splines sampled into short segments), away
// from a shared end node, the members of a bundle as separate edges.
//
//	go run ./cmd/mapbench [-out bench/out/map] [-timeout 150s]
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"timeline/app/layout"
	"timeline/data"
)

func main() {
	out := flag.String("out", "bench/out/map", "`folder` for the DOT files and the table")
	timeout := flag.Duration("timeout", 150*time.Second, "how long one Graphviz run may take")
	flag.Parse()
	if err := run(*out, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "mapbench:", err)
		os.Exit(1)
	}
}

type story struct {
	name string
	s    *data.Story
}

func stories() ([]story, error) {
	emb, err := data.Embedded()
	if err != nil {
		return nil, err
	}
	var out []story
	for _, s := range emb {
		if s.Info.ID == "ukraine-2022-01" {
			out = append(out, story{"seed", s})
		}
	}
	for _, n := range []int{50, 100, 500} {
		out = append(out, story{strconv.Itoa(n) + " actors", layout.GeneratedMap(n)})
	}
	return out, nil
}

func run(dir string, timeout time.Duration) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	sts, err := stories()
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("| story | edges | width | layout ms | edge–label | edge–node | label–label | arrowheads overlapping | crossings | neato | dot | fdp (blocs as clusters) |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n")
	for _, st := range sts {
		ix := layout.NewIndex(st.s)
		refs := map[string]string{}
		for _, prog := range []string{"neato", "dot", "fdp"} {
			refs[prog] = "not run"
		}
		file := filepath.Join(dir, strings.ReplaceAll(st.name, " ", "-"))
		// The three run side by side: the slowest bounds the wait.
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, prog := range []string{"neato", "dot", "fdp"} {
			dot := writeDOT(st.s, prog == "fdp")
			if err := os.WriteFile(file+"-"+prog+".dot", dot, 0o644); err != nil {
				return err
			}
			wg.Go(func() {
				d, took, err := graphviz(prog, dot, timeout)
				res := ""
				if err != nil {
					res = err.Error()
				} else {
					res = fmt.Sprintf("%d (%.1f s)", layout.Crossings(d), took.Seconds())
				}
				mu.Lock()
				refs[prog] = res
				mu.Unlock()
			})
		}
		wg.Wait()
		for _, width := range []float64{390, 1280} {
			g, ms := timeLayout(st.s, width)
			// The intersections with nothing selected and with the busiest actor's labels shown.
			m := layout.Measure(layout.DrawingOf(g, nil))
			busiest := 0
			for i, a := range st.s.Actors {
				if len(ix.ActorRelations(a.ID)) > len(ix.ActorRelations(st.s.Actors[busiest].ID)) {
					busiest = i
				}
			}
			plan := layout.PlaceLabels(st.s, g, ix.ActorRelations(st.s.Actors[busiest].ID), busiest)
			withLabels := layout.Intersections(layout.DrawingOf(g, &plan))
			cell := func(ref string) string {
				n, err := strconv.Atoi(strings.Fields(ref)[0])
				if err != nil || n == 0 {
					return ref
				}
				return fmt.Sprintf("%s, ours ×%.2f", ref, float64(m.Crossings)/float64(n))
			}
			fmt.Fprintf(&b, "| %s | %d | %v | %.2f | %d | %d | %d | %d | %d | %s | %s | %s |\n",
				st.name, len(g.Edges), width, ms,
				m.EdgeLabel+withLabels.EdgeLabel, m.EdgeNode+withLabels.EdgeNode, m.LabelLabel+withLabels.LabelLabel,
				layout.ArrowOverlaps(g), m.Crossings, cell(refs["neato"]), cell(refs["dot"]), cell(refs["fdp"]))
		}
	}
	b.WriteString("\nIntersections are counted with nothing selected and again with the labels of the busiest actor's relations shown; arrowheads overlapping are the pairs of arrowheads, drawn as a lit relation's, that overlap by more than half a pixel; layout ms is the median of 15 native runs.\n")
	fmt.Print(b.String())
	return os.WriteFile(filepath.Join(dir, "map.md"), []byte(b.String()), 0o644)
}

// timeLayout lays s out at width 15 times and returns the layout and the median time in ms.
func timeLayout(s *data.Story, width float64) (*layout.Graph, float64) {
	var g *layout.Graph
	var ts []float64
	for range 15 {
		t0 := time.Now()
		g = layout.LayoutGraph(s, layout.DefaultGraphOptions(width))
		ts = append(ts, float64(time.Since(t0).Microseconds())/1000)
	}
	slices.Sort(ts)
	return g, ts[len(ts)/2]
}

// writeDOT writes s as a DOT graph: each actor a box the size of its name, each relation an
// edge (directed ones with an arrowhead), with overlap=false and splines=true. With clusters,
// each bloc is a cluster (for fdp).
func writeDOT(s *data.Story, clusters bool) []byte {
	var b bytes.Buffer
	b.WriteString("digraph map {\n  graph [overlap=false, splines=true];\n  node [shape=box, fontsize=10, margin=\"0.05,0.02\"];\n")
	index := map[string]int{}
	for i, a := range s.Actors {
		index[a.ID] = i
	}
	root := func(i int) int {
		for k := 0; k < len(s.Actors); k++ {
			p, ok := index[s.Actors[i].Affiliation]
			if !ok || p == i {
				return i
			}
			i = p
		}
		return i
	}
	byBloc := map[int][]int{}
	var roots []int
	for i := range s.Actors {
		r := root(i)
		if _, ok := byBloc[r]; !ok {
			roots = append(roots, r)
		}
		byBloc[r] = append(byBloc[r], i)
	}
	node := func(i int) string {
		return fmt.Sprintf("n%d [label=%s];\n", i, strconv.Quote(s.Actors[i].Name))
	}
	for k, r := range roots {
		if clusters {
			fmt.Fprintf(&b, "  subgraph cluster_%d {\n", k)
		}
		for _, i := range byBloc[r] {
			b.WriteString("    " + node(i))
		}
		if clusters {
			b.WriteString("  }\n")
		}
	}
	for _, r := range s.Relations {
		from, ok1 := index[r.From]
		to, ok2 := index[r.To]
		if !ok1 || !ok2 || from == to {
			continue
		}
		attr := ""
		if !r.Directed {
			attr = " [dir=none]"
		}
		fmt.Fprintf(&b, "  n%d -> n%d%s;\n", from, to, attr)
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// graphviz runs prog on dot and reads its drawing from -Tplain: node boxes and each edge's
// B-spline, sampled into 8 segments per cubic piece.
func graphviz(prog string, dot []byte, timeout time.Duration) (layout.Drawing, time.Duration, error) {
	var d layout.Drawing
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, "-Tplain")
	cmd.Stdin = bytes.NewReader(dot)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t0 := time.Now()
	out, err := cmd.Output()
	took := time.Since(t0)
	if ctx.Err() != nil {
		return d, took, fmt.Errorf("timed out after %v", timeout)
	}
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return d, took, errors.New("not installed")
		}
		return d, took, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	index := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	const pt = 72 // inches to points
	for sc.Scan() {
		f := fields(sc.Text())
		switch {
		case len(f) >= 6 && f[0] == "node":
			x, y, w, h := atof(f[2]), atof(f[3]), atof(f[4]), atof(f[5])
			index[f[1]] = len(d.Nodes)
			d.Nodes = append(d.Nodes, layout.Rect{X: (x - w/2) * pt, Y: (y - h/2) * pt, W: w * pt, H: h * pt})
		case len(f) >= 4 && f[0] == "edge":
			n, _ := strconv.Atoi(f[3])
			if len(f) < 4+2*n {
				continue
			}
			var ctl []layout.Point
			for k := range n {
				ctl = append(ctl, layout.Point{X: atof(f[4+2*k]) * pt, Y: atof(f[5+2*k]) * pt})
			}
			d.Paths = append(d.Paths, sample(ctl))
			d.Ends = append(d.Ends, [2]int{index[f[1]], index[f[2]]})
		}
	}
	return d, took, sc.Err()
}

// sample turns a B-spline's control points (1 + 3k of them) into a polyline.
func sample(ctl []layout.Point) []layout.Point {
	out := []layout.Point{ctl[0]}
	for i := 0; i+3 < len(ctl); i += 3 {
		p0, p1, p2, p3 := ctl[i], ctl[i+1], ctl[i+2], ctl[i+3]
		for k := 1; k <= 8; k++ {
			t := float64(k) / 8
			u := 1 - t
			out = append(out, layout.Point{
				X: u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
				Y: u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y,
			})
		}
	}
	return out
}

// fields splits a -Tplain line at spaces, keeping quoted strings whole.
func fields(line string) []string {
	var out []string
	for line = strings.TrimSpace(line); line != ""; line = strings.TrimSpace(line) {
		if line[0] == '"' {
			end := 1
			for end < len(line) && (line[end] != '"' || line[end-1] == '\\') {
				end++
			}
			out = append(out, line[:min(end+1, len(line))])
			line = line[min(end+1, len(line)):]
			continue
		}
		i := strings.IndexByte(line, ' ')
		if i < 0 {
			i = len(line)
		}
		out = append(out, line[:i])
		line = line[i:]
	}
	return out
}

func atof(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return f
}
