package summarizer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Step 4 of a line: the frame. "<Outlet> <frame> <clause>." with the
// frame chosen by page type (SUMMARY-STYLE.md rules 5–9), in the
// newsletter's language (rule 26).

// Frame keys: the extractor's page types, and two frames of the writer's
// own.
const (
	frameTopic     = "topic"     // "reported on <topic>"
	frameInterview = "interview" // "interviewed <person> about <topic>"
)

// frames by the newsletter's language and page type. Page types are the
// extractor's names; unknown types take the news frame. German reports
// with a colon: its word order after "dass" would not be the article's.
var frames = map[string]map[string]string{
	"en": {
		"news":          "reported that",
		"opinion":       "published an op-ed which noted that",
		"editorial":     "published an editorial which noted that",
		"report":        "published a report which noted that",
		"press_release": "stated that",
		"interview":     "reported that",
		frameTopic:      "reported on",
	},
	"fr": {
		"news":          "a rapporté que",
		"opinion":       "a publié une tribune selon laquelle",
		"editorial":     "a publié un éditorial selon lequel",
		"report":        "a publié un rapport selon lequel",
		"press_release": "a déclaré que",
		"interview":     "a rapporté que",
		frameTopic:      "a publié un article sur",
	},
	"de": {
		"news":          "berichtete:",
		"opinion":       "veröffentlichte einen Meinungsbeitrag:",
		"editorial":     "veröffentlichte einen Leitartikel:",
		"report":        "veröffentlichte einen Bericht:",
		"press_release": "erklärte:",
		"interview":     "berichtete:",
		frameTopic:      "berichtete über",
	},
	"pt": {
		"news":          "informou que",
		"opinion":       "publicou um artigo de opinião segundo o qual",
		"editorial":     "publicou um editorial segundo o qual",
		"report":        "publicou um relatório segundo o qual",
		"press_release": "declarou que",
		"interview":     "informou que",
		frameTopic:      "publicou um artigo sobre",
	},
	"it": {
		"news":          "ha riferito che",
		"opinion":       "ha pubblicato un commento secondo cui",
		"editorial":     "ha pubblicato un editoriale secondo cui",
		"report":        "ha pubblicato un rapporto secondo cui",
		"press_release": "ha dichiarato che",
		"interview":     "ha riferito che",
		frameTopic:      "ha pubblicato un articolo su",
	},
	"es": {
		"news":          "informó que",
		"opinion":       "publicó una columna de opinión que señalaba que",
		"editorial":     "publicó un editorial que señalaba que",
		"report":        "publicó un informe que señalaba que",
		"press_release": "declaró que",
		"interview":     "informó que",
		frameTopic:      "publicó un artículo sobre",
	},
}

// Languages lists the languages lines can be written in: those with
// frames.
func Languages() []string { return []string{"en", "fr", "es", "de", "pt", "it"} }

// frameFor returns the frame for a page type in a line language (one of
// Languages).
func frameFor(lang, kind string) string {
	fs, ok := frames[lang]
	if !ok {
		fs = frames["en"]
	}
	f, ok := fs[kind]
	if !ok {
		f = fs["news"]
	}
	return f
}

// topic is the headline as the object of "reported on <topic>" (rule
// 9): a headline that reads as a noun phrase ("The last ferry out of
// Lampedusa") with its first word lower-cased unless a proper noun; one
// that reads as a clause ("IOM opens new office") or is written in title
// case in quotation marks. "" when there is no headline.
func topic(title string, use *wordCase, lang string) string {
	title = cleanHeadline(title)
	if title == "" {
		return ""
	}
	if lang == "en" && nounPhrase(title) {
		return finish(lowerFirst(title, use))
	}
	return quoteHeadline(title, lang) + "."
}

// nounPhrase: a headline that reads as a noun phrase after "reported on"
// ("The last ferry out of Lampedusa", "Eleven days in the Darién Gap"):
// one that opens with a determiner, a number, a quantifier, a wh-word or
// a preposition and is no clause. Any other headline is quoted: a clause
// read as a noun phrase ("reported on floods force …") is not English.
func nounPhrase(title string) bool {
	f := strings.Fields(title)
	if len(f) == 0 || clauseLike(title) || titleCase(title) {
		return false
	}
	first := strings.Trim(f[0], ",.:;")
	return notNameStarts[first] || numberWord(first) || startsDigit(first) || npAdjectives[first]
}

// npAdjectives open noun-phrase headlines ("New pre-departure training
// centres for women migrant workers").
var npAdjectives = toSet(`New Record Rising Growing Deadly Last First Final Further Fresh Renewed Hidden Little Long Lost Young
Old Global Local Mass Fewer Inside Behind Beyond Life Lives`)

// quoteHeadline puts a headline in the line language's quotation marks.
func quoteHeadline(title, lang string) string {
	if lang == "fr" {
		return "« " + title + " »"
	}
	return "“" + title + "”"
}

// cleanHeadline drops a headline's label ("Live: …", "Explainer: …"),
// ellipses (rule 1) and final punctuation.
func cleanHeadline(title string) string {
	title = strings.NewReplacer("…", " ", "...", " ").Replace(title)
	title = strings.Join(strings.Fields(title), " ")
	title = labelRe.ReplaceAllString(title, "")
	return strings.TrimRight(title, ".!?:;, ")
}

// labelRe finds a headline's label: "Explainer: …", "Analysis | …",
// "LIVE: …".
var labelRe = regexp.MustCompile(`^(?i:explainer|analysis|feature|factbox|fact check|in pictures|in depth|q&a|live|live updates|live blog|as it happened|watch|video|audio|podcast|listen|opinion|comment|editorial|breaking|exclusive|update|en direct|en vivo|ao vivo|in diretta|liveblog|direct|vídeo|video|` +
	// the same labels in the newsletter's other languages
	`pressemitteilung|pressemeldung|communiqué(?: de presse)?|comunicado(?: de prensa| de imprensa)?|comunicato(?: stampa)?|nota de prensa|` +
	`interview|entrevista|entretien|intervista|analyse|análisis|análise|analisi|tribune|opinión|opinião|opinione|kommentar|meinung|` +
	`éditorial|editoriale|reportage|reportaje|reportagem|dossier|enquête|eilmeldung|última hora|urgente|ultim['’]ora)\s*[:|–—-]\s*`)

// finiteVerbs are verbs that make a headline a clause.
var finiteVerbs = toSet(`is are was were has have had will would can could may might must should says said
warns warned calls called urges urged opens opened launches launched reaches reached rises rose falls fell hits
seeks sought faces faced flee flees fled die dies died arrive arrives arrived return returns returned reports
reported make makes made helps helped gets got takes took gives gave sees saw find finds found cuts cut drops
dropped grows grew wants need needs plans plan vows slams tops nears backs eyes mulls says`)

// clauseLike reports whether a headline has a finite verb after its first
// word and before a wh-word or a comma that ends a noun phrase ("The
// Darién Gap crossing, and why fewer migrants are attempting it" is a
// noun phrase; "In Tapachula, thousands wait for an app" is a clause): a
// verb of the headline list, or a base form after a plural ("thousands
// wait", "migrants face").
func clauseLike(title string) bool {
	f := strings.Fields(title)
	prep := len(f) > 0 && notNameStarts[f[0]] && f[0] != "The" && f[0] != "A" && f[0] != "An"
	subject := false // a plural or a number came before
	for i, w := range f {
		bare := strings.ToLower(strings.Trim(w, `,.;:!?"“”‘’'`))
		if i > 0 && verbAfterName(f[i-1], w) && !numberWord(strings.Trim(f[i-1], ",.:;")) {
			return true // "UAE extends …", "Japan signs …"
		}
		if i > 0 && i+1 < len(f) && sVerbBefore(w, f[i+1]) && !numberWord(strings.Trim(f[i-1], ",.:;")) && !startsDigit(f[i-1]) {
			return true // "pork plant recruits 300 workers"
		}
		if i > 0 && (finiteVerbs[bare] || finiteWords[bare] && !baseVerbs[bare] ||
			strings.HasSuffix(bare, "s") && !strings.HasSuffix(bare, "ss") && baseVerbs[strings.TrimSuffix(bare, "s")] && !subject ||
			subject && baseVerbs[bare]) {
			return true
		}
		if whWords[bare] {
			return false
		}
		if strings.ContainsAny(w, ",:;") {
			if !prep && i > 0 {
				// "The Darién Gap crossing, and why …": a noun phrase, unless
				// a clause follows ("…, IOM says").
				return saysTail.MatchString(strings.Join(f[i+1:], " "))
			}
			subject = false
			continue
		}
		subject = plural(bare) || numberWord(bare) || subject && adverbs[bare]
	}
	return false
}

// subordinateRe: a conjunction, then within four words a verb in -s or
// -ed ("as monsoon eases", "after talks stalled").
var subordinateRe = regexp.MustCompile(`(?i)\b(?:as|after|while|when|amid|before|once)\s+(?:\S+\s+){0,3}?\p{L}{3,}(?:[^s]s|ed)\b`)

// saysTail: a headline's closing attribution ("…, IOM says", "…: UN").
var saysTail = regexp.MustCompile(`(?i)^(?:the\s+)?[\p{L}.' -]{1,40}\s(?:says|said|warns|finds|reports|estimates)$`)

// adverbs may stand between a headline's subject and its verb
// ("deaths already outpace").
var adverbs = toSet(`already now still also again finally soon increasingly quietly`)

// verbAfterName: a word in -s, in lower case, right after a capitalized
// word ("UAE extends", "Kuvuka cuts"): a verb after its subject.
func verbAfterName(prev, w string) bool {
	r, _ := utf8.DecodeRuneInString(prev)
	if !unicode.IsUpper(r) || notNameStarts[prev] || strings.ContainsAny(prev, ",:;") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(w)
	w = strings.Trim(w, ",.;:")
	return unicode.IsLower(first) && len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "’s") && !strings.HasSuffix(w, "'s")
}

// sVerbBefore: a word in -s, in lower case, before a number or a
// determiner: a verb and its object ("recruits 300", "signs a deal").
func sVerbBefore(w, next string) bool {
	first, _ := utf8.DecodeRuneInString(w)
	w = strings.Trim(w, ",.;:")
	if !unicode.IsLower(first) || len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") ||
		strings.HasSuffix(w, "is") || strings.ContainsAny(w, "’'") {
		return false
	}
	n := strings.ToLower(strings.Trim(next, ",.;:"))
	return startsDigit(n) || determiners[n] || numberWord(n)
}

func startsDigit(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// plural: a word that can be a plural subject ("migrants", "thousands",
// "families"), or a number.
func plural(w string) bool {
	if w == "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "’s") && !strings.HasSuffix(w, "'s")
}

var whWords = toSet(`why how what where when who which that whose`)

// join writes "<outlet> <frame> <clause>", eliding French "que" before a
// vowel ("a rapporté qu’une …").
func join(outlet, frame, clause, lang string) string {
	if lang == "fr" && strings.HasSuffix(frame, " que") {
		if r, _ := utf8.DecodeRuneInString(clause); strings.ContainsRune("aeiouyàâéèêëîïôûAEIOUYÀÂÉÈÊÎÔÛ", r) {
			return outlet + " " + strings.TrimSuffix(frame, "que") + "qu’" + clause
		}
	}
	return outlet + " " + frame + " " + clause
}

// words counts the words of s as the style guide does: runs of
// non-space; in Chinese, Japanese and Korean, which write no spaces,
// every two characters.
func words(s string) int {
	n, cjk := 0, 0
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				n, cjk, in = endWord(n, cjk, in), 0, false
				continue
			}
			if !in {
				n, in = n+1, true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			n, cjk, in = endWord(n, cjk, in), 0, false
			continue
		}
		if !in {
			n, in = n+1, true
		}
		if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			cjk++
		}
	}
	return endWord(n, cjk, in)
}

// endWord counts a word of more than two CJK characters as a word every
// two characters (it was counted once when it began).
func endWord(n, cjk int, in bool) int {
	if in && cjk > 2 {
		n += (cjk+1)/2 - 1
	}
	return n
}

// baseLanguage is a language tag's primary subtag, lower case.
func baseLanguage(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-")), "-")
	return base
}

// languageName names a language in the line's language ("French", and
// "allemand" in a French line), "" when unknown.
func languageName(lang, in string) string {
	t, err := language.Parse(baseLanguage(lang))
	if err != nil {
		return ""
	}
	lt, err := language.Parse(in)
	if err != nil {
		lt = language.English
	}
	return display.Languages(lt).Name(t)
}

// inLanguage is the mark of an untranslated line: "(in French)".
func inLanguage(lang, lineLang string) string {
	name := languageName(lang, lineLang)
	if name == "" {
		return ""
	}
	switch lineLang {
	case "fr":
		return "(en " + name + ")"
	case "es":
		return "(en " + name + ")"
	case "de":
		return "(auf " + name + ")"
	case "pt":
		return "(em " + name + ")"
	case "it":
		return "(in " + name + ")"
	}
	return "(in " + name + ")"
}

// finish ends the clause with exactly one period (or keeps .” when it
// ends in a quotation), with single spaces inside.
func finish(clause string) string {
	clause = strings.Join(strings.Fields(clause), " ")
	for _, end := range []string{".”", ".\"", ".’", "?”", "!”"} {
		if strings.HasSuffix(clause, end) {
			return clause
		}
	}
	return strings.TrimRight(clause, ".;:,!? ") + "."
}

// OutletName makes a page's site name fit to open a line when no
// configured name is given (rule 20 prefers the config's display names):
// no scheme or "www.", a capital first letter ("the Guardian" → "The
// Guardian").
func OutletName(site string) string {
	site = strings.Join(strings.Fields(site), " ")
	for _, p := range []string{"https://", "http://", "www."} {
		site = strings.TrimPrefix(site, p)
	}
	site = strings.TrimRight(site, "/")
	r, size := utf8.DecodeRuneInString(site)
	if size == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + site[size:]
}
