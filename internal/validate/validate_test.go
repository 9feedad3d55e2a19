//go:build !wasm

package validate

import (
	"testing"

	"timeline/data"
)

// TestEveryProblemGetsAHint reads the hints of problems of every kind the decoder reports.
func TestEveryProblemGetsAHint(t *testing.T) {
	tests := []struct {
		path string
		code data.Code
		want string
	}{
		{"", data.CodeSyntax, "look at or just before this point for a missing comma, quote or bracket, or one too many"},
		{"", data.CodeEmptyFile, "a story file holds one JSON object; " + SchemaHint},
		{"story", data.CodeMisspeltField, "field names are case-sensitive; rename the field or remove it"},
		{"story.title", data.CodeRepeatedField, "JSON keeps only one of the two values: remove the other"},
		{"story.title", data.CodeType, "change the value's JSON type; " + SchemaHint},
		{"events[0].id", data.CodeID, "ids go into addresses and file names: use letters, digits and hyphens, such as geneva-meeting"},
		{"story.id", data.CodeFileName, "rename the file or change story.id: the id is the story's address, /story/<id>"},
		{"story.asOf", data.CodeAsOf, "asOf is the day the story describes the world at, written YYYY-MM-DD, such as 2022-01-27"},
		{"events[0].media.url", data.CodeMediaURL, "put the file in web/ and write /web/<name>, or give the full https:// address of the media"},
		{"events[0].links[0].url", data.CodeLinkURL, "give the page's full address, starting with https:// or http://"},
		{"events[0].track", data.CodeNoTrack, `check the spelling against the ids under "story.tracks", or add the track there`},
		{"relations[0].events[0]", data.CodeNoEvent, `check the spelling against the ids under "events", or add the event there`},
		{"relations[1]", data.CodeDuplicateRelation, `give each of the two relations its own "id"`},
		{"events[0].actors[1].actor", data.CodeListedTwice, "list each actor once per event, with its main part"},
		{"actors[0].affiliation", data.CodeAffiliation, "an actor belongs to another (a minister to a state), never to itself: remove one affiliation"},
		{"relations[0].to", data.CodeSelfRelation, "a relation ties two different actors: change its from or its to"},
		{"events[0].status", data.CodeEnum, "use one of the values listed"},
		{"story", data.CodeMissing, `add the "story" object with id, title, language, asOf and tracks`},
		{"events", data.CodeEmpty, "a story needs at least one event"},
		{"story.tracks", data.CodeEmpty, `add at least one track, such as {"id": "main", "label": "Events"}`},
		{"actors[0].kind", data.CodeMissing, "fill it in: state, organisation, person or group"},
		{"relations[0].kind", data.CodeMissing, "fill it in: what the tie is, such as meets or warns"},
		{"events[0].quotes[0].text", data.CodeEmpty, "fill it in: the words, verbatim, without quotation marks"},
		{"events[0].links[0].text", data.CodeEmpty, "fill it in: the words that name the page"},
		{"events[0].media.url", data.CodeMissing, "fill it in: a path under /web/, or the full https:// address of the media"},
		{"story.summary", "something-new", SchemaHint},
	}
	for _, tt := range tests {
		if got := Hint(&data.Error{Path: tt.path, Code: tt.code}); got != tt.want {
			t.Errorf("hint for %s at %s:\n got  %q\n want %q", tt.code, tt.path, got, tt.want)
		}
	}
	// A code added to data without a hint here would fall back to the schema alone.
	for _, c := range data.Codes {
		if got := Hint(&data.Error{Path: "events[0].headline", Code: c}); got == SchemaHint {
			t.Errorf("problems of code %q get only the generic hint", c)
		}
	}
}
