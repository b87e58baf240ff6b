// Package summarizer drafts the one line per story that the newsletter
// prints, in the house style: "<Outlet> reported that <clause>." (see
// SUMMARY-STYLE.md).
//
// The writer is extractive and deterministic: it splits the article into
// sentences, chooses the lead or the sentence that carries the
// organization's mention, strips the dateline and agency tag, shortens
// the organization's name, lower-cases the first word unless it is a
// proper noun or an acronym, and frames it by page type (news "reported
// that", opinion "published an op-ed which noted that", …). It never cuts
// a sentence: when no whole sentence fits, it falls back to the headline.
//
// Files: summarize.go (Summarizer, Line), sentences.go (the sentence
// splitter), clause.go (dateline stripping, name shortening, casing).
package summarizer
