//go:build !wasm

package timelinejs

import (
	"fmt"
	"strings"
	"testing"
)

func TestImportRefusesDeepNesting(t *testing.T) {
	for _, depth := range []int{maxJSONDepth + 1, 100_000} {
		b := `{"events":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "}"
		res := Import(Options{File: "deep.json", Schema: "s", Lang: "en"}, []byte(b))
		want := fmt.Sprintf("deep.json:1:%d: invalid JSON: nested deeper than %d levels", 11+maxJSONDepth-1, maxJSONDepth)
		if len(res.Errs) != 1 || res.Errs[0].Error() != want {
			t.Errorf("%d levels: %v, want %s", depth, res.Errs, want)
		}
	}
	// As deep as allowed is read, and the notes name the path in full.
	b := `{"events": [` + strings.Repeat(`{"x":`, maxJSONDepth-3) + "1" + strings.Repeat("}", maxJSONDepth-3) + "]}"
	res := Import(Options{File: "f.json", Schema: "s", Lang: "en"}, []byte(b))
	if len(res.Errs) != 1 || !strings.Contains(res.Errs[0].Msg, "at least one event") {
		t.Errorf("%d levels: %v, want only the no-event error", maxJSONDepth, res.Errs)
	}
	found := false
	for _, n := range res.NotMapped {
		found = found || n.Path == "events[0].x"
	}
	if !found {
		t.Errorf("notes %v, want one at events[0].x", res.NotMapped)
	}
}
