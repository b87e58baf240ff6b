package fetcher

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

// ToUTF8 returns a feed document as clean UTF-8, whatever it was served
// in, so that the XML parser never decodes a second time:
//
//  1. a byte-order mark (UTF-8, UTF-16, UTF-32), or the UTF-16/32 byte
//     pattern of "<?" without one;
//  2. bytes that are valid UTF-8 stay UTF-8 even when the prolog or the
//     header says otherwise (a wrong declaration is common; decoding
//     twice makes mojibake);
//  3. otherwise the charset of the Content-Type header (RFC 7303: it
//     wins for every XML type), then the prolog's encoding, then
//     statistical detection, then windows-1252 (the WHATWG default).
//
// The prolog is rewritten to say UTF-8, C0 control characters (other than
// tab and newlines) are dropped, and C1 code points that are windows-1252
// punctuation in disguise (U+0092 for ’) are mapped back.
func ToUTF8(b []byte, contentType string) []byte {
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
// saintfish/chardet); nil when it has no usable guess.
func detect(b []byte) encoding.Encoding {
	r, err := chardet.NewTextDetector().DetectBest(b[:min(len(b), 64<<10)])
	if err != nil || r.Confidence < 10 {
		return nil
	}
	enc, _ := charset.Lookup(r.Charset)
	return enc
}

// cleanXML rewrites the prolog's encoding to UTF-8, drops C0 controls and
// maps C1 code points through windows-1252.
func cleanXML(b []byte) []byte {
	if m := prologEncoding.FindSubmatchIndex(b[:min(len(b), 512)]); m != nil {
		var out []byte
		out = append(out, b[:m[4]]...)
		out = append(out, "UTF-8"...)
		b = append(out, b[m[5]:]...)
	}
	clean := true
	for _, r := range string(b) {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x80 && r <= 0x9f) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b))
	for _, r := range string(b) {
		switch {
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
		case r >= 0x80 && r <= 0x9f:
			out.WriteRune(charmap.Windows1252.DecodeByte(byte(r)))
		default:
			out.WriteRune(r)
		}
	}
	return out.Bytes()
}
