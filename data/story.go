package data

// Story is one story file: what it is about, who is involved, how they relate and what happened.
// The zero Story is empty and invalid; Decode returns a Story whose derived fields (the parsed
// dates) are filled and whose references have been checked.
type Story struct {
	// Schema names the JSON Schema the file follows, so editors offer completion.
	Schema string `json:"$schema,omitempty"`
	// Info says what the story is, when it describes the world, and where it comes from.
	Info Info `json:"story"`
	// Actors are the states, organisations, people and groups the story names.
	Actors []Actor `json:"actors"`
	// Relations are the ties between actors, each resting on a sentence of the source.
	Relations []Relation `json:"relations"`
	// Events are the happenings the story reports, in any order; Decode does not sort them.
	Events []Event `json:"events"`
}

// Info describes a story as a whole.
type Info struct {
	// ID is the story's slug, used in URLs (/story/<id>); it matches the file name.
	ID string `json:"id"`
	// Title is the headline readers see above the widget.
	Title string `json:"title"`
	// Summary is one or two sentences shown under the title and used as the page description.
	Summary string `json:"summary"`
	// Language is a BCP 47 tag such as "en".
	Language string `json:"language"`
	// AsOf is the EDTF day the story describes the world at; ongoing intervals run to it.
	AsOf string `json:"asOf"`
	// AsOfDate is AsOf parsed; set by Decode.
	AsOfDate Date `json:"-"`
	// EraNotation is how dates mark years before the year 1 and early years after it: "bc-ad"
	// (753 BC, AD 79) or "bce-ce" (753 BCE, 79 CE); empty means "bc-ad".
	EraNotation string `json:"eraNotation,omitempty"`
	// Lead is the id of the event the story is about, which the widget opens on; empty means the
	// latest event that happened (see Story.LeadEvent).
	Lead string `json:"lead,omitempty"`
	// Sources are the publications the story is written from.
	Sources []Source `json:"sources"`
	// Tracks are the rows of the timeline (diplomacy, military, ...), in display order.
	Tracks []Track `json:"tracks"`
	// Eras are labelled periods drawn as bands behind the timeline.
	Eras []Era `json:"eras,omitempty"`
}

// Source is a publication a story rests on.
type Source struct {
	// Publisher is who published it; empty when the source does not say.
	Publisher string `json:"publisher,omitempty"`
	// Headline is the publication's own headline, verbatim.
	Headline string `json:"headline"`
	// Date is the EDTF publication date.
	Date string `json:"date"`
	// URL is where it can be read; empty when unknown.
	URL string `json:"url,omitempty"`
	// Credit names contributors the source itself credits (e.g. agencies).
	Credit string `json:"credit,omitempty"`
}

// Track is one row of the timeline.
type Track struct {
	// ID is what events name in their Track field.
	ID string `json:"id"`
	// Label is the row's visible name.
	Label string `json:"label"`
}

// Era is a labelled period of the story.
type Era struct {
	// ID is unique among eras.
	ID string `json:"id"`
	// Label is the band's visible name.
	Label string `json:"label"`
	// Date is an EDTF date or interval giving the era's extent.
	Date string `json:"date"`
	// When is Date parsed; set by Decode.
	When Date `json:"-"`
}

// Actor kinds.
const (
	KindState        = "state"
	KindOrganisation = "organisation"
	KindPerson       = "person"
	KindGroup        = "group"
)

// Actor is a state, organisation, person or group the story names.
type Actor struct {
	// ID is unique among actors and used in URLs (?actor=<id>).
	ID string `json:"id"`
	// Name is how readers know the actor ("Antony Blinken", "Nato").
	Name string `json:"name"`
	// Kind is one of state, organisation, person, group.
	Kind string `json:"kind"`
	// Role is the actor's position as the source words it ("US Secretary of State").
	Role string `json:"role,omitempty"`
	// Affiliation is the ID of the actor this one belongs to (a minister to a state); empty for none.
	Affiliation string `json:"affiliation,omitempty"`
	// Description is one short sentence about the actor in the story.
	Description string `json:"description,omitempty"`
	// Source is the verbatim sentence of the source that names the actor in this role.
	Source string `json:"source"`
}

// Relation kinds that read from From to To; other kinds are symmetric unless Directed says so.
const (
	RelMemberOf       = "member-of"
	RelLeads          = "leads"
	RelSpeaksFor      = "speaks-for"
	RelMeets          = "meets"
	RelNegotiatesWith = "negotiates-with"
	RelWarns          = "warns"
	RelDemands        = "demands"
	RelRejects        = "rejects"
	RelSupports       = "supports"
	RelOpposes        = "opposes"
)

// Relation is a tie between two actors.
type Relation struct {
	// ID is unique among relations; when empty, Key() stands in for it.
	ID string `json:"id,omitempty"`
	// From is the actor the relation starts at.
	From string `json:"from"`
	// To is the actor the relation points to.
	To string `json:"to"`
	// Kind is one of the Rel* constants.
	Kind string `json:"kind"`
	// Directed says whether the relation reads one way (From acts on To).
	Directed bool `json:"directed"`
	// Label words the relation for readers ("warns of severe consequences").
	Label string `json:"label"`
	// Valid is the EDTF date or interval when the relation holds; empty means throughout the story.
	Valid string `json:"valid,omitempty"`
	// ValidWhen is Valid parsed; zero when Valid is empty. Set by Decode.
	ValidWhen Date `json:"-"`
	// Events are the IDs of the events that show the relation.
	Events []string `json:"events,omitempty"`
	// Source is the verbatim sentence of the source the relation rests on.
	Source string `json:"source"`
}

// Key returns the relation's ID, or "<from>--<kind>--<to>" when it has none.
func (r Relation) Key() string {
	if r.ID != "" {
		return r.ID
	}
	return r.From + "--" + r.Kind + "--" + r.To
}

// Event statuses.
const (
	StatusHappened = "happened"
	StatusPlanned  = "planned"
	StatusReported = "reported"
)

// Parts an actor plays in an event.
const (
	PartSpeaker     = "speaker"
	PartTarget      = "target"
	PartParticipant = "participant"
)

// Event is one happening of the story.
type Event struct {
	// ID is unique among events and used in URLs (?event=<id>).
	ID string `json:"id"`
	// Date is an EDTF date or interval, as precise as the source allows and no more.
	Date string `json:"date"`
	// When is Date parsed; set by Decode.
	When Date `json:"-"`
	// DateNote says how the date was derived from the source ("'last Friday' before 27 January 2022").
	DateNote string `json:"dateNote,omitempty"`
	// Headline is a short title for the event.
	Headline string `json:"headline"`
	// Text is one or two sentences of explanation.
	Text string `json:"text,omitempty"`
	// Place is where it happened; empty when the source does not say.
	Place string `json:"place,omitempty"`
	// Track is the ID of the timeline row the event sits in.
	Track string `json:"track"`
	// Status is happened, planned (expected after the story's asOf date) or reported (claimed by someone).
	Status string `json:"status"`
	// Actors are the actors involved and their parts.
	Actors []Participant `json:"actors"`
	// Quotes are the verbatim words of people in the event.
	Quotes []Quote `json:"quotes,omitempty"`
	// Media illustrates the event; the zero Media (left out of the JSON) is none.
	Media Media `json:"media,omitzero"`
	// Links are the web pages the event's text refers to, in the order it names them.
	Links []Link `json:"links,omitempty"`
	// Source is the verbatim sentence of the source the event rests on.
	Source string `json:"source"`
}

// Participant is an actor's part in an event.
type Participant struct {
	// Actor is an actor ID.
	Actor string `json:"actor"`
	// Part is speaker, target or participant.
	Part string `json:"part"`
}

// Quote is something said, verbatim, with who said it.
type Quote struct {
	// Text is the words, verbatim, without surrounding quotation marks.
	Text string `json:"text"`
	// Speaker is the actor ID of who said it.
	Speaker string `json:"speaker"`
}

// Media illustrates an event: an image served with the widget, which the detail panel shows, or
// media on another site, which it links to without loading it (the widget loads nothing from other
// hosts). The zero Media is no media.
type Media struct {
	// URL is a path under /web/ (an image served with the widget) or an http or https URL.
	URL string `json:"url"`
	// Alt describes the media for readers who cannot see it; it is required.
	Alt string `json:"alt"`
	// Caption says what the media shows; empty for none.
	Caption string `json:"caption,omitempty"`
	// Credit names who made the media or holds its rights; empty when unknown.
	Credit string `json:"credit,omitempty"`
}

// Link is a web page an event refers to.
type Link struct {
	// URL is an absolute http or https URL.
	URL string `json:"url"`
	// Text is the words that name the page, such as the text that linked to it.
	Text string `json:"text"`
}

// LeadEvent returns the index in Events of the event the widget opens on: Info.Lead when it names
// one, else the latest event that happened (by its first day; the later in Events on a tie), else
// the latest event of any status. It returns -1 for a story without events.
func (s *Story) LeadEvent() int {
	if s.Info.Lead != "" {
		for i, e := range s.Events {
			if e.ID == s.Info.Lead {
				return i
			}
		}
	}
	happened := func(e Event) bool { return e.Status == "" || e.Status == StatusHappened }
	lead := -1
	for i, e := range s.Events {
		if lead >= 0 {
			l := s.Events[lead]
			if happened(l) != happened(e) {
				if happened(l) {
					continue
				}
			} else if e.When.First().Before(l.When.First()) {
				continue
			}
		}
		lead = i
	}
	return lead
}
