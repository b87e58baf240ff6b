package summarizer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "capt": true, "sgt": true, "st": true,
	"jr": true, "sr": true, "rev": true, "hon": true, "mt": true, "ft": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "vs": true, "v": true, "inc": true, "ltd": true, "co": true,
	"corp": true, "approx": true, "est": true, "dept": true, "univ": true, "ave": true,
	"fig": true, "vol": true, "pp": true, "al": true, "e.g": true, "i.e": true, "etc": true,
	"u.s": true, "u.n": true, "u.k": true, "e.u": true, "a.m": true, "p.m": true, "mme": true,
	"m": true, "sra": true, "sr.": true, "dra": true,
}

// closers may follow a sentence's final punctuation.
const closers = `"'”’)]»`

// Sentences splits text into sentences. A period ends a sentence only
// when it is followed by white space and then a capital letter, a digit
// or an opening quote, and the word before it is not an abbreviation
// ("Dr.", "Jan.", "U.N."), an initial ("J.") or a number ("No. 10").
//
// A sentence inside an open quotation (« … », “ … ”) does not end the
// enclosing sentence: "« Prices fell. Now flats stay empty », she said."
// is one sentence.
func Sentences(text string) []string {
	var out []string
	start := 0
	depth := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '«', '“':
			depth++
		case '»', '”':
			depth = max(depth-1, 0)
		}
		if r != '.' && r != '!' && r != '?' && r != '。' && r != '！' && r != '？' {
			i += size
			continue
		}
		if depth > 0 {
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
			end += n
		}
		if r == '。' || r == '！' || r == '？' {
			out = appendSentence(out, text[start:end])
			start, i = end, end
			continue
		}
		if end >= len(text) {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsSpace(next) {
			i = end
			continue
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
			break
		}
		first, _ := utf8.DecodeRuneInString(text[j:])
		caseless := unicode.IsLetter(first) && !unicode.IsUpper(first) && !unicode.IsLower(first)
		startsSentence := unicode.IsUpper(first) || unicode.IsDigit(first) || caseless || strings.ContainsRune(`"“‘'(«¿¡`, first)
		if !startsSentence || (r == '.' && !periodEnds(text[start:i])) {
			i = j
			continue
		}
		out = appendSentence(out, text[start:end])
		start, i = j, j
	}
	return appendSentence(out, text[start:])
}

func appendSentence(out []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" {
		out = append(out, s)
	}
	return out
}

// periodEnds reports whether a period after before ends a sentence.
func periodEnds(before string) bool {
	i := strings.LastIndexFunc(before, unicode.IsSpace)
	word := before[i+1:]
	word = strings.TrimLeft(word, `"“‘'(`)
	if word == "" {
		return true
	}
	lw := strings.ToLower(word)
	if abbreviations[lw] {
		return false
	}
	// A single capital letter is an initial: "J. K. Rowling".
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return false
	}
	// Dotted abbreviations: "U.S", "a.m".
	if strings.Contains(word, ".") && len(word) <= 6 {
		return false
	}
	return true
}
