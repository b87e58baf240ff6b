package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"unicode/utf8"

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
			data, err := readPage(e.stdin)
			if err != nil {
				return fmt.Errorf("extract: read: %w", err)
			}
			if format == "text" {
				art, err := extractor.ExtractBytes(data, pageURL, "")
				if err != nil {
					return fmt.Errorf("extract: %w", err)
				}
				if _, err := io.WriteString(e.stdout, art.Text); err != nil {
					return err
				}
				_, err = io.WriteString(e.stdout, "\n")
				return err
			}
			var ch *pageChain
			if cfg != nil {
				if ch, err = newPageChain(cfg, e.logger()); err != nil {
					return err
				}
			}
			out, err := extractPage(c.Context(), data, pageURL, outlet, ch)
			if err != nil {
				return err
			}
			return writeExtractJSON(e.stdout, out)
		},
	}
	f := c.Flags()
	f.StringVar(&pageURL, "url", "", "the page's URL (resolves relative links; the canonical URL when the page names none)")
	f.StringVar(&outlet, "outlet", "", "the outlet name the line credits (default: the page's site name)")
	f.StringVar(&format, "format", "json", "json or text")
	return c
}

// readPage reads the page on r, up to one byte past the extractor's cap
// (extractor.ExtractBytes refuses it then). Standard input redirected from
// a file is read into a buffer of its size: io.ReadAll's growing copies
// of a 15 MiB page cost twice its size (issue 13).
func readPage(r io.Reader) ([]byte, error) {
	limited := io.LimitReader(r, extractor.MaxInputBytes+1)
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= extractor.MaxInputBytes {
			b := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
			_, err := b.ReadFrom(limited)
			return b.Bytes(), err
		}
	}
	return io.ReadAll(limited)
}

// pageChain is what `extract --config` runs an article through after the
// extractor, as a pass does: the matcher and the line's writer.
type pageChain struct {
	matcher *mention.Matcher
	writer  summarizer.Writer
}

func newPageChain(cfg *config.Config, log *slog.Logger) (*pageChain, error) {
	m, err := newMatcher(cfg)
	if err != nil {
		return nil, err
	}
	w, err := newWriter(cfg, newSummarizer(cfg), log)
	if err != nil {
		return nil, err
	}
	return &pageChain{matcher: m, writer: w}, nil
}

// extractPage runs a page through the extractor and, with a chain, the
// matcher and the line's writer: the `extract` object.
func extractPage(ctx context.Context, data []byte, pageURL, outlet string, ch *pageChain) (extractJSON, error) {
	art, err := extractor.ExtractBytes(data, pageURL, "")
	if err != nil {
		return extractJSON{}, fmt.Errorf("extract: %w", err)
	}
	return describePage(ctx, art, outlet, ch), nil
}

// describePage is the `extract` object of an article: with a chain, its
// mentions and line.
func describePage(ctx context.Context, art *extractor.Article, outlet string, ch *pageChain) extractJSON {
	out := extractJSON{
		Title: art.Title, Text: art.Text, PublishedAt: timePtr(art.Published), ModifiedAt: timePtr(art.Modified),
		Author: art.Author, SiteName: art.SiteName, CanonicalURL: art.CanonicalURL, Language: art.Language,
		Section: art.Section, Type: art.Type, Wire: art.Wire, Partial: art.Partial, LowConfidence: art.LowConfidence,
	}
	if ch == nil {
		return out
	}
	out.Mentions = []mentionJSON{}
	for _, mn := range ch.matcher.Match(mention.Document{Title: art.Title, Paragraphs: art.Paragraphs}) {
		out.Mentions = append(out.Mentions, mentionJSON{Watch: mn.Watch, Where: mn.Where, Role: mn.Role, Count: mn.Count,
			Score: mn.Score, Low: mn.Low, Terms: mn.Terms, Snippet: mn.Snippet, Marks: nonNilMarks(mn.Marks)})
	}
	name := outlet
	if name == "" {
		name = summarizer.OutletName(art.SiteName)
	}
	d := ch.writer.Write(ctx, summarizer.Article{
		Outlet: name, Title: art.Title, Paragraphs: art.Paragraphs, Type: art.Type, Language: art.Language,
		Standfirst: art.Standfirst,
	})
	out.Line, out.Alternatives, out.NeedsTranslation = &d.Line, d.Alternatives, &d.NeedsTranslation
	for _, e := range d.Edits {
		out.Edits = append(out.Edits, editJSON{Kind: e.Kind, Removed: e.Removed, Inserted: e.Inserted})
	}
	return out
}

// textKey is the text's key as json.MarshalIndent writes it in the
// object, its value empty.
const textKey = "\n  \"text\": \"\""

// jsonChunk is how much of the text is encoded at a time.
const jsonChunk = 64 << 10

// writeExtractJSON writes out as a json.Encoder indenting by two spaces
// does, the text encoded a chunk at a time: encoding the object whole
// held a 15 MiB text three times over, in the encoder's buffer and its
// indented copy (issue 13).
func writeExtractJSON(w io.Writer, out extractJSON) error {
	text := out.Text
	out.Text = ""
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	i := bytes.Index(b, []byte(textKey)) // the first: keys nested deeper are indented more
	if i < 0 {
		return fmt.Errorf("extract: no text key in %.80q", b)
	}
	bw := bufio.NewWriter(w)
	bw.Write(b[:i+len(textKey)-2])
	bw.WriteByte('"')
	for len(text) > 0 {
		n := len(text)
		if n > jsonChunk {
			// Cut before a rune's first byte, where the encoder reading
			// the text whole would also start a rune; a byte that is no
			// rune's is encoded alone either way.
			n = jsonChunk
			for k := n; k > n-utf8.UTFMax; k-- {
				if utf8.RuneStart(text[k]) {
					n = k
					break
				}
			}
		}
		q, err := json.Marshal(text[:n])
		if err != nil {
			return err
		}
		bw.Write(q[1 : len(q)-1])
		text = text[n:]
	}
	bw.WriteByte('"')
	bw.Write(b[i+len(textKey):])
	bw.WriteByte('\n')
	return bw.Flush()
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
