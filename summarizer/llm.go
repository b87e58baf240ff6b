package summarizer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Writer drafts the line of an article: the extractive Summarizer, the
// LLM writer, the Translating writer.
type Writer interface {
	Write(ctx context.Context, a Article) Draft
}

// LLMOptions configure the LLM writer.
type LLMOptions struct {
	// URL is the base URL of an OpenAI-compatible API, up to and with
	// its version ("http://127.0.0.1:11434/v1" for Ollama,
	// "https://api.openai.com/v1").
	URL    string
	Model  string
	APIKey string
	// Timeout bounds one request (30 s when 0); Retries is how many times
	// a request that timed out, was refused for load (429) or failed on
	// the server (5xx) is tried again (2 when 0; -1 for never).
	Timeout time.Duration
	Retries int
	// Concurrency is how many requests run at once (2 when 0).
	Concurrency int
	// Translate has the model write the lines of articles in other
	// languages than the newsletter's too, in the newsletter's language
	// (checked with CheckTranslated); without it those lines are marked
	// for translation.
	Translate bool
	// HTTPClient sends the requests (one with Timeout when nil).
	HTTPClient *http.Client
	Logger     *slog.Logger
}

// LLM drafts lines with a language model behind an OpenAI-compatible
// chat-completions API. Every line it returns is checked (CheckLine)
// before it is used; a line that fails, or a request that fails, falls
// back to the extractive writer, and the reason is logged. It is safe for
// concurrent use.
type LLM struct {
	s      *Summarizer
	o      LLMOptions
	client *openai.Client
	sem    chan struct{}
	log    *slog.Logger
}

// NewLLM builds the LLM writer on s, its fallback and checker.
func NewLLM(s *Summarizer, o LLMOptions) (*LLM, error) {
	if strings.TrimSpace(o.URL) == "" || strings.TrimSpace(o.Model) == "" {
		return nil, errors.New("llm writer: a URL and a model are needed")
	}
	r, err := newRemote("llm writer", o.URL, o.Timeout, 30*time.Second, o.Retries, o.Concurrency, o.HTTPClient)
	if err != nil {
		return nil, err
	}
	o.Timeout, o.Retries, o.Concurrency, o.HTTPClient = r.timeout, r.retries, r.concurrency, r.client
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	cfg := openai.DefaultConfig(o.APIKey)
	cfg.BaseURL = strings.TrimRight(o.URL, "/")
	cfg.HTTPClient = o.HTTPClient
	return &LLM{s: s, o: o, client: openai.NewClientWithConfig(cfg), sem: make(chan struct{}, o.Concurrency), log: o.Logger}, nil
}

// Write drafts a's line with the model, or with the extractive writer
// when the model fails or its line breaks a rule. The extractive line
// and its first alternative are the model line's alternatives.
func (l *LLM) Write(ctx context.Context, a Article) Draft {
	fallback := l.s.Write(ctx, a)
	foreign := l.s.foreign(a)
	if foreign && !l.o.Translate {
		return fallback
	}
	line, err := l.draft(ctx, a, foreign)
	if err != nil {
		l.log.Warn("llm line not used; the extractive writer drafts it", "outlet", a.Outlet, "title", a.Title, "error", err)
		return fallback
	}
	d := Draft{Line: line, Writer: "llm", Source: fallback.Source}
	for _, alt := range append([]string{fallback.Line}, fallback.Alternatives...) {
		if alt != line && len(d.Alternatives) < 2 {
			d.Alternatives = append(d.Alternatives, alt)
		}
	}
	return d
}

// ErrRejected wraps the problems of a line the model wrote.
var ErrRejected = errors.New("line breaks the house rules")

// draft asks the model and checks its answer; translate: the article is
// in another language than the newsletter's.
func (l *LLM) draft(ctx context.Context, a Article, translate bool) (string, error) {
	select {
	case l.sem <- struct{}{}:
		defer func() { <-l.sem }()
	case <-ctx.Done():
		return "", ctx.Err()
	}
	req := openai.ChatCompletionRequest{
		Model: l.o.Model,
		//lint:ignore SA1019 max_tokens is what OpenAI-compatible servers (llama.cpp, vLLM, Ollama) read; max_completion_tokens is OpenAI's newer name
		MaxTokens: 200,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: l.s.prompt()},
			{Role: openai.ChatMessageRoleUser, Content: l.s.request(a, translate)},
		},
	}
	var resp openai.ChatCompletionResponse
	var err error
	for attempt := 0; ; attempt++ {
		rctx, cancel := context.WithTimeout(ctx, l.o.Timeout)
		resp, err = l.client.CreateChatCompletion(rctx, req)
		cancel()
		if err == nil || attempt >= l.o.Retries || !retryable(err) || ctx.Err() != nil {
			break
		}
		wait := time.Duration(200<<attempt)*time.Millisecond + time.Duration(rand.N(100))*time.Millisecond
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	if err != nil {
		return "", fmt.Errorf("llm request: %w", err)
	}
	if len(resp.Choices) == 0 {
		return "", errors.New("llm answer has no choices")
	}
	line := cleanAnswer(resp.Choices[0].Message.Content)
	var ps []Problem
	if translate {
		ps = l.s.CheckTranslated(line, a)
	} else {
		ps = l.s.CheckLine(line, a)
	}
	if len(ps) > 0 {
		return "", fmt.Errorf("%w: %q: %s", ErrRejected, line, problemList(ps))
	}
	return line, nil
}

// retryable: timeouts, refused connections, 429 and 5xx.
func retryable(err error) bool {
	var api *openai.APIError
	if errors.As(err, &api) {
		return api.HTTPStatusCode == http.StatusTooManyRequests || api.HTTPStatusCode >= 500 || api.HTTPStatusCode == http.StatusRequestTimeout
	}
	var req *openai.RequestError
	if errors.As(err, &req) {
		return req.HTTPStatusCode == http.StatusTooManyRequests || req.HTTPStatusCode >= 500 || req.HTTPStatusCode == http.StatusRequestTimeout
	}
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne)
}

// cleanAnswer takes the line out of a model's answer: the first
// non-empty line, without quotes, backticks or a "Line:" label around it.
func cleanAnswer(s string) string {
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(strings.Trim(strings.TrimSpace(l), "`"))
		l = strings.TrimPrefix(strings.TrimPrefix(l, "Line:"), "LINE:")
		l = strings.TrimSpace(l)
		if len(l) > 1 && (l[0] == '"' && l[len(l)-1] == '"') {
			l = l[1 : len(l)-1]
		}
		if l != "" {
			return strings.Join(strings.Fields(l), " ")
		}
	}
	return ""
}

// maxPromptWords bounds the article text sent to the model: the lead
// and what follows it carry the line.
const maxPromptWords = 700

// prompt is the system message: the house rules and examples written for
// pressclip.
func (s *Summarizer) prompt() string {
	org := s.org
	if org == "" {
		org = "the organization"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `You write the one-line summaries of a newsletter's "In the press" section about %s.
Answer with the line only, nothing else.

Rules:
- Form: "<Outlet> <frame> <clause>." optionally followed by one sentence from this set only: "It quoted %s’s <Name>.", "It cited %s figures.", "It cited an %s report.", "It referenced %s." Use the follow-up only when %s is not named in the clause and the article supports it.
- Frames by page type: news "reported that"; press release "stated that"; opinion "published an op-ed which noted that"; editorial "published an editorial which noted that"; report "published a report which noted that"; interview "interviewed <person> about <topic>" or "spoke with %s’s <Name> about <topic>"; a piece with no single claim "reported on <topic>".
- The clause is the article's lead sentence, lightly edited: drop the dateline and agency tag, lower-case its first word unless it is a proper noun or an acronym, write %s for the organization's long name, turn "…, %s said on Tuesday." into "…, according to %s.", drop the day of speaking, keep tenses as written.
- The sentence "<Outlet> <frame> <clause>." has 12 to 40 words. One paragraph, no links, hashtags, emoji or ellipses; it ends with one full stop.
- Every number and every name must be copied exactly from the article. Invent nothing.
`, org, org, org, org, org, org, org, org, org, org)
	if name := languageName(s.lang, "en"); name != "" {
		fmt.Fprintf(&b, "- Write the line in %s, whatever the article's language; keep names as the article spells them and every number's digits.\n", name)
	}
	fmt.Fprintf(&b, `
Examples:
Outlet: The Harbour Courier. Type: news. Lead: "GENEVA (AFP) - More than 3,100 people have died trying to reach Europe by sea this year, the International Organization for Migration said on Friday."
Line: The Harbour Courier reported that more than 3,100 people have died trying to reach Europe by sea this year, according to %[1]s.
Outlet: Meridian Daily. Type: opinion. Lead: "Europe's asylum rules were written for a world that no longer exists."
Line: Meridian Daily published an op-ed which noted that Europe's asylum rules were written for a world that no longer exists. It referenced %[1]s.
`, org)
	return b.String()
}

// request is the user message: the article as the model needs it.
func (s *Summarizer) request(a Article, translate bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Outlet: %s\nType: %s\nLanguage: %s\nHeadline: %s\n\nArticle:\n", a.Outlet, orDefault(a.Type, "news"), orDefault(a.Language, "en"), a.Title)
	n := 0
	for _, p := range a.Paragraphs {
		if n >= maxPromptWords {
			break
		}
		// A paragraph longer than the whole budget (a page that is one
		// paragraph of megabytes) gives its first words only.
		p = firstWords(p, maxPromptWords)
		b.WriteString(p)
		b.WriteString("\n\n")
		n += words(p)
	}
	if translate {
		fmt.Fprintf(&b, "Write the line in %s.\n", languageName(s.lang, "en"))
	}
	return b.String()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Recredit gives a line another outlet: "The Harbour Courier reported
// that …" becomes "AFP reported that …", and "told AFP" in its clause
// "said". A line that does not start with from is returned as it is.
func Recredit(line, from, to string) string {
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	rest, ok := strings.CutPrefix(line, from+" ")
	if !ok || to == "" {
		return line
	}
	c := newClause(rest)
	selfReference(&c, to)
	return to + " " + c.Text
}
