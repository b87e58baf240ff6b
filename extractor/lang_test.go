package extractor

import (
	"strings"
	"testing"
)

// TestLanguageFromText: a page's declaration is trusted only when its
// text does not say otherwise (issue 12: English articles on pages that
// declare German got German lines, and the reverse).
func TestLanguageFromText(t *testing.T) {
	english := []string{"The International Organization for Migration said on Tuesday that more than 3,000 people had crossed the border in the past week, most of them women and children fleeing the fighting in the north of the country.",
		"Aid workers at the crossing said shelters were full and that families were sleeping in the open as temperatures fell at night."}
	german := []string{"Die Internationale Organisation für Migration teilte am Dienstag mit, dass in der vergangenen Woche mehr als 3000 Menschen die Grenze überquert hätten, die meisten von ihnen Frauen und Kinder auf der Flucht vor den Kämpfen im Norden des Landes.",
		"Helfer an dem Grenzübergang sagten, die Unterkünfte seien voll und Familien schliefen im Freien, während die Temperaturen nachts sanken."}
	for _, tt := range []struct {
		name, declared string
		paras          []string
		want           string
	}{
		{"an English text on a page that declares German is English", "de-DE", english, "en"},
		{"a German text on a page that declares English is German", "en", german, "de"},
		{"a declaration the text agrees with is kept as written", "en-GB", english, "en-gb"},
		{"no declaration: the text decides", "", german, "de"},
		{"a text too short to overrule the declaration", "fr", []string{"Short English words here, a few more."}, "fr"},
		{"a declaration that is not a language: the text decides", "x_default", english, "en"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := language(tt.declared, tt.paras); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got := DetectLanguage([]string{strings.Repeat("abc ", 5)}); got != "" {
		t.Errorf("DetectLanguage of nonsense: %q, want nothing", got)
	}
}
