package data

// The allowed values of the enumerated fields, in one place: Validate checks against these lists,
// error messages quote them, and the UI may use them for legends, in this order. Do not modify them.
var (
	// ActorKinds lists the values of Actor.Kind.
	ActorKinds = []string{KindState, KindOrganisation, KindPerson, KindGroup}
	// EventStatuses lists the values of Event.Status.
	EventStatuses = []string{StatusHappened, StatusPlanned, StatusReported}
	// EraNotations lists the values of Info.EraNotation; empty means EraBCAD.
	EraNotations = []string{EraBCAD, EraBCECE}
	// Parts lists the values of Participant.Part.
	Parts = []string{PartSpeaker, PartTarget, PartParticipant}
	// RelationKinds lists the values of Relation.Kind.
	RelationKinds = []string{
		RelMemberOf, RelLeads, RelSpeaksFor, RelMeets, RelNegotiatesWith,
		RelWarns, RelDemands, RelRejects, RelSupports, RelOpposes,
	}
)
