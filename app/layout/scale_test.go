package layout

import (
	"math"
	"testing"
	"time"
)

func day(s string) float64 {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return Day(t)
}

var testScale = ScaleOptions{MinSep: 80, PerLogDay: 10, BreakAfter: 60, BreakSep: 70, Pad: 20}

func TestFocusScale(t *testing.T) {
	s := NewFocusScale([]float64{day("2022-01-26"), day("2014-01-01"), day("2022-01-21"), day("2022-01-26")}, nil, testScale)
	tests := []struct {
		name string
		day  float64
		want float64
	}{
		{"the first stop sits at the padding", day("2014-01-01"), 20},
		{"a gap longer than BreakAfter takes exactly BreakSep", day("2022-01-21"), 90},
		{"a gap of five days takes MinSep plus PerLogDay times ln 5", day("2022-01-26"), 90 + 80 + 10*math.Log(5)},
		{"days before the domain clamp to the first stop", day("2000-01-01"), 20},
		{"days after the last stop clamp to its day's end", day("2030-01-01"), 90 + 80 + 10*math.Log(5) + 80},
		{"a day between two stops is interpolated", day("2022-01-21") + 2.5, 90 + (80+10*math.Log(5))/2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Pos(tt.day); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Pos = %v, want %v", got, tt.want)
			}
		})
	}
	if len(s.Breaks) != 1 || s.Breaks[0].Label != "8 years" {
		t.Errorf("Breaks = %+v, want one labelled 8 years", s.Breaks)
	}
}

func TestFocusScaleInvertsPos(t *testing.T) {
	s := NewFocusScale([]float64{day("2020-07-01"), day("2021-12-26"), day("2022-01-21"), day("2022-01-27")}, nil, testScale)
	for d := day("2020-07-01"); d <= day("2022-01-27"); d += 3.5 {
		if got := s.Invert(s.Pos(d)); math.Abs(got-d) > 1e-6 {
			t.Fatalf("Invert(Pos(%v)) = %v", d, got)
		}
	}
}

func TestFocusScaleNeverReversesOrder(t *testing.T) {
	s := NewFocusScale([]float64{day("2014-01-01"), day("2022-01-21"), day("2022-01-22"), day("2022-02-15")}, nil, testScale)
	prev := math.Inf(-1)
	for d := day("2013-06-01"); d < day("2022-03-01"); d += 1 {
		x := s.Pos(d)
		if x < prev {
			t.Fatalf("Pos(%v) = %v is left of the day before (%v)", d, x, prev)
		}
		prev = x
	}
}

func TestFocusScaleGivesRoomWhereAsked(t *testing.T) {
	room := func(d float64) float64 {
		if d == day("2022-01-26") {
			return 500
		}
		return 0
	}
	s := NewFocusScale([]float64{day("2022-01-26"), day("2022-01-27")}, room, testScale)
	if got := s.Pos(day("2022-01-27")) - s.Pos(day("2022-01-26")); got != 500 {
		t.Errorf("room before the next stop = %v, want 500", got)
	}
}

func TestEmptyScaleMapsToZero(t *testing.T) {
	var s Scale
	if s.Pos(100) != 0 || s.Invert(5) != 0 || s.Extent() != 0 || s.Stops() != nil {
		t.Error("the zero Scale does not map everything to 0")
	}
}

func TestPackLanes(t *testing.T) {
	tests := []struct {
		name  string
		spans []Span
		want  []int
		n     int
	}{
		{"non-overlapping spans share lane 0", []Span{{0, 10}, {10, 20}}, []int{0, 0}, 1},
		{"overlapping spans take new lanes", []Span{{0, 10}, {5, 15}, {6, 12}}, []int{0, 1, 2}, 3},
		{"a freed lane is reused", []Span{{0, 10}, {5, 15}, {12, 20}}, []int{0, 1, 0}, 2},
		{"no spans use no lanes", nil, []int{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := PackLanes(tt.spans)
			if n != tt.n || len(got) != len(tt.want) {
				t.Fatalf("PackLanes = %v, %d; want %v, %d", got, n, tt.want, tt.n)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("PackLanes = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"a short name stays on one line", "Nato", 10, "Nato"},
		{"words wrap at spaces", "Aide to President Macron", 12, "Aide to|President|Macron"},
		{"a word longer than the width is broken", "Supercalifragilistic", 8, "Supercal|ifragili|stic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			for i, l := range Wrap(tt.in, tt.width) {
				if i > 0 {
					got += "|"
				}
				got += l
			}
			if got != tt.want {
				t.Errorf("Wrap = %q, want %q", got, tt.want)
			}
		})
	}
}
