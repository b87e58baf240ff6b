package extractor

import (
	"strings"

	"github.com/abadojack/whatlanggo"
)

// detectSample is how much article text language detection reads.
const detectSample = 2000

// language is the page's declared language, normalized ("en-US" gives
// "en-us"), or, when it declares none that parses, the language detected
// in the article text (a trigram model, abadojack/whatlanggo) when the
// detector is confident; "" otherwise.
func language(declared string, paragraphs []string) string {
	declared = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(declared, "_", "-")))
	if i := strings.IndexAny(declared, ",; "); i >= 0 {
		declared = declared[:i]
	}
	if primary, _, _ := strings.Cut(declared, "-"); len(primary) >= 2 && len(primary) <= 3 && isLetters(primary) {
		return declared
	}
	var b strings.Builder
	for _, p := range paragraphs {
		if b.Len() >= detectSample {
			break
		}
		b.WriteString(p)
		b.WriteByte('\n')
	}
	if b.Len() < 40 {
		return ""
	}
	info := whatlanggo.Detect(b.String())
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
