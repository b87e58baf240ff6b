package summarizer

// Regressions found by a review of the rebuilt writer: each case made a
// wrong line (or refused a right one) before its fix.

import (
	"context"
	"strings"
	"testing"
)

// 1. appositionRe takes "On Tuesday" for a name and removes the main clause.
func TestReviewAnOpeningIsNoName(t *testing.T) {
	d := probe(t, news("On Tuesday, the Italian coastguard rescued more than 300 people from three overcrowded boats off the island of Lampedusa, many of them women and children from Sudan and Eritrea who had set off from the Libyan port of Zuwara two days earlier in bad weather."))
	if !strings.Contains(d.Line, "rescued") || !strings.Contains(d.Line, "300") {
		t.Errorf("compression removed the subject, verb and figure: %q", d.Line)
	}
}

// 2. relativeRe stops at the first comma inside the relative clause.
func TestReviewARelativeClauseEndsWhereTheSentenceGoesOn(t *testing.T) {
	d := probe(t, news("The reception centre in the port town of Sfax, which houses migrants from Nigeria, Ghana and Mali, was closed on Tuesday by the authorities after a fire broke out in one of its dormitories late on Monday night, forcing hundreds of people to sleep outside in the cold, a local official said.", filler))
	if strings.Contains(d.Line, "Sfax Ghana") {
		t.Errorf("relative clause cut mid-list: %q", d.Line)
	}
}

// 3. Tails: an -ing noun or "as well as" inside a list is taken for a tail.
func TestReviewAListItemIsNoTail(t *testing.T) {
	for _, lead := range []string{
		"The European Union will give Libya 50 million euros this year for border control in the desert and at sea, training and equipment for its coastguard, and a new rescue coordination centre in Tripoli, officials in Brussels and Rome said in a joint statement on Tuesday evening.",
		"Eritreans, Ethiopians and Somalis made up most of the people rescued by the coastguard off the island of Lampedusa over the weekend in a series of operations in rough seas, as well as a smaller number of Sudanese and Chadians who had left from the Libyan coast near Zuwara.",
	} {
		d := probe(t, news(lead))
		for _, e := range d.Edits {
			if e.Kind == kindTail && (strings.HasPrefix(e.Removed, ", training") || strings.HasPrefix(e.Removed, ", as well as")) {
				t.Errorf("list item removed as a tail: %q", e.Removed)
			}
		}
	}
}

// 4. appositionRe removes list items ("the Gambia and Guinea").
func TestReviewListItemsAreNoApposition(t *testing.T) {
	d := probe(t, news("Migrants from Sierra Leone, the Gambia and Guinea, many of them minors travelling alone, have reached the Canary Islands in record numbers this year after long and dangerous crossings from the coast of Senegal and Mauritania, the regional government said."))
	if strings.Contains(d.Line, "Sierra Leone, many") {
		t.Errorf("list items removed: %q", d.Line)
	}
}

// 5. A mid-sentence agency tag is taken for a dateline.
func TestReviewAnAgencyMidSentenceIsNoDateline(t *testing.T) {
	s := "A spokesman told Agence France-Presse (AFP) that the International Organization for Migration (IOM) Director General would visit the camp."
	if got := stripDateline(s); got != s {
		t.Errorf("stripDateline(%q) = %q", s, got)
	}
	line := "The Harbour Courier reported that a spokesman told Agence France-Presse (AFP) that the IOM (IOM) Director General would visit the camp in Zuwara."
	for _, p := range Check(line) {
		if p.Rule == 11 {
			t.Errorf("Check flags a clean line: %v", p)
		}
	}
}

// 6. The marked line of a foreign article is never checked.
func TestReviewTheMarkedLineKeepsTheRules(t *testing.T) {
	s := worldWriter()
	for _, a := range []Article{
		{Outlet: "Le Journal", Language: "fr", Type: "news", Paragraphs: []string{
			"Quelque 2 300 Sénégalais bloqués au Niger et en Libye ont été rapatriés depuis le début de l'année avec l'appui de l'Organisation internationale pour les migrations (OIM), a annoncé jeudi le ministère de l'Intégration africaine et des Affaires étrangères à Dakar."}},
		{Outlet: "Le Journal", Language: "fr", Type: "news", Title: "#Migrants : la vidéo de l’OIM https://t.co/xyz",
			Paragraphs: []string{"L’OIM a publié une vidéo sur les migrants bloqués à Agadez depuis le mois de janvier."}},
	} {
		d := s.Draft(a)
		if ps := Check(d.Line); len(ps) > 0 {
			t.Errorf("%q breaks %v", d.Line, ps)
		}
	}
}

type mapTranslator map[string]string

func (m mapTranslator) Translate(_ context.Context, texts []string, _, _ string) ([]string, error) {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = m[t]
	}
	return out, nil
}

// 7. A translation from which only the last-resort line can be made
// replaces the marked line and clears NeedsTranslation.
func TestReviewANothingLineFromATranslationKeepsTheMark(t *testing.T) {
	s := worldWriter()
	a := Article{Outlet: "Le Journal", Type: "news", Language: "fr", Paragraphs: []string{"L’OIM publie ses nouveaux chiffres sur le Sahel."}}
	tr := mapTranslator{"": "", a.Paragraphs[0]: "IOM publishes its new figures on the Sahel."}
	d := NewTranslating(s, s, tr, TranslatingOptions{}).Write(context.Background(), a)
	if !d.NeedsTranslation {
		t.Errorf("line %q (writer %s) replaced the marked line and cleared NeedsTranslation", d.Line, d.Writer)
	}
}

// 8. A faithful Chinese translation is refused by the 2.5 length ratio.
func TestReviewAChineseTranslationIsLongerThanItsSource(t *testing.T) {
	s := worldWriter()
	src := "国际移民组织星期二说，今年以来已有1200名移民在试图穿越地中海时死亡或失踪，比去年同期增加了30%。"
	tr := "The International Organization for Migration said on Tuesday that 1,200 migrants have died or gone missing while trying to cross the Mediterranean this year, an increase of 30% over the same period last year."
	if err := s.plausible(src, tr, "en"); err != nil {
		t.Errorf("faithful zh→en translation refused: %v", err)
	}
}

// 9. (pre-existing) Plural demonyms are lower-cased at the clause start.
func TestReviewPluralDemonymsAreNames(t *testing.T) {
	d := probe(t, news("Venezuelans made up the largest group of asylum seekers in Spain last year, with more than 60,000 applications lodged, the interior ministry said."))
	if strings.Contains(d.Line, "that venezuelans") {
		t.Errorf("proper noun lowered: %q", d.Line)
	}
}

// 10. (pre-existing) "the agency said" becomes "according to IOM" when the
// agency is another one.
func TestReviewAnotherAgencyIsNotTheOrganization(t *testing.T) {
	a := news("Frontex figures show irregular crossings on the central Mediterranean route fell by 60 per cent in the first half of the year, the agency said on Tuesday.",
		"IOM said at least 800 people had died on the route over the same period.")
	a.Title = "Frontex reports sharp fall in Mediterranean crossings"
	d := probe(t, a)
	if strings.Contains(d.Line, "Frontex figures") && strings.Contains(d.Line, "according to IOM") {
		t.Errorf("Frontex's figures attributed to IOM: %q", d.Line)
	}
}

// probe drafts a's line as The Harbour Courier's and checks it.
func probe(t *testing.T, a Article) Draft {
	t.Helper()
	if a.Outlet == "" {
		a.Outlet = "The Harbour Courier"
	}
	d := houseWriter().Draft(a)
	if ps := houseWriter().CheckLine(d.Line, a); len(ps) > 0 {
		t.Errorf("%q breaks rules: %v", d.Line, ps)
	}
	return d
}
