package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// freshOutlet serves a feed of n stories published in the last hours
// (every other one mentions IOM) and their pages.
func freshOutlet(t *testing.T, n int) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			var b strings.Builder
			b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Fresh</title>`)
			for i := range n {
				pub := time.Now().Add(-time.Duration(i+1) * time.Hour).UTC().Format(time.RFC1123)
				fmt.Fprintf(&b, `<item><title>Crossing %d</title><link>%s/story/%d.html</link><pubDate>%s</pubDate></item>`, i, srv.URL, i, pub)
			}
			b.WriteString(`</channel></rss>`)
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(b.String()))
			return
		}
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/story/%d.html", &i); err != nil {
			http.NotFound(w, r)
			return
		}
		org := "the city council"
		if i%2 == 0 {
			org = "the International Organization for Migration (IOM)"
		}
		fmt.Fprintf(w, `<html><head><title>Crossing %[1]d</title></head><body><article>
<p>Crossing %[1]d: on day %[1]d, %[2]d people were counted at border post %[1]d this week, according to %[3]s.</p>
<p>Officials at border post %[1]d said arrivals had grown %[1]d weeks running, with family groups %[2]d strong.</p>
<p>Aid groups at border post %[1]d asked for shelter space %[1]d, blankets %[2]d and medical staff %[1]d before winter.</p>
</article></body></html>`, i, 200+i, org)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// outletConfig is a config with the given database line and one source per
// URL, named by names.
func outletConfig(database string, names, urls []string) string {
	var b strings.Builder
	b.WriteString(database)
	b.WriteString("organization:\n  name: International Organization for Migration\n  aliases: [IOM]\nsources:\n")
	for i := range names {
		fmt.Fprintf(&b, "  - name: %s\n    url: %s\n", names[i], urls[i])
	}
	b.WriteString("fetch:\n  timeout: 5s\n  host_delay: 0s\n  retries: 0\n  allow_private_networks: [127.0.0.1/32]\n")
	return b.String()
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestReadersRefuseAMissingDatabase (issue 14, item 5): each command that
// reads the database, pointed at one that is not there (a mistyped --db,
// or a config's database: in a folder without one), exits 1 saying so,
// and leaves no file behind.
func TestReadersRefuseAMissingDatabase(t *testing.T) {
	readers := [][]string{
		{"mentions"},
		{"mentions", "--format", "json"},
		{"export"},
		{"sources"},
		{"runs"},
		{"review", "1", "--approve"},
		{"backup", "BACKUP"},
		{"prune"},
	}
	for _, how := range []string{"--db", "database:"} {
		for _, args := range readers {
			t.Run(strings.Join(args, " ")+" with "+how, func(t *testing.T) {
				dir := t.TempDir()
				db := filepath.Join(dir, "typo.db")
				args := slices.Clone(args)
				for i, a := range args {
					if a == "BACKUP" {
						args[i] = filepath.Join(t.TempDir(), "backup.db")
					}
				}
				database := ""
				if how == "--db" {
					args = append(args, "--db", db)
				} else {
					database = "database: typo.db\n"
				}
				cfg := writeFile(t, dir, "config.yaml", outletConfig(database, []string{"A"}, []string{"https://a.example/rss"}))
				out, errOut, code := cli(t, append(args, "--config", cfg)...)
				want := "pressclip: database " + db + " does not exist (run pressclip fetch first, or check --db / database:)\n"
				if code != 1 || errOut != want {
					t.Errorf("got exit %d, stderr %q; want exit 1, %q", code, errOut, want)
				}
				if out != "" {
					t.Errorf("got stdout %q, want nothing", out)
				}
				if got := listDir(t, dir); !slices.Equal(got, []string{"config.yaml"}) {
					t.Errorf("the folder holds %v, want only config.yaml", got)
				}
			})
		}
	}
	t.Run("with --log-format json the refusal is a JSON record", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "typo.db")
		_, errOut, code := cli(t, "mentions", "--db", db, "--log-format", "json")
		recs := jsonLines(t, "stderr", errOut)
		if code != 1 || len(recs) != 1 || recs[0]["level"] != "ERROR" || recs[0]["exit_code"] != 1.0 ||
			!strings.Contains(fmt.Sprint(recs[0]["error"]), db+" does not exist") {
			t.Errorf("got exit %d, %q; want exit 1 and one ERROR record naming %s", code, errOut, db)
		}
	})
}

// TestConfigDatabaseIsBesideTheConfig (issue 14, item 5): a relative
// database: is taken from the config file's folder, whatever the working
// directory; --db stays relative to the working directory.
func TestConfigDatabaseIsBesideTheConfig(t *testing.T) {
	srv := freshOutlet(t, 4)
	work, other := t.TempDir(), t.TempDir()
	t.Chdir(work)
	cfg := writeFile(t, other, "config.yaml", outletConfig("database: x.db\n", []string{"Fresh"}, []string{srv.URL + "/feed.xml"}))

	if out, errOut, code := cli(t, "fetch", "--config", cfg); code != 0 || !strings.Contains(out, "pass done") {
		t.Fatalf("fetch: exit %d, %q %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(other, "x.db")); err != nil {
		t.Errorf("the database is not beside the config: %v", err)
	}
	if got := listDir(t, work); len(got) != 0 {
		t.Errorf("the working directory holds %v, want nothing", got)
	}
	out, errOut, code := cli(t, "mentions", "--config", cfg, "--format", "json")
	if code != 0 || strings.Count(out, `"id":`) != 2 {
		t.Errorf("mentions with the config: exit %d, %q %q; want the 2 stories", code, out, errOut)
	}
	if n := runCount(t, cfg); n != 1 {
		t.Errorf("runs with the config: %d passes, want 1", n)
	}

	// --db on the command line is the working directory's.
	if out, errOut, code := cli(t, "fetch", "--config", cfg, "--db", "here.db"); code != 0 {
		t.Fatalf("fetch --db here.db: exit %d, %q %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(work, "here.db")); err != nil {
		t.Errorf("--db here.db is not in the working directory: %v", err)
	}
	if _, errOut, code := cli(t, "runs", "--config", cfg, "--db", "here.db"); code != 0 {
		t.Errorf("runs --db here.db: exit %d, %q", code, errOut)
	}
}
