package dedup

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Facts are the figures and names a text states: what two copies of one
// story share however differently they are worded, and what two stories
// built on one template do not.
type Facts struct {
	// Figures are the text's significant numbers, normalized ("18,000",
	// "18 000" and "18.000" are 18000; "4.5 million" and "four million"
	// are 4500000 and 4000000), sorted, each once. Small numbers (up to
	// 10), days of the month and years say little and are left out.
	Figures []float64
	// Order is the text's significant figures in the order the text
	// first states them: a translation states them in the same order.
	Order []float64
	// Names are the capitalized words not at the start of a sentence
	// (places, people, organizations), folded to lower case, sorted,
	// each once.
	Names []string
}

// maxFacts bounds the figures and names kept of one text.
const maxFacts = 200

// maxFactsBytes is how much of a text is read for its facts: a story
// states them in its first pages (64 KiB is some 10,000 words), and a
// 15 MiB page must not cost a token per word.
const maxFactsBytes = 64 << 10

// FactsOf reads the figures and names of text.
func FactsOf(text string) Facts {
	var f Facts
	figures := map[float64]bool{}
	names := map[string]bool{}
	if len(text) > maxFactsBytes {
		cut := maxFactsBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	toks := tokenize(norm.NFKC.String(text))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if v, used, ok := figureAt(toks, i); ok {
			if significant(v, toks, i) && len(figures) < maxFacts && !figures[v] {
				figures[v] = true
				f.Order = append(f.Order, v)
			}
			i += used - 1
			continue
		}
		if t.word && t.upper && !t.initial && utf8.RuneCountInString(t.text) >= 3 && len(names) < maxFacts {
			w := strings.ToLower(t.text)
			if !stopName[w] {
				names[w] = true
			}
		}
	}
	for v := range figures {
		f.Figures = append(f.Figures, v)
	}
	slices.Sort(f.Figures)
	for n := range names {
		f.Names = append(f.Names, n)
	}
	slices.Sort(f.Names)
	return f
}

// token is a word or a number of a text, with what the decision needs
// to know of its place.
type token struct {
	text    string
	word    bool // letters; else digits with their separators
	upper   bool // starts with a capital
	initial bool // first of its sentence or paragraph
}

// tokenize splits text into words and numbers; a number keeps its
// thousands and decimal separators ("18,000", "3.5", "18 000").
func tokenize(text string) []token {
	var out []token
	initial := true
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsDigit(r):
			j := i + size
			for j < len(text) {
				c, s := utf8.DecodeRuneInString(text[j:])
				if unicode.IsDigit(c) {
					j += s
					continue
				}
				// A separator followed by a digit stays in the number.
				if c == ',' || c == '.' || c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\'' {
					if d, _ := utf8.DecodeRuneInString(text[j+s:]); unicode.IsDigit(d) {
						j += s
						continue
					}
				}
				break
			}
			out = append(out, token{text: text[i:j], initial: initial})
			initial = false
			i = j
		case unicode.IsLetter(r):
			j := i + size
			for j < len(text) {
				c, s := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(c) && !unicode.IsMark(c) && !(c == '-' || c == '\'' || c == '’') {
					break
				}
				j += s
			}
			w := trimJoiners(text[i:j])
			out = append(out, token{text: w, word: true, upper: unicode.IsUpper(r), initial: initial})
			initial = false
			i += len(w)
			if len(w) == 0 {
				i = j
			}
		default:
			switch r {
			case '.', '!', '?', ':', ';', '\n', '"', '“', '”', '«', '»', '—', '–', '(':
				initial = true
			}
			i += size
		}
	}
	return out
}

// trimJoiners drops the hyphens and apostrophes that end a word.
func trimJoiners(w string) string {
	for len(w) > 0 {
		switch {
		case w[len(w)-1] == '-' || w[len(w)-1] == '\'':
			w = w[:len(w)-1]
		case strings.HasSuffix(w, "’"):
			w = w[:len(w)-len("’")]
		default:
			return w
		}
	}
	return w
}

// lowerWord is w in lower case, without a copy when it has no capital.
func lowerWord(t token) string {
	if t.upper || strings.IndexFunc(t.text, unicode.IsUpper) >= 0 {
		return strings.ToLower(t.text)
	}
	return t.text
}

// figureAt reads the number starting at toks[i] and how many tokens it
// takes: digits ("18,000", "3.5", "4,5"), words ("four", "twenty-three",
// "quatre"), each with a following scale ("million", "millones", "bn").
func figureAt(toks []token, i int) (v float64, used int, ok bool) {
	t := toks[i]
	if !t.word {
		v, ok = parseDigits(t.text)
	} else {
		if len(t.text) > 16 {
			return 0, 0, false
		}
		lower := lowerWord(t)
		v, ok = numberWords[lower]
		if !ok && strings.IndexByte(lower, '-') > 0 {
			// "twenty-three", "seven-fold"
			if a, b, cut := strings.Cut(lower, "-"); cut {
				if x, okA := numberWords[a]; okA {
					if y, okB := numberWords[b]; okB && x >= 20 && y < 10 {
						v, ok = x+y, true
					} else if b == "fold" {
						v, ok = x, true
					}
				}
			}
		}
	}
	if !ok {
		return 0, 0, false
	}
	used = 1
	if i+1 < len(toks) && toks[i+1].word {
		if s, isScale := scales[strings.ToLower(toks[i+1].text)]; isScale {
			v *= s
			used = 2
			// "mil millones": a thousand millions
			if i+2 < len(toks) && toks[i+2].word {
				if s2, again := scales[strings.ToLower(toks[i+2].text)]; again && s2 > s {
					v *= s2
					used = 3
				}
			}
		}
	}
	return math.Round(v*1000) / 1000, used, true
}

// parseDigits reads "18,000", "18.000", "18 000" (thousands) and "3.5",
// "3,5" (decimals): a separator before exactly three digits groups
// thousands.
func parseDigits(s string) (float64, bool) {
	var intPart, frac strings.Builder
	groups := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if len(groups) == 0 {
		return 0, false
	}
	intPart.WriteString(groups[0])
	for k, g := range groups[1:] {
		last := k == len(groups)-2
		if len(g) == 3 && !(last && len(groups) == 2 && len(groups[0]) > 3) {
			intPart.WriteString(g)
			continue
		}
		if last {
			frac.WriteString(g)
			continue
		}
		intPart.WriteString(g)
	}
	str := intPart.String()
	if frac.Len() > 0 {
		str += "." + frac.String()
	}
	v, err := strconv.ParseFloat(str, 64)
	return v, err == nil
}

// significant reports whether a figure identifies a story: more than
// ten, not a year, not the day of a date.
func significant(v float64, toks []token, i int) bool {
	if v != math.Trunc(v) {
		return true
	}
	if v <= 10 {
		return false
	}
	if v >= 1900 && v <= 2100 {
		return false
	}
	if v <= 31 {
		// "March 4", "4 mars", "4. März"
		if i > 0 && toks[i-1].word && months[strings.ToLower(toks[i-1].text)] {
			return false
		}
		if i+1 < len(toks) && toks[i+1].word && months[strings.ToLower(toks[i+1].text)] {
			return false
		}
		// "12 de marzo", "12 di marzo"
		if i+2 < len(toks) && (toks[i+1].text == "de" || toks[i+1].text == "di") && toks[i+2].word && months[strings.ToLower(toks[i+2].text)] {
			return false
		}
	}
	return true
}

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
	// French, Spanish, Portuguese, German, Italian: the ones a translated
	// lead writes in words before a scale ("quatre millions").
	"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "vingt": 20,
	"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "veinte": 20,
	"dois": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
	"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwanzig": 20,
	"due": 2, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "dieci": 10,
}

var scales = map[string]float64{
	"thousand": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9,
	"mil": 1e3, "millón": 1e6, "millones": 1e6, "milhão": 1e6, "milhões": 1e6, "milliard": 1e9, "milliards": 1e9,
	"mille": 1e3, "milioni": 1e6, "milione": 1e6, "miliardi": 1e9,
	"tausend": 1e3, "millionen": 1e6, "mio": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
}

var months = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		janvier février mars avril mai juin juillet août septembre octobre novembre décembre
		janv févr avr juil déc
		enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
		ene abr ago dic
		januar februar märz juni juli oktober dezember
		janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
		gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre`) {
		m[w] = true
	}
	return m
}()

// stopName are capitalized words that name no place or person of the
// story: days, months, titles, the agencies and the watched organization
// that every copy and every look-alike share.
var stopName = func() map[string]bool {
	m := map[string]bool{}
	for w := range months {
		m[w] = true
	}
	for _, w := range strings.Fields(`monday tuesday wednesday thursday friday saturday sunday
		lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo
		the and but for with from this that these those there their his her its our they she
		mr mrs ms dr president minister prime secretary general director spokesperson spokesman spokeswoman
		reuters afp ap associated press xinhua anadolu agency dpa efe ansa ips kyodo yonhap tass
		iom oim international organization organisation migration migrations migraciones migrações
		un united nations unhcr read more newsletter`) {
		m[w] = true
	}
	return m
}()
