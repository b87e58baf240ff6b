package summarizer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// A line for an article in another language than the newsletter's
// (SUMMARY-STYLE.md rule 26) comes from a translating writer: a machine
// translation server (LibreTranslate) translates the article's first
// paragraphs and the extractive writer drafts the line from the
// translation, or the LLM writer writes the line in the newsletter's
// language. Either way the line is checked as any other (rules 1–25),
// and against the article in its own language: its numbers (digit for
// digit, whatever the separators), its names, its language. A line that
// fails, or a server that fails, leaves the marked line ("… reported on
// “…” (in French).") and NeedsTranslation for staff.

// Translator translates texts from one language to another.
type Translator interface {
	// Translate returns the translations of texts, one each, in order.
	Translate(ctx context.Context, texts []string, from, to string) ([]string, error)
}

// TranslatingOptions configure a Translating writer.
type TranslatingOptions struct {
	// MaxWords and MaxChars bound the article text sent for translation:
	// the headline and the first paragraphs up to this many words (400
	// when 0) and characters (3,000 when 0); a paragraph that would pass
	// either is cut after its last sentence that fits.
	MaxWords, MaxChars int
	// BreakAfter failed requests in a row (3 when 0) stop the writer from
	// asking the server for Cooldown (5 minutes when 0): a server that is
	// down costs a pass one timeout per request at most BreakAfter times,
	// not once per article; the lines meanwhile are marked.
	BreakAfter int
	Cooldown   time.Duration
	// Now is the clock (time.Now when nil).
	Now    func() time.Time
	Logger *slog.Logger
}

// Translating writes the lines of articles in other languages than the
// newsletter's through a Translator, and leaves the others to next. It
// is safe for concurrent use when next and the Translator are.
type Translating struct {
	s    *Summarizer
	next Writer
	t    Translator
	o    TranslatingOptions
	log  *slog.Logger

	mu        sync.Mutex
	failures  int       // server failures in a row
	openUntil time.Time // no request before this
}

// NewTranslating builds the translating writer on s (which drafts from
// the translation and checks the line) in front of next.
func NewTranslating(s *Summarizer, next Writer, t Translator, o TranslatingOptions) *Translating {
	if o.MaxWords <= 0 {
		o.MaxWords = 400
	}
	if o.MaxChars <= 0 {
		o.MaxChars = 3000
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.BreakAfter <= 0 {
		o.BreakAfter = 3
	}
	if o.Cooldown <= 0 {
		o.Cooldown = 5 * time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if next == nil {
		next = s
	}
	return &Translating{s: s, next: next, t: t, o: o, log: o.Logger}
}

// Write drafts a's line: translated when a is in another language than
// the newsletter's, else by next.
func (w *Translating) Write(ctx context.Context, a Article) Draft {
	if !w.s.foreign(a) {
		return w.next.Write(ctx, a)
	}
	marked := w.s.Draft(a)
	if !w.allowed() {
		return marked
	}
	d, err := w.translate(ctx, a, marked)
	if err != nil {
		w.log.Warn("translated line not used; the line is marked for translation", "outlet", a.Outlet, "title", a.Title,
			"language", a.Language, "error", err)
		return marked
	}
	return d
}

// allowed reports whether the server may be asked now (the breaker is
// closed, or its cooldown is over).
func (w *Translating) allowed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return !w.o.Now().Before(w.openUntil)
}

// served records how the server answered: a failure of the server (not a
// translation refused) counts toward opening the breaker.
func (w *Translating) served(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err == nil {
		w.failures = 0
		return
	}
	if w.failures++; w.failures >= w.o.BreakAfter {
		w.openUntil = w.o.Now().Add(w.o.Cooldown)
		w.failures = 0
		w.log.Warn("the translation server failed too often; lines are marked for translation meanwhile",
			"until", w.openUntil.Format(time.RFC3339), "error", err)
	}
}

// ErrTranslation wraps what is wrong with a translation.
var ErrTranslation = errors.New("translation refused")

// translate sends the headline and the first paragraphs, drafts the line
// from their translation and checks it against the article.
func (w *Translating) translate(ctx context.Context, a Article, marked Draft) (Draft, error) {
	from, to := baseLanguage(a.Language), w.s.lang
	texts := []string{a.Title}
	n, chars := 0, utf8.RuneCountInString(a.Title)
	head, _ := readable(a) // a paragraph of megabytes is not split whole for one sentence
	for _, p := range head.Paragraphs {
		pw, pc := words(p), utf8.RuneCountInString(p)
		if n+pw > w.o.MaxWords || chars+pc > w.o.MaxChars {
			// The sentences of the paragraph that fit, if any.
			var kept []string
			for _, sent := range Sentences(p) {
				sw, sc := words(sent), utf8.RuneCountInString(sent)
				if n+sw > w.o.MaxWords || chars+sc+1 > w.o.MaxChars {
					break
				}
				kept, n, chars = append(kept, sent), n+sw, chars+sc+1
			}
			if len(kept) > 0 {
				texts = append(texts, strings.Join(kept, " "))
			}
			break
		}
		texts = append(texts, p)
		n, chars = n+pw, chars+pc
	}
	out, err := w.t.Translate(ctx, texts, from, to)
	if ctx.Err() == nil {
		w.served(err)
	}
	if err != nil {
		return Draft{}, fmt.Errorf("translate %s to %s: %w", from, to, err)
	}
	if len(out) != len(texts) {
		return Draft{}, fmt.Errorf("%w: %d texts sent, %d translations back", ErrTranslation, len(texts), len(out))
	}
	// A headline that is no translation, or most paragraphs, refuse the
	// whole; a paragraph alone is left out.
	bad := 0
	for i := range out {
		if err := w.s.plausible(texts[i], out[i], to); err != nil {
			if i == 0 || 2*(bad+1) > len(out)-1 {
				return Draft{}, fmt.Errorf("%w: text %d: %w", ErrTranslation, i, err)
			}
			bad++
			w.log.Info("a translated paragraph left out", "outlet", a.Outlet, "paragraph", i, "error", err)
			out[i] = ""
			continue
		}
		out[i] = w.s.orgInLine(out[i])
	}
	en := Article{Outlet: a.Outlet, Title: out[0], Paragraphs: out[1:], Type: a.Type, Language: to}
	d := w.s.draft(en, true, false)
	if d.Line == "" || d.lastResort {
		return Draft{}, fmt.Errorf("%w: no line can be drafted from it", ErrTranslation)
	}
	if ps := w.s.CheckTranslated(d.Line, a); len(ps) > 0 {
		return Draft{}, fmt.Errorf("%w: %q: %s", ErrRejected, d.Line, problemList(ps))
	}
	d.Writer, d.Source = "translator", marked.Source
	var alts []string
	for _, alt := range d.Alternatives {
		if len(w.s.CheckTranslated(alt, a)) == 0 && len(alts) < 1 {
			alts = append(alts, alt)
		}
	}
	d.Alternatives = append(alts, marked.Line) // staff can always go back to the marked line
	return d, nil
}

func problemList(ps []Problem) string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.String()
	}
	return strings.Join(msgs, "; ")
}

// plausible refuses a translation that is not one: empty, markup or
// replacement characters, a length far from the source's, numbers the
// source does not have, or another language than asked.
func (s *Summarizer) plausible(src, tr, to string) error {
	if strings.TrimSpace(src) == "" {
		if words(tr) > 3 {
			return fmt.Errorf("%d words for an empty text", words(tr))
		}
		return nil
	}
	t := strings.TrimSpace(tr)
	switch {
	case t == "":
		return errors.New("empty translation")
	case strings.ContainsAny(t, "<>{}\ufffd") && !strings.ContainsAny(src, "<>{}\ufffd"):
		return fmt.Errorf("markup or broken characters in %q", clip(t))
	}
	// Words, as the style guide counts them (two Chinese, Japanese or
	// Korean characters a word), not characters: English runs three or
	// four times the characters of Chinese.
	ratio := float64(words(t)) / float64(max(words(src), 1))
	if ratio < 0.4 || ratio > 2.5 {
		return fmt.Errorf("translation of %d words for %d: %q", words(t), words(src), clip(t))
	}
	if missing := missingNumbers(t, src); len(missing) > 0 {
		return fmt.Errorf("numbers %v are not in the original", missing)
	}
	if !inLanguage2(t, to) {
		return fmt.Errorf("not in %s: %q", to, clip(t))
	}
	return nil
}

func clip(s string) string {
	if len(s) > 80 {
		i := 80
		for !utf8.RuneStart(s[i]) {
			i--
		}
		return s[:i] + "…"
	}
	return s
}

// missingNumbers returns the numbers of text whose digits are not those
// of a number of source: "1.6 million" for "1,6 millones" and "4,800"
// for "4.800" are the same; "1,600" for "1,6" is not.
func missingNumbers(text, source string) []string {
	have := map[string]bool{}
	for _, n := range numberRe.FindAllString(source, -1) {
		have[digitsOf(n)] = true
	}
	var out []string
	for _, n := range numberRe.FindAllString(text, -1) {
		if !have[digitsOf(n)] {
			out = append(out, n)
		}
	}
	return out
}

// numberRe finds numbers with any grouping: "4,800", "4.800", "4 800",
// "2 318" (a thin or no-break space), "1,6".
var numberRe = regexp.MustCompile(`\d+(?:[.,\x{00A0}\x{202F} ']\d+)*`)

func digitsOf(n string) string {
	var b strings.Builder
	for _, r := range n {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return strings.TrimLeft(b.String(), "0")
}

// inLanguage2 reports whether text can be in language lang: the trigram
// detector does not say reliably that it is in another one, and an
// English text of 12 words or more has English function words.
func inLanguage2(text, lang string) bool {
	if words(text) < 4 {
		return true
	}
	info := whatlanggo.Detect(text)
	if info.IsReliable() && info.Lang.Iso6391() != lang && words(text) >= 8 {
		return false
	}
	if lang == "en" && words(text) >= 12 {
		fn := 0
		for _, f := range strings.Fields(strings.ToLower(text)) {
			if englishFunctionWords[strings.Trim(f, `,.;:!?"“”‘’'()`)] {
				fn++
			}
		}
		return fn >= 2
	}
	return true
}

var englishFunctionWords = toSet(`the of to in and a an that for on has have was were is are with by from at as it its this
be been will would said says their they than more after into over about`)

// orgInLine writes the organization's other names (its acronym in other
// languages, "OIM", "МОМ") as the line's short name in a translation.
func (s *Summarizer) orgInLine(text string) string {
	if s.org == "" {
		return text
	}
	for _, n := range s.orgNames {
		if n == s.org || strings.Contains(n, " ") || !strings.Contains(text, n) {
			continue
		}
		re := regexp.MustCompile(`(?:^|\b)` + regexp.QuoteMeta(n) + `\b`)
		text = re.ReplaceAllLiteralString(text, s.org)
	}
	return text
}

// CheckTranslated returns the problems of a line written in the
// newsletter's language for an article in another: Check's, the outlet,
// the organization not invented (rule 23), numbers that are not the
// article's (rule 16, digit for digit), names the article does not have
// (rule 3: the article's own spelling, folded, or a place or people the
// gazetteer knows, or a word of an institution's name), and a line that
// is not in the newsletter's language (rule 26). Like the writer, it
// reads the first maxArticleBytes of the article for numbers and names,
// and all of it for the organization's.
func (s *Summarizer) CheckTranslated(line string, a Article) []Problem {
	ps := Check(line)
	add := func(rule int, format string, args ...any) {
		ps = append(ps, Problem{Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	outlet := strings.Join(strings.Fields(a.Outlet), " ")
	if outlet != "" && !strings.HasPrefix(line, outlet+" ") {
		add(20, "the line does not start with the outlet %q", outlet)
	}
	body := strings.TrimPrefix(line, outlet)
	a, beyond := readable(a)
	text := a.Title + "\n" + strings.Join(a.Paragraphs, "\n")
	for _, n := range missingNumbers(body, text) {
		add(16, "the number %s is not in the article", n)
	}
	orgInArticle := s.mentionsOrg(text) || s.mentionsOrgIn(beyond)
	if s.orgWord != nil && s.orgWord.MatchString(line) && !orgInArticle {
		add(23, "the line names %s, which the article does not", s.org)
	}
	folded := fold(text)
	for _, name := range capitalized(line, outlet) {
		if containsWord(folded, fold(name)) || gazetteer[name] || institutionWords[name] || s.allowed(name, orgInArticle, text) {
			continue
		}
		add(3, "%q is not in the article", name)
	}
	if !inLanguage2(body, s.lang) {
		add(26, "the line is not in the newsletter's language (%s)", s.lang)
	}
	return ps
}

// institutionWords are the words of institutions' names that a
// translation writes in English ("the Federal Council", "the Interior
// Ministry").
var institutionWords = toSet(`Federal Council Ministry Minister Government Parliament Court Supreme Constitutional
National Assembly Senate Chamber Department Office Agency Commission Committee Police Coast Guard Coastguard Army
Navy Interior Foreign Affairs Justice Health Labour Labor Social Security Home Border State States United Nations
European Union Republic Kingdom Red Cross Crescent Secretary General President Prime Mayor City Council Region
Regional Province Provincial Municipal Authority Authorities Institute Service Services Office Directorate Embassy`)

// fold lower-cases and strips accents, for names a translation may spell
// without them ("Bogota" for "Bogotá").
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// Router sends an article in the newsletter's language to Same and one
// in another language to Foreign: the extractive writer for the first,
// the LLM writer asked to translate for the others.
type Router struct {
	S             *Summarizer
	Same, Foreign Writer
}

// Write drafts a's line with the writer for its language.
func (r Router) Write(ctx context.Context, a Article) Draft {
	if r.S.foreign(a) {
		return r.Foreign.Write(ctx, a)
	}
	return r.Same.Write(ctx, a)
}
