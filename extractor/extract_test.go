package extractor

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// fixture is one article page in testdata/, the URL and Content-Type it
// is served with, and what Extract must find in it.
type fixture struct {
	desc        string // the case name, as a sentence
	name        string // testdata/<name>.html and testdata/<name>.golden
	pageURL     string
	contentType string
	want        want
}

type want struct {
	title, author, siteName, canonical, language, section, typ, wire string
	// published and modified in RFC 3339 with the page's own offset; ""
	// when the page gives none.
	published, modified string
	// paragraphs is the whole body, in order: every paragraph, heading and
	// list item.
	paragraphs []string
	// furniture is text from the page's navigation, captions, share
	// buttons, related links, forms and footer, which must not appear.
	furniture []string
}

var fixtures = []fixture{
	{
		desc:        "a news page with JSON-LD in @graph and every kind of furniture",
		name:        "harbour-gazette-port-strike",
		pageURL:     "https://www.harbourgazette.example/news/2025/03/14/port-workers-vote-to-strike?utm_source=rss",
		contentType: "text/html; charset=utf-8",
		want: want{
			title: "Port workers vote to strike over night-shift pay", author: "Mira Kowalczyk", siteName: "The Harbour Gazette",
			canonical: "https://www.harbourgazette.example/news/2025/03/14/port-workers-vote-to-strike",
			language:  "en-gb", section: "News", typ: TypeNews, wire: "",
			published: "2025-03-14T07:45:00+02:00", modified: "2025-03-14T11:20:00+02:00",
			paragraphs: []string{
				"Dock workers at the Eastern Terminal voted on Thursday to strike for 48 hours from next Monday, after talks over night-shift pay broke down for the third time this year.",
				"The vote, announced by the Harbour and Transport Workers' Union shortly after midnight, passed with 81 per cent in favour on a turnout of 74 per cent.",
				"What the union wants",
				"Union officials say the night-shift allowance has not been raised since 2019, while rents in the port district have climbed by almost a third over the same period.",
				"A 12 per cent rise in the night-shift allowance",
				"Paid rest breaks after four hours on the cranes",
				"An independent review of the terminal's fatigue rules",
				"A source close to the negotiations told AFP on Wednesday that the operator had offered 5 per cent, an offer the union described as “an insult to the people who keep this city supplied”.",
				"The terminal operator, Eastquay Logistics, said it regretted the decision and would try to keep the quays open with managerial staff, though it warned customers to expect delays to shipments of fresh produce.",
				"Talks are expected to resume on Friday under the mediation of the regional labour office.",
			},
			furniture: []string{"Skip to content", "We use cookies", "Accept all", "Weather", "Transport correspondent", "14 March 2025",
				"Share on Facebook", "Copy link", "Dock workers gather", "Getty Images", "Read more", "Container traffic hits record high",
				"Related stories", "Ferry crews stage", "Most read", "Historic lighthouse", "Morning Tide", "Sign up", "All rights reserved", "Privacy policy"},
		},
	},
	{
		desc:        "an AFP story with JSON-LD in an array and a GENEVA (AFP) dateline",
		name:        "lakeside-courier-geneva-afp",
		pageURL:     "https://lakesidecourier.example/world/floods-displaced-record-number-un-agency?ref=home",
		contentType: "text/html",
		want: want{
			title: "Floods displaced a record number of people last year, UN agency says", author: "AFP", siteName: "Lakeside Courier",
			canonical: "https://lakesidecourier.example/world/floods-displaced-record-number-un-agency",
			language:  "en", section: "World, Climate", typ: TypeNews, wire: "AFP",
			published: "2025-05-20T10:12:00Z", modified: "2025-05-20T14:30:00Z",
			paragraphs: []string{
				"GENEVA (AFP) - Floods forced a record 19.4 million people from their homes last year, more than in any year since records began, the UN migration agency said on Tuesday.",
				"The figure, published in the agency's annual displacement report, is almost double the number recorded a decade ago, and the authors say the rise cannot be explained by better counting alone.",
				`"What used to be a once-in-a-generation flood is now something families expect every few years," the agency's director of operations told reporters in Geneva.`,
				"Most of those displaced returned home within weeks, but the report found that around one in six were still living in camps or with relatives six months later.",
				"The agency called on donor governments to fund early-warning systems, which it said cost a fraction of what emergency shelter does.",
			},
			furniture: []string{"Advertisement", "Subscribe", "20 May 2025", "Residents wade", "Fabrice Delorme", "Share", "Tweet",
				"Tags:", "United Nations", "Most popular", "Lake ferry timetable", "daily briefing", "Imprint"},
		},
	},
	{
		desc:        "a Reuters story with OpenGraph only, a title suffix and a ROME, Dec 31 (Reuters) dateline",
		name:        "tiber-post-reuters-rome",
		pageURL:     "https://thetiberpost.example/world/europe/italy-approves-2025-budget?src=feed",
		contentType: "text/html; charset=UTF-8",
		want: want{
			title: "Italy approves 2025 budget after late-night Senate vote", author: "Giulia Ferrante", siteName: "The Tiber Post",
			canonical: "https://thetiberpost.example/world/europe/italy-approves-2025-budget",
			language:  "en", section: "World", typ: TypeNews, wire: "Reuters",
			published: "2024-12-31T09:05:00+01:00", modified: "2024-12-31T16:40:00+01:00",
			paragraphs: []string{
				"ROME, Dec 31 (Reuters) - Italy's parliament gave final approval to the government's 2025 budget on Tuesday, hours before a year-end deadline, after the Senate passed the bill in a confidence vote that ran past midnight.",
				"The package, worth around 30 billion euros, confirms tax cuts for middle-income earners and keeps the deficit target at 3.3% of gross domestic product, in line with the plan agreed with the European Commission.",
				"Opposition senators walked out of the chamber before the final tally, accusing the government of pushing the bill through without proper debate.",
				`The economy minister told reporters the budget was "serious and prudent" and said he expected ratings agencies to take note.`,
				"(Reporting by Giulia Ferrante; Editing by Thomas Ashdown)",
			},
			furniture: []string{"Your privacy matters", "I agree", "Markets", "Deficit target of 3.3% kept", "Read more", "Italian bond spreads",
				"Advertisement", "LinkedIn", "WhatsApp", "More from World", "Greek ferry strike", "Via del Corso", "Careers"},
		},
	},
	{
		desc:        "a German dpa story dated only by <time datetime> with a Berlin (dpa) dateline",
		name:        "spree-kurier-berlin-dpa",
		pageURL:     "https://www.spree-kurier.example/wirtschaft/warnstreik-fernverkehr-ostdeutschland-id4711.html",
		contentType: "",
		want: want{
			title: "Warnstreik legt Fernverkehr in Ostdeutschland lahm", author: "Katrin Vogel", siteName: "Spree-Kurier",
			canonical: "https://www.spree-kurier.example/wirtschaft/warnstreik-fernverkehr-ostdeutschland-id4711.html",
			language:  "de", section: "", typ: TypeNews, wire: "dpa",
			published: "2025-02-03T14:20:00+01:00", modified: "",
			paragraphs: []string{
				"Berlin (dpa) - Ein Warnstreik der Lokführergewerkschaft hat am Montag den Fernverkehr in weiten Teilen Ostdeutschlands zum Erliegen gebracht.",
				"Zwischen Berlin, Leipzig und Dresden fielen nach Angaben der Bahn rund drei Viertel aller Verbindungen aus, auch im Regionalverkehr kam es zu erheblichen Einschränkungen.",
				"Gewerkschaft droht mit längeren Streiks",
				"Die Gewerkschaft fordert eine Arbeitszeitverkürzung um zwei Stunden pro Woche bei vollem Lohnausgleich und lehnt das bisherige Angebot als „völlig unzureichend“ ab.",
				"Fahrgäste sollten sich vor Reiseantritt über ihre Verbindung informieren, teilte die Bahn mit. Bereits gekaufte Fahrkarten können bis Ende der Woche flexibel genutzt werden.",
			},
			furniture: []string{"Zum Inhalt springen", "Startseite", "Wir verwenden Cookies", "Akzeptieren", "Von Katrin Vogel", "14:20 Uhr",
				"Twittern", "Leere Bahnsteige", "Foto:", "Auch interessant", "Chronik der Tarifrunde", "Meistgelesen", "Impressum"},
		},
	},
	{
		desc:        "an ANSA story dated only by its URL with an agency-first (ANSA) - ROME dateline",
		name:        "adriatic-daily-ansa-urldate",
		pageURL:     "https://www.adriaticdaily.example/en/politics/2025/07/11/senate-backs-coastal-protection-bill/",
		contentType: "text/html",
		want: want{
			title: "Senate gives final approval to coastal protection bill", author: "", siteName: "Adriatic Daily",
			canonical: "https://www.adriaticdaily.example/en/politics/2025/07/11/senate-backs-coastal-protection-bill/",
			language:  "en", section: "", typ: TypeNews, wire: "ANSA",
			published: "2025-07-11T00:00:00Z", modified: "",
			paragraphs: []string{
				"(ANSA) - ROME, JUL 11 - The Senate on Friday gave final approval to a bill that bans new construction within 300 metres of the shoreline in protected coastal areas, ending a two-year parliamentary battle.",
				"The law also sets up a fund of 150 million euros to help municipalities remove illegal buildings from beaches and dunes, starting with those judged to be at risk of collapse.",
				"Environmental groups welcomed the vote but said the fund was too small, while hotel associations warned that the ban could hold back investment in southern regions.",
				"The bill now goes to the president for his signature and is expected to take effect in the autumn.",
			},
			furniture: []string{"Politics", "Travel", "Facebook", "Email", "Trending", "Ferry prices", "independent news from the Adriatic"},
		},
	},
	{
		desc:        "an opinion piece under /opinion/ in windows-1252 declared only by <meta charset>",
		name:        "meridian-review-opinion-cp1252",
		pageURL:     "https://meridianreview.example/opinion/2025/apr/02/cafe-on-every-corner",
		contentType: "text/html",
		want: want{
			title: "Why the café on every corner is worth saving", author: "Hélène Marchetti", siteName: "The Meridian Review",
			canonical: "https://meridianreview.example/opinion/2025/apr/02/cafe-on-every-corner",
			language:  "en", section: "", typ: TypeOpinion, wire: "",
			published: "2025-04-02T06:00:00+01:00", modified: "",
			paragraphs: []string{
				"Every town I have lived in has had one: a narrow café with four tables, a chalkboard menu nobody reads, and an owner who knows exactly how you take your coffee.",
				"They don’t make much money. Most of them never did. But the city’s new licensing rules, which treat a two-table espresso bar like a 200-seat restaurant, will close dozens of them before the year is out.",
				"“We are not a chain, we are a front room with a coffee machine,” one owner told me last week.",
				"The council’s argument is that the rules are about safety. Nobody is against safety. Yet the fees – €2,400 a year before a single inspection – have nothing to do with fire exits and everything to do with revenue.",
				"There is a simple fix: a lighter licence for premises under 40 square metres, as Lyon and Ghent already have. It would cost the council little, and it would keep the places where a neighbourhood actually meets itself.",
			},
			// The closing author bio is about the writer, not the argument.
			furniture: []string{"Hélène Marchetti is a contributing writer", "Home |", "Culture", "By Hélène", "Comments (42)", "Join the conversation", "Write for us"},
		},
	},
	{
		desc:        "an editorial by The Editorial Board in ISO-8859-1 declared only by the Content-Type header",
		name:        "northfield-examiner-editorial-latin1",
		pageURL:     "https://www.northfieldexaminer.example/editorials/water-bills-stadium",
		contentType: "text/html; charset=ISO-8859-1",
		want: want{
			title: "The city's water bills should not fund the stadium", author: "The Editorial Board", siteName: "Northfield Examiner",
			canonical: "https://www.northfieldexaminer.example/editorials/water-bills-stadium",
			language:  "en-us", section: "Editorials", typ: TypeEditorial, wire: "",
			published: "2025-01-20T18:00:00-05:00", modified: "2025-01-21T08:15:00-05:00",
			paragraphs: []string{
				`The plan approved by the city's finance committee on Monday would add a "capital improvement" surcharge of about $9 a month to every household water bill for the next twelve years.`,
				"The money, the committee's chair admits, would go not to pipes or pumps but to the bond payments on the new riverside stadium.",
				"This board supported the stadium. We still think it can bring life back to the riverfront. But a water bill is the wrong place to hide its cost: everyone pays it, whatever their income, and few people read it closely.",
				"If the stadium is worth building, the council should make the case openly and fund it from the general budget, where voters can see it and weigh it against schools, parks and the long-delayed renovation of the Café Müller community centre.",
				"The full council votes on the surcharge next Tuesday. It should reject it.",
			},
			furniture: []string{"Letters", "Support local journalism", "£1 a week", "Send us a letter", "12 Mill Street"},
		},
	},
	{
		desc:        "an Interview: page with a Mumbai, Dec 9 (PTI) dateline and Q&A paragraphs",
		name:        "deccan-ledger-interview-pti",
		pageURL:     "https://www.deccanledger.example/business/interview-port-authority-chief-monsoon-expansion-4471902",
		contentType: "text/html; charset=utf-8",
		want: want{
			title: "Interview: Monsoon shortfall will not derail port expansion, says authority chief", author: "Anjali Rao", siteName: "Deccan Ledger",
			canonical: "https://www.deccanledger.example/business/interview-port-authority-chief-monsoon-expansion-4471902",
			language:  "en-in", section: "", typ: TypeInterview, wire: "PTI",
			published: "2024-12-09T15:32:00+05:30", modified: "2024-12-09T18:05:00+05:30",
			paragraphs: []string{
				"Mumbai, Dec 9 (PTI) The chairman of the Western Ports Authority said on Monday that a weak monsoon would not delay the second phase of the deep-water terminal, which he expects to open to ships by the end of 2026.",
				"In an interview with PTI, he said dredging was already 60 per cent complete and that financing for the remaining work had been secured from two state-owned banks.",
				"Q: Farm exports through the port fell sharply this year. Does that change your plans?",
				"A: No. Agricultural cargo is about a fifth of our volume. Containers and fertiliser are growing faster than we expected, and the new terminal is built for them.",
				"Q: Fishing communities say the dredging has damaged their catch. What is being done?",
				"A: We have set up a compensation committee with the fisheries department, and the first payments were made in November. We will publish the water-quality data every quarter.",
			},
			furniture: []string{"E-Paper", "Home ›", "Updated:", "Also Read", "Port traffic rises", "Monsoon\n", "All rights reserved"},
		},
	},
	{
		desc:        "a press release under /press-releases/ with a label, a date line and notes to editors",
		name:        "coastal-relief-press-release",
		pageURL:     "https://www.coastalrelief.example/press-releases/2025/06/18/new-water-points-northern-district",
		contentType: "text/html",
		want: want{
			title: "New water points bring safe water to 40,000 people in the northern district", author: "", siteName: "Coastal Relief Alliance",
			canonical: "https://www.coastalrelief.example/press-releases/2025/06/18/new-water-points-northern-district",
			language:  "en", section: "", typ: TypePressRelease, wire: "",
			published: "2025-06-18T09:00:00+03:00", modified: "",
			paragraphs: []string{
				"The Coastal Relief Alliance has completed 27 solar-powered water points in the northern district, giving around 40,000 people access to safe drinking water within a short walk of their homes.",
				"Before the project, families in the district walked an average of six kilometres a day to collect water, most of it from unprotected wells that were contaminated after last year's floods.",
				`"Clean water close to home changes everything, from children's health to whether girls can stay in school," said the Alliance's country director.`,
				"Notes to editors",
				"The project was funded by the regional development fund and private donors.",
				"Each water point is managed by a committee elected by the community, at least half of whose members are women.",
				"Media contact: press office, Coastal Relief Alliance, press@coastalrelief.example",
			},
			furniture: []string{"Donate", "What we do", "Newsroom", "Press release\n", "18 June 2025", "Share on LinkedIn", "registered charity", "Stay informed"},
		},
	},
	{
		desc:        "a column typed OpinionNewsArticle in JSON-LD with a photo credit and an author bio",
		name:        "northern-ledger-column-ldopinion",
		pageURL:     "https://northernledger.example/world/2025/09/22/border-agency-watchdog",
		contentType: "text/html",
		want: want{
			title: "Europe's border agency needs a watchdog with teeth", author: "Tomas Lindqvist", siteName: "Northern Ledger",
			canonical: "https://northernledger.example/world/2025/09/22/border-agency-watchdog",
			language:  "en", section: "World", typ: TypeOpinion, wire: "",
			published: "2025-09-22T05:00:00+02:00", modified: "",
			paragraphs: []string{
				"When the agency responsible for Europe's external borders was given a standing corps of 10,000 officers, its supporters promised that oversight would grow with it.",
				"Five years on, the agency's fundamental rights officer has a staff of fewer than fifty people, and her reports are published months after the events they describe, if they are published at all.",
				"That gap matters. A body that can deploy armed officers to a dozen countries should answer to someone who can open a file, demand the logs and name the people responsible when things go wrong.",
				"Parliament will review the agency's mandate next spring. It should give the rights office its own budget, the power to investigate without permission, and a duty to publish within thirty days.",
			},
			furniture: []string{"Nordics", "coastguard vessel", "AFP/Getty Images", "covers migration and European affairs",
				"Most read", "Gotland", "Ledger Briefing", "Sign up now", "Northern Ledger AB"},
		},
	},
}

// extractFixture runs Extract on testdata/<name>.html.
func extractFixture(t testing.TB, f fixture) *Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", f.name+".html"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(bytes.NewReader(data), f.pageURL, f.contentType)
	if err != nil {
		t.Fatalf("Extract(%s): %v", f.name, err)
	}
	return a
}

func TestExtractFixtures(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.desc, func(t *testing.T) {
			t.Parallel()
			got := extractFixture(t, f)
			w := f.want
			t.Run("every body paragraph is present and in order", func(t *testing.T) {
				checkParagraphs(t, got.Paragraphs, w.paragraphs)
			})
			t.Run("no furniture text is present", func(t *testing.T) {
				for _, s := range w.furniture {
					if strings.Contains(got.Text, s) {
						t.Errorf("Text contains %q, which is page furniture", s)
					}
				}
			})
			t.Run("paragraphs are never glued together", func(t *testing.T) {
				checkNotGlued(t, got, w.paragraphs)
			})
			t.Run("the text is clean UTF-8", func(t *testing.T) {
				checkCleanText(t, got.Text)
				if strings.ContainsRune(got.Text, utf8.RuneError) {
					t.Errorf("Text contains U+FFFD: the charset was decoded wrongly")
				}
			})
			t.Run("the metadata is right", func(t *testing.T) {
				for _, c := range []struct{ field, got, want string }{
					{"Title", got.Title, w.title},
					{"Author", got.Author, w.author},
					{"SiteName", got.SiteName, w.siteName},
					{"CanonicalURL", got.CanonicalURL, w.canonical},
					{"Language", got.Language, w.language},
					{"Section", got.Section, w.section},
					{"Type", got.Type, w.typ},
					{"Wire", got.Wire, w.wire},
					{"Published", rfc3339(got.Published), w.published},
					{"Modified", rfc3339(got.Modified), w.modified},
				} {
					if c.got != c.want {
						t.Errorf("%s: got %q, want %q", c.field, c.got, c.want)
					}
				}
			})
		})
	}
}

// rfc3339 formats t with its own offset, so that a test sees the zone the
// page gave; "" for the zero time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// checkParagraphs reports each wanted paragraph that is missing or out of
// order, and each extracted block that is not one of them.
func checkParagraphs(t *testing.T, got, want []string) {
	t.Helper()
	next := 0
	for _, p := range want {
		i := slices.Index(got[next:], p)
		if i < 0 {
			if slices.Contains(got, p) {
				t.Errorf("paragraph out of order: %q", p)
			} else {
				t.Errorf("paragraph missing: %q", p)
			}
			continue
		}
		next += i + 1
	}
	for _, p := range got {
		if !slices.Contains(want, p) {
			t.Errorf("unexpected block: %q", p)
		}
	}
}

// checkNotGlued reports a paragraph run into the next one: the last word
// of one and the first word of the next in one block, or joined with no
// space at all.
func checkNotGlued(t *testing.T, a *Article, want []string) {
	t.Helper()
	for i := 1; i < len(want); i++ {
		prev := strings.Fields(want[i-1])
		next := strings.Fields(want[i])
		last, first := prev[len(prev)-1], next[0]
		if strings.Contains(a.Text, last+first) {
			t.Errorf("Text glues %q to %q", last, first)
		}
		for _, p := range a.Paragraphs {
			if strings.Contains(p, want[i-1]) && strings.Contains(p, want[i]) {
				t.Errorf("one block holds two paragraphs, ending %q and starting %q", last, first)
			}
		}
	}
	for _, p := range a.Paragraphs {
		if strings.Contains(p, "\n") {
			t.Errorf("block %q contains a newline", p)
		}
	}
}

// checkCleanText reports invalid UTF-8 and control characters other than
// the newlines that separate blocks.
func checkCleanText(t testing.TB, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("text is not valid UTF-8: %q", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' {
			t.Errorf("text contains control character %U", r)
			return
		}
	}
}
