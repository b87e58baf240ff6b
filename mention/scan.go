package mention

import (
	"regexp"
	"strings"
)

// Things that are not prose: a name inside them is not a mention.
var (
	urlRe     = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"]+`)
	emailRe   = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}`)
	hashtagRe = regexp.MustCompile(`(?:^|\s)#[\p{L}\p{N}_]+`)
	handleRe  = regexp.MustCompile(`(?:^|\s)@[\p{L}\p{N}_]+`)
)

// mask blanks URLs, e-mail addresses, hashtags, @handles and excluded
// phrases, keeping every other byte where it was so that offsets into the
// masked text are offsets into text.
func mask(text string, exclude *regexp.Regexp) string {
	if !strings.ContainsAny(text, "@#/.") && exclude == nil {
		return text
	}
	b := []byte(text)
	blank := func(re *regexp.Regexp) {
		for _, loc := range re.FindAllIndex(b, -1) {
			// Matches are whole runes, so blanking every byte of them
			// leaves valid UTF-8 of the same length.
			for i := loc[0]; i < loc[1]; i++ {
				b[i] = ' '
			}
		}
	}
	blank(urlRe)
	blank(emailRe)
	blank(hashtagRe)
	blank(handleRe)
	if exclude != nil {
		blank(exclude)
	}
	return string(b)
}
