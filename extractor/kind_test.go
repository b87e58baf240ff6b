package extractor

import (
	"strings"
	"testing"
)

// page builds a small article page with head markup, an <h1> title and
// body paragraphs.
func page(head, title string, paragraphs ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>" + head + "</head><body>")
	b.WriteString(`<nav class="menu"><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>` + title + "</h1>")
	for _, p := range paragraphs {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article><footer>© Example News</footer></body></html>")
	return b.String()
}

// filler is story text that names no agency and no page type.
var filler = []string{
	"The harbour authority said the new quay would be finished by the spring, a year later than first planned.",
	"Officials blamed the delay on a shortage of steel and on storms that flooded the construction site twice in the autumn.",
}

func TestExtractWire(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"a GENEVA (AFP) - dateline is AFP",
			page("", "Talks resume", append([]string{"GENEVA (AFP) - Talks on a new shipping treaty resumed on Monday after a two-week pause, delegates said."}, filler...)...), "AFP"},
		{"a ROME, Dec 31 (Reuters) - dateline is Reuters",
			page("", "Budget passes", append([]string{"ROME, Dec 31 (Reuters) - Italy's parliament approved the budget on Tuesday, hours before the deadline."}, filler...)...), "Reuters"},
		{"a LONDON, March 3 (Reuters) - dateline with a full month name is Reuters",
			page("", "Rates held", append([]string{"LONDON, March 3 (Reuters) - The central bank held interest rates on Thursday, as most economists had expected."}, filler...)...), "Reuters"},
		{"a Berlin (dpa) - dateline is dpa",
			page("", "Strike", append([]string{"Berlin (dpa) - Ein Warnstreik hat am Montag den Fernverkehr in weiten Teilen des Landes lahmgelegt."}, filler...)...), "dpa"},
		{"an agency-first (ANSA) - ROME, JUL 11 - dateline is ANSA",
			page("", "Coast bill", append([]string{"(ANSA) - ROME, JUL 11 - The Senate gave final approval to the coastal protection bill on Friday."}, filler...)...), "ANSA"},
		{"a Mumbai, Dec 9 (PTI) dateline with no dash is PTI",
			page("", "Port plan", append([]string{"Mumbai, Dec 9 (PTI) The port authority said on Monday that the new terminal would open by the end of 2026."}, filler...)...), "PTI"},
		{"a WASHINGTON (AP) — dateline with an em dash is AP",
			page("", "Senate vote", append([]string{"WASHINGTON (AP) — The Senate voted on Wednesday to extend the program for another two years."}, filler...)...), "AP"},
		{"an author field naming the agency is the agency",
			page(`<meta name="author" content="Agence France-Presse">`, "Talks resume", filler...), "AFP"},
		{"a closing — AFP credit is AFP",
			page("", "Quay delayed", append(filler, "— AFP")...), "AFP"},
		{"a credit paragraph the text leaves out is read: (EFE)",
			page("", "Centro abierto", append(filler, `<p class="credit">(EFE)</p>`)...), "EFE"},
		{"a credit paragraph '— AFP' the text leaves out is read",
			page("", "Quay delayed", append(filler, `<p class="credit">— AFP</p>`)...), "AFP"},
		{"a photo credit 'AFP' inside a figure is not the text's origin",
			strings.Replace(page("", "Quay delayed", filler...), "<h1>", `<figure><img src="/q.jpg"><figcaption>The quay. <span class="credit">(AFP)</span></figcaption></figure><h1>`, 1), ""},
		{"a source who told AFP mid-text is not wire copy",
			page("", "Quay delayed", append(filler, "A source close to the talks told AFP that the contractor had asked for more time, which the authority refused.")...), ""},
		{"a first paragraph that quotes Reuters is not wire copy",
			page("", "Quay delayed", append([]string{"Reuters reported on Monday that the contractor had asked for more time to finish the quay."}, filler...)...), ""},
		{"an AFP/Getty Images photo credit is not wire copy",
			page("", "Quay delayed", append(filler, `<span class="credit">Photo: AFP/Getty Images</span> The quay will take ships of up to 300 metres.`)...), ""},
		{"a figure credited AFP/Getty Images is not wire copy",
			strings.Replace(page("", "Quay delayed", filler...), "<h1>", `<figure><img src="/q.jpg"><figcaption>The quay in October. AFP/Getty Images</figcaption></figure><h1>`, 1), ""},
		{"a staff story is not wire copy",
			page(`<meta name="author" content="Mira Kowalczyk">`, "Quay delayed", filler...), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tt.html), "https://news.example/world/story", "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Wire != tt.want {
				t.Errorf("Wire: got %q, want %q (first paragraph %q)", a.Wire, tt.want, first(a.Paragraphs))
			}
		})
	}
}

func TestExtractType(t *testing.T) {
	tests := []struct {
		name, pageURL, head, title, want string
	}{
		{"a plain story is news", "https://news.example/world/2025/03/14/quay", "", "Harbour quay delayed by a year", TypeNews},
		{"a page under /opinion/ is opinion", "https://news.example/opinion/2025/03/14/quay", "", "The quay was always too ambitious", TypeOpinion},
		{"article:section Opinion is opinion", "https://news.example/2025/03/14/quay", `<meta property="article:section" content="Opinion">`, "The quay was always too ambitious", TypeOpinion},
		{"an OpinionNewsArticle is opinion", "https://news.example/world/quay", `<script type="application/ld+json">{"@type":"OpinionNewsArticle","headline":"The quay was always too ambitious"}</script>`, "The quay was always too ambitious", TypeOpinion},
		{"a piece by The Editorial Board is an editorial", "https://news.example/world/quay", `<meta name="author" content="The Editorial Board">`, "Finish the quay", TypeEditorial},
		{"an Interview: title is an interview", "https://news.example/world/quay", "", "Interview: The engineer who will finish the quay", TypeInterview},
		{"a page under /press-releases/ is a press release", "https://harbour.example/press-releases/quay-delay", "", "Harbour authority announces new quay date", TypePressRelease},
		{"a page under an organization's /press/ is a press release", "https://ngo.example/press/aurora-disembarks", "", "Aurora disembarks 143 survivors in Ravenna", TypePressRelease},
		{"article:section Press is a press release", "https://ngo.example/2025/03/aurora", `<meta property="article:section" content="Press">`, "Aurora disembarks 143 survivors in Ravenna", TypePressRelease},
		{"a company newsroom is a press release", "https://remit.example/newsroom/partnership", "", "Remit partners with IOM", TypePressRelease},
		{"a section about the press is not", "https://news.example/2025/03/quay", `<meta property="article:section" content="Press freedom">`, "Reporters barred from the quay", TypeNews},
		{"a schema.org Report is a report", "https://ngo.example/quay", `<script type="application/ld+json">{"@type":"Report","name":"Ports in 2025"}</script>`, "Ports in 2025", TypeReport},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(page(tt.head, tt.title, filler...)), tt.pageURL, "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Type != tt.want {
				t.Errorf("Type: got %q, want %q", a.Type, tt.want)
			}
		})
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
