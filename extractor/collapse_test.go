package extractor

import (
	"strings"
	"testing"
	"unicode"
	"unsafe"
)

// collapseCopy is collapse without its shortcut: the reference.
func collapseCopy(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff':
			space = b.Len() > 0
		case unicode.IsControl(r) || r == '\u00ad':
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestCollapseShortcut: text that needs only trimming is returned
// without a copy, and collapse gives what the copying loop gives
// whatever the text (issue 13: a 15 MiB paragraph was held twice).
func TestCollapseShortcut(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		shared   bool
	}{
		{"clean prose is shared", "Dock workers voted on Thursday to strike for 48 hours.", true},
		{"clean prose with spaces at the ends is shared, trimmed", "  The café’s owner said so.  ", true},
		{"an empty text", "", true},
		{"two spaces in a row are collapsed", "two  spaces", false},
		{"a newline is a space", "line\nbreak", false},
		{"a tab is a space", "a\tb", false},
		{"a no-break space is a space", "a\u00a0b", false},
		{"a zero-width space is a space", "a\u200bb", false},
		{"a byte order mark is a space", "\ufeffa b", false},
		{"an ideographic space is a space", "a\u3000b", false},
		{"a C1 control is dropped", "a\u0085b c\u0090d", false},
		{"a C0 control is dropped", "bell\x07 and\x00 null", false},
		{"DEL is dropped", "a\x7fb", false},
		{"invalid UTF-8 becomes U+FFFD", "caf\xe9 au lait", false},
		{"a newline at the end is trimmed", "the end\n", false},
		{"U+FFFD written as such is kept", "a \ufffd b", true},
		{"a soft hyphen is dropped", "Mit\u00adtel\u00adal\u00adter", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, want := collapse(tt.in), collapseCopy(tt.in)
			if got != want {
				t.Fatalf("collapse(%q) = %q, want %q", tt.in, got, want)
			}
			shared := got == "" || unsafe.StringData(got) == unsafe.StringData(strings.TrimLeft(tt.in, " "))
			if shared != tt.shared {
				t.Errorf("collapse(%q) shares the input's bytes: %v, want %v", tt.in, shared, tt.shared)
			}
		})
	}
}

func FuzzCollapse(f *testing.F) {
	for _, s := range []string{"a  b", " x ", "a\u00a0b", "caf\xe9", "\x00", "plain words here", "soft\u00adhyphen"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapse(s), collapseCopy(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}
