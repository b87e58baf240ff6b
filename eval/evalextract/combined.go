package main

import (
	"bytes"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/pressclip/pressclip/extractor"
)

// Combinations of engines, measured beside the engines alone.
func init() {
	// Readability's choice of content, then pressclip's cleanup of it
	// (captions, bylines, share and "read more" lines dropped).
	engines["readeck+cleanup"] = func(b []byte, u *url.URL) (string, error) {
		a, err := readability.FromReader(bytes.NewReader(b), u)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		if err := a.RenderHTML(&buf); err != nil {
			return "", err
		}
		art, err := extractor.Extract(strings.NewReader("<html><body><article>"+buf.String()+"</article></body></html>"), u.String(), "text/html; charset=utf-8")
		if err != nil {
			return "", err
		}
		return art.Text, nil
	}
	// A vote at paragraph level: a paragraph of pressclip or readeck is
	// kept when at least two of the three engines have it.
	// An engine that fails votes for nothing.
	engines["vote-2-of-3"] = func(b []byte, u *url.URL) (string, error) {
		var texts []string
		for _, name := range []string{"pressclip", "readeck", "trafilatura"} {
			t, _ := run(engines[name], b, u)
			texts = append(texts, t)
		}
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
		return strings.Join(out, "\n\n"), nil
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
