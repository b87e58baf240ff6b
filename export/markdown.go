package export

import (
	"net/url"
	"strings"
)

// mdEscape escapes what Markdown would render as markup or raw HTML: the
// inline markup characters everywhere, and a start that would make the
// text a list item or a thematic break when it begins a line (blockStart).
func mdEscape(s string) string {
	s = clean(s)
	at := blockStart(s)
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '~', '[', ']', '#', '|':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			if i == at {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// blockStart returns the index of the character that makes s, at the start
// of a line, a list item or a thematic break rather than text, or -1
// (issue 15, item 9): the "." or ")" of "1. " or "2026) ", the "-" or "+"
// of "- " or "+ ", the first "-" of "---" (CommonMark §4.1, §5.2). The
// other block starts need nothing here: "#", ">", "<", "*", "`" and "~"
// are escaped wherever they are, and clean leaves no indentation.
func blockStart(s string) int {
	i := len(s) - len(strings.TrimLeft(s, "0123456789"))
	switch {
	case i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')'):
	case i == 0 && s != "" && (s[0] == '-' || s[0] == '+'):
	default:
		return -1
	}
	if i+1 == len(s) || s[i+1] == ' ' {
		return i
	}
	if s[0] == '-' && strings.Count(s, "-") >= 3 && strings.Trim(s, "- ") == "" {
		return 0
	}
	return -1
}

// mdLink links text to rawURL when it is an http(s) URL.
func mdLink(text, rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return mdEscape(text)
	}
	return "[" + mdEscape(text) + "](" + mdDestination(u.String()) + ")"
}

// mdDestination percent-encodes the bytes of a URL that could end or
// escape a Markdown link destination, or start markup inside it: a space,
// "(", ")", "\" (which escapes the closing parenthesis), "<", ">", "`"
// (a code span wins over a link), the other ASCII characters a URL never
// holds literally, and every non-ASCII byte. url.URL.String leaves the
// query as it came (issue 15, item 9: a URL ending in "\" broke its
// link). The characters a URL uses literally (RFC 3986 unreserved and
// reserved, and "%") stay, so the URL means what it meant.
func mdDestination(u string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~:/?#[]@!$&'*+,;=%", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
