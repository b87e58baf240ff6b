// Package summarizer drafts the one line per story that the newsletter
// prints, in the house style: "<Outlet> reported that <clause>." (see
// SUMMARY-STYLE.md), and checks lines against the house rules.
//
// The extractive writer (Summarizer) is deterministic and makes a line in
// the order a press officer does, one file per step, each handing its
// result to the next:
//
//  1. read.go: the article as sentences (the splitter is sentences.go);
//     the lead is the first sentence of the story, past standfirsts,
//     captions, bylines, labels and header rows.
//  2. sentencetest.go, candidates.go: the sentence test (a news sentence,
//     not a label, a promotion, a caption, the writer's voice…) and the
//     candidates in the house's order: the lead (or an op-ed's thesis, a
//     live blog's entry naming the organization), then the headline or
//     the sentences that stand on their own.
//  3. compress.go, edit.go, case.go: the house's edits (dateline, names,
//     "according to IOM", time of speaking, asides, glossary, first
//     word's case) and rule 2's compression of a long lead, whole
//     constituents at a time; every change a logged, reversible Edit.
//  4. frame.go: the frame by page type ("reported that", "published an
//     op-ed which noted that", "reported on <headline>"), in the
//     newsletter's language; interview.go for interviews.
//  5. followup.go: at most one follow-up from the closed set, with
//     evidence.
//  6. check.go: Check, CheckLine and CheckTranslated, the rules a line
//     breaks; every drafted line passes Check.
//
// summarize.go holds the Summarizer, Article and Draft and runs the
// steps; limits.go how much of an article they read (maxArticleBytes)
// and the search for the organization's names. Lines are written in the newsletter's language (rule 26): an
// article in another one gets the marked line "… reported on “…” (in
// French)." and NeedsTranslation, unless a translating writer writes it:
// translate.go (Translating, on a Translator such as the LibreTranslate
// client in libretranslate.go) or the LLM writer (llm.go). Every line a
// model or a translation gives is checked against the article before it
// is used; anything that fails falls back to the extractive writer.
package summarizer
