package extractor

import (
	"strings"
	"testing"

	"golang.org/x/net/html/atom"
)

func TestIsBoilerplate(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Subscribe to our daily newsletter for the latest city news delivered to your inbox every morning.", true},
		{"Got a news tip? Email us at tips@metroledger.example or call 555-0100.", true},
		{"Share: Facebook · X · Email · Print", true},
		{"© 2026 Metro Ledger Media Group. All rights reserved.", true},
		{"Metro Ledger Media Group 2026. All rights reserved.", true},
		{"Comments are moderated and may take up to 24 hours to appear.", true},
		{"Anzeige", true},
		{"*Werbung: Dieser Beitrag enthält Werbung für eine Marke.", true},
		{"Quelle: Landesregierung", true},
		{"Follow The Gleaner on Twitter and Instagram @JamaicaGleaner.", true},
		{"For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.", true},
		{"Download the Nationnews apps for iOS and Android.", true},
		{"Lire aussi : Les migrants bloqués à la frontière", true},
		// Sentences of a story that start like boilerplate.
		{"Anzeige gegen den Fahrer wurde am Montag bei der Polizei erstattet, sagte ein Sprecher.", false},
		{"Werbungskosten können Pendler weiterhin von der Steuer absetzen, entschied das Gericht.", false},
		{"More stories of abuse emerged on Friday as survivors spoke to reporters in the capital.", false},
		{"Download the report, the agency said, and you will see how the numbers have changed.", false},
		{"Source: Anadolu Agency", false}, // the copy's agency: read for the wire
		{"Sign up for the free course at the community centre, the organizers said on Monday.", false},
	} {
		if got := isBoilerplate(tt.text); got != tt.want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestTrimTail(t *testing.T) {
	story := []block{
		{text: strings.Repeat("The council approved the plan on Wednesday after months of debate. ", 4)},
		{text: strings.Repeat("Opponents said the buildings would need costly repairs first. ", 3)},
	}
	for _, tt := range []struct {
		desc string
		tail []block
		keep int // blocks of the tail kept
	}{
		{"About the publisher", []block{{text: "About Harbor Logistics", heading: atom.H3}, {text: "Harbor Logistics is a provider of freight services."}}, 0},
		{"a subheading that starts with About", []block{{text: "About the victims", heading: atom.H2}, {text: "Most of the dead were farm workers from the valley."}}, 2},
		{"forward-looking statements", []block{{text: "Forward-Looking Statements"}, {text: "This release contains statements that involve risks."}}, 0},
		{"a press release's end mark", []block{{text: "###"}, {text: "Media contact: press@example.org"}}, 0},
		{"a closing bio", []block{{text: "Priya Raman is a city hall reporter for the Metro Ledger."}}, 0},
		{"a label left alone", []block{{text: "More on this:"}}, 0},
		{"a sentence ending the story", []block{{text: "The first keys will be handed over in March."}}, 1},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			in := append(append([]block(nil), story...), tt.tail...)
			if got := len(trimTail(in)) - len(story); got != tt.keep {
				t.Errorf("kept %d blocks of the tail, want %d", got, tt.keep)
			}
		})
	}
}
