package summarizer

import (
	"slices"
	"strings"
	"testing"
)

// The 25 rules of SUMMARY-STYLE.md §5, one table each. Rule 24 (outlets
// carrying one story make one line) is the store's and the export's:
// store.TestNearDuplicatesJoinOneStory and export.TestSectionTogether.

func houseWriter() *Summarizer {
	return New(Options{Org: "IOM", OrgNames: []string{"International Organization for Migration", "International Organisation for Migration", "UN migration agency", "UN Migration Agency"},
		HeadTitle: "IOM Director General", HeadName: "Mara Lindqvist"})
}

// lineCase is an article and the line (or a part of it) it must give.
type lineCase struct {
	name string
	a    Article
	want string // the whole line, or with contains a part of it
	// contains: want is a part of the line; absent: a part it must not hold.
	contains, absent string
}

func runLines(t *testing.T, cases []lineCase) {
	t.Helper()
	s := houseWriter()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if tt.a.Outlet == "" {
				tt.a.Outlet = "The Harbour Courier"
			}
			got := s.Line(tt.a)
			switch {
			case tt.want != "" && got != tt.want:
				t.Errorf("got  %q\nwant %q", got, tt.want)
			case tt.contains != "" && !strings.Contains(got, tt.contains):
				t.Errorf("got %q, want it to hold %q", got, tt.contains)
			case tt.absent != "" && strings.Contains(got, tt.absent):
				t.Errorf("got %q, want it without %q", got, tt.absent)
			}
			if ps := s.CheckLine(got, tt.a); len(ps) > 0 {
				t.Errorf("the drafted line %q breaks rules: %v", got, ps)
			}
		})
	}
}

func news(paras ...string) Article { return Article{Type: "news", Language: "en", Paragraphs: paras} }

const filler = "Aid groups in the region said more shelters would open before the rainy season began in earnest."

func TestRule1OneParagraphNoLinksHashtagsOrEllipses(t *testing.T) {
	runLines(t, []lineCase{
		{name: "a lead with a link gives way to the next sentence",
			a:    news("Read the full report at https://iom.example/report on arrivals in the Canary Islands this year.", filler),
			want: "The Harbour Courier reported that aid groups in the region said more shelters would open before the rainy season began in earnest."},
		{name: "a lead with a hashtag gives way",
			a:        news("Thousands marched through the capital on Sunday under the banner #RefugeesWelcome to demand safe routes.", filler),
			contains: "aid groups in the region"},
		{name: "a lead with an ellipsis gives way",
			a:        news("The boat left at dawn … and nobody heard from it again for three long days at sea.", filler),
			contains: "aid groups in the region"},
	})
	for _, tt := range []struct{ name, line string }{
		{"two paragraphs", "The Harbour Courier reported that aid groups in the region said more shelters would open\nbefore the rainy season."},
		{"a link", "The Harbour Courier reported that aid groups said more shelters would open, see https://x.example for details."},
		{"a hashtag", "The Harbour Courier reported that aid groups said more shelters would open under the #Shelter banner soon."},
		{"an ellipsis", "The Harbour Courier reported that aid groups said more shelters would open … before the rainy season."},
		{"an emoji", "The Harbour Courier reported that aid groups said more shelters would open before the rainy season 🙂."},
	} {
		t.Run("Check flags "+tt.name, func(t *testing.T) { wantRule(t, Check(tt.line), 1) })
	}
}

func TestRule2LengthBudget(t *testing.T) {
	long := "More than 4,000 people, most of them women and children from villages along the river who had walked for days with their livestock and belongings, reached the camp at the edge of the town this week after fighting spread to the district, local officials and aid workers said."
	runLines(t, []lineCase{
		{name: "a lead of 50 words is never cut: the next sentence is taken",
			a:    news(long, filler),
			want: "The Harbour Courier reported that aid groups in the region said more shelters would open before the rainy season began in earnest."},
	})
	wantRule(t, Check("The Harbour Courier reported that "+strings.Repeat("many people arrived at the camp and ", 6)+"stayed."), 2)
	wantRule(t, Check("The Harbour Courier reported that arrivals rose."), 2)
	if ps := Check("The Harbour Courier reported that more than 4,000 people reached the camp at the edge of the town this week. It cited IOM figures."); len(ps) > 0 {
		t.Errorf("a 25-word line with a follow-up: %v", ps)
	}
}

func TestRule3NeverCutMidSentence(t *testing.T) {
	s := houseWriter()
	arts := []Article{
		news("GENEVA (AFP) - Dr. Amina Yusuf of the U.N. agency said on Jan. 5 that 3.5 million people had fled the fighting since April.", filler),
		news("The U.S. and the E.U. agreed on Tuesday to fund a new reception centre on the island of Lampedusa, officials said.", filler),
	}
	for _, a := range arts {
		a.Outlet = "The Harbour Courier"
		d := s.Draft(a)
		text := strings.Join(a.Paragraphs, "\n")
		if d.Sentence == "" || !strings.Contains(text, d.Sentence) {
			t.Errorf("the clause's sentence %q is not a sentence of the article", d.Sentence)
		}
		if !strings.HasSuffix(d.Line, ".") || strings.Count(d.Line, "Jan.") != strings.Count(d.Sentence, "Jan.") {
			t.Errorf("line %q cut its sentence", d.Line)
		}
	}
	a := news("Officials in Lampedusa said 300 people arrived overnight on six boats from Libya.")
	wantRule(t, houseWriter().CheckLine("The Harbour Courier reported that officials in Palermo said 300 people arrived overnight on six boats from Libya.", a), 3)
}

func TestRule4TerminalPunctuation(t *testing.T) {
	runLines(t, []lineCase{
		{name: "one full stop, not two", a: news("Officials said the camp was full and that 300 more people were expected by the end of the week..", filler),
			contains: "end of the week."},
		{name: "a clause ending in a quotation keeps .”", a: news("The minister said the new centre on the island had been built to last and called it “a lasting answer.”"),
			want: "The Harbour Courier reported that the minister said the new centre on the island had been built to last and called it “a lasting answer.”"},
	})
	for _, tt := range []struct{ name, line string }{
		{"no full stop", "The Harbour Courier reported that officials said the camp was full and more people were coming"},
		{"two full stops", "The Harbour Courier reported that officials said the camp was full and more people were coming.."},
		{"doubled spaces", "The Harbour Courier reported that officials  said the camp was full and more people were coming."},
	} {
		t.Run("Check flags "+tt.name, func(t *testing.T) { wantRule(t, Check(tt.line), 4) })
	}
}

const lead = "Europe's asylum rules were written for a world that no longer exists, and the cost of pretending otherwise keeps rising."

func TestRules5to9FramesByPageType(t *testing.T) {
	runLines(t, []lineCase{
		{name: "rule 5: opinion takes the op-ed frame", a: Article{Type: "opinion", Paragraphs: []string{lead}},
			want: "The Harbour Courier published an op-ed which noted that Europe's asylum rules were written for a world that no longer exists, and the cost of pretending otherwise keeps rising."},
		{name: "rule 6: an editorial takes the editorial frame", a: Article{Type: "editorial", Paragraphs: []string{lead}},
			contains: "The Harbour Courier published an editorial which noted that Europe's"},
		{name: "rule 7: a report takes the report frame", a: Article{Type: "report", Paragraphs: []string{lead}},
			contains: "The Harbour Courier published a report which noted that Europe's"},
		{name: "a press release takes stated that", a: Article{Type: "press_release", Paragraphs: []string{lead}},
			contains: "The Harbour Courier stated that Europe's"},
		{name: "rule 8: an interview with a staff member", a: Article{Type: "interview", Title: "Interview: IOM’s Ana Duarte on climate migration in the Sahel",
			Paragraphs: []string{"Ana Duarte has spent a decade working with families who leave their villages as the rains fail.", "“We see it every season,” Duarte said."}},
			want: "The Harbour Courier spoke with IOM’s Ana Duarte about climate migration in the Sahel."},
		{name: "rule 8: an interview with a researcher", a: Article{Type: "interview", Title: "Q&A with researcher Lena Brandt on deaths at Europe’s borders",
			Paragraphs: []string{"Lena Brandt has counted the dead at Europe's borders for a decade, using IOM data and court records.", "“Every number is a person,” she said."}},
			want: "The Harbour Courier interviewed researcher Lena Brandt about deaths at Europe’s borders. It referenced IOM."},
		{name: "rule 8: a headline that names a role, a standfirst that names the person", a: Article{Type: "interview", Title: "Q&A: IOM’s Libya chief on detention, returns and the limits of ‘voluntary’",
			Paragraphs: []string{"Nadia Karimova, IOM’s chief of mission in Libya, on why her agency keeps working inside a system it criticises.", "Nadia Karimova has led the mission since early 2024."}},
			want: "The Harbour Courier spoke with IOM’s Nadia Karimova about detention, returns and the limits of ‘voluntary’."},
		{name: "rule 8: a standfirst where the person talks about the topic", a: Article{Type: "interview", Title: "Q&A: What the new seafarer deployment rules mean for Filipino crews",
			Paragraphs: []string{"IOM Philippines chief of mission Teresa Villanueva talks about the new rules, the manning agencies and the families who wait at home.", "Manning agencies now have to show proof of insurance before any seafarer boards."}},
			want: "The Harbour Courier spoke with IOM’s Teresa Villanueva about the new rules, the manning agencies and the families who wait at home."},
		{name: "rule 8: a conversation with a role, the person and topic in the standfirst", a: Article{Type: "interview", Title: "In conversation with IOM's regional director for the East and Horn of Africa",
			Paragraphs: []string{"Amina Wekesa on the Eastern Route, drought and why more Ethiopians are heading to Yemen", "ANCHOR: Good evening and welcome to In Conversation."}},
			want: "The Harbour Courier spoke with IOM’s Amina Wekesa about the Eastern Route, drought and why more Ethiopians are heading to Yemen."},
		{name: "rule 8: a topic headline, the person presented by the outlet", a: Article{Type: "interview", Title: "Interview: Climate migration in the Sahel",
			Paragraphs: []string{"The Harbour Courier spoke to Lena Brandt, a geographer at the University of Bamako.", "“Most people move a short distance,” she said."}},
			want: "The Harbour Courier interviewed Lena Brandt about climate migration in the Sahel."},
		{name: "rule 8: a Q&A headline that quotes the person before naming them", a: Article{Type: "interview", Title: "Q&A: ‘People are already moving’ — Teuila Fa’asalele on climate and mobility in the Pacific",
			Paragraphs: []string{"Teuila Fa’asalele has spent a decade working on how Pacific communities move, and stay, as seas rise.", "Is climate migration in the Pacific a future problem or a present one?"}},
			want: "The Harbour Courier interviewed Teuila Fa’asalele about climate and mobility in the Pacific."},
		{name: "rule 8: the person presented with an affiliation keeps the title", a: Article{Type: "interview", Title: "Q&A: Why Bangladesh's coastal towns are emptying slowly, not suddenly",
			Paragraphs: []string{"Geographer Farhana Rahim of Khulna University has spent six years following families who left the Satkhira coast.", "Farhana Rahim teaches geography at Khulna University."}},
			want: "The Harbour Courier interviewed geographer Farhana Rahim about why Bangladesh's coastal towns are emptying slowly, not suddenly."},
		{name: "rule 8: a kicker before the standfirst, a quotation for a headline", a: Article{Type: "interview", Title: "Interview: ‘The Eastern Route is now busier than the Mediterranean’",
			Paragraphs: []string{"Interviews", "IOM regional migration officer Farah Abdillahi on why young Ethiopians keep crossing to Yemen despite the war.",
				"More than 60,000 people crossed the Gulf of Aden and the Red Sea to Yemen last year, most of them young Ethiopians."}},
			want: "The Harbour Courier spoke with IOM’s Farah Abdillahi about why young Ethiopians keep crossing to Yemen despite the war."},
		{name: "rule 8: 'She talks about …' gives no person and leaves the headline's topic", a: Article{Type: "interview", Title: "Q&A: Why Bangladesh's coastal towns are emptying slowly, not suddenly",
			Paragraphs: []string{"Geographer Farhana Rahim of Khulna University has spent six years following families who left the Satkhira coast. She talks about salt, debt and why most people move only a few kilometres."}},
			want: "The Harbour Courier interviewed geographer Farhana Rahim about why Bangladesh's coastal towns are emptying slowly, not suddenly."},
		{name: "rule 8: a standfirst naming a speaker and a topic is no clause", a: Article{Type: "news", Title: "Life after the camp",
			Paragraphs: []string{"Nadia Karimova, IOM’s chief of mission in Libya, on why her agency keeps working inside a system it criticises.", "Libya holds between 4,000 and 5,000 people in its detention centres on any given day, officials said."}},
			contains: "reported that Libya holds"},
		{name: "rule 8: an interview without a person and topic falls back to the news frame", a: Article{Type: "interview", Title: "Life after the camp",
			Paragraphs: []string{"Ana Duarte has spent a decade working with families who leave their villages as the rains fail."}},
			contains: "The Harbour Courier reported that Ana Duarte has spent a decade"},
		{name: "rule 9: news takes reported that", a: news(lead), contains: "The Harbour Courier reported that Europe's"},
		{name: "rule 9: no usable sentence gives reported on the topic", a: Article{Type: "news", Title: "A day on the quay at Lampedusa", Paragraphs: []string{"Dawn.", "Boats."}},
			want: "The Harbour Courier reported on a day on the quay at Lampedusa."},
	})
	wantRule(t, Check("The Harbour Courier wrote that Europe's asylum rules were written for a world that no longer exists."), 9)
}

func TestRule10FirstWordCase(t *testing.T) {
	for _, tt := range []struct{ lead, want string }{
		{"Migrant arrivals to Italy by sea fell by a third in 2017 compared to a year earlier, officials said.", "that migrant arrivals"},
		{"IOM has helped 9,822 people return home from 10 different countries in the past 18 months.", "that IOM has"},
		{"Italy has registered more than 60,000 sea arrivals since January, officials in Rome said.", "that Italy has"},
		{"The facility is the only one in the country to host people rescued at sea by the coastguard.", "that the facility"},
		{"January was the deadliest month on the route since records began, aid groups said in a statement.", "that January was"},
		{"3,000 people crossed the border in a single day last week, the highest number this year.", "that 3,000 people"},
		{"Tomas Ferreira has run the reception centre on the island since it opened five years ago.\n\nFerreira said the centre was full.", "that Tomas Ferreira"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			a := news(strings.Split(tt.lead, "\n\n")...)
			a.Outlet = "The Harbour Courier"
			if got := houseWriter().Line(a); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	wantRule(t, Check("The Harbour Courier reported that The camp was full and 300 more people were expected by the end of the week."), 10)
	if ps := Check("The Harbour Courier reported that The Gambia has asked for help to reintegrate 3,000 returnees from Libya this year."); len(ps) > 0 {
		t.Errorf("The Gambia is a name: %v", ps)
	}
}

func TestRule11DatelinesAndTags(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"ROME, Dec 31 (Reuters) - Migrant arrivals to Italy fell.", "Migrant arrivals to Italy fell."},
		{"GENEVA (AP) — The U.N. agency said.", "The U.N. agency said."},
		{"GENEVA (AFP) - More people fled.", "More people fled."},
		{"By Jane Roe NEW YORK (AP) — Officials met.", "Officials met."},
		{"Madrid, 5 nov (EFE).- El Gobierno aprobó.", "El Gobierno aprobó."},
		{"BEIJING, March 31 (Xinhua) -- The ministry said.", "The ministry said."},
		{"Berlin (dpa) - Die Regierung plant.", "Die Regierung plant."},
		{"(ANSA) - ROME, JUL 11 - The Senate voted.", "The Senate voted."},
		{"GENEVA — The agency said.", "The agency said."},
		{"Geneva is a city.", "Geneva is a city."},
	} {
		t.Run(tt.in, func(t *testing.T) {
			if got := stripDateline(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	wantRule(t, Check("The Harbour Courier reported that GENEVA (AFP) - more than 3,000 people have died at sea this year."), 11)
}

func TestRule12IneligibleSentences(t *testing.T) {
	for _, tt := range []struct{ name, first string }{
		{"a quotation", "“We cannot cope with the numbers arriving every night on the beaches,” the mayor said."},
		{"mostly quoted", `The mayor said "we cannot cope with the numbers arriving every night on the beaches".`},
		{"an anaphor", "They arrived on the beaches every night for a week and nobody came to help them."},
		{"a connective", "But the numbers arriving every night on the beaches of the island have kept rising."},
		{"a question", "Who will pay for the new reception centre on the island that the government promised?"},
		{"too short", "Boats keep coming."},
		{"a caption", "Photo: Migrants wait on the quay at Lampedusa after being rescued at sea by the coastguard."},
		{"a read-more line", "Read more: Mediterranean crossings rise for a third month as boats leave from eastern Libya."},
		{"a subscription prompt", "Sign up for our morning newsletter to get the most important stories from the region first."},
		{"a byline", "By Jane Roe and Tomas Ferreira"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := news(tt.first, filler)
			a.Outlet = "The Harbour Courier"
			d := houseWriter().Draft(a)
			if d.Sentence != filler {
				t.Errorf("chose %q, want the next sentence", d.Sentence)
			}
		})
	}
}

func TestRule13AttributionTails(t *testing.T) {
	runLines(t, []lineCase{
		{name: "the organization's tail becomes according to IOM", a: news("An estimated 18,000 irregular migrants have reached Europe by land this year, the International Organization for Migration said on Friday."),
			want: "The Harbour Courier reported that an estimated 18,000 irregular migrants have reached Europe by land this year, according to IOM."},
		{name: "the UN migration agency is the organization", a: news("More than 21,000 migrants reached Yemen from the Horn of Africa in October, the UN migration agency said."),
			contains: "in October, according to IOM."},
		{name: "the United Nations is the organization when the article names it as the source", a: news(
			"An estimated 18,000 irregular migrants have reached Europe by land this year, the United Nations said Friday.",
			"The International Organization for Migration said the figure was seven times higher than a year earlier."),
			want: "The Harbour Courier reported that an estimated 18,000 irregular migrants have reached Europe by land this year, according to IOM."},
		{name: "another source keeps its attribution without the day", a: news("Migrant arrivals to Italy by sea fell by a third in 2017 compared to a year earlier, the Interior Ministry said on Sunday."),
			want: "The Harbour Courier reported that migrant arrivals to Italy by sea fell by a third in 2017 compared to a year earlier, the Interior Ministry said."},
	})
}

func TestRule14TimeOfSpeaking(t *testing.T) {
	runLines(t, []lineCase{
		{name: "said on Sunday loses its day", a: news("Arrivals fell by a third, the Interior Ministry said on Sunday, as patrols slowed departures from the coast."),
			contains: "the Interior Ministry said, as patrols"},
		{name: "an event's weekday stays", a: news("The United Nations called Monday for the immediate release of the most vulnerable migrants held in detention centres."),
			contains: "called Monday for"},
		{name: "on Tuesday said loses its day", a: news("The coastguard on Tuesday said 61 people were missing after a rubber boat sank off the western coast."),
			contains: "the coastguard said 61 people"},
	})
}

func TestRule15NoBackshift(t *testing.T) {
	runLines(t, []lineCase{
		{name: "present perfect stays", a: news("More than 3,100 people have died trying to reach Europe by sea this year, according to IOM."), contains: "have died"},
		{name: "progressive stays", a: news("Hundreds of thousands of refugees are facing an acute crisis after a cyclone destroyed their camps, according to IOM."), contains: "are facing"},
		{name: "future and modals stay", a: news("Up to 40 million people could be forced to migrate by the end of the century, and the government will present a plan next month."), contains: "could be forced"},
	})
}

func TestRule16NumbersAreSacred(t *testing.T) {
	s := houseWriter()
	a := news("An estimated 18,000 irregular migrants have reached Europe by land this year, a 7.5-fold rise, with USD 35 billion paid to smugglers, according to IOM.")
	a.Outlet = "The Harbour Courier"
	line := s.Line(a)
	for _, n := range figureRe.FindAllString(line, -1) {
		if !strings.Contains(a.Paragraphs[0], n) {
			t.Errorf("number %s of %q is not in the article", n, line)
		}
	}
	wantRule(t, s.CheckLine("The Harbour Courier reported that an estimated 18,500 irregular migrants have reached Europe by land this year, according to IOM.", a), 16)
}

func TestRule17Asides(t *testing.T) {
	runLines(t, []lineCase{
		{name: "(pictured) goes", a: news("Bishop John Folda (pictured) of the diocese said the parish would house 40 families who fled the floods."),
			contains: "Bishop John Folda of the diocese"},
		{name: "(file photo) goes", a: news("The reception centre at Lampedusa (file photo) held more than 2,000 people on Sunday, three times its capacity."),
			contains: "Lampedusa held more than 2,000"},
		{name: "a closing speaker tag goes", a: news("The centre on the island held more than 2,000 people at the weekend, three times its capacity, she said."),
			contains: "three times its capacity."},
		{name: "an acronym's expansion stays", a: news("The Foreign Trade Association (FTA) will hold a symposium on migration and supply chains in Colombo next month."),
			contains: "Foreign Trade Association (FTA)"},
	})
}

func TestRule18OrganizationNames(t *testing.T) {
	runLines(t, []lineCase{
		{name: "the long name with its acronym becomes IOM", a: news("The International Organisation for Migration (IOM) has helped 9,822 people return home from 10 countries in 18 months."),
			contains: "that IOM has helped"},
		{name: "staff lose their title", a: news("IOM spokesperson Tomas Ferreira said 61 people were missing after the boat sank off the coast of Zuwara."),
			contains: "that IOM’s Tomas Ferreira said"},
		{name: "the head is named with the house title", a: news("IOM chief Mara Lindqvist urged governments to open safe routes during a visit to the camps near the border."),
			contains: "that IOM Director General Mara Lindqvist urged"},
	})
	a := news("The International Organization for Migration said 61 people were missing after the boat sank.")
	wantRule(t, houseWriter().CheckLine("The Harbour Courier reported that the International Organization for Migration said 61 people were missing.", a), 18)
}

func TestRule19Glossary(t *testing.T) {
	runLines(t, []lineCase{
		{name: "illegally becomes irregularly about migration", a: news("The facility is the only one in the country to host migrants who reached the island illegally by boat."),
			contains: "reached the island irregularly"},
		{name: "illegal migrants become irregular migrants", a: news("Police detained 45 illegal migrants on a lorry near the border crossing with Hungary overnight."),
			contains: "45 irregular migrants"},
		{name: "illegally stays outside migration", a: news("Officials said 45 lorries were parked illegally outside the port for most of the week."),
			contains: "parked illegally"},
	})
	s := New(Options{Org: "IOM", Glossary: []Term{{From: "percent", To: "per cent"}}})
	a := news("Arrivals rose by 14 percent in the first half of the year compared with the same period of 2025.")
	a.Outlet = "X"
	if got := s.Line(a); !strings.Contains(got, "14 per cent") {
		t.Errorf("a configured glossary: got %q", got)
	}
}

func TestRule20Outlet(t *testing.T) {
	runLines(t, []lineCase{
		{name: "the outlet's display name opens the line", a: Article{Outlet: "Thailand’s The Nation", Type: "news",
			Paragraphs: []string{"More than 4,000 workers from Myanmar crossed into Thailand at Mae Sot last week, officials said."}},
			contains: "Thailand’s The Nation reported that"},
	})
	if got := Recredit("The Harbour Courier reported that 61 people were missing, an official said.", "The Harbour Courier", "AFP"); got != "AFP reported that 61 people were missing, an official said." {
		t.Errorf("Recredit: got %q", got)
	}
	a := news("Officials said 61 people were missing after the boat sank off the coast of Zuwara.")
	a.Outlet = "The Harbour Courier"
	wantRule(t, houseWriter().CheckLine("Meridian Daily reported that officials said 61 people were missing after the boat sank off the coast of Zuwara.", a), 20)
}

func TestRule21SelfReference(t *testing.T) {
	runLines(t, []lineCase{
		{name: "the outlet has learned goes", a: news("The ministry plans to close three reception centres on the islands by the end of the year, the Harbour Courier has learned."),
			want: "The Harbour Courier reported that the ministry plans to close three reception centres on the islands by the end of the year."},
		{name: "told the outlet becomes said", a: Article{Outlet: "AFP", Type: "news", Paragraphs: []string{"An IOM official told AFP that 61 people were missing after the boat sank off the coast of Zuwara."}},
			contains: "an IOM official said that 61"},
	})
}

func TestRule22FollowUps(t *testing.T) {
	base := "Thousands of people have fled the fighting in the north of the country over the past month, aid groups say."
	runLines(t, []lineCase{
		{name: "a quoted staff member", a: news(base, "IOM spokesperson Tomas Ferreira said the camps were overflowing.", "“We need more shelter now,” Ferreira said."),
			want: "The Harbour Courier reported that thousands of people have fled the fighting in the north of the country over the past month, aid groups say. It quoted IOM’s Tomas Ferreira."},
		{name: "the quoted head", a: news(base, "“This is a crisis of protection,” IOM Director General Mara Lindqvist said in Geneva."),
			contains: "It quoted IOM Director General Mara Lindqvist."},
		{name: "a cited report", a: news(base, "A new IOM report found that most had left with nothing."),
			contains: "It cited an IOM report."},
		{name: "cited figures", a: news(base, "More than 40,000 have reached the border towns, according to the International Organization for Migration."),
			contains: "It cited IOM figures."},
		{name: "referenced", a: news(base, "Agencies including IOM have appealed for funding."),
			contains: "It referenced IOM."},
		{name: "none when the clause names the organization", a: news("IOM said thousands of people have fled the fighting in the north of the country over the past month.", "“We need more shelter now,” IOM spokesperson Tomas Ferreira said."),
			absent: "It quoted"},
	})
	wantRule(t, Check("The Harbour Courier reported that thousands of people have fled the fighting in the north. It was a sad day for everyone."), 22)
}

func TestRule23NeverInventAMention(t *testing.T) {
	a := news("Thousands of people have fled the fighting in the north of the country over the past month, aid groups say.", "The United Nations refugee agency has appealed for funding.")
	runLines(t, []lineCase{{name: "no organization in the article, none in the line", a: a, absent: "IOM"}})
	wantRule(t, houseWriter().CheckLine("The Harbour Courier reported that thousands of people have fled the fighting in the north of the country over the past month, aid groups say. It cited IOM figures.", a), 23)
}

func TestRule25LeadBiasedAndDeterministic(t *testing.T) {
	a := news("Aid groups in the region said more shelters would open before the rainy season began in earnest.",
		"More than 40,000 people have reached the border towns, according to the International Organization for Migration.")
	a.Outlet = "The Harbour Courier"
	s := houseWriter()
	d := s.Draft(a)
	if !d.Lead || d.Line != s.Draft(a).Line {
		t.Errorf("got %+v, want the lead, the same twice", d)
	}
	if !strings.HasSuffix(d.Line, "It cited IOM figures.") {
		t.Errorf("got %q, want the organization's figures in the follow-up", d.Line)
	}
	// An ineligible lead: the organization's sentence comes first among
	// the others.
	a.Paragraphs = append([]string{"“We have nothing left,” a farmer said as he waited for a bus."}, a.Paragraphs...)
	if d := s.Draft(a); !d.Org {
		t.Errorf("got %q, want the sentence naming the organization", d.Sentence)
	}
}

// wantRule fails unless ps holds a problem with the rule.
func wantRule(t *testing.T, ps []Problem, rule int) {
	t.Helper()
	if !slices.ContainsFunc(ps, func(p Problem) bool { return p.Rule == rule }) {
		t.Errorf("got problems %v, want one of rule %d", ps, rule)
	}
}
