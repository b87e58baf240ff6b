package query

import (
	"errors"
	"strings"
	"testing"
)

func doc(title string, paras ...string) *Index {
	texts := []Text{{Field: Title, S: title}}
	for i, p := range paras {
		f := Body
		if i < 2 {
			f = Lead
		}
		texts = append(texts, Text{Field: f, S: p})
	}
	return NewIndex(texts)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		q, want string
	}{
		{`IOM AND (migrants OR refugees))`, `unexpected ")" at 31`},
		{`(IOM OR OIM`, `unclosed "(" at 1`},
		{`"International Organization`, `unclosed quote at 1`},
		{`IOM NEAR/0 migrants`, `NEAR wants a distance from 1 to 200, as in NEAR/10 at 5`},
		{`(IOM AND OIM) NEAR/5 migrants`, `NEAR needs a word, a phrase or words joined by OR on each side at 15`},
		{`NOT "Isle of Man"`, `the query only excludes: it needs a term to find at 1`},
		{`mi*`, `"mi*": a wildcard needs at least 3 letters before it at 1`},
		{`m*grants`, `"m*grants": a wildcard goes at the end of a word, as in migra* at 1`},
		{`IOM AND`, `unexpected end of query at 8`},
		{`   `, `empty query at 1`},
		{`title: IOM`, `"title:" needs a term after it at 1`},
		{`国际移民组织 NEAR/3 IOM`, `NEAR cannot count words in a script written without spaces at 8`},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			_, err := Parse(tt.q)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a syntax error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got %q, want %q", err.Error(), tt.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name, q string
		idx     *Index
		want    bool
	}{
		{"a word", `IOM`, doc("", "IOM said 300 people arrived."), true},
		{"capitals match exactly", `IOM`, doc("", "the iom project and Iom shipped"), false},
		{"~ forces any case", `~IOM`, doc("", "the iom project shipped"), true},
		{"= forces exact case", `=Iom`, doc("", "Iom is a name; IOM is not"), true},
		{"= forces exact case (miss)", `=Iom`, doc("", "IOM is the agency"), false},
		{"a lower-case word matches any case", `migrants`, doc("", "MIGRANTS crossed"), true},
		{"a phrase", `"International Organization for Migration"`, doc("", "the International Organization for Migration said"), true},
		{"a phrase across punctuation and line breaks", `"International Organization for Migration"`, doc("", "the International\nOrganization for Migration"), true},
		{"a phrase broken by a word", `"International Organization for Migration"`, doc("", "the International Organization on Migration"), false},
		{"a wildcard", `migra*`, doc("", "Migration rose"), true},
		{"a wildcard in a phrase", `"Международн* организаци* по миграци*"`, doc("", "Международной организации по миграции сообщили"), true},
		{"AND", `IOM AND migrants`, doc("", "IOM helped migrants"), true},
		{"implicit AND", `IOM migrants`, doc("", "IOM helped refugees"), false},
		{"OR", `IOM OR OIM`, doc("", "l'OIM a publié"), true},
		{"NOT", `IOM NOT "Isle of Man"`, doc("", "The Isle of Man (IOM) treasury"), false},
		{"-term", `IOM -football`, doc("", "IOM said football clubs helped"), false},
		{"parentheses", `(IOM OR OIM) AND (migrants OR migrantes)`, doc("", "la OIM ayudó a migrantes"), true},
		{"NEAR within the distance", `IOM NEAR/3 migrants`, doc("", "IOM said 300 migrants arrived"), true},
		{"NEAR either order", `migrants NEAR/3 IOM`, doc("", "IOM said 300 migrants arrived"), true},
		{"NEAR too far", `IOM NEAR/1 migrants`, doc("", "IOM said 300 migrants arrived"), false},
		{"NEAR with a group of words on one side", `remittance* NEAR/3 (migrant* OR diaspora)`, doc("", "remittances from the diaspora rose"), true},
		{"NEAR with a group of words, too far", `remittance* NEAR/1 (migrant* OR diaspora)`, doc("", "remittances sent home from the diaspora rose"), false},
		{"title: scope", `title:IOM`, doc("IOM warns of winter deaths", "Nothing here."), true},
		{"title: scope misses the body", `title:IOM`, doc("Winter deaths", "IOM warns."), false},
		{"lead: scope on a group", `lead:(IOM OR OIM)`, doc("", "p1", "p2", "IOM in the third paragraph"), false},
		{"body: scope", `body:IOM`, doc("", "p1", "p2", "IOM in the third paragraph"), true},
		{"accents fold", `"Organización Internacional para las Migraciones"`, doc("", "la Organizacion Internacional para las Migraciones"), true},
		{"case folds in Cyrillic", `"международная организация по миграции"`, doc("", "Международная организация по миграции"), true},
		{"Greek words", `"Διεθνής Οργανισμός Μετανάστευσης"`, doc("", "ο Διεθνής Οργανισμός Μετανάστευσης ανακοίνωσε"), true},
		{"Arabic with a conjunction written on", `"المنظمة الدولية للهجرة"`, doc("", "وقالت والمنظمة الدولية للهجرة إن"), true},
		{"Chinese inside the text", `国际移民组织`, doc("", "国际移民组织周五表示"), true},
		{"Thai inside the text", `องค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐาน`, doc("", "องค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐานกล่าว"), true},
		{"a word inside another word", `IOM`, doc("", "BIOMASS and biome"), false},
		{"a word in a URL", `IOM`, doc("", "see https://example.org/IOM/report and www.iom.int/IOM"), false},
		{"a word in a bare domain path", `IOM`, doc("", "see example.org/IOM for more"), false},
		{"a word in an e-mail address", `IOM`, doc("", "write to IOM@example.org"), false},
		{"a hashtag", `IOM`, doc("", "trending: #IOM today"), false},
		{"a handle", `IOM`, doc("", "follow @IOM for news"), false},
		{"full-width letters normalise", `IOM`, doc("", "ＩＯＭ said"), true},
		{"a possessive", `IOM`, doc("", "IOM’s chief"), true},
		{"a French elision", `OIM`, doc("", "l’OIM a dit"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			got, hits := q.Match(tt.idx, Options{})
			if got != tt.want {
				t.Errorf("Match(%q) = %v (hits %v), want %v", tt.q, got, hits, tt.want)
			}
		})
	}
}

func TestHitsAreThePositiveTerms(t *testing.T) {
	q, _ := Parse(`(IOM OR "UN migration agency") NOT football`)
	idx := doc("IOM warns", "The UN migration agency said IOM teams were ready.")
	ok, hits := q.Match(idx, Options{})
	if !ok || len(hits) != 3 {
		t.Fatalf("got %v with %d hits, want 3", ok, len(hits))
	}
	texts := idx.Texts()
	var got []string
	for _, h := range hits {
		got = append(got, texts[h.Text].S[h.Start:h.End])
	}
	if strings.Join(got, "|") != "IOM|UN migration agency|IOM" {
		t.Errorf("got %q", got)
	}
}

func TestStrictAccents(t *testing.T) {
	q, _ := Parse(`"Organización"`)
	idx := doc("", "la Organizacion")
	if ok, _ := q.Match(idx, Options{StrictAccents: true}); ok {
		t.Error("strict accents matched a word without them")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`IOM`, `"International Organization for Migration" OR (IOM AND migra*) NOT "Isle of Man"`, `title:(IOM OR OIM) NEAR/5 x`, `=Iom ~UN -x`, `((((a))))`, `"unclosed`, `a NEAR/999 b`} {
		f.Add(s)
	}
	idx := doc("IOM warns", "The UN migration agency said IOM teams were ready.", "Isle of Man (IOM)")
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Pos < 1 {
				t.Fatalf("Parse(%q): error %v is not a SyntaxError with a position", s, err)
			}
			return
		}
		q.Match(idx, Options{})
	})
}
