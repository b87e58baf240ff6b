package query

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isWordRune reports whether r belongs in a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == '_'
}

// unspaced reports whether r belongs to a script written without spaces
// between words, where terms are found inside the text.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao,
		unicode.Khmer, unicode.Myanmar, unicode.Tibetan)
}

// hasUnspaced reports whether s holds a character of such a script.
func hasUnspaced(s string) bool {
	for _, r := range s {
		if r >= 0x0e00 && unspaced(r) {
			return true
		}
	}
	return false
}

// forms are a word's three comparable spellings: as written (after NFKC),
// case-folded, and case- and accent-folded (the index key).
type forms struct {
	orig, fold, key string
}

// wordForms computes the forms of one word; ASCII words take a fast path.
func wordForms(w string) forms {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		f := asciiLower(w)
		return forms{orig: w, fold: f, key: f}
	}
	orig := norm.NFKC.String(w)
	fold := foldCase(orig)
	return forms{orig: orig, fold: fold, key: stripAccents(fold)}
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// foldCase is Unicode simple case folding to lower case, with the German
// sharp s spelt out (Straße = STRASSE).
func foldCase(s string) string {
	s = strings.ToLower(s)
	if strings.ContainsRune(s, 'ß') {
		s = strings.ReplaceAll(s, "ß", "ss")
	}
	if strings.ContainsRune(s, 'ς') { // Greek final sigma folds to sigma
		s = strings.ReplaceAll(s, "ς", "σ")
	}
	return s
}

// stripAccents removes combining marks after canonical decomposition
// (é → e, ñ → n), and the Arabic short-vowel marks (tashkil). Marks that
// are letters' own vowel signs in Indic scripts are spacing marks (Mc)
// and stay.
func stripAccents(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) && !isIndicSign(r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// isIndicSign keeps the non-spacing vowel signs of Brahmic scripts, which
// change the word rather than decorate it.
func isIndicSign(r rune) bool {
	return r >= 0x0900 && r <= 0x0dff
}

// arabicVariants are a word's forms without a leading conjunction or
// preposition written onto it (و، ف، ب، ك، ل), so that "والمنظمة" ("and
// the organization") is found by المنظمة. "لل" becomes "ال".
func arabicVariants(key string) []string {
	r, _ := utf8.DecodeRuneInString(key)
	if r < 0x0600 || r > 0x06ff || utf8.RuneCountInString(key) < 4 {
		return nil
	}
	var out []string
	switch {
	case strings.HasPrefix(key, "لل"):
		out = append(out, "ال"+strings.TrimPrefix(key, "لل"))
	case strings.HasPrefix(key, "و") || strings.HasPrefix(key, "ف") || strings.HasPrefix(key, "ب") || strings.HasPrefix(key, "ك") || strings.HasPrefix(key, "ل"):
		_, size := utf8.DecodeRuneInString(key)
		rest := key[size:]
		out = append(out, rest)
		if strings.HasPrefix(rest, "لل") {
			out = append(out, "ال"+strings.TrimPrefix(rest, "لل"))
		}
	}
	return out
}
