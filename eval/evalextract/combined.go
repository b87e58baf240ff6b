package main

import (
	"bytes"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/pressclip/pressclip/extractor"
)

// Combinations of engines, measured beside the engines alone.
func init() {
	// Readability's choice of content, then pressclip's cleanup of it
	// (captions, bylines, share and "read more" lines dropped).
	engines["readeck+cleanup"] = func(b []byte) string {
		a, err := readability.FromReader(bytes.NewReader(b), pageURL)
		if err != nil {
			return ""
		}
		var buf bytes.Buffer
		if err := a.RenderHTML(&buf); err != nil {
			return ""
		}
		art, err := extractor.Extract(strings.NewReader("<html><body><article>"+buf.String()+"</article></body></html>"), pageURL.String(), "text/html; charset=utf-8")
		if err != nil {
			return ""
		}
		return art.Text
	}
	// A vote at paragraph level: a paragraph of pressclip or readeck is
	// kept when at least two of the three engines have it.
	engines["vote-2-of-3"] = func(b []byte) string {
		texts := []string{engines["pressclip"](b), engines["readeck"](b), engines["trafilatura"](b)}
		have := make([]map[string]bool, len(texts))
		for i, t := range texts {
			have[i] = map[string]bool{}
			for _, p := range paragraphs(t) {
				have[i][key(p)] = true
			}
		}
		var out []string
		seen := map[string]bool{}
		for _, t := range texts[:2] {
			for _, p := range paragraphs(t) {
				k := key(p)
				if seen[k] {
					continue
				}
				votes := 0
				for _, h := range have {
					if h[k] {
						votes++
					}
				}
				if votes >= 2 {
					seen[k] = true
					out = append(out, p)
				}
			}
		}
		return strings.Join(out, "\n\n")
	}
}

func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func key(p string) string { return strings.Join(tokens(p), " ") }
