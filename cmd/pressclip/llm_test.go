package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pressclip/pressclip/summarizer"
)

// TestFetchWithTheLLMWriter runs a pass with lines.writer: llm against a
// loopback chat-completions API that answers "<Outlet> reported that
// <the article's first sentence>" (the pass keeps the lines the checker
// passes), for the Libya return flight a good line, and for the Yemen
// story a line with an invented number (the pass falls back to the
// extractive writer).
func TestFetchWithTheLLMWriter(t *testing.T) {
	var calls atomic.Int32
	var sent sync.Map
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &req); err != nil || len(req.Messages) < 2 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		user := req.Messages[1].Content
		outlet, _, _ := strings.Cut(strings.TrimPrefix(user, "Outlet: "), "\n")
		_, art, _ := strings.Cut(user, "Article:\n")
		first, _, _ := strings.Cut(strings.TrimSpace(art), "\n")
		sents := summarizer.Sentences(first)
		line := outlet + " reported that " + strings.ToLower(sents[0][:1]) + sents[0][1:]
		switch {
		case strings.Contains(user, "Headline: Charter flight takes 164 migrants"):
			line = outlet + " reported that a charter flight carrying 164 stranded migrants left Benghazi for Bamako under a voluntary return programme run by IOM."
		case strings.Contains(user, "Headline: Migrant arrivals in Yemen"):
			line = outlet + " reported that 999 people were rescued off the coast of Libya by fishermen." // invented: refused
		}
		sent.Store(line, true)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{"message": map[string]any{"role": "assistant", "content": line}}}})
	}))
	defer llm.Close()
	cfg, db := demoPassWith(t, "\nlines:\n  writer: llm\n  llm:\n    url: "+llm.URL+"/v1\n    model: test\n    retries: -1\n")
	if calls.Load() == 0 {
		t.Fatal("the LLM writer was never asked")
	}
	out, _, _ := cli(t, "export", "--config", cfg, "--db", db, "--status", "all")
	var fromModel, fallback int
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		l = strings.TrimPrefix(l, "• ")
		if strings.Contains(l, "999") {
			t.Errorf("a line with an invented number was kept: %q", l)
		}
		if _, ok := sent.Load(l); ok {
			fromModel++
		} else {
			fallback++
		}
	}
	if fromModel == 0 || fallback == 0 {
		t.Errorf("got %d lines from the model and %d from the fallback, want some of each:\n%s", fromModel, fallback, out)
	}
}

// demoPassWith runs a pass over the demo outlets with more config
// appended to the demo's, and returns the config's and database's paths.
func demoPassWith(t *testing.T, more string) (cfg, db string) {
	t.Helper()
	_, cfg, db = demoSetup(t)
	raw, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(raw, more...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("fetch exited %d: %s", code, errOut)
	}
	return cfg, db
}
