// Package summarizer drafts the one line per story that the newsletter
// prints, in the house style: "<Outlet> reported that <clause>." (see
// SUMMARY-STYLE.md), and checks lines against the house rules.
//
// The extractive writer (Summarizer) is deterministic: it splits the
// article into sentences, takes the lead, or when the lead cannot be a
// line the best other sentence (preferring one that names the
// organization), applies the house's edits (dateline and agency tag
// stripped, first word lower-cased unless a name, the organization's
// short name, "according to IOM" for its attribution tails, the day of
// speaking and asides dropped, staff and head named the house's way, the
// glossary), frames it by page type and language, and adds at most one
// follow-up from a closed set when the article gives the evidence. It
// never cuts a sentence: when no whole sentence fits, the headline is the
// topic.
//
// Check and CheckLine return the rules a line breaks; the LLM writer uses
// them to refuse a model's line (and fall back to the extractive writer),
// and review uses them on lines staff edit.
//
// Files: summarize.go (Summarizer, Draft, frames), select.go (sentences
// that can be a line, the choice), clause.go (the edits), followup.go,
// interview.go, glossary.go, sentences.go (the splitter), check.go (the
// rules), llm.go (the LLM writer, Recredit).
package summarizer
