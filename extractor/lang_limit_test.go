package extractor

import (
	"strings"
	"testing"
)

// TestDetectReadsASample: language detection reads detectSample bytes of
// the text however long its paragraphs (issue 13: a 15 MiB paragraph was
// read whole, in seconds and hundreds of megabytes), cut at a space.
func TestDetectReadsASample(t *testing.T) {
	para := strings.Repeat("The International Organization for Migration said arrivals rose again this week. ", 200_000)
	for _, tt := range []struct {
		name  string
		paras []string
	}{
		{"one 16 MB paragraph", []string{para}},
		{"a short paragraph, then a long one", []string{"Arrivals rose again this week, officials said.", para}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lang, read := detect(tt.paras)
			if lang != "en" {
				t.Errorf("got %q, want en", lang)
			}
			if read > detectSample+len(tt.paras) {
				t.Errorf("read %d bytes, want %d at most", read, detectSample)
			}
		})
	}
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"two words", 6, "two"},
		{"nospaceatall", 4, "nosp"},
		{"ééé", 3, "é"},
	} {
		if got := cutAt(tt.s, tt.n); got != tt.want {
			t.Errorf("cutAt(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
