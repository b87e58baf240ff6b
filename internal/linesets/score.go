package linesets

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/pressclip/pressclip/summarizer"
)

// Result is one case drafted and judged.
type Result struct {
	Case    Case
	Draft   summarizer.Draft
	Verdict Verdict
	// Problems are the house rules the drafted line breaks; Ungrounded
	// the numbers and names among them the article does not hold.
	Problems, Ungrounded []summarizer.Problem
	// SameSentence: the drafted clause comes from the golden line's
	// sentence (both "" for headline lines).
	SameSentence bool
	// Translated is, for an article in another language with a golden
	// English line, the main sentence drafted from a perfect translation
	// of its sentence and headline, judged against line_en's.
	Translated *Verdict
	// TranslatedLine is that main sentence.
	TranslatedLine string
}

// Run drafts and judges every case.
func Run(s *summarizer.Summarizer, cases []Case) []Result {
	var out []Result
	for _, c := range cases {
		d := s.Draft(c.Article)
		r := Result{Case: c, Draft: d, Verdict: Judge(d.Line, c.Entry, "")}
		r.Problems = s.CheckLine(d.Line, c.Article)
		if d.NeedsTranslation {
			// The marked line quotes the headline in its own language: rule
			// 3's names are the article's by construction.
			r.Problems = slices.DeleteFunc(r.Problems, func(p summarizer.Problem) bool { return p.Rule == 3 })
		}
		r.Ungrounded = Ungrounded(r.Problems)
		r.SameSentence = d.Sentence == c.Sentence
		if c.LineEN != "" && c.SentenceEN != "" {
			en := summarizer.Article{Outlet: c.Outlet, Title: c.TitleEN, Paragraphs: []string{c.SentenceEN}, Type: c.Article.Type, Language: "en"}
			main := firstSentence(s.Draft(en).Line)
			v := Judge(main, Entry{}, firstSentence(c.LineEN))
			r.Translated, r.TranslatedLine = &v, main
		}
		out = append(out, r)
	}
	return out
}

func firstSentence(line string) string {
	if ss := summarizer.Sentences(line); len(ss) > 0 {
		return ss[0]
	}
	return line
}

// Summary counts results.
type Summary struct {
	N, Equal, Kept, Breaks, Ungrounded, SameSentence, FromLead int
	// Why counts kept lines that are not equal by the difference the
	// house accepts.
	Why map[string]int
	// Shapes counts, per shape tag, [kept, cases].
	Shapes map[string][2]int
	// LongLeads counts the cases whose golden line is a compressed lead
	// ("long-lead-compressed"): [the draft keeps the lead, cases].
	LongLeads [2]int
	// Translated counts the non-English cases with a golden English line:
	// [kept, cases].
	Translated [2]int
}

// Summarize counts the results.
func Summarize(rs []Result) Summary {
	s := Summary{Why: map[string]int{}, Shapes: map[string][2]int{}}
	for _, r := range rs {
		s.N++
		if r.Verdict.Equal {
			s.Equal++
		}
		if r.Verdict.Kept {
			s.Kept++
			if !r.Verdict.Equal {
				s.Why[r.Verdict.Why]++
			}
		}
		if len(r.Problems) > 0 {
			s.Breaks++
		}
		if len(r.Ungrounded) > 0 {
			s.Ungrounded++
		}
		if r.SameSentence {
			s.SameSentence++
		}
		if r.Draft.Lead {
			s.FromLead++
		}
		for _, sh := range r.Case.Shapes {
			v := s.Shapes[sh]
			v[1]++
			if r.Verdict.Kept {
				v[0]++
			}
			s.Shapes[sh] = v
		}
		if slices.Contains(r.Case.Shapes, "long-lead-compressed") {
			s.LongLeads[1]++
			if r.Draft.Lead {
				s.LongLeads[0]++
			}
		}
		if r.Translated != nil {
			s.Translated[1]++
			if r.Translated.Kept {
				s.Translated[0]++
			}
		}
	}
	return s
}

func pct(k, n int) float64 { return 100 * float64(k) / float64(max(n, 1)) }

// KeptShare is the share of lines kept.
func (s Summary) KeptShare() float64 { return float64(s.Kept) / float64(max(s.N, 1)) }

// String is the report evallines prints.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d lines: %d equal to the golden line (%.1f%%), %d kept (%.1f%%), %d break a rule, %d with ungrounded numbers or names\n",
		s.N, s.Equal, pct(s.Equal, s.N), s.Kept, pct(s.Kept, s.N), s.Breaks, s.Ungrounded)
	if len(s.Why) > 0 {
		var whys []string
		for w, n := range s.Why {
			whys = append(whys, fmt.Sprintf("%s %d", w, n))
		}
		sort.Strings(whys)
		fmt.Fprintf(&b, "  kept but not equal: %s\n", strings.Join(whys, ", "))
	}
	fmt.Fprintf(&b, "  clause from the golden line's sentence %d (%.1f%%), from the lead %d (%.1f%%); long leads kept by compression %d of %d\n",
		s.SameSentence, pct(s.SameSentence, s.N), s.FromLead, pct(s.FromLead, s.N), s.LongLeads[0], s.LongLeads[1])
	if s.Translated[1] > 0 {
		fmt.Fprintf(&b, "  from a perfect translation of the sentence: %d of %d main sentences kept against line_en\n", s.Translated[0], s.Translated[1])
	}
	return b.String()
}

// ShapeTable lists the kept share per shape tag, worst first.
func (s Summary) ShapeTable() string {
	type row struct {
		shape   string
		kept, n int
	}
	var rows []row
	for sh, v := range s.Shapes {
		rows = append(rows, row{sh, v[0], v[1]})
	}
	sort.Slice(rows, func(i, j int) bool {
		ri, rj := pct(rows[i].kept, rows[i].n), pct(rows[j].kept, rows[j].n)
		if ri != rj {
			return ri < rj
		}
		return rows[i].shape < rows[j].shape
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-28s %3d of %3d kept (%.0f%%)\n", r.shape, r.kept, r.n, pct(r.kept, r.n))
	}
	return b.String()
}
