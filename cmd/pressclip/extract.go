package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/extractor"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/summarizer"
)

func extractCmd(e *env) *cobra.Command {
	var pageURL, outlet, format string
	c := &cobra.Command{
		Use:   "extract [--config F] [--url U] [--outlet NAME] [--format json|text] < page.html",
		Short: "Run one page through the extractor (and, with --config, the matcher and summarizer)",
		Long: "extract reads an HTML page on standard input and prints what pressclip extracts from it:\n" +
			"json gives the text and metadata (and, with --config, the mentions and the drafted line);\n" +
			"text gives the article text only.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if format != "json" && format != "text" {
				return usagef("--format %q: want json or text", format)
			}
			var cfg *config.Config
			if c.Flags().Changed("config") {
				var err error
				if cfg, err = e.loadConfig(); err != nil {
					return err
				}
			}
			art, err := extractor.Extract(e.stdin, pageURL, "")
			if err != nil {
				return fmt.Errorf("extract: %w", err)
			}
			if format == "text" {
				_, err := fmt.Fprintln(e.stdout, art.Text)
				return err
			}
			out := extractJSON{
				Title: art.Title, Text: art.Text, PublishedAt: timePtr(art.Published), ModifiedAt: timePtr(art.Modified),
				Author: art.Author, SiteName: art.SiteName, CanonicalURL: art.CanonicalURL, Language: art.Language,
				Section: art.Section, Type: art.Type, Wire: art.Wire, Partial: art.Partial, LowConfidence: art.LowConfidence,
			}
			if cfg != nil {
				m, err := newMatcher(cfg)
				if err != nil {
					return err
				}
				out.Mentions = []mentionJSON{}
				for _, mn := range m.Match(mention.Document{Title: art.Title, Paragraphs: art.Paragraphs}) {
					out.Mentions = append(out.Mentions, mentionJSON{Watch: mn.Watch, Where: mn.Where, Role: mn.Role, Count: mn.Count,
						Score: mn.Score, Low: mn.Low, Terms: mn.Terms, Snippet: mn.Snippet, Marks: nonNilMarks(mn.Marks)})
				}
				name := outlet
				if name == "" {
					name = summarizer.OutletName(art.SiteName)
				}
				w, err := newWriter(cfg, newSummarizer(cfg), e.logger())
				if err != nil {
					return err
				}
				d := w.Write(c.Context(), summarizer.Article{
					Outlet: name, Title: art.Title, Paragraphs: art.Paragraphs, Type: art.Type, Language: art.Language,
					Standfirst: art.Standfirst,
				})
				out.Line, out.Alternatives, out.NeedsTranslation = &d.Line, d.Alternatives, &d.NeedsTranslation
				for _, e := range d.Edits {
					out.Edits = append(out.Edits, editJSON{Kind: e.Kind, Removed: e.Removed, Inserted: e.Inserted})
				}
			}
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(out)
		},
	}
	f := c.Flags()
	f.StringVar(&pageURL, "url", "", "the page's URL (resolves relative links; the canonical URL when the page names none)")
	f.StringVar(&outlet, "outlet", "", "the outlet name the line credits (default: the page's site name)")
	f.StringVar(&format, "format", "json", "json or text")
	return c
}

// extractJSON is the `extract --format json` object (DESIGN.md).
type extractJSON struct {
	Title        string  `json:"title"`
	Text         string  `json:"text"`
	PublishedAt  *string `json:"published_at"`
	ModifiedAt   *string `json:"modified_at"`
	Author       string  `json:"author"`
	SiteName     string  `json:"site_name"`
	CanonicalURL string  `json:"canonical_url"`
	Language     string  `json:"language"`
	Section      string  `json:"section"`
	Type         string  `json:"type"`
	Wire         string  `json:"wire"`
	Partial      bool    `json:"partial"`
	// LowConfidence: the text may not be the article (see
	// extractor.Article.LowConfidence).
	LowConfidence bool          `json:"low_confidence"`
	Mentions      []mentionJSON `json:"mentions,omitempty"`
	Line          *string       `json:"line,omitempty"`
	// With a config: the writer's other lines, and whether the line waits
	// for a translation.
	Alternatives     []string `json:"alternatives,omitempty"`
	NeedsTranslation *bool    `json:"needs_translation,omitempty"`
	// Edits are the changes that made the article's sentence the line's
	// clause, in order.
	Edits []editJSON `json:"edits,omitempty"`
}

type editJSON struct {
	Kind     string `json:"kind"`
	Removed  string `json:"removed"`
	Inserted string `json:"inserted"`
}

type mentionJSON struct {
	Watch   string   `json:"watch"`
	Where   string   `json:"where"`
	Role    string   `json:"role"`
	Count   int      `json:"count"`
	Score   float64  `json:"score"`
	Low     bool     `json:"low_relevance"`
	Terms   []string `json:"terms"`
	Snippet string   `json:"snippet"`
	Marks   [][2]int `json:"snippet_marks"`
}

func nonNilMarks(m [][2]int) [][2]int {
	if m == nil {
		return [][2]int{}
	}
	return m
}
