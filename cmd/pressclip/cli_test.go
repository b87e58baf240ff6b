package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/store"
)

const goodConfig = `database: x.db
organization:
  name: International Organization for Migration
  aliases: [IOM]
sources:
  - name: A
    url: https://a.example/rss
`

func TestCheckAndExitCodes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		config   string
		wantCode int
		wantErr  string
		wantOut  string
	}{
		{"a good config passes", []string{"check"}, goodConfig, 0, "", "ok (1 sources"},
		{"an unknown key is exit 2 with its line", []string{"check"}, goodConfig + "shedule: x\n", 2, "config.yaml:8: unknown key \"shedule\"", ""},
		{"a bad cron spec is exit 2 with its line", []string{"check"}, strings.Replace(goodConfig, "database: x.db", "schedule: '99 * * * *'", 1), 2, "config.yaml:1: schedule \"99 * * * *\"", ""},
		{"a duplicate source is exit 2 with its line", []string{"check"}, goodConfig + "  - name: A\n    url: https://b.example/rss\n", 2, "config.yaml:8: duplicate source name \"A\"", ""},
		{"a bad URL is exit 2 with its line", []string{"check"}, strings.Replace(goodConfig, "https://a.example/rss", "file:///etc/passwd", 1), 2, "config.yaml:7: source \"A\": url", ""},
		{"fetch with a bad config is exit 2", []string{"fetch"}, goodConfig + "nope: 1\n", 2, "config.yaml:8: unknown key \"nope\"", ""},
		{"a missing config is exit 2", []string{"check", "--config", filepath.Join(dir, "missing.yaml")}, "", 2, "missing.yaml: no such file", ""},
		{"an unknown command is exit 2", []string{"frobnicate"}, goodConfig, 2, "unknown command", ""},
		{"a mistyped command is exit 2 with a suggestion", []string{"exprot"}, goodConfig, 2, `unknown command "exprot" for "pressclip": did you mean export?`, ""},
		{"--version names the build", []string{"--version"}, goodConfig, 0, "", "pressclip "},
		{"no command is exit 2", []string{}, goodConfig, 2, "no command given", ""},
		{"an unknown flag is exit 2", []string{"export", "--colour"}, goodConfig, 2, "unknown flag", ""},
		{"a bad format is exit 2", []string{"export", "--format", "pdf"}, goodConfig, 2, "--format \"pdf\"", ""},
		{"a bad duration is exit 2", []string{"mentions", "--since", "yesterday"}, goodConfig, 2, "--since \"yesterday\"", ""},
		{"--since with --from is exit 2", []string{"export", "--since", "7d", "--from", "2026-11-01"}, goodConfig, 2, "cannot be used with", ""},
		{"review without an action is exit 2", []string{"review", "1"}, goodConfig, 2, "say what to do", ""},
		{"review of a non-number is exit 2", []string{"review", "abc", "--approve"}, goodConfig, 2, "not a story ID", ""},
		{"review of an unknown story is exit 2", []string{"review", "42", "--approve"}, goodConfig, 2, "no story 42", ""},
		{"a bad allow-list variable is exit 2", []string{"check", "--env-allow", "nonsense"}, goodConfig, 2, "PRESSCLIP_ALLOW_PRIVATE_NETWORKS", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
			os.MkdirAll(sub, 0o755)
			cfg := writeFile(t, sub, "config.yaml", tt.config)
			args := append([]string{}, tt.args...)
			if len(args) > 2 && args[1] == "--env-allow" {
				t.Setenv("PRESSCLIP_ALLOW_PRIVATE_NETWORKS", args[2])
				args = args[:1]
			}
			if !contains(args, "--config") {
				args = append(args, "--config", cfg)
			}
			db := filepath.Join(sub, "t.db")
			// An empty database: reading commands refuse a missing one.
			st, err := store.Open(t.Context(), db, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			args = append(args, "--db", db)
			out, errOut, code := cli(t, args...)
			if code != tt.wantCode {
				t.Errorf("got exit %d, want %d (stderr %q)", code, tt.wantCode, errOut)
			}
			if tt.wantErr != "" && !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr %q, want it to contain %q", errOut, tt.wantErr)
			}
			if tt.wantOut != "" && !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout %q, want it to contain %q", out, tt.wantOut)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestRepositoryConfigChecks(t *testing.T) {
	out, errOut, code := cli(t, "check", "--config", filepath.Join("..", "..", "config.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "ok (") {
		t.Errorf("got %q", out)
	}
}

// demoRow is a story as mentions --format json lists it.
type demoRow struct {
	ID     int64  `json:"id"`
	Outlet string `json:"outlet"`
	Line   string `json:"line"`
	Status string `json:"status"`
}

// fetchedDemo fetches the demo's outlets into a new database and returns
// the config, the database and the stories mentions lists (3 or more).
func fetchedDemo(t *testing.T) (cfg, db string, rows []demoRow) {
	t.Helper()
	_, cfg, db = demoSetup(t)
	if _, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("fetch: %s", errOut)
	}
	out, _, _ := cli(t, "mentions", "--config", cfg, "--db", db, "--format", "json")
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) < 3 {
		t.Fatalf("mentions: %v, %d rows", err, len(rows))
	}
	return cfg, db, rows
}

func TestReviewAndExport(t *testing.T) {
	cfg, db, rows := fetchedDemo(t)
	// Nothing approved yet: the section (the default) is empty and says
	// why; the drafts are there with --status all or new.
	empty, errOut, code := cli(t, "export", "--config", cfg, "--db", db)
	if code != 0 || strings.Contains(empty, "•") || !strings.Contains(errOut, fmt.Sprintf("0 approved in this period; %d await review", len(rows))) {
		t.Errorf("export before any review: exit %d, %q, stderr %q", code, empty, errOut)
	}
	for _, status := range []string{"all", "new"} {
		if drafts, _, _ := cli(t, "export", "--config", cfg, "--db", db, "--status", status); strings.Count(drafts, "•") != len(rows) {
			t.Errorf("--status %s: %d lines, want the %d drafts", status, strings.Count(drafts, "•"), len(rows))
		}
	}
	if _, errOut, code := cli(t, "export", "--config", cfg, "--db", db, "--status", "rejectd"); code != 2 || !strings.Contains(errOut, "--status") {
		t.Errorf("--status rejectd: exit %d, %q; want a usage error", code, errOut)
	}
	first, second := rows[0], rows[1]
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"review", id(first.ID), "--reject"}, "reviewed 1 story"},
		{[]string{"review", id(second.ID), "--summary", "The Meridian Post reported that staff rewrote this line.", "--approve"}, "reviewed 1 story"},
	}
	for _, s := range steps {
		got, errOut, code := cli(t, append(s.args, "--config", cfg, "--db", db)...)
		if code != 0 || !strings.Contains(got, s.want) {
			t.Fatalf("%v: exit %d, %q %q", s.args, code, got, errOut)
		}
		if slices.Contains(s.args, "--summary") && !strings.Contains(errOut, "breaks house rules (kept as written)") || strings.Contains(errOut, "rule 2:") != slices.Contains(s.args, "--summary") {
			t.Errorf("%v: stderr %q, want the short line's rule 2 noted", s.args, errOut)
		}
	}
	text, _, _ := cli(t, "export", "--config", cfg, "--db", db)
	if strings.Contains(text, first.Line) {
		t.Error("export kept a rejected story")
	}
	if !strings.Contains(text, "• The Meridian Post reported that staff rewrote this line.\n") {
		t.Errorf("export does not show the edited line:\n%s", text)
	}
	approved, _, _ := cli(t, "export", "--config", cfg, "--db", db, "--approved")
	if strings.Count(approved, "•") != 1 {
		t.Errorf("--approved: got\n%s\nwant the one approved story", approved)
	}
	rejected, _, _ := cli(t, "mentions", "--config", cfg, "--db", db, "--status", "rejected", "--format", "csv")
	if lines := strings.Split(strings.TrimSpace(rejected), "\n"); len(lines) != 2 {
		t.Errorf("mentions --status rejected: got\n%s\nwant a header and one row", rejected)
	}

	// A refetch keeps the staff's decisions.
	cli(t, "fetch", "--config", cfg, "--db", db)
	again, _, _ := cli(t, "export", "--config", cfg, "--db", db)
	if again != text {
		t.Errorf("a second fetch changed the export:\n%s\nwas\n%s", again, text)
	}

	dir := t.TempDir()
	outFile := filepath.Join(dir, "section.md")
	if _, errOut, code := cli(t, "export", "--config", cfg, "--db", db, "--format", "md", "--out", outFile); code != 0 {
		t.Fatalf("export --out: %s", errOut)
	}
	if b, err := os.ReadFile(outFile); err != nil || !strings.HasPrefix(string(b), "- [") {
		t.Errorf("export --out wrote %q, %v", b, err)
	}
	tmpl := writeFile(t, dir, "t.tmpl", "{{range .Items}}{{.Outlet}}|{{end}}")
	got, _, code := cli(t, "export", "--config", cfg, "--db", db, "--template", tmpl)
	if code != 0 || !strings.Contains(got, "The Meridian Post|") {
		t.Errorf("export --template: exit %d, %q", code, got)
	}

	src, _, _ := cli(t, "sources", "--config", cfg, "--db", db, "--format", "json")
	var health []map[string]any
	if err := json.Unmarshal([]byte(src), &health); err != nil || len(health) != 4 {
		t.Fatalf("sources json: %v %s", err, src)
	}
	// The second fetch left the failing source alone: it is backed off.
	if health[0]["name"] != "Northern Dispatch" || health[0]["error_kind"] != "not_a_feed" || health[0]["consecutive_failures"].(float64) != 1 ||
		health[0]["status"] != "failing" || health[0]["next_attempt"] == nil {
		t.Errorf("sources: the failing source is not first with its error and next attempt: %v", health[0])
	}
	for _, key := range []string{"name", "url", "last_attempt", "last_success", "last_error", "error_kind", "consecutive_failures", "items_seen"} {
		if _, ok := health[0][key]; !ok {
			t.Errorf("sources JSON has no %q", key)
		}
	}
}

func TestExtractCommand(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "pipeline", "testdata", "atlantic-arrivals.html"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.yaml", goodConfig)
	out, errOut, code := cliWithInput(t, string(page), "extract", "--config", cfg, "--url", "https://quayside.example/news/atlantic-arrivals.html", "--outlet", "The Quayside Courier")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got["title"] != "Boat arrivals rise on the Atlantic route" || got["published_at"] != "2026-11-24T09:00:00Z" {
		t.Errorf("got %v", got)
	}
	if ms, _ := got["mentions"].([]any); len(ms) != 1 {
		t.Errorf("mentions: got %v, want one", got["mentions"])
	}
	if line, _ := got["line"].(string); !strings.HasPrefix(line, "The Quayside Courier reported that more than 4,100 people") {
		t.Errorf("line: %q", line)
	}
	text, _, _ := cliWithInput(t, string(page), "extract", "--format", "text")
	if strings.Contains(text, "Related stories") || !strings.Contains(text, "one of the deadliest migration routes") {
		t.Errorf("text: %q", text)
	}
}
