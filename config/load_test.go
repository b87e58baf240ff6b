package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const validHead = `database: test.db
organization:
  name: International Organization for Migration
  aliases: [IOM, OIM]
  exclude: [Isle of Man]
`

func TestLoadRefusesBadConfigs(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string // the first problem, "config.yaml:LINE: …" prefix and a fragment
	}{
		{"an unknown top-level key is named with its line", validHead + "shedule: '*/5 * * * *'\nsources:\n  - name: A\n    url: https://a.example/rss\n", `config.yaml:6: unknown key "shedule"`},
		{"an unknown source key is named with its line", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\n    selector: h3\n", `config.yaml:9: unknown key "selector"`},
		{"a bad default cron spec", "schedule: '61 * * * *'\n" + validHead + "sources:\n  - name: A\n    url: https://a.example/rss\n", `config.yaml:1: schedule "61 * * * *"`},
		{"a step a cron field cannot take", "schedule: '*/61 * * * *'\n" + validHead + "sources:\n  - name: A\n    url: https://a.example/rss\n", `config.yaml:1: schedule "*/61 * * * *": minute step 61: the field has 60 values`},
		{"a step of hours past the day", "schedule: 'CRON_TZ=Europe/Paris 0 */24 * * *'\n" + validHead + "sources:\n  - name: A\n    url: https://a.example/rss\n", `hour step 24: the field has 24 values`},
		{"a port out of range", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nserve:\n  listen: ':99999'\n", `serve.listen ":99999": the port must be a number from 0 to 65535`},
		{"a bad source cron spec", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\n    schedule: 'every day'\n", `config.yaml:9: schedule "every day"`},
		{"a duplicate source name", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\n  - name: B\n    url: https://b.example/rss\n  - name: a\n    url: https://c.example/rss\n", `config.yaml:11: duplicate source name "a" (first at line 7)`},
		{"a file URL", validHead + "sources:\n  - name: A\n    url: file:///etc/passwd\n", `config.yaml:8: source "A": url "file:///etc/passwd": only http and https`},
		{"a URL that does not parse", validHead + "sources:\n  - name: A\n    url: 'ht!tp://x'\n", `config.yaml:8: source "A": url "ht!tp://x"`},
		{"a URL without a host", validHead + "sources:\n  - name: A\n    url: 'https:///rss'\n", `config.yaml:8: source "A": url "https:///rss": no host`},
		{"a missing URL points at the source", validHead + "sources:\n  - name: A\n", `config.yaml:7: source "A": url is required`},
		{"an unknown source type", validHead + "sources:\n  - name: A\n    type: telepathy\n    url: https://a.example/\n", `config.yaml:8: source "A": unknown type "telepathy"`},
		{"no sources", validHead + "sources: []\n", `config.yaml:6: sources: at least one source`},
		{"no organization names", "organization:\n  exclude: [x]\nsources:\n  - name: A\n    url: https://a.example/rss\n", `config.yaml:2: organization: a name or aliases are needed`},
		{"an empty alias", validHead + "  aliases2: []\n", `config.yaml:6: unknown key "aliases2"`},
		{"every mistake at once", "schedule: '*/61 * * * *'\nbogus: 1\n" + validHead + "sources:\n  - name: A\n    url: file:///x\n    colour: red\nserve:\n  listen: ':99999'\n",
			"config.yaml:1: schedule \"*/61 * * * *\": minute step 61: the field has 60 values, so it would run once (at its first), not every 61\n" +
				"config.yaml:2: unknown key \"bogus\"\nconfig.yaml:10: source \"A\": url \"file:///x\": only http and https URLs can be fetched\n" +
				"config.yaml:11: unknown key \"colour\"\nconfig.yaml:13: serve.listen \":99999\": the port must be a number from 0 to 65535"},
		{"a YAML syntax error gives line and message", "database: [x\n", `config.yaml:1: sequence end token`},
		{"tab indentation", "organization:\n\tname: x\n", `config.yaml:2: found character '	' that cannot start any token`},
		{"a wrong type", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\n    priority: high\n", `config.yaml:9: "high" has the wrong type`},
		{"a bad duration", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nfetch:\n  timeout: soon\n", `config.yaml:10:`},
		{"a bad CIDR", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nfetch:\n  allow_private_networks: [localhost]\n", `config.yaml:10: fetch.allow_private_networks: "localhost" is not a CIDR`},
		{"a googlenews source without a query", validHead + "sources:\n  - name: G\n    type: googlenews\n", `config.yaml:7: source "G": a googlenews source needs a query`},
		{"an empty file", "\n\n", `config.yaml: is empty`},
		{"a page source without a links selector", validHead + "sources:\n  - name: P\n    type: page\n    url: https://p.example/news\n", `config.yaml:7: source "P": a page source needs a links selector`},
		{"a page source with a broken selector", validHead + "sources:\n  - name: P\n    type: page\n    url: https://p.example/news\n    links: 'h3 >> a['\n", `config.yaml:10: source "P": links selector "h3 >> a["`},
		{"a title selector without an item selector", validHead + "sources:\n  - name: P\n    type: page\n    url: https://p.example/news\n    links: h3 a\n    title: h3\n", `config.yaml:7: source "P": title and date selectors need an item selector`},
		{"selectors on a feed source", validHead + "sources:\n  - name: F\n    url: https://f.example/rss\n    links: h3 a\n", `config.yaml:9: source "F": links is for page sources only`},
		{"a sitemap source without a URL", validHead + "sources:\n  - name: S\n    type: sitemap\n", `config.yaml:7: source "S": url is required`},
		{"a query syntax error names the line and the position", validHead + "  query: 'IOM AND (migrants OR refugees))'\nsources:\n  - name: A\n    url: https://a.example/rss\n", `config.yaml:6: query: unexpected ")" at 31`},
		{"a watch query syntax error", validHead + "watches:\n  - name: DG\n    query: '\"Amy Pope\" NEAR/0 IOM'\nsources:\n  - name: A\n    url: https://a.example/rss\n", `config.yaml:8: query: NEAR wants a distance`},
		{"a watch with nothing to find", validHead + "watches:\n  - name: DG\nsources:\n  - name: A\n    url: https://a.example/rss\n", `config.yaml:7: watch "DG": a query or aliases are needed`},
		{"a duplicate watch name", validHead + "watches:\n  - name: International Organization for Migration\n    aliases: [x]\nsources:\n  - name: A\n    url: https://a.example/rss\n", `config.yaml:7: duplicate watch name`},
		{"a zero timeout", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nfetch:\n  timeout: 0s\n", `config.yaml:10: fetch.timeout: must be more than 0s`},
		{"an unknown credit", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nstories:\n  credit: wire\n", `config.yaml:10: stories.credit: "wire": want agency or outlet`},
		{"an unknown line writer", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nlines:\n  writer: gpt\n", `config.yaml:10: lines.writer: "gpt": want extractive or llm`},
		{"the llm writer without a URL", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nlines:\n  writer: llm\n  llm:\n    model: m\n", `config.yaml:12: lines.llm.url: the llm writer needs the URL`},
		{"an llm URL that is not http", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nlines:\n  llm:\n    url: file:///x\n", `config.yaml:11: lines.llm.url "file:///x"`},
		{"too many llm retries", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nlines:\n  llm:\n    retries: 20\n", `config.yaml:11: lines.llm.retries`},
		{"a newsletter language without frames", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nlines:\n  language: sw\n", `config.yaml:10: lines.language: "sw": want one of en, fr, es, de, pt, it`},
		{"an unknown translator", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nlines:\n  translator: deepl\n", `config.yaml:10: lines.translator: "deepl": want none, llm or libretranslate`},
		{"libretranslate without a URL", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nlines:\n  translator: libretranslate\n", `lines.libretranslate.url: the libretranslate translator needs the server's URL`},
		{"a libretranslate URL that is not http", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nlines:\n  libretranslate:\n    url: ftp://x\n", `lines.libretranslate.url "ftp://x"`},
		{"the llm translator without a model", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nlines:\n  translator: llm\n  llm:\n    url: http://127.0.0.1:1/v1\n", `lines.llm.model: the llm writer needs a model`},
		{"a head without a title", validHead + "  head:\n    name: Amy Pope\nsources:\n  - name: A\n    url: https://a.example/rss\n", `config.yaml:7: organization.head: both a title and a name are needed`},
		{"a listen address without a port", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nserve:\n  listen: 0.0.0.0\n", `config.yaml:10: serve.listen "0.0.0.0": want host:port`},
		{"an account without a name", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nserve:\n  users:\n    - password_hash: $2a$10$abc\n", `serve.users: an account without a name`},
		{"an account twice", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nserve:\n  users:\n    - name: Amal\n      password_hash: $2a$10$abc\n    - name: amal\n      password_hash: $2a$10$abc\n", `serve.users: "amal" twice`},
		{"a tier out of range", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\n    tier: 4\n", `source "A": tier 4: want 1`},
		{"an account whose password is no hash", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nserve:\n  users:\n    - name: Amal\n      password_hash: hunter22\n", `serve.users: "Amal": password_hash is not a bcrypt hash`},
		{"a password hash that is not bcrypt", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nserve:\n  password_hash: secret\n", `config.yaml:10: serve.password_hash: not a bcrypt hash`},
		{"a bad prune schedule", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nserve:\n  prune: 'daily'\n", `config.yaml:10: schedule "daily"`},
		{"an export in an unknown format", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nexports:\n  - name: m\n    schedule: '@daily'\n    dir: out\n    formats: [pdf]\n", `config.yaml:13: export "m": format "pdf"`},
		{"an export going nowhere", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nexports:\n  - name: m\n    schedule: '@daily'\n", `config.yaml:10: export "m": a dir or an email is needed`},
		{"an export without a schedule", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nexports:\n  - name: m\n    dir: out\n", `config.yaml:10: export "m": a schedule is needed`},
		{"an email without a sender", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nexports:\n  - name: m\n    schedule: '@daily'\n    email:\n      to: [a@example.org]\n      smtp: {host: smtp.example.org}\n", `config.yaml:13: export "m": email needs from and to`},
		{"a retention that is not a duration", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nretention:\n  seen: forever\n", `config.yaml:10:`},
		{"too many retries", validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nfetch:\n  retries: 50\n", `config.yaml:10: fetch.retries`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tt.yaml), "config.yaml")
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a *config.Error", err)
			}
			// Every problem is reported at once; the one the case is about
			// is among them.
			found := strings.Contains(ce.Error(), tt.want)
			for _, p := range ce.Problems {
				found = found || strings.Contains(p.String(), tt.want)
			}
			if !found {
				t.Errorf("got %q, want a problem %q", ce.Error(), tt.want)
			}
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	src := validHead + "sources:\n  - name: A\n    url: ftp://a.example/\n  - name: A\n    url: https://a.example/\n    schedule: '* * *'\n"
	_, err := Load(strings.NewReader(src), "c.yaml")
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("got %v, want *Error", err)
	}
	if got := len(ce.Problems); got != 3 {
		t.Errorf("got %d problems, want 3:\n%v", got, err)
	}
}

func TestLoadFileProblemsNameThePath(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path, want string
	}{
		{"a missing file", filepath.Join(dir, "nope.yaml"), "no such file"},
		{"a directory", dir, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFile(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want the path and %q", err, tt.want)
			}
		})
	}
}

func TestLoadReadsSchedulesAndRetention(t *testing.T) {
	cfg, err := Load(strings.NewReader(validHead+`schedule: '@every 15m'
sources:
  - name: A
    url: https://a.example/rss
    schedule: 'CRON_TZ=Europe/Zurich 0 7 * * 1-5'
  - name: B
    url: https://b.example/rss
    schedule: '@hourly'
retention:
  seen: 30d
  rejected: 0s
exports:
  - name: morning
    schedule: 'CRON_TZ=Europe/Zurich 0 7 * * 1-5'
    dir: out
`), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Retention.Seen.Value() != 30*24*time.Hour || cfg.Retention.Rejected.Value() != 0 || cfg.Retention.Runs.Value() != DefaultRunsKept {
		t.Errorf("retention %+v", cfg.Retention)
	}
	if x := cfg.Exports[0]; x.Since.Value() != 24*time.Hour || strings.Join(x.Formats, ",") != "html,md" {
		t.Errorf("export defaults %+v", x)
	}
	if cfg.Serve.Listen != DefaultListen || cfg.Serve.Jitter.Value() != DefaultJitter || cfg.Serve.Prune != "@daily" {
		t.Errorf("serve defaults %+v", cfg.Serve)
	}
}

func TestLoadAppliesDefaults(t *testing.T) {
	cfg, err := Load(strings.NewReader(validHead+"sources:\n  - name: A\n    url: https://a.example/rss\n"), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Sources[0].Type != TypeFeed || cfg.Schedule != DefaultSchedule || time.Duration(cfg.Fetch.Timeout) != DefaultTimeout ||
		cfg.Fetch.MaxBodyBytes != DefaultMaxBodyBytes || cfg.Fetch.MaxRedirects != DefaultMaxRedirects || cfg.Stories.Credit != CreditAgency {
		t.Errorf("defaults not applied: %+v", cfg)
	}
}

func TestLoadReadsSizesAndDurations(t *testing.T) {
	src := validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nfetch:\n  timeout: 1m30s\n  max_body_bytes: 2MiB\n"
	cfg, err := Load(strings.NewReader(src), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := time.Duration(cfg.Fetch.Timeout); got != 90*time.Second {
		t.Errorf("timeout: got %v, want 1m30s", got)
	}
	if got := cfg.Fetch.MaxBodyBytes; got != 2<<20 {
		t.Errorf("max_body_bytes: got %d, want %d", got, 2<<20)
	}
}

func TestZeroDelayTurnsTheDelayOff(t *testing.T) {
	src := validHead + "sources:\n  - name: A\n    url: https://a.example/rss\nfetch:\n  host_delay: 0s\n"
	cfg, err := Load(strings.NewReader(src), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Fetch.HostDelay.Value(); got != 0 {
		t.Errorf("host_delay 0s: got %v, want 0", got)
	}
	cfg, _ = Load(strings.NewReader(validHead+"sources:\n  - name: A\n    url: https://a.example/rss\n"), "c.yaml")
	if got := cfg.Fetch.HostDelay.Value(); got != DefaultHostDelay {
		t.Errorf("no host_delay: got %v, want the default %v", got, DefaultHostDelay)
	}
}

func TestRepositoryConfigIsValid(t *testing.T) {
	cfg, err := LoadFile(filepath.Join("..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cfg.Sources); n < 10 || n > 25 {
		t.Errorf("got %d sources, want 10–20 real outlets plus searches", n)
	}
	var google bool
	for _, s := range cfg.Sources {
		if s.Type == TypeGoogleNews {
			google = true
			if !strings.HasPrefix(s.FeedURL(), "https://news.google.com/rss/search?") {
				t.Errorf("googlenews URL %q", s.FeedURL())
			}
		}
	}
	if !google {
		t.Error("no Google News search source")
	}
	if cfg.Organization.ShortName() != "IOM" {
		t.Errorf("short name %q, want IOM", cfg.Organization.ShortName())
	}
	if _, err := os.Stat(filepath.Join("..", "config.yaml")); err != nil {
		t.Fatal(err)
	}
}

func TestGoogleNewsURLAgreesOnLanguageAndRegion(t *testing.T) {
	s := Source{Type: TypeGoogleNews, Query: `"Organisation internationale pour les migrations"`, Language: "fr", Region: "FR"}
	want := "https://news.google.com/rss/search?ceid=FR%3Afr&gl=FR&hl=fr-FR&q=%22Organisation+internationale+pour+les+migrations%22"
	if got := s.FeedURL(); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestCheckListen(t *testing.T) {
	open, locked, accounts := Serve{}, Serve{PasswordEnv: "PRESSCLIP_PASSWORD"}, Serve{Users: []User{{Name: "Amal", PasswordHash: "$2a$10$x"}}}
	for _, tc := range []struct {
		name       string
		s          Serve
		addr       string
		dbAccounts bool
		want       string
		local      bool
	}{
		{"loopback IPv4", open, "127.0.0.1:8080", false, "", true},
		{"loopback IPv6", open, "[::1]:8080", false, "", true},
		{"localhost", open, "localhost:0", false, "", true},
		{"every address without a password", open, "0.0.0.0:8080", false, "not a loopback address", false},
		{"a LAN address without a password", open, "192.168.1.5:8080", false, "not a loopback address", false},
		{"every address with a password", locked, ":8080", false, "", false},
		{"every address with accounts in the config", accounts, ":8080", false, "", false},
		{"every address with accounts in the database", open, ":8080", true, "", false},
		{"no port", open, "127.0.0.1", false, "want host:port", false},
		{"a port that is no number", open, "127.0.0.1:http", false, "the port must be a number from 0 to 65535", true},
		{"a port out of range", open, "127.0.0.1:99999", false, "the port must be a number from 0 to 65535", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.CheckListen(tc.addr, tc.dbAccounts)
			if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("CheckListen(%q) = %v, want %q", tc.addr, err, tc.want)
			}
			if got := IsLoopback(tc.addr); got != tc.local {
				t.Errorf("IsLoopback(%q) = %v, want %v", tc.addr, got, tc.local)
			}
		})
	}
}

// TestLoadFileTakesTheDatabaseFromTheConfigsFolder: a relative database
// (or the default) is beside the config file, wherever the command runs
// (issue 14); an absolute one or a URL is kept as written.
func TestLoadFileTakesTheDatabaseFromTheConfigsFolder(t *testing.T) {
	dir := t.TempDir()
	abs := filepath.Join(t.TempDir(), "elsewhere.db")
	const rest = "organization:\n  name: IOM\nsources:\n  - name: A\n    url: https://a.example/rss\n"
	tests := []struct {
		name, database, want string
	}{
		{"a relative database is in the config's folder", "database: x.db\n", filepath.Join(dir, "x.db")},
		{"a relative path with folders is under the config's folder", "database: data/x.db\n", filepath.Join(dir, "data", "x.db")},
		{"the default database is in the config's folder", "", filepath.Join(dir, DefaultDatabase)},
		{"an absolute database is kept", "database: " + abs + "\n", abs},
		{"a URL is kept", "database: postgres://db.example/pressclip\n", "postgres://db.example/pressclip"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "c"+string(rune('0'+i))+".yaml")
			if err := os.WriteFile(path, []byte(tt.database+rest), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := LoadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Database != tt.want {
				t.Errorf("got database %q, want %q", cfg.Database, tt.want)
			}
		})
	}
	t.Run("Load leaves a relative database as written", func(t *testing.T) {
		cfg, err := Load(strings.NewReader("database: x.db\n"+rest), filepath.Join(dir, "c.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Database != "x.db" {
			t.Errorf("got database %q, want x.db", cfg.Database)
		}
	})
}
