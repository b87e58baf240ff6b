package summarizer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period that does not end a sentence (in
// English, French and Spanish news copy), lower-cased, without the
// period.
var abbreviations = toSet(`mr mrs ms dr prof gen sen rep gov lt col capt sgt st jr sr rev hon mt ft maj brig adm cmdr
supt insp det pres messrs mm mme mlle me jan feb mar apr jun jul aug sep sept oct nov dec no nos vs v inc ltd co corp
approx est dept univ ave fig vol pp al e.g i.e etc u.s u.n u.k e.u a.m p.m m sra srta dra dña ud uds av aprox núm pág
sres sras ej p.ej ee.uu cf ca ariz calif colo conn fla minn neb nev okla tenn`)

// sentenceEnders are abbreviations that often end a sentence too: after
// them a capital starts a new sentence ("… etc. Tents arrived", "… at
// 4 p.m. She left", "… Meridian Shipping Ltd. The company").
var sentenceEnders = toSet(`etc a.m p.m ltd inc corp co`)

// countryAbbreviations end a sentence only before a word that usually
// starts one ("… to the U.S. Twenty years later"), not before a name
// ("the U.S. Virgin Islands").
var countryAbbreviations = toSet(`u.s u.k e.u u.n ee.uu`)

// starters are words that usually start a sentence.
var starters = toSet(`The A An It Its He She They We I You His Her Their Our This That These Those There Here In On
At By For From After Before But And Yet So Some Many Most More One Two Three Four Five Six Seven Eight Nine Ten
Twenty Thirty Forty Fifty Hundreds Thousands When While If As Officials Le La Les Il Elle Ils Un Une El Los Las
Una Ella Ellos`)

// closers may follow a sentence's final punctuation.
const closers = `"'”’)]»`

// Sentences splits text into sentences. A sentence ends at ".", "!",
// "?", "…" (or "。" and the like) followed by white space and a word
// that can start a sentence: a capital, a digit, an opening quote or
// dash, or a brand name such as "iPhone". A period does not end a
// sentence after an abbreviation ("Dr.", "Jan.", "U.N."), an initial
// ("J.") or inside a number ("3.5"), except after abbreviations that
// often end sentences too ("etc.", "p.m.", "Ltd.", and "U.S." before a
// word that usually starts one).
//
// A sentence inside a quotation (« … », “ … ”, " … ") does not end the
// enclosing sentence: "« Prices fell. Now flats stay empty », she said."
// is one sentence; a quotation that ends a sentence ends it: "“Come at
// nine.” It was good news." is two.
func Sentences(text string) []string {
	var out []string
	start := 0
	depth := 0
	straight := false // inside a straight-quoted passage
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '«', '“':
			depth++
		case '»', '”':
			depth = max(depth-1, 0)
			if depth == 0 && endsBeforeQuote(text[start:i]) {
				if j, ok := nextStart(text, i+size); ok {
					out = appendSentence(out, text[start:i+size])
					start, i = j, j
					continue
				}
			}
		case '"':
			if !straight && strings.Contains(text[i+size:], `"`) {
				straight = true
			} else if straight {
				straight = false
				if endsBeforeQuote(text[start:i]) {
					if j, ok := nextStart(text, i+size); ok {
						out = appendSentence(out, text[start:i+size])
						start, i = j, j
						continue
					}
				}
			}
		}
		if r != '.' && r != '!' && r != '?' && r != '…' && r != '。' && r != '！' && r != '？' {
			i += size
			continue
		}
		if depth > 0 || straight {
			i += size
			continue
		}
		end := i + size
		for end < len(text) && (text[end] == '.' || text[end] == '!' || text[end] == '?') {
			end++
		}
		for end < len(text) {
			c, n := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(closers, c) {
				break
			}
			if c == '»' || c == '”' {
				depth = max(depth-1, 0)
			}
			if c == '"' {
				break // a straight quote here opens the next passage or closes this one: the switch decides
			}
			end += n
		}
		if r == '。' || r == '！' || r == '？' {
			out = appendSentence(out, text[start:end])
			start, i = end, end
			continue
		}
		j, ok := nextStart(text, end)
		if !ok {
			i = end
			if end >= len(text) {
				break
			}
			continue
		}
		if r == '.' && !periodEnds(text[start:i], text[j:]) {
			i = j
			continue
		}
		out = appendSentence(out, text[start:end])
		start, i = j, j
	}
	return appendSentence(out, text[start:])
}

// endsBeforeQuote reports whether the text before a closing quotation
// mark ends with a sentence's final punctuation ("… at nine." or "… ? »").
func endsBeforeQuote(before string) bool {
	before = strings.TrimRight(before, " \u00a0\u202f")
	r, _ := utf8.DecodeLastRuneInString(before)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// nextStart returns where the next sentence starts after end: past white
// space, at a word that can start a sentence.
func nextStart(text string, end int) (int, bool) {
	if end >= len(text) {
		return 0, false
	}
	if next, _ := utf8.DecodeRuneInString(text[end:]); !unicode.IsSpace(next) {
		return 0, false
	}
	j := end
	for j < len(text) {
		c, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(c) {
			break
		}
		j += n
	}
	if j >= len(text) {
		return 0, false
	}
	first, _ := utf8.DecodeRuneInString(text[j:])
	caseless := unicode.IsLetter(first) && !unicode.IsUpper(first) && !unicode.IsLower(first)
	if unicode.IsUpper(first) || unicode.IsDigit(first) || caseless || strings.ContainsRune(`"“‘'(«¿¡—–`, first) || brandStart(text[j:]) {
		return j, true
	}
	return 0, false
}

// brandStart: a word written in lower case with a capital inside, such as
// "iPhone" or "eBay", which starts sentences as it is.
func brandStart(s string) bool {
	word := s
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		word = s[:i]
	}
	for i, r := range word {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func appendSentence(out []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" {
		out = append(out, s)
	}
	return out
}

// periodEnds reports whether a period after before ends a sentence, the
// next sentence (if it is one) starting with after.
func periodEnds(before, after string) bool {
	i := strings.LastIndexFunc(before, unicode.IsSpace)
	word := before[i+1:]
	word = strings.TrimLeft(word, `"“‘'(«`)
	if word == "" {
		return true
	}
	lw := strings.ToLower(word)
	next := after
	if k := strings.IndexFunc(after, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }); k >= 0 {
		next = after[:k]
	}
	switch {
	case sentenceEnders[lw]:
		return true
	case countryAbbreviations[lw]:
		return starters[next]
	case abbreviations[lw]:
		return false
	}
	// A single capital letter is an initial: "J. K. Rowling".
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return false
	}
	// Dotted abbreviations of letters: "U.S", "a.m", "J.-C", "J.D".
	if strings.Contains(word, ".") && len(word) <= 6 && !strings.ContainsFunc(word, unicode.IsDigit) {
		return starters[next]
	}
	return true
}
