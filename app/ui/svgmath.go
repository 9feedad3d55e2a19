package ui

import (
	"math"
	"strconv"
	"strings"
)

// num formats an SVG coordinate with at most one decimal.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}

// polygon returns the points of a regular polygon of n corners around (x, y), the first corner at
// angle rot radians from the top.
func polygon(x, y, r float64, n int, rot float64) string {
	var b strings.Builder
	for i := range n {
		a := rot + 2*math.Pi*float64(i)/float64(n)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(x + r*math.Sin(a)))
		b.WriteByte(',')
		b.WriteString(num(y - r*math.Cos(a)))
	}
	return b.String()
}
