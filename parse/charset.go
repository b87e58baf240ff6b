package parse

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// prologEncoding finds the encoding declared in an XML prolog.
var prologEncoding = regexp.MustCompile(`^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9._:-]*)(["'])`)

// xmlChar reports whether XML 1.0 allows r in a document (the Char
// production of section 2.2, which encoding/xml enforces). The
// noncharacters U+FDD0–U+FDEF and U+nFFFE/U+nFFFF of the other planes are
// allowed, only discouraged, so they stay.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xd7ff ||
		r >= 0xe000 && r <= 0xfffd ||
		r >= 0x10000 && r <= 0x10ffff
}

// isC1 reports a C1 control, which feeds use for the windows-1252
// punctuation of the same byte (U+0092 for ’).
func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

// reference reads the numeric character reference that starts b (&#8;,
// &#x1E;, &#65535;): its length, 0 when b starts none, and whether XML 1.0
// allows the code point it names. One to a code point XML forbids (a C0
// control other than tab and newlines, a surrogate, U+FFFE, U+FFFF or
// none at all) is as bad as the raw character: the parser rejects the
// whole feed for it (gofeed #180, Miniflux #546, issue 15 item 6).
func reference(b []byte) (n int, legal bool) {
	i, base := 2, uint64(10)
	if i < len(b) && (b[i] == 'x' || b[i] == 'X') {
		i, base = 3, 16
	}
	start := i
	var v uint64
	for ; i < len(b); i++ {
		var d uint64
		switch c := b[i]; {
		case '0' <= c && c <= '9':
			d = uint64(c - '0')
		case base == 16 && 'a' <= c|0x20 && c|0x20 <= 'f':
			d = uint64(c|0x20-'a') + 10
		default:
			d = base
		}
		if d == base {
			break
		}
		if v <= utf8.MaxRune { // beyond, it only has to stay beyond
			v = v*base + d
		}
	}
	if i == start || i == len(b) || b[i] != ';' {
		return 0, false
	}
	return i + 1, v <= utf8.MaxRune && xmlChar(rune(v))
}

// dropIllegalReferences drops the numeric character references to code
// points XML forbids, again until none is left ("&#&#8;8;"). A document
// without one is returned as it is, not copied.
func dropIllegalReferences(b []byte) []byte {
	for {
		var out []byte
		dropped, last := false, 0
		for i := 0; ; {
			j := bytes.Index(b[i:], []byte("&#"))
			if j < 0 {
				break
			}
			i += j
			n, legal := reference(b[i:])
			if n == 0 {
				i += 2
				continue
			}
			if !legal {
				out = append(out, b[last:i]...)
				dropped, last = true, i+n
			}
			i += n
		}
		if !dropped {
			return b
		}
		b = append(out, b[last:]...)
	}
}

// toUTF8 returns a feed document as clean UTF-8, whatever it was served
// in, so that the XML parser never decodes a second time:
//
//  1. a byte-order mark (UTF-8, UTF-16, UTF-32), or the UTF-16/32 byte
//     pattern of "<?" without one;
//  2. bytes that are valid UTF-8 stay UTF-8 even when the prolog or the
//     header says otherwise (a wrong declaration is common; decoding
//     twice makes mojibake);
//  3. otherwise the charset of the Content-Type header (RFC 7303: it
//     wins for every XML type), then the prolog's encoding, then Thai
//     (TIS-620, which the detector cannot see), then statistical
//     detection, then windows-1252 (the WHATWG default).
//
// The prolog is rewritten to say UTF-8; the code points XML 1.0 forbids
// (C0 control characters other than tab and newlines, U+FFFE, U+FFFF) and
// character references to them (and to surrogates) are dropped, since the
// parser would refuse the whole feed for one; and C1 code points that are
// windows-1252 punctuation in disguise (U+0092 for ’) are mapped back.
func toUTF8(b []byte, contentType string) []byte {
	if enc, n := byteOrder(b); enc != nil {
		if out, err := enc.NewDecoder().Bytes(b[n:]); err == nil {
			return cleanXML(out)
		}
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if utf8.Valid(b) {
		return cleanXML(b)
	}
	for _, label := range []string{headerCharset(contentType), declaredEncoding(b)} {
		if enc, _ := charset.Lookup(label); enc != nil && label != "" {
			if out, err := enc.NewDecoder().Bytes(b); err == nil {
				return cleanXML(out)
			}
		}
	}
	if looksThai(b) {
		if out, err := charmap.Windows874.NewDecoder().Bytes(b); err == nil {
			return cleanXML(out)
		}
	}
	if enc := detect(b); enc != nil {
		if out, err := enc.NewDecoder().Bytes(b); err == nil {
			return cleanXML(out)
		}
	}
	out, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return cleanXML(out)
}

// byteOrder recognises a BOM, or the UTF-16/32 pattern of a leading "<"
// without one, and returns the encoding and the BOM's length.
func byteOrder(b []byte) (encoding.Encoding, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), 4
	case bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), 4
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(b, []byte{0, 0, 0, '<'}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), 0
	case bytes.HasPrefix(b, []byte{'<', 0, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), 0
	case bytes.HasPrefix(b, []byte{0, '<', 0}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 0
	case bytes.HasPrefix(b, []byte{'<', 0, '?', 0}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 0
	}
	return nil, 0
}

func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

func declaredEncoding(b []byte) string {
	head := b[:min(len(b), 512)]
	if m := prologEncoding.FindSubmatch(head); m != nil {
		return string(m[2])
	}
	return ""
}

// detect guesses the charset of undeclared bytes (ICU's detector, via
// saintfish/chardet); nil when it has no usable guess. The detector's
// markup filter skips tags, whose ASCII names and URLs otherwise outweigh
// the text (a Hebrew feed came out as ISO-8859-1); CDATA markers are
// removed first, since that filter would skip a whole CDATA section as
// one tag.
func detect(b []byte) encoding.Encoding {
	sample := b[:min(len(b), 64<<10)]
	sample = bytes.ReplaceAll(sample, []byte("<![CDATA["), nil)
	sample = bytes.ReplaceAll(sample, []byte("]]>"), nil)
	r, err := chardet.NewHtmlDetector().DetectBest(sample)
	if err != nil || r.Confidence < 10 {
		return nil
	}
	enc, _ := charset.Lookup(r.Charset)
	return enc
}

// cleanText applies cleanXML's rules to text a parser has decoded, where
// character references (&#146;) and JSON escapes (\u0008, \uffff) bring C0
// and C1 characters and noncharacters back.
func cleanText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return !xmlChar(r) || isC1(r) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case isC1(r):
			return charmap.Windows1252.DecodeByte(byte(r))
		case !xmlChar(r):
			return -1
		}
		return r
	}, s)
}

// looksThai reports whether undeclared bytes are Thai in TIS-620 (or its
// superset windows-874). ICU's detector has no Thai model and calls such
// text ISO-8859-1 or EUC-JP. Thai spelling tells it apart:
//   - a combining vowel or tone mark (0xD1, 0xD4–0xDA, 0xE7–0xEE) follows
//     a consonant (0xA1–0xCE) or another mark, and a leading vowel
//     (0xE0–0xE4) precedes a consonant; 0xDB–0xDE and 0xFC–0xFF are
//     unassigned. Latin, Cyrillic, Greek, Hebrew and Arabic single-byte
//     text breaks these rules in 10–90% of its high bytes, Thai in none.
//   - Thai letters outnumber the ASCII letters outside markup, which
//     Latin-2 text with few diacritics does not.
//   - runs of high bytes have any length, where the double-byte EUC
//     encodings (which can pass the first test) make only even runs.
//
// A short text whose only run is even-length is left to the detector.
func looksThai(b []byte) bool {
	b = b[:min(len(b), 64<<10)]
	var high, bad, letters, runs, odd, run int
	inTag := false
	for i, c := range b {
		if c >= 0x80 {
			run++
		} else if run > 0 {
			runs, odd, run = runs+1, odd+run%2, 0
		}
		switch {
		case c == '<' && bytes.HasPrefix(b[i:], []byte("<![CDATA[")):
		case c == '<':
			inTag = true
		case c == '>':
			inTag = false
		case !inTag && c|0x20 >= 'a' && c|0x20 <= 'z':
			letters++
		}
		if c < 0xA1 {
			continue
		}
		high++
		var prev, next byte
		if i > 0 {
			prev = b[i-1]
		}
		if i+1 < len(b) {
			next = b[i+1]
		}
		switch {
		case c >= 0xDB && c <= 0xDE || c >= 0xFC:
			bad++
		case thaiMark(c):
			if !thaiConsonant(prev) && !thaiMark(prev) {
				bad++
			}
		case c >= 0xE0 && c <= 0xE4:
			// เเ for แ is a common misspelling, not a sign of another script.
			if !thaiConsonant(next) && next != 0xE0 {
				bad++
			}
		}
	}
	if run > 0 {
		runs, odd = runs+1, odd+run%2
	}
	return high >= 16 && bad*50 <= high && high > letters && odd > 0 && odd*8 >= runs
}

func thaiConsonant(c byte) bool { return c >= 0xA1 && c <= 0xCE }

func thaiMark(c byte) bool {
	return c == 0xD1 || c >= 0xD4 && c <= 0xDA || c >= 0xE7 && c <= 0xEE
}

// cleanXML drops the code points XML forbids and character references to
// them, maps C1 code points through windows-1252, drops leading byte-order
// marks and rewrites the prolog's encoding to UTF-8.
func cleanXML(b []byte) []byte {
	clean := true
	for _, r := range string(b) {
		if !xmlChar(r) || isC1(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if !clean {
		var out bytes.Buffer
		out.Grow(len(b))
		for _, r := range string(b) {
			switch {
			case isC1(r):
				out.WriteRune(charmap.Windows1252.DecodeByte(byte(r)))
			case !xmlChar(r):
			default:
				// Invalid UTF-8 (a surrogate among them) is U+FFFD here.
				out.WriteRune(r)
			}
		}
		b = out.Bytes()
	}
	// After the characters are gone, so that "&#\x018;" cannot become
	// "&#8;".
	b = dropIllegalReferences(b)
	// Last, so that what was dropped cannot leave a byte-order mark in
	// front ("\xff\xfe\xff\xfe" is UTF-16 for U+FEFF) or make a declaration
	// (encoding="\x0f" becoming encoding="") that a second pass would change.
	for bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		b = b[3:]
	}
	if m := prologEncoding.FindSubmatchIndex(b[:min(len(b), 512)]); m != nil {
		var out []byte
		out = append(out, b[:m[4]]...)
		out = append(out, "UTF-8"...)
		b = append(out, b[m[5]:]...)
	}
	return b
}
