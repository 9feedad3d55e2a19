package web

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// themeBlocks returns the custom properties of the stylesheet's light theme (the first :root
// block) and of its two dark ones (the prefers-color-scheme block and [data-theme="dark"]).
func themeBlocks(t *testing.T) map[string]map[string]string {
	t.Helper()
	b, err := os.ReadFile("style.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	blocks := map[string]map[string]string{}
	for name, start := range map[string]string{
		"light": ":root {", "dark (system)": "@media (prefers-color-scheme: dark) {", "dark (forced)": `[data-theme="dark"] {`,
	} {
		i := strings.Index(css, start)
		if i < 0 {
			t.Fatalf("style.css has no %q block", start)
		}
		body := css[i+len(start):]
		body = body[:strings.Index(body, "}")]
		vars := map[string]string{}
		for _, m := range regexp.MustCompile(`(--tl-[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;`).FindAllStringSubmatch(body, -1) {
			vars[m[1]] = m[2]
		}
		blocks[name] = vars
	}
	return blocks
}

// luminance is a colour's relative luminance, as WCAG 2.1 defines it.
func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.03928 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestMarksContrastWithTheirBackgrounds: the colours that draw marks (dots, bars, the map's
// shapes and lines, the legend's keys, focus rings) stand 3:1 against every background they are
// drawn on, in the light theme and both dark ones (WCAG 2.1, 1.4.11 non-text contrast).
func TestMarksContrastWithTheirBackgrounds(t *testing.T) {
	marks := []string{"--tl-accent", "--tl-muted", "--tl-planned", "--tl-focus"}
	for i := range 8 {
		marks = append(marks, "--tl-bloc-"+strconv.Itoa(i))
	}
	for theme, vars := range themeBlocks(t) {
		for _, bg := range []string{"--tl-bg", "--tl-card", "--tl-soft"} {
			for _, m := range marks {
				if vars[m] == "" || vars[bg] == "" {
					t.Errorf("%s theme: %s or %s is not a #rrggbb colour", theme, m, bg)
					continue
				}
				if c := contrast(vars[m], vars[bg]); c < 3 {
					t.Errorf("%s theme: %s %s on %s %s has contrast %.2f:1, want at least 3:1", theme, m, vars[m], bg, vars[bg], c)
				}
			}
		}
	}
}
