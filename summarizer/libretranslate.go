package summarizer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// LibreTranslateOptions configure the client of a LibreTranslate server
// (https://libretranslate.com, self-hosted: POST /translate).
type LibreTranslateOptions struct {
	// URL is the server's base URL ("http://127.0.0.1:5000").
	URL    string
	APIKey string
	// Timeout bounds one request (20 s when 0); Retries is how many times
	// a request that timed out, was refused for load (429) or failed on
	// the server (5xx) is tried again (2 when 0; -1 for never).
	Timeout time.Duration
	Retries int
	// Concurrency is how many requests run at once (2 when 0).
	Concurrency int
	// MaxChars bounds the characters of one request (8,000 when 0); a
	// longer request is refused (ErrTooLong): the Translating writer cuts
	// what it sends to fit.
	MaxChars int
	// HTTPClient sends the requests (one with Timeout when nil).
	HTTPClient *http.Client
}

// maxTranslationBody bounds a server's answer.
const maxTranslationBody = 1 << 20

// LibreTranslate is a Translator behind a LibreTranslate server. It is
// safe for concurrent use.
type LibreTranslate struct {
	o   LibreTranslateOptions
	sem chan struct{}
}

// NewLibreTranslate builds the client.
func NewLibreTranslate(o LibreTranslateOptions) (*LibreTranslate, error) {
	o.URL = strings.TrimRight(strings.TrimSpace(o.URL), "/")
	r, err := newRemote("libretranslate", o.URL, o.Timeout, 20*time.Second, o.Retries, o.Concurrency, o.HTTPClient)
	if err != nil {
		return nil, err
	}
	o.Timeout, o.Retries, o.Concurrency, o.HTTPClient = r.timeout, r.retries, r.concurrency, r.client
	if o.MaxChars <= 0 {
		o.MaxChars = 8000
	}
	return &LibreTranslate{o: o, sem: make(chan struct{}, o.Concurrency)}, nil
}

// remote are the settings a writer behind an HTTP API shares: the
// timeout of one request, the retries, the requests at once, the client.
type remote struct {
	timeout              time.Duration
	retries, concurrency int
	client               *http.Client
}

// newRemote checks an API's URL (http and https only) and fills in the
// defaults: timeout def, 2 retries (-1 for none), 2 requests at once, a
// client with the timeout.
func newRemote(what, url string, timeout, def time.Duration, retries, concurrency int, client *http.Client) (remote, error) {
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return remote{}, fmt.Errorf("%s: URL %q: only http and https", what, url)
	}
	r := remote{timeout: timeout, retries: retries, concurrency: concurrency, client: client}
	if r.timeout <= 0 {
		r.timeout = def
	}
	switch {
	case r.retries == 0:
		r.retries = 2
	case r.retries < 0:
		r.retries = 0
	}
	if r.concurrency <= 0 {
		r.concurrency = 2
	}
	if r.client == nil {
		r.client = &http.Client{Timeout: r.timeout}
	}
	return r, nil
}

// ErrTooLong: the texts to translate are longer than MaxChars.
var ErrTooLong = errors.New("texts too long to translate")

// Translate sends texts in one request and returns their translations.
func (l *LibreTranslate) Translate(ctx context.Context, texts []string, from, to string) ([]string, error) {
	total := 0
	for _, t := range texts {
		total += utf8.RuneCountInString(t)
	}
	if total > l.o.MaxChars {
		return nil, fmt.Errorf("%w: %d characters, at most %d", ErrTooLong, total, l.o.MaxChars)
	}
	select {
	case l.sem <- struct{}{}:
		defer func() { <-l.sem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	body, err := json.Marshal(map[string]any{"q": texts, "source": orDefault(from, "auto"), "target": to, "format": "text", "api_key": l.o.APIKey})
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		out, err := l.post(ctx, body, len(texts))
		if err == nil || attempt >= l.o.Retries || !retryableTranslation(err) || ctx.Err() != nil {
			return out, err
		}
		wait := time.Duration(200<<attempt)*time.Millisecond + time.Duration(rand.N(100))*time.Millisecond
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// StatusError is a server's refusal.
type StatusError struct {
	Code int
	Msg  string
}

func (e *StatusError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.Code, e.Msg) }

func retryableTranslation(err error) bool {
	if se, ok := errors.AsType[*StatusError](err); ok {
		return se.Code == http.StatusTooManyRequests || se.Code >= 500 || se.Code == http.StatusRequestTimeout
	}
	_, isNet := errors.AsType[net.Error](err)
	return errors.Is(err, context.DeadlineExceeded) || isNet
}

func (l *LibreTranslate) post(ctx context.Context, body []byte, n int) ([]string, error) {
	rctx, cancel := context.WithTimeout(ctx, l.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, l.o.URL+"/translate", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := l.o.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("libretranslate: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxTranslationBody+1))
	if err != nil {
		return nil, fmt.Errorf("libretranslate: read answer: %w", err)
	}
	if len(raw) > maxTranslationBody {
		return nil, fmt.Errorf("libretranslate: answer over %d bytes", maxTranslationBody)
	}
	var ans struct {
		TranslatedText json.RawMessage `json:"translatedText"`
		Error          string          `json:"error"`
	}
	if resp.StatusCode != http.StatusOK {
		_ = json.Unmarshal(raw, &ans)
		msg := ans.Error
		if msg == "" {
			msg = strings.TrimSpace(clip(string(raw)))
		}
		return nil, fmt.Errorf("libretranslate: %w", &StatusError{Code: resp.StatusCode, Msg: msg})
	}
	if err := json.Unmarshal(raw, &ans); err != nil {
		return nil, fmt.Errorf("libretranslate: %w: answer is not JSON: %w", ErrTranslation, err)
	}
	var out []string
	if err := json.Unmarshal(ans.TranslatedText, &out); err != nil {
		var one string
		if n != 1 || json.Unmarshal(ans.TranslatedText, &one) != nil {
			return nil, fmt.Errorf("libretranslate: %w: no translatedText list in the answer", ErrTranslation)
		}
		out = []string{one}
	}
	return out, nil
}
