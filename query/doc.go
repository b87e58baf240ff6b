// Package query is pressclip's Boolean search language, the one
// communications staff know from clipping services:
//
//	"International Organization for Migration" OR (IOM AND migra*) NOT "Isle of Man"
//	"IOM" NEAR/10 migrant*
//	title:IOM OR lead:(UN AND migration)
//
// Terms and "quoted phrases"; AND, OR, NOT and -term; parentheses;
// implicit AND between terms; a suffix wildcard (migra*, also inside
// phrases); proximity (a NEAR/k b: within k words, either order); field
// scope (title:, lead: — the first two paragraphs —, body:).
//
// Case: a term is matched case-insensitively, except a word written in
// capitals of 2 to 5 letters (IOM, OIM, UN), which is matched exactly, so
// that "IOM" never matches "iom" or "Iom". A leading = forces exact case
// (=Iom, ="Amy Pope"); a leading ~ forces any case (~IOM).
//
// Text is compared after Unicode normalization (NFKC) and case folding,
// and, unless a watch asks for strict accents, with accents folded
// (Organización = Organizacion). Words are runs of letters, digits and
// marks in any script (Latin, Cyrillic, Greek, Arabic — where a leading
// conjunction or preposition is read off, so و‍المنظمة finds المنظمة);
// terms in scripts written without spaces (Chinese, Japanese, Thai) are
// found inside the text.
//
// Parse turns a query into a *Query, or a *SyntaxError that says where.
// NewIndex reads a document's fields once; Query.Match evaluates against
// it and returns the hits of the positive terms. The package knows
// nothing of watches, articles or storage.
//
// Files: parse.go (lexer, parser, AST), index.go (tokens and the index),
// fold.go (normalization), match.go (evaluation).
package query
