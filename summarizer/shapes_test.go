package summarizer

import (
	"strings"
	"testing"
)

// The shapes of issue 12's "What goes wrong today", one table each. Every
// case failed before the writer was rebuilt in the order a line is made.

// TestShapeOverBudgetLeadsAreCompressed: a 41–57-word lead is kept once
// whole constituents are removed (rule 2), in the house's order, instead
// of being thrown away for a later sentence.
func TestShapeOverBudgetLeadsAreCompressed(t *testing.T) {
	const next = "The company said it had not been told of the decision before it was announced on state television."
	runLines(t, []lineCase{
		{name: "an age apposition goes, then the description of the person",
			a:    news("Maria Lopez, 34, a mother of three from Honduras who crossed the river at dawn with her two youngest children, was among more than 1,200 people detained near Eagle Pass on Tuesday, the largest single-day figure since the spring, Border Patrol agents said.", next),
			want: "The Harbour Courier reported that Maria Lopez was among more than 1,200 people detained near Eagle Pass on Tuesday, the largest single-day figure since the spring, Border Patrol agents said."},
		{name: "a title apposition goes",
			a:    news("Tomas Ferreira, a spokesman for the regional coastguard command in Crete, said on Monday that 412 people had been rescued from three fishing boats south of Gavdos over the weekend and taken to a temporary shelter in the port of Agia Galini.", next),
			want: "The Harbour Courier reported that Tomas Ferreira said that 412 people had been rescued from three fishing boats south of Gavdos over the weekend and taken to a temporary shelter in the port of Agia Galini."},
		{name: "a bracketed aside goes",
			a:        news("The government of Chad (which has hosted refugees from Sudan for more than two decades) has opened three new camps near the eastern border town of Adré to take in some 40,000 people who fled the fighting in West Darfur in the past month alone.", next),
			contains: "that the government of Chad has opened three new camps"},
		{name: "a trailing tail goes, and the organization's attribution becomes according to IOM",
			a:    news("More than 2,300 migrants have died or gone missing in the central Mediterranean since January, the International Organization for Migration said on Friday, adding that the true toll was probably far higher because many shipwrecks off Libya and Tunisia leave no survivors, no wreckage and no trace at all.", next),
			want: "The Harbour Courier reported that more than 2,300 migrants have died or gone missing in the central Mediterranean since January, according to IOM."},
		{name: "a non-restrictive relative clause goes",
			a:    news("The reception centre on Lampedusa, which was built to hold about 400 people and has been run by the Italian Red Cross since last year, held more than 2,100 people on Sunday after 58 boats arrived from Tunisia and Libya in less than 36 hours.", next),
			want: "The Harbour Courier reported that the reception centre on Lampedusa held more than 2,100 people on Sunday after 58 boats arrived from Tunisia and Libya in less than 36 hours."},
		{name: "a relative clause ending the sentence goes whole, not up to a comma inside a list",
			a:    news("The International Organization for Migration (IOM) and the Government of Tuvalu signed an agreement on planned relocation, which sets out how communities on the country’s most exposed atolls will be consulted, housed and compensated if they have to move to reclaimed land on Funafuti over the coming decades.", next),
			want: "The Harbour Courier reported that IOM and the Government of Tuvalu signed an agreement on planned relocation."},
		{name: "an aside after a plural subject ends before its verb's base form",
			a:    news("Women and girls, who make up more than half of the 2.3 million people displaced inside Haiti, face rising rates of sexual violence in the 246 makeshift sites around Port-au-Prince, where fewer than one in five has access to a private latrine, according to a rapid assessment by the International Organization for Migration and UNFPA.", next),
			want: "The Harbour Courier reported that women and girls face rising rates of sexual violence in the 246 makeshift sites around Port-au-Prince, according to a rapid assessment by IOM and UNFPA."},
		{name: "a 'some of them' aside followed by the verb is no tail",
			a: Article{Type: "news", Title: "A first charter flight home for Kenyans stranded in Libya", Paragraphs: []string{
				"A chartered aircraft carrying 212 Kenyans who had been stranded in Libya, some of them for more than three years after being held in detention centres in Tripoli and Misrata, landed at Jomo Kenyatta International Airport on Tuesday night in the first such flight in two years, organised by the Government with the help of the International Organization for Migration and funded by the European Union.", next}},
			want: "The Harbour Courier reported on a first charter flight home for Kenyans stranded in Libya. It cited IOM figures."},
		{name: "a tail before the attribution stays, and so does the attribution",
			a:    news("A fire that broke out before dawn on Thursday destroyed more than 600 shelters at a displacement site on the outskirts of Baidoa, in south-west Somalia, leaving about 3,800 people without a roof, local officials and aid groups said.", next),
			want: "The Harbour Courier reported that a fire that broke out before dawn on Thursday destroyed more than 600 shelters at a displacement site on the outskirts of Baidoa, in south-west Somalia, leaving about 3,800 people without a roof, local officials and aid groups said."},
		{name: "a relative clause before the sentence's own 'and' goes, the 'and' stays",
			a:    news("The Horn Migrant Rights Network (HMRN), a coalition of 27 civil society groups in Kenya, Ethiopia and Somalia, called on Gulf governments to abolish the kafala sponsorship system, which ties migrant domestic workers to a single employer, and to open 24-hour hotlines for workers in distress.", next),
			want: "The Harbour Courier reported that the Horn Migrant Rights Network (HMRN), a coalition of 27 civil society groups in Kenya, Ethiopia and Somalia, called on Gulf governments to abolish the kafala sponsorship system and to open 24-hour hotlines for workers in distress."},
		{name: "a tail that a clause of its own follows is no tail",
			a: Article{Type: "news", Title: "Analysis | The Darién in reverse", Paragraphs: []string{
				"For three years the story of the Darién was told in numbers that only ever went up, with more than half a million people crossing the roadless jungle between Colombia and Panama in 2023 alone, and the tents, canoes and bus contracts that grew up around them in Bajo Chiquito and Lajas Blancas became a permanent economy that villagers now watch disappearing.",
				"Northbound crossings of the Darién fell to 2,400 in February, down from more than 37,000 in the same month of 2024, according to the International Organization for Migration."}},
			want: "The Harbour Courier reported that northbound crossings of the Darién fell to 2,400 in February, down from more than 37,000 in the same month of 2024, according to IOM."},
		{name: "removal stops as soon as the lead fits",
			a:    news("Maria Lopez, 34, who crossed the river at dawn with her children, was among more than 1,200 people detained near Eagle Pass on Tuesday, the largest single-day figure since the spring, Border Patrol agents said, as temperatures reached 41C.", next),
			want: "The Harbour Courier reported that Maria Lopez, who crossed the river at dawn with her children, was among more than 1,200 people detained near Eagle Pass on Tuesday, the largest single-day figure since the spring, Border Patrol agents said."},
	})
	// Every removal is logged and undone exactly.
	a := news("More than 2,300 migrants have died or gone missing in the central Mediterranean since January, the International Organization for Migration said on Friday, adding that the true toll was probably far higher because many shipwrecks off Libya and Tunisia leave no survivors, no wreckage and no trace at all.")
	a.Outlet = "The Harbour Courier"
	d := houseWriter().Draft(a)
	if !d.Lead || !d.Compressed {
		t.Fatalf("got %+v, want the lead, compressed", d)
	}
	c := Clause{Text: strings.TrimPrefix(d.Line, "The Harbour Courier reported that "), Edits: d.Edits}
	if got := c.Original(); got != a.Paragraphs[0] {
		t.Errorf("undoing the edits gives %q, want the lead %q", got, a.Paragraphs[0])
	}
}

// TestShapeOverBudgetFallback: a lead no removal brings within the
// budget gives way to the headline, never to a sentence that refers back
// to it or to background.
func TestShapeOverBudgetFallback(t *testing.T) {
	long := "Officials from the health ministry and the provincial disaster agency and volunteers from three churches and two mosques spent the whole of last week going from village to village along the flooded river banks in the north of the province handing out water purification tablets and blankets and registering families who had lost their homes and their livestock to the water."
	runLines(t, []lineCase{
		{name: "the headline, not the sentence that refers back",
			a:    Article{Type: "news", Title: "Floods leave 30,000 homeless in northern Mozambique", Paragraphs: []string{long, "The agency also said 14 people had died and that more rain was expected this week.", "Background: the province has flooded four times in ten years, according to the ministry."}},
			want: "The Harbour Courier reported on “Floods leave 30,000 homeless in northern Mozambique”."},
		{name: "a noun-phrase headline is the topic",
			a:    Article{Type: "news", Title: "The long wait for water on Mozambique's flooded river banks", Paragraphs: []string{long, "These accusations were denied by the governor."}},
			want: "The Harbour Courier reported on the long wait for water on Mozambique's flooded river banks."},
		{name: "a part of what the lead introduced refers back to it",
			a: Article{Type: "news", Title: "The long wait for water on Mozambique's flooded river banks", Paragraphs: []string{long,
				"Most of the families were from Macomia and Quissanga, two districts cut off by the river.", "Most of them had already fled the violence in the north once."}},
			want: "The Harbour Courier reported on the long wait for water on Mozambique's flooded river banks."},
		{name: "a headline naming the event in a noun phrase beats a later sentence",
			a: Article{Type: "news", Title: "A first charter flight home for Kenyans stranded in Libya", Paragraphs: []string{long,
				"Officials met the passengers on the tarmac with blankets, food and medical checks before they were taken to a hotel in Nairobi."}},
			want: "The Harbour Courier reported on a first charter flight home for Kenyans stranded in Libya."},
		{name: "a feature's title is no news: the sentence naming the organization stands in",
			a: Article{Type: "news", Title: "Nowhere left to run", Paragraphs: []string{long,
				"More than 1.1 million people are now displaced across Haiti, nearly half of them in the capital, according to the International Organization for Migration."}},
			want: "The Harbour Courier reported that more than 1.1 million people are now displaced across Haiti, nearly half of them in the capital, according to IOM."},
		{name: "without a headline, a sentence that stands on its own",
			a:    Article{Type: "news", Paragraphs: []string{long, "The agency also said 14 people had died.", "More than 30,000 people have lost their homes in the province since the rains began in January."}},
			want: "The Harbour Courier reported that more than 30,000 people have lost their homes in the province since the rains began in January."},
	})
}

// TestShapeNotNewsSentences: what is not a news sentence never becomes
// the clause, and a caption, label or byline before the lead does not
// stop the lead from being the lead.
func TestShapeNotNewsSentences(t *testing.T) {
	const lead = "More than 3,000 people crossed into Chad from West Darfur last week, most of them women and children, according to IOM."
	const want = "The Harbour Courier reported that more than 3,000 people crossed into Chad from West Darfur last week, most of them women and children, according to IOM."
	for _, tt := range []struct{ name, before string }{
		{"a timestamp row", "Updated 14:32 GMT, 12 November 2026"},
		{"a date row", "Thursday, 12 November 2026"},
		{"template residue", "{{byline}} {{dateline}}"},
		{"a label opening", "Summary: Chad opens new camps for Sudanese refugees"},
		{"an info box field", "Name: Adré transit camp. Capacity: 5,000"},
		{"a transcript turn", "ANCHOR: Good evening and welcome to the programme."},
		{"a score row", "Harbour FC 2-1 Port Athletic"},
		{"a price row", "Brent crude $82.40 +0.3%"},
		{"a street address", "14 Rue de Lausanne, 1201 Geneva, Switzerland"},
		{"a promotion", "Get our free newsletter every morning in your inbox."},
		{"a welcome", "Welcome to the live coverage of the crisis in Sudan."},
		{"a shouted imperative", "VISIT our coverage page for more on the Sudan war."},
		{"a photo caption", "Refugees wait for food at a distribution point in Adré, Chad. (Photo: Jane Roe/Reuters)"},
		{"a credit", "Women carry water near the border. REUTERS/Jane Roe"},
		{"a player label", "Watch: Families cross into Chad on foot"},
		{"a player duration", "Audio duration 3:45"},
		{"a byline alone", "By Jane Roe and Tomas Ferreira"},
		{"a caption with its credit in brackets", "Volunteers unload boxes of donated clothing at a shelter in Adré on Saturday. (Harbour Courier)"},
		{"a title-case headline repeated in the text", "Sudan Crisis: Thousands More Flee Into Chad As Fighting Spreads"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := Article{Outlet: "The Harbour Courier", Type: "news", Language: "en", Title: "Thousands more flee into Chad", Paragraphs: []string{tt.before, lead}}
			d := houseWriter().Draft(a)
			if d.Line != want {
				t.Errorf("got  %q\nwant %q", d.Line, want)
			}
			if !d.Lead {
				t.Errorf("the sentence after %q is not the lead", tt.before)
			}
		})
	}
	runLines(t, []lineCase{
		{name: "a byline glued to the first sentence is taken off",
			a:    news("Jane Roe Staff Writer More than 3,000 people crossed into Chad from West Darfur last week, most of them women and children, according to IOM."),
			want: want},
		{name: "a byline with By glued to the first sentence is taken off",
			a:    news("By Jane Roe The number of people crossing into Chad from West Darfur rose to more than 3,000 last week, according to IOM."),
			want: "The Harbour Courier reported that the number of people crossing into Chad from West Darfur rose to more than 3,000 last week, according to IOM."},
		{name: "a name in capitals glued to the first sentence is taken off",
			a:    news("TOMÁS ARRIAGA Chile will deport 140 foreigners who entered the country through the northern border town of Colchane on a military flight next week, officials said."),
			want: "The Harbour Courier reported that Chile will deport 140 foreigners who entered the country through the northern border town of Colchane on a military flight next week, officials said."},
		{name: "a name and a wire agency glued to the first sentence are taken off",
			a:    news("Kiri Matagi, AFP The bodies of 11 people were recovered from the sea off Malaysia’s Johor state on Wednesday after a boat capsized in rough weather."),
			want: "The Harbour Courier reported that the bodies of 11 people were recovered from the sea off Malaysia’s Johor state on Wednesday after a boat capsized in rough weather."},
		{name: "a name and the organization's title are no byline",
			a:        news("Tomas Ferreira, IOM Director of Operations, said on Monday that 412 people had been rescued from three fishing boats south of Gavdos."),
			contains: "that Tomas Ferreira"},
		{name: "a speaker's label with a note in brackets is a label",
			a: news("LUCÍA PAREDES (voice-over): The dugout canoes still arrive at Bajo Chiquito, but now many of them come from the north.",
				"Panamanian border officials counted 4,310 migrants travelling south through Darién province in February."),
			want: "The Harbour Courier reported that Panamanian border officials counted 4,310 migrants travelling south through Darién province in February."},
		{name: "a summary box and its bullets stand above the story",
			a: news("Key points:", "Home Office figures show 3,912 small-boat arrivals in February.", "Charities report longer waits for asylum decisions.",
				"Charities in Birmingham say asylum seekers are waiting an average of 14 months for a first decision on their claims, leaving hundreds of families in hotel rooms."),
			want: "The Harbour Courier reported that charities in Birmingham say asylum seekers are waiting an average of 14 months for a first decision on their claims, leaving hundreds of families in hotel rooms."},
		{name: "a title-case headline is never a clause",
			a:    Article{Type: "news", Title: "Migrant Crisis: People Smugglers Make $35bn a Year, Report Says", Paragraphs: []string{"Short."}},
			want: "The Harbour Courier reported on “Migrant Crisis: People Smugglers Make $35bn a Year, Report Says”."},
		{name: "an empty headline never gives reported on “”",
			a:      Article{Type: "news", Paragraphs: []string{"Short.", "Boats."}},
			absent: "“”"},
	})
	// The same test flags a staff edit that breaks it.
	for _, line := range []string{
		"The Harbour Courier reported that Updated 14:32 GMT, 12 November 2026.",
		"The Harbour Courier reported that ANCHOR: good evening and welcome to the programme on the Sudan war.",
		"The Harbour Courier reported that get our free newsletter every morning in your inbox before anyone else.",
		"The Harbour Courier reported that {{byline}} more than 3,000 people crossed into Chad last week.",
	} {
		wantRule(t, Check(line), 12)
	}
}

// TestShapeWritersOwnVoice: "I", "we", "you" outside quotation marks
// anywhere in a sentence make it the writer's voice, not news; inside a
// quotation they are someone's words.
func TestShapeWritersOwnVoice(t *testing.T) {
	const next = "More than 3,000 people crossed into Chad from West Darfur last week, most of them women and children."
	for _, tt := range []struct {
		name, lead string
		own        bool
	}{
		{"we mid-sentence", "Last week in Adré the queues at the border were longer than we had ever seen them in ten years.", true},
		{"you mid-sentence", "If you stand at the crossing at dawn, the line of families stretches back as far as the eye can see.", true},
		{"I mid-sentence", "At the crossing last week the queues were longer than I had seen them in a decade of reporting.", true},
		{"our as the writer's", "The queues at the border were the longest our correspondents had seen since the war began in April.", true},
		{"we inside a quotation", "The camp manager said “we have never seen queues this long” as families waited at the border crossing.", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := news(tt.lead, next)
			a.Outlet = "The Harbour Courier"
			d := houseWriter().Draft(a)
			if tt.own == (d.Sentence == tt.lead) {
				t.Errorf("chose %q for lead %q (the writer's voice: %v)", d.Sentence, tt.lead, tt.own)
			}
		})
	}
	wantRule(t, Check("The Harbour Courier reported that the queues at the border were longer than we had ever seen them in ten years."), 12)
}

// TestShapeDatelinesAndLabels: the dateline and label shapes left in
// lines, and the first word's case in both directions.
func TestShapeDatelinesAndLabels(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"GENEVA: More than 3,000 people crossed the border.", "More than 3,000 people crossed the border."},
		{"NEW DELHI: The ministry said 400 workers returned.", "The ministry said 400 workers returned."},
		{"EL PASO, Texas – Shelters in the city are full.", "Shelters in the city are full."},
		{"Brownsville, TX — Shelters in the city are full.", "Shelters in the city are full."},
		{"HOUSTON, Texas (KHOU) - Shelters in the city are full.", "Shelters in the city are full."},
		{"— The U.N. agency said shelters were full.", "The U.N. agency said shelters were full."},
		{"WASHINGTON (AP) — — The agency said shelters were full.", "The agency said shelters were full."},
		{"Summary: The agency said shelters were full.", "The agency said shelters were full."},
		{"ANALYSIS | The agency said shelters were full.", "The agency said shelters were full."},
		{"Mumbai, Dec 9 (PTI) The agency said shelters were full.", "The agency said shelters were full."},
		{"MOSCOW, January 21. /TASS/. The agency said shelters were full.", "The agency said shelters were full."},
		{"ANCHOR: Good evening.", "ANCHOR: Good evening."},
	} {
		t.Run(tt.in, func(t *testing.T) {
			if got := stripDateline(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	runLines(t, []lineCase{
		{name: "a number word is lower-cased", a: news("Twenty-three migrants were rescued off the coast of Zuwara on Sunday after their boat capsized, the coastguard said."),
			contains: "that twenty-three migrants"},
		{name: "a number word before a name is lower-cased", a: news("Forty Afghan families have been moved from the transit camp to apartments in the city, the ministry said on Monday."),
			contains: "that forty Afghan families"},
		{name: "To is lower-cased", a: news("To reach the coast, most of the 300 people on board had walked for weeks through the desert from Agadez, survivors said."),
			contains: "that to reach the coast"},
		{name: "a brand that only starts sentences keeps its capital", a: news(
			"Glovo has hired more than 4,000 migrant riders in Madrid this year, most of them on short-term contracts, the company's filings show.",
			"Glovo said it paid all its riders the legal minimum wage and that contracts followed Spanish law."),
			contains: "that Glovo has hired"},
		{name: "a name its acronym spells keeps its capital", a: news(
			"Immigration, Refugees and Citizenship Canada (IRCC) will reopen the family-based humanitarian pathway for Sudanese nationals on March 17.",
			"The department said immigration officers would process the applications in Nairobi and Cairo."),
			contains: "that Immigration, Refugees and Citizenship Canada (IRCC) will reopen"},
		{name: "a word whose bracket is no acronym of it is lowered", a: news(
			"Thousands of families (about 3,000 people) have left the camp since Monday, officials said."),
			contains: "that thousands of families"},
		{name: "the head described, then named", a: news(
			"The head of the UN migration agency, Mara Lindqvist, said on Tuesday that funding cuts have forced the organization to suspend aid to more than 1.4 million people."),
			contains: "that IOM Director General Mara Lindqvist said that funding cuts"},
		{name: "a brand in an e-mail address still only starts sentences", a: news(
			"Remitra today announced a partnership with IOM to cut the cost of sending money from the United Kingdom to Ghana to under 3 per cent.",
			"Remitra’s customers in the UK currently pay an average of 5.2 per cent on transfers to West Africa.",
			"Media contact: press@remitra.example"),
			contains: "that Remitra announced"},
		{name: "a common word that only starts sentences is lowered", a: news(
			"Shelters in the city have been full since the start of the month, with families sleeping in the streets near the bus station.",
			"Shelters run by churches have opened their halls at night."),
			contains: "that shelters in the city"},
	})
}

// TestShapeOpEdsStateTheArgument: an op-ed that opens on a hook gets its
// thesis as the clause; one that opens on its argument keeps the lead.
func TestShapeOpEdsStateTheArgument(t *testing.T) {
	runLines(t, []lineCase{
		{name: "a scene gives way to the thesis", a: Article{Type: "opinion", Paragraphs: []string{
			"On a cold morning in March, Amadou waited at the bus station in Agadez with a plastic bag and a phone number.",
			"He had been told the crossing would take three days; it took eleven.",
			"Europe should stop paying transit countries to hold people like him and open legal routes for work instead.",
		}}, want: "The Harbour Courier published an op-ed which noted that Europe should stop paying transit countries to hold people like him and open legal routes for work instead."},
		{name: "a question gives way to the thesis", a: Article{Type: "editorial", Paragraphs: []string{
			"What does a country owe the people who pick its fruit?",
			"Governments must give seasonal workers contracts, housing and the right to change employers before next summer's harvest.",
		}}, want: "The Harbour Courier published an editorial which noted that governments must give seasonal workers contracts, housing and the right to change employers before next summer's harvest."},
		{name: "an argument in the lead stays", a: Article{Type: "opinion", Paragraphs: []string{
			"Europe should stop pretending that asylum rules written for another century still fit the world its borders face.",
			"Governments must open legal routes for work instead of paying transit countries to hold people.",
		}}, contains: "noted that Europe should stop pretending"},
		{name: "a standfirst that only describes gives way to the argument", a: Article{Type: "opinion", Paragraphs: []string{
			"Paying transit states to stop migrants has not stopped migration.",
			"At six in the morning, the bus station in Agadez smells of diesel and fried dough.",
			"Europe's strategy of paying Sahel governments to hold migrants at their borders is a mistake that pushes people onto deadlier tracks.",
		}}, contains: "noted that Europe's strategy of paying Sahel governments"},
	})
}

// TestShapeFollowUpsMatchTheEvidence: a study cited in passing is "It
// cited an IOM study.", not "It referenced IOM."
func TestShapeFollowUpsMatchTheEvidence(t *testing.T) {
	base := "Thousands of people have fled the fighting in the north of the country over the past month, aid groups say."
	runLines(t, []lineCase{
		{name: "a study by the organization, in passing", a: news(base, "A recent study by the International Organization for Migration found that most had left with nothing."),
			contains: "It cited an IOM study."},
		{name: "an IOM-commissioned survey", a: news(base, "An IOM-commissioned survey of 2,000 households suggested that few planned to return."),
			contains: "It cited an IOM survey."},
		{name: "the organization's assessment", a: news(base, "According to an assessment released by IOM in May, half of the displaced are children."),
			contains: "It cited an IOM assessment."},
	})
}

// TestShapeWhereTheLeadIs: the lead is the first sentence of the story,
// not a standfirst, a caption, a speaker's label or a live blog's latest
// entry.
func TestShapeWhereTheLeadIs(t *testing.T) {
	const lead = "The Gauteng health department will recruit 600 nurses trained in Zimbabwe and Malawi to staff clinics in Tshwane from July, officials said."
	runLines(t, []lineCase{
		{name: "a standfirst that does not tell the headline's news",
			a:    Article{Type: "news", Title: "Gauteng to recruit 600 nurses from Zimbabwe and Malawi", Paragraphs: []string{"Unions say unemployed local graduates are being overlooked.", lead}},
			want: "The Harbour Courier reported that the Gauteng health department will recruit 600 nurses trained in Zimbabwe and Malawi to staff clinics in Tshwane from July, officials said."},
		{name: "a one-sentence lead that tells it stays",
			a:        Article{Type: "news", Title: "Gauteng to recruit 600 nurses from Zimbabwe and Malawi", Paragraphs: []string{lead, "Unions say unemployed local graduates are being overlooked by the province's health department."}},
			contains: "that the Gauteng health department will recruit"},
		{name: "a paragraph above a dateline is a standfirst",
			a:    news("Departures from Guinea now make up a growing share of the crossings.", "DAKAR, Nov 3 (Orbis) - At least 1,146 people have died on the Atlantic route to the Canary Islands since January, the International Organization for Migration said on Tuesday."),
			want: "The Harbour Courier reported that at least 1,146 people have died on the Atlantic route to the Canary Islands since January, according to IOM."},
		{name: "a city in title case before a colon is a dateline",
			a:    news("Rescued workers with their families at the airport on Thursday.", "Chennai: Fourteen men from Tamil Nadu returned to Chennai on Thursday after being rescued from a cyber-scam compound in Myanmar, officials said."),
			want: "The Harbour Courier reported that fourteen men from Tamil Nadu returned to Chennai on Thursday after being rescued from a cyber-scam compound in Myanmar, officials said."},
		{name: "a caption without a verb is not the lead",
			a:        news("Yusmary Salazar at work in the boatyard.", "Venezuelan boat builders have repaired more than 40 fishing boats in Chaguaramas since 2019, officials said."),
			contains: "that Venezuelan boat builders have repaired"},
		{name: "a speaker's label with a role is no dateline",
			a:      news("MARISOL REYES, BYLINE: At the shelter, the dining room that once fed 400 people a night is half empty.", "Fewer asylum seekers have reached the shelters of Ciudad Juárez since January, when appointments were cut by half."),
			absent: "the dining room that once fed"},
		{name: "a fuller paragraph that leans on the first does not make it a standfirst",
			a: Article{Type: "news", Title: "Seven secrets hotel owners don't want you to know", Paragraphs: []string{
				"Most people go to hotels for the pleasure of sleeping in a big bed with clean white sheets.",
				"But those sheets might not be as clean as they look, according to hotel owners who answered an online thread about what they don't want you to know.",
				"Zeev Sharon and Michael Forrest Jones both run hotel start-ups in the United States."}},
			contains: "that most people go to hotels"},
		{name: "when the lead after a header fails, the body's sentences stand in before the header's",
			a: Article{Type: "news", Title: "In Agadez, migrants expelled from Algeria wait in limbo", Paragraphs: []string{
				"Each week, hundreds of people are left at the desert border.",
				"Aïcha Moussa Freelance journalist based in Niamey 16 October 2025",
				"It was almost midnight when the trucks from the Algerian border pulled into the transit centre on the edge of Agadez.",
				"The International Organization for Migration (IOM) runs six transit centres in Niger, which together hosted more than 4,100 people this week."}},
			want: "The Harbour Courier reported that IOM runs six transit centres in Niger, which together hosted more than 4,100 people this week."},
		{name: "in a transcript, a speaker's surname before a colon is no dateline that opens the story",
			a: news("ANCHOR: For the first time in three years, there are empty beds on the Mexican side of the border. Fewer asylum seekers have reached the shelters of Ciudad Juárez since January, when appointments were cut by half.",
				"MARISOL REYES, BYLINE: At Casa Anunciación, the dining room that once fed 400 people a night is half empty.",
				"REYES: Sister Rosa Méndez says the families who remain are mostly waiting for court dates in El Paso."),
			want: "The Harbour Courier reported that fewer asylum seekers have reached the shelters of Ciudad Juárez since January, when appointments were cut by half."},
		{name: "after a speaker's label, a sentence of the turn that leans on it is no lead",
			a: news("LEAH OKONJO, HOST: Libya's coast guard intercepted more boats in February than in any month last year, according to the International Organization for Migration. The agency also says most of the people brought back to shore are taken straight to detention centers.",
				"YUSRA HAMDAN, BYLINE: At the port of Zuwara, coast guard cutters come in most mornings. The International Organization for Migration counted 2,870 people intercepted at sea and returned to Libya in February, the highest monthly figure since 2023."),
			want: "The Harbour Courier reported that IOM counted 2,870 people intercepted at sea and returned to Libya in February, the highest monthly figure since 2023."},
		{name: "the paragraph the page marks as its standfirst is never the lead",
			a: Article{Type: "news", Title: "The island that is planning its own departure",
				Standfirst: "As the Pacific rises, Tuvalu is quietly preparing for a future in which many of its citizens live somewhere else.",
				Paragraphs: []string{"As the Pacific rises, Tuvalu is quietly preparing for a future in which many of its citizens live somewhere else.",
					"On the narrowest stretch of Funafuti atoll, Sione Tafeaga stacks sandbags against his family’s house every spring tide."}},
			want: "The Harbour Courier reported that on the narrowest stretch of Funafuti atoll, Sione Tafeaga stacks sandbags against his family’s house every spring tide."},
		{name: "a live blog takes the entry naming the organization",
			a: Article{Type: "news", Title: "Live: EU leaders meet on the migration pact", Paragraphs: []string{"Leaders have broken for a working dinner, where the discussion is expected to turn to returns.",
				"Update 18:05", "IOM Director General Mara Lindqvist told reporters that the pact's solidarity pool must cover search and rescue as well as relocation."}},
			want: "The Harbour Courier reported that IOM Director General Mara Lindqvist told reporters that the pact's solidarity pool must cover search and rescue as well as relocation."},
	})
}

// TestShapeMoreFollowUpEvidence: staff named in the ways real copy names
// them give "It quoted IOM’s <Name>."; an outlet quoting itself is no
// attribution.
func TestShapeMoreFollowUpEvidence(t *testing.T) {
	base := "Canada will raise its target for privately sponsored refugees to 25,000 next year, the immigration minister said."
	runLines(t, []lineCase{
		{name: "a title with a place before it", a: news(base, "IOM’s Ottawa-based liaison officer Daniel Okafor told reporters the agency would help screen candidates."),
			contains: "It quoted IOM’s Daniel Okafor."},
		{name: "its coordinator, after a sentence naming the organization", a: news(base, "The International Organization for Migration runs a shelter in the city.", "Its coordinator in Juárez, Esteban Mora, says requests have doubled since December."),
			contains: "It quoted IOM’s Esteban Mora."},
		{name: "a person of the organization's office", a: news(base, "“Families need to know what a long absence means,” said Losana Tuilagi of the International Organization for Migration’s Suva office."),
			contains: "It quoted IOM’s Losana Tuilagi."},
		{name: "who heads the agency's office", a: news(base, "The International Organization for Migration welcomed the decision.", "“It is the best protection,” said Iñigo Sáez, who heads the agency's office in Madrid."),
			contains: "It quoted IOM’s Iñigo Sáez."},
		{name: "a person whose first name is a city", a: news(base, "Sofia Marinou, the International Organization for Migration's chief of mission in Greece, said the crossing “should never have been attempted”."),
			contains: "It quoted IOM’s Sofia Marinou."},
		{name: "a headline naming the organization is a mention", a: Article{Type: "news", Title: "IOM warns of record displacement in Darfur", Paragraphs: []string{
			"More than 2.1 million people have been forced from their homes in Sudan's Darfur region since January.",
			"The Geneva-based UN body said its field teams had registered new arrivals at 37 displacement sites."}},
			contains: "It referenced IOM."},
		{name: "who coordinates a programme's cases for the organization", a: news(base, "“These families did everything that was asked of them,” said Lucía Arbeláez, who coordinates Safe Mobility cases for the International Organization for Migration in Bogotá."),
			contains: "It quoted IOM’s Lucía Arbeláez."},
		{name: "an office named after a place is no person", a: news(base, "Sanjana Pillai of IOM's New Delhi office said the agency had counselled the men before their flight."),
			absent: "New Delhi."},
	})
	// In a transcript, a turn is speech: a staff member's turn is a quote.
	runLines(t, []lineCase{
		{name: "a turn whose label names the organization", a: news("ANCHOR: Good evening.",
			"Panamanian border officials counted 4,310 migrants travelling south through Darién province in February.",
			"PAREDES: The dugout canoes still arrive at Bajo Chiquito.",
			"RAFAEL QUINTERO, INTERNATIONAL ORGANIZATION FOR MIGRATION: The people we see now are exhausted in a different way.",
			"PAREDES: Rafael Quintero heads the IOM office in Panama."),
			contains: "It quoted IOM’s Rafael Quintero."},
		{name: "a guest's turn after the host names where they work", a: news("HOST Grace Atim: Good evening.",
			"Uganda’s Office of the Prime Minister registered 8,900 new arrivals at the Elegu collection point in February.",
			"HOST Grace Atim: We also spoke to Brenda Nakato of the International Organization for Migration in Adjumani.",
			"GUEST Brenda Nakato: We screened about 3,000 people at Elegu last month, mostly for malaria."),
			contains: "It quoted IOM’s Brenda Nakato."},
		{name: "a person who works for the organization, then speaks", a: news("SOFIA MARCHETTI, BYLINE: Good evening.",
			"Italian coast guard crews are searching for at least 19 people missing after a boat capsized off Lampedusa.",
			"MARCHETTI: Lucia Bellini works for the International Organization for Migration here on Lampedusa.",
			"LUCIA BELLINI: They are exhausted, and many of them are still waiting for news."),
			contains: "It quoted IOM’s Lucia Bellini."},
	})
	runLines(t, []lineCase{
		{name: "a press release's own name at the end goes", a: Article{Outlet: "Harbor Relief Alliance", Type: "press_release", Paragraphs: []string{
			"The rescue ship Ocean Lantern has been waiting 12 days for a port of safety with 168 survivors on board, Harbor Relief Alliance said today."}},
			want: "Harbor Relief Alliance stated that the rescue ship Ocean Lantern has been waiting 12 days for a port of safety with 168 survivors on board."},
	})
}
