package summarizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// chatServer is a loopback OpenAI-compatible chat-completions API whose
// answer each test chooses.
type chatServer struct {
	srv      *httptest.Server
	calls    atomic.Int32
	inFlight atomic.Int32
	maxSeen  atomic.Int32
	mu       sync.Mutex
	lastReq  map[string]any
	lastAuth string
}

func newChatServer(t *testing.T, answer func(call int, w http.ResponseWriter)) *chatServer {
	t.Helper()
	c := &chatServer{}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := c.inFlight.Add(1)
		defer c.inFlight.Add(-1)
		for {
			m := c.maxSeen.Load()
			if n <= m || c.maxSeen.CompareAndSwap(m, n) {
				break
			}
		}
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		var req map[string]any
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &req)
		c.mu.Lock()
		c.lastReq, c.lastAuth = req, r.Header.Get("Authorization")
		c.mu.Unlock()
		answer(int(c.calls.Add(1)), w)
	}))
	t.Cleanup(c.srv.Close)
	return c
}

// reply writes a chat completion whose message is content.
func reply(w http.ResponseWriter, content string) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "x", "object": "chat.completion", "model": "test",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content}}},
	})
}

var llmArticle = Article{Outlet: "The Harbour Courier", Type: "news", Language: "en", Title: "Boat sinks off Libya",
	Paragraphs: []string{
		"GENEVA (AFP) - At least 61 people are feared dead after a rubber boat sank off the coast of Zuwara, the International Organization for Migration said on Tuesday.",
		"Twenty-five survivors were brought back to shore by fishermen, IOM spokesperson Tomas Ferreira said.",
	}}

const goodLLMLine = "The Harbour Courier reported that at least 61 people are feared dead after a rubber boat sank off the coast of Zuwara, according to IOM."

func newTestLLM(t *testing.T, c *chatServer, o LLMOptions) (*LLM, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	o.URL, o.Model, o.APIKey = c.srv.URL+"/v1", "house-model", "secret-key"
	o.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	l, err := NewLLM(worldWriter(), o)
	if err != nil {
		t.Fatal(err)
	}
	return l, &logs
}

func TestLLMWriter(t *testing.T) {
	extractive := houseWriter().Line(llmArticle)
	tests := []struct {
		name    string
		answer  func(call int, w http.ResponseWriter)
		opts    LLMOptions
		want    string
		calls   int32
		logHas  string
		maxTime time.Duration
	}{
		{name: "a good line is used", answer: func(_ int, w http.ResponseWriter) { reply(w, goodLLMLine) },
			want: goodLLMLine, calls: 1},
		{name: "quotes and a label around the line are removed", answer: func(_ int, w http.ResponseWriter) { reply(w, "Line: \""+goodLLMLine+"\"\n") },
			want: goodLLMLine, calls: 1},
		{name: "a line with an invented number falls back", answer: func(_ int, w http.ResponseWriter) {
			reply(w, strings.Replace(goodLLMLine, "61", "64", 1))
		}, want: extractive, calls: 1, logHas: "the number 64 is not in the article"},
		{name: "a line with an invented place falls back", answer: func(_ int, w http.ResponseWriter) {
			reply(w, strings.Replace(goodLLMLine, "Zuwara", "Sabratha", 1))
		}, want: extractive, calls: 1, logHas: `\"Sabratha\" is not in the article`},
		{name: "a line that does not credit the outlet falls back", answer: func(_ int, w http.ResponseWriter) {
			reply(w, strings.Replace(goodLLMLine, "The Harbour Courier", "Reuters", 1))
		}, want: extractive, calls: 1, logHas: "rule 20"},
		{name: "two sentences outside the follow-up set fall back", answer: func(_ int, w http.ResponseWriter) {
			reply(w, goodLLMLine+" Survivors were taken to a clinic.")
		}, want: extractive, calls: 1, logHas: "rule 22"},
		{name: "a server error is retried", answer: func(call int, w http.ResponseWriter) {
			if call == 1 {
				http.Error(w, `{"error":{"message":"overloaded","type":"server_error"}}`, http.StatusInternalServerError)
				return
			}
			reply(w, goodLLMLine)
		}, want: goodLLMLine, calls: 2},
		{name: "429 after the retries falls back", answer: func(_ int, w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"error":{"message":"rate limited","type":"rate_limit"}}`)
		}, opts: LLMOptions{Retries: 2}, want: extractive, calls: 3, logHas: "rate limited"},
		{name: "a refused key is not retried", answer: func(_ int, w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":{"message":"bad key","type":"auth"}}`)
		}, want: extractive, calls: 1, logHas: "bad key"},
		{name: "a slow answer times out and falls back", answer: func(_ int, w http.ResponseWriter) {
			time.Sleep(time.Second)
			reply(w, goodLLMLine)
		}, opts: LLMOptions{Timeout: 200 * time.Millisecond, Retries: -1}, want: extractive, calls: 1, maxTime: 1500 * time.Millisecond},
		{name: "garbage instead of JSON falls back", answer: func(_ int, w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `<html>proxy error</html>`)
		}, opts: LLMOptions{Retries: -1}, want: extractive, calls: 1},
		{name: "an empty answer falls back", answer: func(_ int, w http.ResponseWriter) { reply(w, "  \n ") },
			want: extractive, calls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChatServer(t, tt.answer)
			l, logs := newTestLLM(t, c, tt.opts)
			start := time.Now()
			got := l.Write(t.Context(), llmArticle).Line
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if n := c.calls.Load(); n != tt.calls {
				t.Errorf("got %d requests, want %d", n, tt.calls)
			}
			if tt.logHas != "" && !strings.Contains(logs.String(), tt.logHas) {
				t.Errorf("log %q does not say %q", logs.String(), tt.logHas)
			}
			if tt.maxTime > 0 && time.Since(start) > tt.maxTime {
				t.Errorf("took %s, want at most %s", time.Since(start), tt.maxTime)
			}
		})
	}
}

func TestLLMRequest(t *testing.T) {
	c := newChatServer(t, func(_ int, w http.ResponseWriter) { reply(w, goodLLMLine) })
	l, _ := newTestLLM(t, c, LLMOptions{})
	l.Write(t.Context(), llmArticle)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lastAuth != "Bearer secret-key" {
		t.Errorf("Authorization %q", c.lastAuth)
	}
	if c.lastReq["model"] != "house-model" {
		t.Errorf("model %v", c.lastReq["model"])
	}
	msgs, _ := c.lastReq["messages"].([]any)
	if len(msgs) != 2 {
		t.Fatalf("got %d messages, want a system and a user message", len(msgs))
	}
	system := msgs[0].(map[string]any)["content"].(string)
	user := msgs[1].(map[string]any)["content"].(string)
	for _, want := range []string{"reported that", "according to IOM", "12 to 40 words", "Invent nothing"} {
		if !strings.Contains(system, want) {
			t.Errorf("the system prompt lacks %q", want)
		}
	}
	if !strings.Contains(user, "Outlet: The Harbour Courier") || !strings.Contains(user, "Zuwara") {
		t.Errorf("the user message lacks the outlet or the article: %q", user)
	}
}

func TestLLMConcurrencyIsBounded(t *testing.T) {
	c := newChatServer(t, func(_ int, w http.ResponseWriter) {
		time.Sleep(50 * time.Millisecond)
		reply(w, goodLLMLine)
	})
	l, _ := newTestLLM(t, c, LLMOptions{Concurrency: 3})
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			if got := l.Write(t.Context(), llmArticle).Line; got != goodLLMLine {
				t.Errorf("got %q", got)
			}
		})
	}
	wg.Wait()
	if m := c.maxSeen.Load(); m > 3 {
		t.Errorf("%d requests at once, want at most 3", m)
	}
}

func TestLLMCancelledFallsBack(t *testing.T) {
	c := newChatServer(t, func(_ int, w http.ResponseWriter) {
		time.Sleep(time.Second)
		reply(w, goodLLMLine)
	})
	l, _ := newTestLLM(t, c, LLMOptions{})
	ctx, cancel := contextWithCancelAfter(t, 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if got := l.Write(ctx, llmArticle).Line; got != houseWriter().Line(llmArticle) {
		t.Errorf("got %q, want the extractive line", got)
	}
	if time.Since(start) > 800*time.Millisecond {
		t.Errorf("a cancelled pass waited %s for the model", time.Since(start))
	}
}

func TestNewLLMRefusesBadOptions(t *testing.T) {
	for _, o := range []LLMOptions{{}, {URL: "http://127.0.0.1:1/v1"}, {URL: "file:///etc/passwd", Model: "m"}} {
		if _, err := NewLLM(houseWriter(), o); err == nil {
			t.Errorf("%+v: got no error", o)
		}
	}
}

func contextWithCancelAfter(t *testing.T, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Context(), d)
}
