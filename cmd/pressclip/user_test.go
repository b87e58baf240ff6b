package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/serve"
	"github.com/pressclip/pressclip/store"
)

// TestUserAccounts: user add makes an account (a new database when
// there is none yet), again gives it a new password; list shows it,
// remove takes it away; the password rule is passwd's.
func TestUserAccounts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "accounts.db")
	steps := []struct {
		name  string
		input string
		args  []string
		code  int
		want  string
	}{
		{"a short password", "short\n", []string{"user", "add", "Amal"}, 2, "8 to 72 bytes"},
		{"a name that does not print", "long enough password\n", []string{"user", "add", "Am\tal"}, 2, "does not print"},
		{"a name with a space around it", "long enough password\n", []string{"user", "add", " Amal"}, 2, "starts or ends with a space"},
		{"list before any database", "", []string{"user", "list"}, 1, "does not exist"},
		{"add", "long enough password\n", []string{"user", "add", "Amal Haddad"}, 0, "added Amal Haddad"},
		{"add again", "another long password\n", []string{"user", "add", "amal haddad"}, 0, "new password for amal haddad (signed out everywhere)"},
		{"add another", "omar's long password\n", []string{"user", "add", "Omar"}, 0, "added Omar"},
		{"list", "", []string{"user", "list"}, 0, "Amal Haddad\tadded "},
		{"remove", "", []string{"user", "remove", "omar"}, 0, "removed omar"},
		{"remove again", "", []string{"user", "remove", "Omar"}, 2, `no user "Omar"`},
		{"no name", "", []string{"user", "add"}, 2, "takes one account name"},
	}
	for _, s := range steps {
		out, errOut, code := cliWithInput(t, s.input, append(s.args, "--db", db)...)
		if code != s.code || !strings.Contains(out+errOut, s.want) {
			t.Errorf("%s: exit %d, %q %q; want %d and %q", s.name, code, out, errOut, s.code, s.want)
		}
	}
	// A name the config's accounts hold is changed there, not here.
	cfg := writeFile(t, t.TempDir(), "config.yaml", goodConfig+"serve:\n  users:\n    - name: Zoë\n      password_hash: $2a$10$abcdefghijklmnopqrstuv\n")
	if _, errOut, code := cliWithInput(t, "long enough password\n", "user", "add", "ZOË", "--config", cfg, "--db", db); code != 2 || !strings.Contains(errOut, "an account of the config") {
		t.Errorf("user add of a config account's name: exit %d, %q", code, errOut)
	}
	out, _, _ := cli(t, "user", "list", "--db", db)
	if strings.Contains(out, "Omar") || strings.Count(out, "\n") != 1 {
		t.Errorf("list after remove: %q", out)
	}
	st, err := store.Open(t.Context(), db, store.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, hash, ok, err := st.UserHash(t.Context(), "Amal Haddad")
	if err != nil || !ok || !strings.HasPrefix(hash, "$2a$") {
		t.Fatalf("the account's hash: %q %v %v", hash, ok, err)
	}
	// serve may then listen beyond loopback: the database asks a login.
	open := &config.Config{Serve: config.Serve{Listen: "0.0.0.0:8080"}}
	if err := checkListen(t.Context(), open, st); err != nil {
		t.Errorf("with an account in the database: %v", err)
	}
	if err := st.RemoveUser(t.Context(), "Amal Haddad"); err != nil {
		t.Fatal(err)
	}
	if err := checkListen(t.Context(), open, st); err == nil || !strings.Contains(err.Error(), "pressclip user add") {
		t.Errorf("with no account: %v, want a refusal naming user add", err)
	}
}

// TestReviewRecordsTheReviewer: the command line's decisions are
// recorded as --by, in the JSON export's audit.
func TestReviewRecordsTheReviewer(t *testing.T) {
	cfg, db, rows := fetchedDemo(t)
	id := strconv.FormatInt(rows[0].ID, 10)
	if _, errOut, code := cli(t, "review", id, "--approve", "--by", "Amal", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("review: %s", errOut)
	}
	if _, errOut, code := cli(t, "review", id, "--summary", "AFP reported that IOM counted 18,000 arrivals.", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("review: %s", errOut)
	}
	out, _, _ := cli(t, "export", "--config", cfg, "--db", db, "--format", "json")
	var items []struct {
		ID    int64 `json:"id"`
		Audit []struct {
			By, Action, Detail string
		} `json:"audit"`
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil || len(items) != 1 {
		t.Fatalf("export: %v %s", err, out)
	}
	a := items[0].Audit
	if len(a) != 2 || a[0].By != "Amal" || a[0].Action != store.AuditApproved || a[1].Action != store.AuditLineEdited ||
		!strings.Contains(a[1].By, "command line") || a[1].Detail != "AFP reported that IOM counted 18,000 arrivals." {
		t.Errorf("audit = %+v", a)
	}
}

// TestEnvironmentOverridesTheConfig: the environment is applied once, in
// cmd, before the config is validated: PRESSCLIP_LIBRETRANSLATE_URL gives
// a translator its server; a bad PRESSCLIP_ALLOW_PRIVATE_NETWORKS is a
// problem of the config.
func TestEnvironmentOverridesTheConfig(t *testing.T) {
	cfg := writeFile(t, t.TempDir(), "config.yaml", goodConfig+"lines:\n  translator: libretranslate\n")
	if _, errOut, code := cli(t, "check", "--config", cfg); code != 2 || !strings.Contains(errOut, "needs the server's URL") {
		t.Errorf("without the URL: exit %d, %q", code, errOut)
	}
	t.Setenv("PRESSCLIP_LIBRETRANSLATE_URL", "http://127.0.0.1:5000")
	if out, errOut, code := cli(t, "check", "--config", cfg); code != 0 {
		t.Errorf("with PRESSCLIP_LIBRETRANSLATE_URL: exit %d, %q %q", code, out, errOut)
	}
	// A bad URL in the environment is blamed on its variable; one for a
	// service the config does not use is not read.
	t.Setenv("PRESSCLIP_LIBRETRANSLATE_URL", "not a url")
	if _, errOut, code := cli(t, "check", "--config", cfg); code != 2 || !strings.Contains(errOut, `PRESSCLIP_LIBRETRANSLATE_URL "not a url"`) {
		t.Errorf("a bad PRESSCLIP_LIBRETRANSLATE_URL: exit %d, %q", code, errOut)
	}
	t.Setenv("PRESSCLIP_LIBRETRANSLATE_URL", "http://127.0.0.1:5000")
	t.Setenv("PRESSCLIP_LLM_URL", "not a url either")
	if _, errOut, code := cli(t, "check", "--config", cfg); code != 0 {
		t.Errorf("PRESSCLIP_LLM_URL with no LLM in the config: exit %d, %q", code, errOut)
	}
	t.Setenv("PRESSCLIP_ALLOW_PRIVATE_NETWORKS", "10.0.0.0/8,not-a-cidr")
	if _, errOut, code := cli(t, "check", "--config", cfg); code != 2 || !strings.Contains(errOut, "PRESSCLIP_ALLOW_PRIVATE_NETWORKS") {
		t.Errorf("a bad PRESSCLIP_ALLOW_PRIVATE_NETWORKS: exit %d, %q", code, errOut)
	}
}

// TestServeOptions: serve's options from the config — the sources grouped
// by schedule (their own, else the config's), the export jobs with their
// mail (the SMTP password from its variable), the retention and the
// sections' style.
func TestServeOptions(t *testing.T) {
	t.Setenv("TEST_SMTP_PASSWORD", "s3cret")
	yaml := `database: x.db
organization:
  name: International Organization for Migration
  aliases: [IOM]
schedule: '*/30 * * * *'
sources:
  - name: A
    url: https://a.example/rss
  - name: B
    url: https://b.example/rss
    schedule: '@hourly'
  - name: C
    url: https://c.example/rss
stories:
  group: outlet
lines:
  language: fr
retention:
  rejected: 30d
exports:
  - name: Morning
    schedule: '0 7 * * *'
    status: all
    since: 12h
    formats: [text]
    email: {to: [a@example.org], from: p@example.org, subject: Press, smtp: {host: smtp.example.org, port: 587, username: u, password_env: TEST_SMTP_PASSWORD}}
  - name: Section
    schedule: '0 8 * * 1'
    approved: true
    dir: out
serve:
  listen: 127.0.0.1:9999
  jitter: 5s
`
	cfg, err := config.Load(strings.NewReader(yaml), "config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o := serveOptions(cfg)
	if len(o.Passes) != 2 || o.Passes[0].Spec != "*/30 * * * *" || strings.Join(o.Passes[0].Sources, ",") != "A,C" ||
		o.Passes[1].Spec != "@hourly" || strings.Join(o.Passes[1].Sources, ",") != "B" {
		t.Errorf("passes: %+v", o.Passes)
	}
	if o.Listen != "127.0.0.1:9999" || o.Jitter != 5*time.Second || o.Group != "outlet" || o.Language != "fr" ||
		o.Retention.Rejected != 30*24*time.Hour || o.Prune == "" || len(o.Sources) != 3 {
		t.Errorf("options: %+v", o)
	}
	if len(o.Exports) != 2 {
		t.Fatalf("exports: %+v", o.Exports)
	}
	m, s := o.Exports[0], o.Exports[1]
	if m.Status != serve.JobAll || m.Since != 12*time.Hour || m.Mail == nil || m.Mail.Password != "s3cret" || m.Mail.Host != "smtp.example.org" ||
		m.Mail.Port != 587 || m.Mail.Username != "u" || m.Mail.Subject != "Press" || len(m.Mail.To) != 1 {
		t.Errorf("the mailed digest: %+v %+v", m, m.Mail)
	}
	if s.Status != serve.JobApproved || s.Mail != nil || s.Dir == "" {
		t.Errorf("the section job (approved: true): %+v", s)
	}
	names := func(srcs []config.Source) (out []string) {
		for _, s := range srcs {
			out = append(out, s.Name)
		}
		return out
	}
	if got := names(sourcesNamed(cfg, []string{"C", "A"})); strings.Join(got, ",") != "A,C" {
		t.Errorf("sourcesNamed: %v, want the config's order", got)
	}
}
