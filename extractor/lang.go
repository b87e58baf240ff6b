package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// detectSample is how many bytes of article text language detection
// reads: the first paragraphs, the last one cut at a space. The trigram
// model needs a few sentences, and it allocates per byte it reads, so a
// 15 MiB paragraph read whole cost seconds and hundreds of megabytes
// (issue 13).
const detectSample = 2000

// verifySample is how much text checks a page's declared language: the
// text overrides it only when the model is sure of another language in
// this much (the model's cost grows with what it reads).
const verifySample = 400

// language is the language of the article: the page's declaration,
// normalized ("en-US" gives "en-us"), unless the text says otherwise —
// pages declare the CMS's default more often than their text's language
// (an English article on a page that says lang="de"); then, and when the
// page declares none that parses, the language the text is detected in.
func language(declared string, paragraphs []string) string {
	declared = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(declared, "_", "-")))
	if i := strings.IndexAny(declared, ",; "); i >= 0 {
		declared = declared[:i]
	}
	primary, _, _ := strings.Cut(declared, "-")
	valid := len(primary) >= 2 && len(primary) <= 3 && isLetters(primary)
	sample := detectSample
	if valid {
		// Checking a declaration needs less text than finding a language.
		sample = verifySample
	}
	if valid && confirms(primary, paragraphs) {
		return declared
	}
	detected, chars := detectIn(paragraphs, sample)
	switch {
	case !valid:
		return detected
	case detected != "" && detected != primary && chars >= minOverride:
		return detected
	}
	return declared
}

// minOverride is how much text must say so before the detected language
// wins over the declared one.
const minOverride = 200

// DetectLanguage returns the ISO 639-1 code of the language the
// paragraphs are written in, when a trigram model (abadojack/whatlanggo)
// is confident of it; "" otherwise.
func DetectLanguage(paragraphs []string) string {
	l, _ := detect(paragraphs)
	return l
}

// detect returns the detected language and how many bytes it read.
func detect(paragraphs []string) (string, int) {
	return detectIn(paragraphs, detectSample)
}

// detectIn is detect reading sample bytes at most.
func detectIn(paragraphs []string, sample int) (string, int) {
	var b strings.Builder
	for _, p := range paragraphs {
		if b.Len() >= sample {
			break
		}
		b.WriteString(cutAt(p, sample-b.Len()))
		b.WriteByte('\n')
	}
	if b.Len() < 40 {
		return "", b.Len()
	}
	info := whatlanggo.Detect(b.String())
	if !info.IsReliable() {
		return "", b.Len()
	}
	return info.Lang.Iso6391(), b.Len()
}

// cutAt returns s, or its first n bytes at most when longer, cut after
// the last space in them (at a rune's start when there is none), so that
// no word is read in half.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > 0 {
		return s[:i]
	}
	return s[:n]
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// functionWords are the commonest short words of the languages most
// pages declare; a text that holds many of its declared language's, and
// more of them than of any other's, is in it, without the trigram model.
var functionWords = map[string]map[string]bool{
	"en": wordSet("the and of to in is that for with was on are by from has have it as"),
	"fr": wordSet("le la les des et est une du dans pour que qui sur pas au aux avec ont"),
	"es": wordSet("el la los las de que y en del por con para una es se al"),
	"de": wordSet("der die und das ist nicht mit den von zu im sich des dem ein eine auf"),
	"pt": wordSet("o a os as de que e do da em para com uma não se dos das"),
	"it": wordSet("il la le di che e del della per con un una non sono nel gli"),
}

// minFunctionWords is how many of its function words (repeats counted)
// confirm a declared language.
const minFunctionWords = 8

// confirms reports whether the first verifySample bytes of paragraphs
// hold enough of lang's function words, and more than of any other
// language's: the page's declaration then stands without the model.
func confirms(lang string, paragraphs []string) bool {
	if functionWords[lang] == nil {
		return false
	}
	counts := map[string]int{}
	read := 0
	for _, p := range paragraphs {
		if read >= verifySample {
			break
		}
		p = cutAt(p, verifySample-read)
		read += len(p) + 1
		for _, w := range strings.FieldsFunc(strings.ToLower(p), func(r rune) bool { return !unicode.IsLetter(r) }) {
			for l, set := range functionWords {
				if set[w] {
					counts[l]++
				}
			}
		}
	}
	for l, n := range counts {
		if l != lang && n >= counts[lang] {
			return false
		}
	}
	return counts[lang] >= minFunctionWords
}
