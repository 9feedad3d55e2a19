//go:build !wasm

package data

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestGeneratedStoriesAreValid(t *testing.T) {
	for _, o := range []GenerateOptions{
		{Events: 20, Actors: 10, Relations: 15, Seed: 1},
		{Events: 1000, Seed: 2},
		{Events: 300, Actors: 500, Relations: 2000, Seed: 3},
		{Events: 5, Actors: 1, Seed: 4},
	} {
		s := Generate(o)
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(s.Info.ID+".json", b)
		if err != nil {
			t.Fatalf("%+v: the generated story does not decode: %v", o, err)
		}
		wantActors := o.Actors
		if wantActors == 0 {
			wantActors = 60
		}
		if len(got.Events) != o.Events || len(got.Actors) != wantActors {
			t.Errorf("%+v: got %d events and %d actors", o, len(got.Events), len(got.Actors))
		}
		if o.Relations > 0 && len(got.Relations) != o.Relations {
			t.Errorf("%+v: got %d relations", o, len(got.Relations))
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := Generate(GenerateOptions{Events: 200, Seed: 7})
	b := Generate(GenerateOptions{Events: 200, Seed: 7})
	c := Generate(GenerateOptions{Events: 200, Seed: 8})
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gives two different stories")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds give the same story")
	}
}
