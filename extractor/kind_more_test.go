package extractor

import (
	"strings"
	"testing"
)

// These cases call pageType and wireAgency directly, for signals and
// traps that testdata/kinds/ does not hold a whole page for.

func TestPageTypeSignals(t *testing.T) {
	tests := []struct {
		name, pageURL, title, want string
		m                          meta
	}{
		{"a headline where interview is a verb is news", "https://news.example/news/ferry", "Police to interview ferry crew after collision", TypeNews, meta{}},
		{"a headline about job interviews is news", "https://news.example/jobs", "Warehouse draws 800 to job interviews", TypeNews, meta{}},
		{"'Entretien des routes' (road maintenance) is news", "https://journal.example/region/routes", "Entretien des routes : 12 millions d'euros", TypeNews, meta{}},
		{"a headline opening 'Interview with' is an interview", "https://news.example/culture/x", "Interview with the harbour master", TypeInterview, meta{}},
		{"an 'EXCLUSIVE INTERVIEW:' kicker is an interview", "https://news.example/sport/x", "EXCLUSIVE INTERVIEW: The coach on his last season", TypeInterview, meta{}},
		{"'Entretien avec' is an interview", "https://journal.example/culture/x", "Entretien avec la maire de Colmar", TypeInterview, meta{}},
		{"'Entrevista a' is an interview", "https://diario.example/x", "Entrevista a la ministra de Trabajo", TypeInterview, meta{}},
		{"a section 'Entrevistas' is an interview", "https://diario.example/x", "La ministra, sin rodeos", TypeInterview, meta{section: "Entrevistas"}},
		{"an <h1> ending '– interview' is an interview when the title lost the label", "https://news.example/music/x", "Rosa Delane: ‘I wrote it in a lighthouse’", TypeInterview,
			meta{h1: "Rosa Delane: ‘I wrote it in a lighthouse’ – interview"}},
		{"author 'Editorial Staff' is the newsroom, so news", "https://news.example/2025/01/22/pipe", "Water main breaks", TypeNews, meta{author: "Editorial Staff"}},
		{"author 'Editorial Team' is the newsroom, so news", "https://news.example/2025/01/22/pipe", "Water main breaks", TypeNews, meta{author: "Editorial Team"}},
		{"author 'The Times Editorial Board' is an editorial", "https://news.example/world/x", "Fix the pipes", TypeEditorial, meta{author: "The Times Editorial Board"}},
		{"author 'The Editors' is an editorial", "https://news.example/x", "Fix the pipes", TypeEditorial, meta{author: "The Editors"}},
		{"section 'Editorials' is an editorial", "https://news.example/x", "Fix the pipes", TypeEditorial, meta{section: "Editorials"}},
		{"section 'Leadership' is not The Economist's 'Leaders'", "https://news.example/business/x", "How to run a meeting", TypeNews, meta{section: "Leadership"}},
		{"an 'Editorial:' kicker is an editorial", "https://news.example/opinion/x", "Editorial: Fix the pipes", TypeEditorial, meta{}},
		{"an /editorials/ path is an editorial", "https://news.example/editorials/fix-the-pipes", "Fix the pipes", TypeEditorial, meta{}},
		{"an author 'Op-Ed Desk' on a NewsArticle under /world/ stays news", "https://news.example/world/x", "Leaders react", TypeNews, meta{author: "Op-Ed Desk", ldType: "NewsArticle", section: "World"}},
		{"section 'Commentary' is opinion", "https://news.example/x", "Why rates must fall", TypeOpinion, meta{section: "Commentary"}},
		{"a /news-releases/ path is a press release", "https://wire.example/news-releases/acme-raises-40m-301.html", "Acme raises $40m", TypePressRelease, meta{}},
		{"section 'Comunicado de prensa' is a press release", "https://ong.example/x", "Nueva campaña", TypePressRelease, meta{section: "Comunicado de prensa"}},
		{"a /pressemitteilungen/ path is a press release", "https://firma.example/pressemitteilungen/neues-werk", "Neues Werk eröffnet", TypePressRelease, meta{}},
		{"a ScholarlyArticle is a report", "https://institute.example/papers/x", "Tax and fairness", TypeReport, meta{ldType: "ScholarlyArticle"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pageType(tt.m, tt.pageURL, tt.title); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWireAgencySignals(t *testing.T) {
	body := "The ministry said the new rules would take effect in the spring, after a consultation with industry groups and unions."
	intro := strings.Repeat("The port authority said traffic had grown for a third year. ", 4)
	long := strings.Repeat("The port authority said traffic had grown for a third year. ", 12)
	tests := []struct {
		name           string
		paragraphs     []string
		author, byline string
		want           string
	}{
		{"a capitals city before (AP) is AP even when its initials spell AP", []string{"ALBANY PARK (AP) — " + body}, "", "", "AP"},
		{"(AP) with no city is AP", []string{"(AP) — " + body}, "", "", "AP"},
		{"a byline in mixed case before the AP dateline is AP", []string{"By Jane Doe and John Roe NEW YORK (AP) — " + body}, "", "", "AP"},
		{"Macapá (AP) is the state of Amapá, not AP", []string{"Macapá (AP) - O governo anunciou novas balsas."}, "", "", ""},
		{"a PTI dateline with a colon is PTI", []string{"Bhopal (PTI): " + body}, "", "", "PTI"},
		{"an ANI dateline with a bracketed country is ANI", []string{"Damascus [Syria], June 9 (ANI): " + body}, "", "", "ANI"},
		{"an IANS dateline with no separator is IANS", []string{"New Delhi, July 26 (IANS) " + body}, "", "", "IANS"},
		{"a Bernama dateline is Bernama", []string{"KUALA LUMPUR, Aug 6 (Bernama) -- " + body}, "", "", "Bernama"},
		{"an EUROPA PRESS dateline is Europa Press", []string{"MADRID, 29 Nov. (EUROPA PRESS) - " + body}, "", "", "Europa Press"},
		{"a Spanish Xinhua dateline is Xinhua", []string{"Pekín (Xinhua) - " + body}, "", "", "Xinhua"},
		{"an EFE dateline with '. -' is EFE", []string{"Panamá, 5 oct (EFE). - El Canal limita los tránsitos."}, "", "", "EFE"},
		{"an (AA) dateline is Anadolu Agency", []string{"ANKARA (AA) - " + body}, "", "", "Anadolu Agency"},
		{"'Alcoholics Anonymous (AA) -' spells out its letters, so is no dateline", []string{"Alcoholics Anonymous (AA) - a fellowship of people who help each other stay sober - opened a new meeting room."}, "", "", ""},
		{"'Press Trust of India (PTI)' spells out its letters, so is no dateline", []string{"Press Trust of India (PTI) reported that " + body}, "", "", ""},
		{"(AFP) followed by running text is no dateline", []string{"The ministry's pension fund (AFP) said it would cut fees."}, "", "", ""},
		{"a dateline after a long first paragraph is not in dateline position", []string{long, "GENEVA (AFP) - " + body}, "", "", ""},
		{"a dateline after a syndicating site's own intro is the agency's", []string{intro, "GENEVA (AFP) - " + body}, "", "", "AFP"},
		{"a dateline in the fourth paragraph is not in dateline position", []string{"Short.", "Lead.", "Standfirst.", "GENEVA (AFP) - " + body}, "", "", ""},
		{"a source who told AFP after a short lead is not wire copy", []string{"Ministers back a new barrier.", "A source told AFP that the cost had doubled."}, "", "", ""},
		{"author 'By Reuters' is Reuters", []string{body}, "By Reuters", "", "Reuters"},
		{"author 'Reuters Staff' is Reuters", []string{body}, "Reuters Staff", "", "Reuters"},
		{"a visible byline 'Kyodo News' is Kyodo", []string{body}, "", "Kyodo News", "Kyodo"},
		{"a byline 'AFP, Banda Aceh' is AFP", []string{body}, "", "AFP, Banda Aceh", "AFP"},
		{"an author 'Farzana Rahman, IPS' is IPS", []string{body}, "Farzana Rahman, IPS", "", "IPS"},
		{"a byline 'EFE | 27 de mayo' is EFE", []string{body}, "", "EFE | 27 de mayo de 2026 - 15:20", "EFE"},
		{"a byline 'By Courier Staff and AFP' is the outlet's", []string{body}, "", "Courier Staff and AFP", ""},
		{"a byline 'La rédaction avec AFP' is the outlet's", []string{body}, "", "La rédaction avec AFP", ""},
		{"an author 'Jane Roe, Geneva' names no agency", []string{body}, "Jane Roe, Geneva", "", ""},
		{"a closing 'Source: AFP' is AFP", []string{body, "Source: AFP"}, "", "", "AFP"},
		{"a closing '— Agence France-Presse' is AFP", []string{body, "— Agence France-Presse"}, "", "", "AFP"},
		{"a closing '(AFP)' after the last sentence is AFP", []string{body, "No injuries were reported. (AFP)"}, "", "", "AFP"},
		{"a closing '(FRANCE 24 with AFP)' is the outlet's, not AFP's", []string{body, "(FRANCE 24 with AFP)"}, "", "", ""},
		{"a closing 'SOURCE: AL JAZEERA AND NEWS AGENCIES' names no agency", []string{body, "SOURCE: AL JAZEERA AND NEWS AGENCIES"}, "", "", ""},
		{"a credit ending a long last paragraph is not an end credit", []string{body, long + "— AFP"}, "", "", ""},
		{"a closing 'originally published by Inter Press Service (IPS)' is IPS", []string{body, "This article was originally published by Inter Press Service (IPS)."}, "", "", "IPS"},
		{"a closing 'originally published in The Harbour Times' names no agency", []string{body, "This article was originally published in The Harbour Times."}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wireAgency(tt.paragraphs, tt.author, tt.byline, ""); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSpecificJSONLDTypeWins(t *testing.T) {
	html := `<html><head><script type="application/ld+json">{"@type":["NewsArticle","OpinionNewsArticle"],"headline":"Why the port must grow"}</script></head>
<body><article><h1>Why the port must grow</h1><p>The harbour has outgrown its quays, and the city should say so plainly before the next budget.</p></article></body></html>`
	a, err := Extract(strings.NewReader(html), "https://quay.example/2026/11/port", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Type != TypeOpinion {
		t.Errorf("got %q, want opinion from OpinionNewsArticle", a.Type)
	}
}

func TestIPSBylineBlockKeepsItsDateline(t *testing.T) {
	html := `<html><body><article><h1>Remittances rise</h1><p>By Daniela Pastrana<br>TAPACHULA, Mexico, Oct 22 2018 (IPS)</p>
<p>Remittances sent home by migrants working in the south of the country rose for the third year running, officials said.</p>
<p>Families in the border towns depend on the money for food, rent and school fees, aid workers say.</p></article></body></html>`
	a, err := Extract(strings.NewReader(html), "https://ips.example/2018/10/remittances", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Wire != "IPS" {
		t.Errorf("got wire %q, want IPS (paragraphs %q)", a.Wire, a.Paragraphs)
	}
}
