package summarizer

import (
	"strings"
	"testing"
)

func newIOM() *Summarizer {
	return New(Options{Org: "IOM", OrgNames: []string{"International Organization for Migration", "International Organisation for Migration", "IOM", "UN migration agency"}})
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two plain sentences", "Arrivals rose. Officials called for help.", []string{"Arrivals rose.", "Officials called for help."}},
		{"abbreviations do not end sentences", "Dr. Amina Yusuf of the U.N. agency spoke on Jan. 5 in Geneva. She left.", []string{"Dr. Amina Yusuf of the U.N. agency spoke on Jan. 5 in Geneva.", "She left."}},
		{"decimals do not end sentences", "Prices rose 3.5 per cent. Wages did not.", []string{"Prices rose 3.5 per cent.", "Wages did not."}},
		{"a quotation ends with its sentence", `"We are overwhelmed," she said. "Help us." Aid came.`, []string{`"We are overwhelmed," she said.`, `"Help us."`, "Aid came."}},
		{"an initial is not a sentence end", "The report by J. Smith came out. It was long.", []string{"The report by J. Smith came out.", "It was long."}},
		{"No. 10 is not a sentence end", "They met at No. 10 Downing Street. Talks began.", []string{"They met at No. 10 Downing Street.", "Talks began."}},
		{"lower case after a period continues", "It cost approx. ten million. Done.", []string{"It cost approx. ten million.", "Done."}},
		{"a French quotation is not cut inside", "« Il y a deux ans, un appartement se louait vite. Aujourd’hui, certains restent vides », explique une gérante. Les prix baissent.", []string{"« Il y a deux ans, un appartement se louait vite. Aujourd’hui, certains restent vides », explique une gérante.", "Les prix baissent."}},
		{"an English quotation is not cut inside", "“We were full. Now we are empty,” the owner said. Prices fell.", []string{"“We were full. Now we are empty,” the owner said.", "Prices fell."}},
		{"Chinese full stops", "国际移民组织表示。人数上升。", []string{"国际移民组织表示。", "人数上升。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	s := newIOM()
	tests := []struct {
		name string
		a    Article
		want string
	}{
		{
			"a wire lead loses its dateline and names IOM short",
			Article{Outlet: "AFP", Type: "news", Language: "en", Paragraphs: []string{
				"GENEVA (AFP) - An estimated 18,000 irregular migrants have reached Europe by land this year, according to the International Organization for Migration (IOM).",
				"The figure is seven times higher than last year.",
			}},
			"AFP reported that an estimated 18,000 irregular migrants have reached Europe by land this year, according to IOM.",
		},
		{
			"a Reuters dateline with a date is stripped",
			Article{Outlet: "Reuters", Type: "news", Paragraphs: []string{
				"ROME, Dec 31 (Reuters) - Migrant arrivals to Italy by sea fell by a third in 2017 compared to a year earlier, the Interior Ministry said.",
			}},
			"Reuters reported that migrant arrivals to Italy by sea fell by a third in 2017 compared to a year earlier, the Interior Ministry said.",
		},
		{
			"a proper noun keeps its capital",
			Article{Outlet: "The Meridian Post", Type: "news", Paragraphs: []string{
				"Italy has registered more than 60,000 sea arrivals since January, IOM said on Tuesday in Geneva.",
				"Officials in Italy asked for help.",
			}},
			"The Meridian Post reported that Italy has registered more than 60,000 sea arrivals since January, according to IOM.",
		},
		{
			"the lead is preferred, and the organization's figures later give the follow-up",
			Article{Outlet: "Harbour Ledger", Type: "news", Paragraphs: []string{
				"The storm season began early this year on the northern coast of the island.",
				"Some 12,000 people have been displaced by floods in the north, the IOM said in a statement on Monday.",
			}},
			"Harbour Ledger reported that the storm season began early this year on the northern coast of the island. It cited IOM figures.",
		},
		{
			"an ineligible lead gives way to the sentence naming the organization",
			Article{Outlet: "Harbour Ledger", Type: "news", Paragraphs: []string{
				"“We lost everything,” said a fisherman in the port.",
				"The storm season began early this year on the northern coast of the island.",
				"Some 12,000 people have been displaced by floods in the north, the IOM said in a statement on Monday.",
			}},
			"Harbour Ledger reported that some 12,000 people have been displaced by floods in the north, according to IOM.",
		},
		{
			"an opinion piece takes the op-ed frame",
			Article{Outlet: "The Meridian Post", Type: "opinion", Paragraphs: []string{
				"Europe's leaders keep promising a fair asylum system while building ever higher fences along its borders.",
			}},
			"The Meridian Post published an op-ed which noted that Europe's leaders keep promising a fair asylum system while building ever higher fences along its borders.",
		},
		{
			"a quote and a short fragment are skipped",
			Article{Outlet: "Harbour Ledger", Type: "news", Paragraphs: []string{
				"“We cannot cope,” she said.",
				"Short one.",
				"Local shelters in the port city have run out of beds for the third week running, officials said.",
			}},
			"Harbour Ledger reported that local shelters in the port city have run out of beds for the third week running, officials said.",
		},
		{
			"with no usable sentence a headline that is a clause is quoted",
			Article{Outlet: "Harbour Ledger", Title: "IOM opens new office", Type: "news", Paragraphs: []string{"Too short."}},
			"Harbour Ledger reported on “IOM opens new office”.",
		},
		{
			"with no usable sentence a headline that is a noun phrase is the topic",
			Article{Outlet: "Harbour Ledger", Title: "The last ferry out of Lampedusa", Type: "news", Paragraphs: []string{"Too short."}},
			"Harbour Ledger reported on the last ferry out of Lampedusa.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Line(tt.a); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestLineInTheNewsletterLanguage: lines are in the newsletter's
// language (rule 26). A French newsletter gets French frames for French
// articles; an English one marks a French article's line for translation.
func TestLineInTheNewsletterLanguage(t *testing.T) {
	fr := New(Options{Org: "IOM", OrgNames: []string{"International Organization for Migration", "IOM", "OIM"}, Language: "fr"})
	tests := []struct {
		name string
		a    Article
		want string
	}{
		{
			"a French article gets a French frame, with que elided",
			Article{Outlet: "Le Courrier du Léman", Type: "news", Language: "fr", Paragraphs: []string{
				"Une conférence sur les migrations climatiques s’est ouverte lundi à Genève en présence de plusieurs ministres africains.",
			}},
			"Le Courrier du Léman a rapporté qu’une conférence sur les migrations climatiques s’est ouverte lundi à Genève en présence de plusieurs ministres africains.",
		},
		{
			"an elided French article is lower-cased before an acronym",
			Article{Outlet: "Le Courrier du Léman", Type: "news", Language: "fr", Paragraphs: []string{
				"L’OIM a transféré une partie de ses fonctions administratives de Genève vers des bureaux moins coûteux.",
			}},
			"Le Courrier du Léman a rapporté que l’OIM a transféré une partie de ses fonctions administratives de Genève vers des bureaux moins coûteux.",
		},
		{
			"a French quotation is never the line",
			Article{Outlet: "Le Courrier du Léman", Type: "news", Language: "fr", Paragraphs: []string{
				"« Il y a deux ans, un quatre-pièces se louait en quelques jours. Aujourd’hui, certains restent vides un ou deux mois », explique une gérante.",
				"Les grands appartements meublés, très prisés des expatriés, sont les plus touchés par la baisse.",
			}},
			"Le Courrier du Léman a rapporté que les grands appartements meublés, très prisés des expatriés, sont les plus touchés par la baisse.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fr.Line(tt.a); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	en := newIOM()
	for _, tt := range []struct {
		name string
		a    Article
		want string
	}{
		{"a French article in an English newsletter is the headline, marked", Article{Outlet: "Le Courrier du Léman", Type: "news", Language: "fr",
			Title: "L’OIM supprime des postes à Genève", Paragraphs: []string{"L’OIM a supprimé plusieurs centaines de postes à Genève, a annoncé mardi l’organisation."}},
			"Le Courrier du Léman reported on “L’OIM supprime des postes à Genève” (in French)."},
		{"a German op-ed is marked too, whatever its type", Article{Outlet: "Berliner Blatt", Type: "opinion", Language: "de-DE",
			Title: "Europa braucht legale Wege", Paragraphs: []string{"Europa muss endlich legale Fluchtwege schaffen, schreibt unser Autor."}},
			"Berliner Blatt reported on “Europa braucht legale Wege” (in German)."},
		{"a label in the article's language is dropped from its headline", Article{Outlet: "Flüchtlingshilfe Nord", Type: "press_release", Language: "de",
			Title: "Pressemitteilung: 14 Beratungsstellen für Geflüchtete droht die Schließung", Paragraphs: []string{"Vierzehn Beratungsstellen für Geflüchtete in Schleswig-Holstein droht zum Jahresende die Schließung."}},
			"Flüchtlingshilfe Nord reported on “14 Beratungsstellen für Geflüchtete droht die Schließung” (in German)."},
		{"so is an interview's", Article{Outlet: "Revista Frontera", Type: "interview", Language: "es",
			Title: "Entrevista | Lucía Arango (OIM): «La integración se juega en los barrios»", Paragraphs: []string{"Lucía Arango dirige la oficina de la OIM en Bogotá desde 2023."}},
			"Revista Frontera reported on “Lucía Arango (OIM): «La integración se juega en los barrios»” (in Spanish)."},
		{"no headline: the lead is quoted", Article{Outlet: "Diario Sur", Type: "news", Language: "es",
			Paragraphs: []string{"La OIM abrirá un centro en Tumbes."}},
			"Diario Sur reported on “La OIM abrirá un centro en Tumbes” (in Spanish)."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := en.Draft(tt.a)
			if d.Line != tt.want || !d.NeedsTranslation {
				t.Errorf("got  %q (needs translation %v)\nwant %q, marked", d.Line, d.NeedsTranslation, tt.want)
			}
			if d.Source == "" {
				t.Errorf("no lead beside the line to translate")
			}
			if ps := Check(d.Line); len(ps) > 0 {
				t.Errorf("%q breaks rules: %v", d.Line, ps)
			}
		})
	}
}

func TestLineIsDeterministic(t *testing.T) {
	s := newIOM()
	a := Article{Outlet: "X", Type: "news", Paragraphs: []string{"Some 12,000 people have been displaced by floods in the north, the IOM said in a statement on Monday."}}
	first, second := s.Line(a), s.Line(a)
	if first != second {
		t.Errorf("two lines for one article: %q and %q", first, second)
	}
}

func FuzzLine(f *testing.F) {
	f.Add("GENEVA (AFP) - An estimated 18,000 migrants arrived, according to IOM. Dr. X said so.")
	f.Add("“Quote,” he said. U.S. officials met on Jan. 5.")
	s := newIOM()
	f.Fuzz(func(t *testing.T, text string) {
		line := s.Line(Article{Outlet: "X", Title: text, Paragraphs: strings.Split(text, "\n")})
		if !strings.HasPrefix(line, "X ") {
			t.Fatalf("line %q does not start with the outlet", line)
		}
	})
}

// FuzzEditsUndo: whatever the article, every edit the writer makes is
// logged and undone exactly (rule 3: the clause traces back to a whole
// sentence of the article), and Check never panics on a line.
func FuzzEditsUndo(f *testing.F) {
	f.Add("GENEVA (AFP) - Maria Lopez, 34, a nurse from Honduras, said on Tuesday that 1,200 people (most of them children) had crossed, the International Organization for Migration said, adding that more were expected.")
	f.Add("By Jane Roe The ministry, which runs the camp, said 400 migrants arrived, as rains fell.\nSummary: IOM spokesperson Tomas Ferreira said the boats kept coming.")
	f.Add("Twenty-three migrants (pictured) were rescued, he said.\n“We are full,” IOM’s Ana Duarte said.")
	s := houseWriter()
	f.Fuzz(func(t *testing.T, text string) {
		a := Article{Outlet: "The Harbour Courier", Title: "A headline", Type: "news", Language: "en", Paragraphs: strings.Split(text, "\n")}
		d := s.Draft(a)
		if d.Sentence != "" {
			if got := (Clause{Text: d.Clause, Edits: d.Edits}).Original(); got != d.Sentence {
				t.Fatalf("undoing %d edits gives %q, want the sentence %q", len(d.Edits), got, d.Sentence)
			}
		}
		Check(d.Line)
		Check(text)
	})
}
