package extractor

import (
	"bytes"
	"io"
)

// The HTML tokenizer holds a text run in one buffer it doubles as the run
// grows, then copies the run out: a 15 MiB paragraph (the body cap) took
// 16 + 32 MiB of buffer besides the 15 MiB string. runSplitter cuts text
// runs longer than maxTextRun after a space with an empty comment, which
// the tokenizer ends a text token at and the text rendering skips: the
// same text, in nodes of a MiB.

// maxTextRun is the longest text run the parser is given in one piece.
const maxTextRun = 1 << 20

// splitMark is what runSplitter inserts: a comment, which is not text.
var splitMark = []byte("<!---->")

// rawTextTags hold text that is not markup until their end tag; a mark
// inside them would be their text.
var rawTextTags = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "plaintext": true,
}

type splitState int

const (
	inText  splitState = iota
	afterLT            // a '<': a tag when a letter, '/', '!' or '?' follows
	inTag
	inComment
	inRawText
)

// runSplitter reads HTML from r with splitMark inserted after a space in
// every text run of more than limit bytes. It follows the markup
// only as far as it must: tags (with quoted attribute values), comments
// and raw-text elements, where nothing is inserted.
type runSplitter struct {
	r     io.Reader
	limit int
	out   []byte // processed; out[pos:] not yet returned
	pos   int
	err   error
	state splitState
	run   int    // bytes of text since the last tag or mark
	quote byte   // the quote an attribute value is in, in a tag
	tag   []byte // the current tag's name, lower-cased
	close bool   // the current tag is an end tag
	named bool   // the tag's name is complete
	end   []byte // "</script" while in a raw-text element
	dash  int    // consecutive '-' seen in a comment
	buf   [32 << 10]byte
}

// newRunSplitter splits r's text runs longer than limit bytes.
func newRunSplitter(r io.Reader, limit int) *runSplitter { return &runSplitter{r: r, limit: limit} }

func (s *runSplitter) Read(p []byte) (int, error) {
	for s.pos == len(s.out) {
		if s.err != nil {
			return 0, s.err
		}
		n, err := s.r.Read(s.buf[:])
		s.err = err
		s.out, s.pos = s.out[:0], 0
		s.process(s.buf[:n])
	}
	n := copy(p, s.out[s.pos:])
	s.pos += n
	return n, nil
}

// process appends in to s.out, inserting marks.
func (s *runSplitter) process(in []byte) {
	out := s.out
	for i := 0; i < len(in); i++ {
		c := in[i]
		out = append(out, c)
		switch s.state {
		case afterLT:
			if c == '<' {
				s.run++ // the first '<' was text; this one may open a tag
				continue
			}
			if !('a' <= lower(c) && lower(c) <= 'z' || c == '/' || c == '!' || c == '?') {
				s.state = inText // "a < b" is text, as the tokenizer reads it
				s.run += 2
				continue
			}
			s.state, s.tag, s.close, s.named, s.quote, s.run = inTag, s.tag[:0], false, false, 0, 0
			s.inTag(c)
		case inText:
			if c == '<' {
				s.state = afterLT
				continue
			}
			s.run++
			if s.run >= s.limit && (c == ' ' || c == '\n') {
				out = append(out, splitMark...)
				s.run = 0
			}
		case inTag:
			s.inTag(c)
		case inComment:
			switch {
			case c == '-':
				s.dash++
			case c == '>' && s.dash >= 2:
				s.state = inText
			default:
				s.dash = 0
			}
		case inRawText:
			// The end tag, matched case-insensitively as it arrives.
			if s.dash < len(s.end) && lower(c) == s.end[s.dash] {
				s.dash++
				if s.dash == len(s.end) {
					s.state, s.tag, s.close, s.named, s.dash = inTag, append(s.tag[:0], s.end[2:]...), true, true, 0
				}
			} else {
				s.dash = 0
				if c == '<' {
					s.dash = 1
				}
			}
		}
	}
	s.out = out
}

// inTag reads byte c of a tag.
func (s *runSplitter) inTag(c byte) {
	switch {
	case s.quote != 0:
		if c == s.quote {
			s.quote = 0
		}
	case c == '>':
		s.state = inText
		if !s.close && rawTextTags[string(s.tag)] {
			s.state, s.end, s.dash = inRawText, append(append(s.end[:0], "</"...), s.tag...), 0
		}
	case !s.named && len(s.tag) == 0 && c == '/' && !s.close:
		s.close = true
	case !s.named && len(s.tag) == 0 && c == '!':
		s.tag = append(s.tag, c)
	case !s.named && bytes.Equal(s.tag, []byte("!-")) && c == '-':
		s.state, s.dash = inComment, 0
	case !s.named && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/'):
		s.named = true
	case !s.named:
		s.tag = append(s.tag, lower(c))
	case c == '"' || c == '\'':
		s.quote = c
	}
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
