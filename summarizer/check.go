package summarizer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem is a house rule a line breaks (the numbers of SUMMARY-STYLE.md
// §5).
type Problem struct {
	Rule int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("rule %d: %s", p.Rule, p.Msg) }

// Frames a line may use, in any of the writer's languages, and the
// closed set of follow-up sentences.
var (
	followUpRe = regexp.MustCompile(`^(?:It|They|The report) (?:quoted \S.{1,80}|cited (?:an? )?\S+ (?:figures|estimates|data|report|study|survey|assessment)|referenced \S.{0,40})\.$`)
	// Starts of a clause that a capital gives away as a sentence's first
	// word, not a proper noun (rule 10).
	commonStartRe = regexp.MustCompile(`^(?:The|A|An|Some|More|Most|Many|Several|About|Nearly|Almost|Over|At|In|On|For|Thousands|Hundreds|Dozens|Migrants|Refugees|People|Officials|Authorities|Every|Each|All|Any|No|This|These|Those|Its|Their|His|Her|Our|Last|Next|Earlier|Later|When|While|After|Before|Despite|Since|With|By|From|Under|Among|Both|Other|Another|Such|Only)\s+\p{Ll}`)
)

// checkFrames are the frames a line may use, in any of the writer's
// languages, longest first so that "reported on" is not taken for a part
// of a longer frame.
var checkFrames = func() []string {
	fs := []string{"reported about", "interviewed", "spoke with", "spoke to", "a rapporté qu’", "a déclaré qu’"}
	for _, byType := range frames {
		for _, f := range byType {
			fs = append(fs, f)
		}
	}
	slices.SortFunc(fs, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(fs)
}()

// findFrame finds "<outlet> <frame> " at the start of a line: [whole
// match, outlet, frame], the outlet at most 80 bytes and starting with a
// non-space, the frame followed by a space, the end, or (elided) a
// letter; nil when there is none. The earliest frame wins, the longest
// among those that start at the same place.
func findFrame(main string) []string {
	best := -1
	var frame string
	for _, f := range checkFrames {
		for from := 0; from <= 81 && from < len(main); {
			i := strings.Index(main[from:], " "+f)
			if i < 0 {
				break
			}
			i += from
			if i > 81 {
				break
			}
			end := i + 1 + len(f)
			if i > 0 && (end == len(main) || main[end] == ' ' || strings.HasSuffix(f, "’")) {
				if best < 0 || i < best || i == best && len(f) > len(frame) {
					best, frame = i, f
				}
				break
			}
			from = i + 1
		}
	}
	if best < 0 || main[0] == ' ' {
		return nil
	}
	whole := main[:best+1+len(frame)]
	if !strings.HasSuffix(frame, "’") && len(main) > len(whole) {
		whole += " "
	}
	return []string{whole, main[:best], frame}
}

// topicFrameRe finds the "reported on <topic>" frames, whose topic is the
// headline: as short as it is.
var topicFrameRe = regexp.MustCompile(` (?:reported on|a publié un article sur|publicó un artículo sobre|berichtete über|publicou um artigo sobre|ha pubblicato un articolo su) `)

// Check returns the house rules that a line alone shows it breaks: its
// shape (one paragraph, one main sentence and at most one follow-up from
// the closed set, no link, hashtag, emoji or ellipsis), its length, its
// final full stop, its frame, a dateline or a capital left at the start of
// its clause. The rules that need the article (numbers, names, the
// organization) are CheckLine's.
func Check(line string) []Problem { return check(line, "", "", true) }

// check is Check for a line whose outlet and frame are known ("" when
// not: they are found), with the sentence test on its clause or without
// (the writer's own clause, whose sentence passed it and was only edited,
// not cut).
// Long: the house rules as one list of checks on the same line, in the
// order SUMMARY-STYLE.md gives them.
func check(line, outlet, frame string, sentence bool) []Problem {
	var ps []Problem
	add := func(rule int, format string, args ...any) {
		ps = append(ps, Problem{Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(line) == "" {
		return []Problem{{Rule: 1, Msg: "the line is empty"}}
	}
	if strings.ContainsAny(line, "\n\r\u2028\u2029") {
		add(1, "the line has more than one paragraph")
	}
	if m := unwantedIn(line); m != "" {
		add(1, "the line holds %q (links, hashtags, handles and ellipses are not used)", strings.TrimSpace(m))
	}
	if hasEmoji(line) {
		add(1, "the line holds an emoji")
	}
	if strings.Contains(line, "  ") || line != strings.TrimSpace(line) {
		add(4, "the line has doubled or surrounding spaces")
	}
	trimmed := strings.TrimSpace(line)
	if !strings.HasSuffix(trimmed, ".") && !strings.HasSuffix(trimmed, ".”") && !strings.HasSuffix(trimmed, ".\"") {
		add(4, "the line does not end with a full stop")
	} else if strings.HasSuffix(strings.TrimRight(trimmed, "”\""), "..") {
		add(4, "the line ends with more than one full stop")
	}
	sents := Sentences(trimmed)
	main := trimmed
	if len(sents) > 0 {
		main = sents[0]
	}
	switch {
	case len(sents) > 2:
		add(1, "the line has %d sentences: one main sentence and at most one follow-up", len(sents))
	case len(sents) == 2 && !followUpRe.MatchString(sents[1]):
		add(22, "%q is not one of the follow-up sentences", sents[1])
	}
	topic := topicFrameRe.MatchString(main)
	if n := words(main); n < minWords && !topic || n > maxCompressed {
		add(2, "the main sentence has %d words, want %d to %d (%d for a compressed lead)", n, minWords, maxWords, maxCompressed)
	}
	if n := words(trimmed); n > maxItem {
		add(2, "the line has %d words, want at most %d", n, maxItem)
	}
	var m []string
	if frame != "" && strings.HasPrefix(main, outlet+" "+frame) {
		whole := outlet + " " + frame
		if !strings.HasSuffix(frame, "’") && len(main) > len(whole) {
			whole += " "
		}
		m = []string{whole, outlet, frame}
	} else {
		m = findFrame(main)
	}
	if m == nil {
		add(9, "the line does not start with an outlet and a frame (\"<Outlet> reported that …\")")
		return ps
	}
	if r, _ := utf8.DecodeRuneInString(m[1]); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		add(20, "the outlet %q does not start with a capital", m[1])
	}
	clause := strings.TrimSpace(main[len(m[0]):])
	if clause == "" {
		add(2, "the frame has no clause")
		return ps
	}
	if stripDateline(clause) != clause {
		add(11, "the clause starts with a dateline or agency tag")
	}
	if first, _ := utf8.DecodeRuneInString(clause); strings.ContainsRune(`"“‘'«`, first) && !topicFrameRe.MatchString(" "+m[2]+" ") {
		add(12, "the clause starts with a quotation")
	}
	if thatFrame(m[2]) {
		if commonStartRe.MatchString(clause) {
			add(10, "the clause's first word %q keeps the capital of a sentence start", strings.Fields(clause)[0])
		}
		// The clause must be a news sentence (the sentence test that
		// chooses the writer's sentences): a staff edit that makes it a
		// label, a promotion, the writer's own voice or a fragment is
		// flagged.
		english := strings.HasSuffix(m[2], "that")
		if !sentence {
			return ps
		}
		if p := sentenceProblem(upperFirst(clause), english); p != "" && p != notQuotation {
			add(12, "the clause is not a news sentence: %s", p)
		}
	}
	return ps
}

// thatFrame: a frame followed by a clause ("reported that", "a rapporté
// que", "berichtete:"), not by a topic or a person.
func thatFrame(f string) bool {
	return strings.HasSuffix(f, "that") || strings.HasSuffix(f, "que") || strings.HasSuffix(f, "qu’") ||
		strings.HasSuffix(f, "che") || strings.HasSuffix(f, "cui") || strings.HasSuffix(f, ":") || strings.HasSuffix(f, "qual") ||
		strings.HasSuffix(f, "laquelle") || strings.HasSuffix(f, "lequel")
}

// upperFirst gives a clause back the capital of a sentence start.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// CheckLine returns the problems of a line drafted for, or edited on, an
// article: Check's, and those only the article shows: the outlet it
// starts with, numbers and names that do not appear in the article
// (rules 16 and 3: no invented facts), the organization named when the
// article does not (rule 23) or by its long name (rule 18). Like the
// writer, it reads the first maxArticleBytes of the article for numbers
// and names, and all of it for the organization's.
func (s *Summarizer) CheckLine(line string, a Article) []Problem {
	ps := Check(line)
	add := func(rule int, format string, args ...any) {
		ps = append(ps, Problem{Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	outlet := strings.Join(strings.Fields(a.Outlet), " ")
	if outlet != "" && !strings.HasPrefix(line, outlet+" ") {
		add(20, "the line does not start with the outlet %q", outlet)
	}
	a, beyond := readable(a)
	text := a.Title + "\n" + strings.Join(a.Paragraphs, "\n")
	unspaced := "" // text with "4, 800" written "4,800", made once
	for _, n := range figureRe.FindAllString(strings.TrimPrefix(line, outlet), -1) {
		if strings.Contains(text, n) {
			continue
		}
		if unspaced == "" {
			unspaced = strings.ReplaceAll(text, ", ", ",")
		}
		if !strings.Contains(unspaced, n) {
			add(16, "the number %s is not in the article", n)
		}
	}
	orgInArticle := s.mentionsOrg(text) || s.mentionsOrgIn(beyond)
	if s.orgWord != nil && s.orgWord.MatchString(line) && !orgInArticle {
		add(23, "the line names %s, which the article does not", s.org)
	}
	base, _, _ := strings.Cut(strings.ToLower(a.Language), "-")
	if (base == "" || base == "en") && s.longNames != nil {
		if m := s.longNames.FindString(line); m != "" && m != s.org {
			add(18, "write %s, not %q", s.org, m)
		}
	}
	for _, name := range capitalized(line, outlet) {
		if containsWord(text, name) || s.allowed(name, orgInArticle, text) {
			continue
		}
		add(3, "%q is not in the article", name)
	}
	return ps
}

// allowed: names a line may use that the article writes otherwise: the
// organization's short name and its head's title when the article names
// them, and the words of the house's frames and follow-ups.
func (s *Summarizer) allowed(name string, org bool, text string) bool {
	switch {
	case frameWords[name] || languageNamed[name]:
		return true
	case org && (name == s.org || strings.TrimSuffix(strings.TrimSuffix(name, "’s"), "'s") == s.org):
		return true
	case s.headName != "" && strings.Contains(text, s.headName) && strings.Contains(s.headTitle+" "+s.headName, name):
		return true
	}
	return false
}

// languageNamed: the names of languages a line may give ("(in
// Chinese)"), in the line languages.
var languageNamed = func() map[string]bool {
	m := map[string]bool{}
	for _, code := range strings.Fields(`ar bn cs da de el en es fa fi fr he hi hu id it ja ko ms nl no pl pt ro ru sk sv sw th tr uk ur vi zh am so ha ps my ca gl eu hr sr bs sl bg mk sq lt lv et ka hy az kk uz tl`) {
		for _, in := range Languages() {
			for _, w := range strings.Fields(languageName(code, in)) {
				m[w] = true
			}
		}
	}
	return m
}()

// frameWords are capitalized words of frames and follow-ups.
var frameWords = func() map[string]bool {
	m := toSet(`It They The`)
	for _, fs := range frames {
		for _, f := range fs {
			for _, w := range strings.Fields(f) {
				w = strings.Trim(w, ":,")
				if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
					m[w] = true
				}
			}
		}
	}
	return m
}()

// capitalized returns the capitalized words of a line that are not the
// first word of a sentence or part of the outlet's name.
func capitalized(line, outlet string) []string {
	rest := strings.TrimPrefix(line, outlet)
	var out []string
	for _, sent := range Sentences(rest) {
		for i, f := range strings.Fields(sent) {
			w := strings.Trim(f, `"“”‘’'()[],.;:!?«»`)
			w = strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s")
			r, _ := utf8.DecodeRuneInString(w)
			if i == 0 || w == "" || !unicode.IsUpper(r) || monthsAndDays[w] || frameWords[w] {
				continue
			}
			out = append(out, w)
		}
	}
	return out
}

// unwantedIn returns the link, hashtag, handle or ellipsis a line holds.
func unwantedIn(line string) string {
	if !hasUnwanted(line) {
		return ""
	}
	return unwanted.FindString(line)
}

// CheckEdited returns the problems of a line staff wrote for an article:
// CheckTranslated's when the article is in another language than the
// newsletter's (the line is a translation: names may be spelled the
// newsletter's way, numbers with its separators), else CheckLine's.
func (s *Summarizer) CheckEdited(line string, a Article) []Problem {
	if s.foreign(a) {
		return s.CheckTranslated(line, a)
	}
	return s.CheckLine(line, a)
}
