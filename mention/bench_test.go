package mention

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchWatches are 20 watches of the kinds a team keeps: the
// organization as the default config writes it, its head, a campaign,
// partner agencies, topics with wildcards, proximity and field scopes.
var benchWatches = []Watch{
	{Name: "IOM", Query: `"International Organization for Migration" OR "International Organisation for Migration" OR "UN migration agency"
		OR "Organisation internationale pour les migrations" OR "Organización Internacional para las Migraciones"
		OR "المنظمة الدولية للهجرة" OR "Международн* организаци* по миграци*" OR 国际移民组织
		OR (IOM AND (migra* OR migrant* OR refugee* OR asylum OR displace* OR humanitarian* OR UN OR border*) NOT (Manx OR Tynwald OR TT))
		OR (OIM AND (migra* OR réfugié* OR ONU))`, Exclude: []string{"Isle of Man", "IOM TT", "Institute of Medicine"},
		Aliases: []string{"International Organization for Migration", "International Organisation for Migration", "IOM", "OIM", "UN migration agency"}},
	{Name: "Director General", Query: `"Amy Pope" OR ("Director General" NEAR/5 IOM)`},
	{Name: "Missing Migrants", Query: `"Missing Migrants Project" OR ("missing migrants" NEAR/10 IOM)`},
	{Name: "UNHCR", Aliases: []string{"UNHCR", "UN refugee agency", "United Nations High Commissioner for Refugees"}},
	{Name: "UNICEF", Aliases: []string{"UNICEF", "United Nations Children's Fund"}},
	{Name: "WFP", Aliases: []string{"WFP", "World Food Programme"}},
	{Name: "OCHA", Aliases: []string{"OCHA", "Office for the Coordination of Humanitarian Affairs"}},
	{Name: "Frontex", Aliases: []string{"Frontex", "European Border and Coast Guard Agency"}},
	{Name: "Global Compact", Query: `"Global Compact for Migration" OR "Global Compact for Safe, Orderly and Regular Migration" OR GCM`},
	{Name: "Remittances", Query: `remittance* NEAR/8 (migrant* OR diaspora)`},
	{Name: "Climate migration", Query: `("climate change" OR drought* OR flood*) NEAR/12 (displace* OR migra*)`},
	{Name: "Trafficking", Query: `(traffick* OR smuggl*) AND (migrant* OR refugee*)`},
	{Name: "Mediterranean", Query: `Mediterranean AND (crossing* OR shipwreck* OR rescue*)`},
	{Name: "Darien", Query: `"Darien Gap" OR Darién OR (Darien AND migrant*)`},
	{Name: "Sahel", Query: `title:Sahel OR lead:(Sahel AND displace*)`},
	{Name: "Rohingya", Query: `Rohingya* NOT "cricket"`},
	{Name: "Labour mobility", Query: `"labour mobility" OR "labor mobility" OR "migrant workers"`},
	{Name: "Return programme", Query: `"voluntary return" OR "assisted voluntary return" OR reintegration`},
	{Name: "Data", Query: `"Displacement Tracking Matrix" OR DTM`},
	{Name: "Campaign", Query: `"Migrants as Messengers" OR #MigrantsAsMessengers OR "Aware Migrants"`},
}

// benchArticles makes n articles of about words words each, in ten
// paragraphs, from a vocabulary of news words; one article in five names
// the organization somewhere and one in twenty the Isle of Man.
func benchArticles(n, words int) []Document {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields(`the a of to and in said on for with by at from that was were has have had is are will would
		government officials people city country minister police court report week year month day new more than
		after before during about over under between against among around percent million thousands hundreds
		border crossing arrivals asylum refugees migrants displaced families children women men workers shelter
		aid water food health schools hospital camp coast boat rescue storm flood drought harvest prices market
		budget tax vote election parliament party leader president council agency programme project plan data
		figures estimates survey study statement spokesman spokeswoman told reporters Monday Tuesday Wednesday
		Thursday Friday Geneva Brussels Rome Madrid Athens Tripoli Dakar Nairobi Dhaka Bangkok Manila Lima Bogota`)
	mentions := []string{
		"the International Organization for Migration (IOM) said on Friday",
		"according to IOM figures released this week",
		"IOM's spokesman told reporters",
		"UNHCR, IOM and UNICEF appealed for funds",
		"l'Organisation internationale pour les migrations (OIM) a indiqué",
	}
	var docs []Document
	for i := range n {
		var paras []string
		per := words / 10
		for p := range 10 {
			var b strings.Builder
			for w := range per {
				if w > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(vocab[r.IntN(len(vocab))])
				if w%17 == 16 {
					b.WriteString(",")
				}
			}
			if i%5 == 0 && p == 3 {
				b.WriteString(", " + mentions[i%len(mentions)])
			}
			if i%20 == 7 && p == 1 {
				b.WriteString(" in the Isle of Man (IOM), where IOM riders prepared")
			}
			b.WriteString(".")
			paras = append(paras, b.String())
		}
		docs = append(docs, Document{Title: fmt.Sprintf("Story %d about the border crossing", i), Paragraphs: paras})
	}
	return docs
}

// BenchmarkMatch10k: 10,000 articles of 800 words against 20 watches, on
// one core (go test ./mention -run XXX -bench Match10k -cpu 1). Issue 5
// asks for under 1 s.
func BenchmarkMatch10k(b *testing.B) {
	m, err := New(benchWatches)
	if err != nil {
		b.Fatal(err)
	}
	docs := benchArticles(10000, 800)
	found := 0
	for b.Loop() {
		found = 0
		for _, d := range docs {
			found += len(m.Match(d))
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(found), "mentions")
}
