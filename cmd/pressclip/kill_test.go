package main

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// slowOutlet serves a feed of n items whose pages take delay each; even
// items mention IOM.
func slowOutlet(t *testing.T, n int, delay time.Duration) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			var b strings.Builder
			b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>`)
			// Dated within fetch.max_age (7 days) whatever the day.
			base := time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Hour)
			for i := range n {
				pub := base.Add(time.Duration(i%60) * time.Minute).Format(http.TimeFormat)
				fmt.Fprintf(&b, `<item><title>Story %d</title><link>%s/story/%d.html</link><pubDate>%s</pubDate></item>`, i, srv.URL, i, pub)
			}
			b.WriteString(`</channel></rss>`)
			w.Write([]byte(b.String()))
			return
		}
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/story/%d.html", &i); err != nil {
			http.NotFound(w, r)
			return
		}
		time.Sleep(delay)
		org := "the city council"
		if i%2 == 0 {
			org = "the International Organization for Migration (IOM)"
		}
		// Every five words hold a word of this story's own, so that no two
		// stories are near duplicates of each other.
		fmt.Fprintf(w, `<html><head><title>Story %[1]d</title></head><body><article>
<p>Story %[1]d: on day %[1]d, %[2]d people were counted at crossing %[1]d this week, according to %[3]s.</p>
<p>Officials at crossing %[1]d said arrivals had grown %[1]d weeks running, with family groups %[2]d strong.</p>
<p>Aid groups at crossing %[1]d asked for shelter space %[1]d, blankets %[2]d and medical staff %[1]d before winter.</p>
</article></body></html>`, i, 100+i, org)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestKillMidPassLeavesAConsistentDatabase kills a real fetch process 20
// times at random moments and checks that the database opens, passes
// integrity_check, holds no half-written story, never loses a mention it
// stored, and that a rerun completes the pass.
func TestKillMidPassLeavesAConsistentDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const items = 640
	srv := slowOutlet(t, items, 25*time.Millisecond)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.yaml", fmt.Sprintf(`database: %s
organization:
  name: International Organization for Migration
  aliases: [IOM]
sources:
  - name: Slow
    url: %s/feed.xml
fetch:
  host_delay: 0s
  max_items: 1000
  allow_private_networks: [127.0.0.1/32]
`, filepath.Join(dir, "kill.db"), srv.URL))
	db := filepath.Join(dir, "kill.db")

	// A mention once stored is never lost: every kill leaves at least the
	// articles the one before left.
	kept := map[string]bool{}
	kills := 20
	for k := range kills {
		delay := time.Duration(100+rand.IntN(300)) * time.Millisecond
		cmd := exec.Command(os.Args[0], "fetch", "--config", cfg)
		cmd.Env = append(os.Environ(), "PRESSCLIP_TEST_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		n := checkConsistent(t, db)
		now := storedURLs(t, db)
		for u := range kept {
			if !now[u] {
				t.Errorf("kill %d lost the stored mention %s", k+1, u)
			}
		}
		kept = now
		t.Logf("kill %d after %v: %d stories kept", k+1, delay, n)
	}

	out, errOut, code := cli(t, "fetch", "--config", cfg)
	if code != 0 {
		t.Fatalf("rerun exited %d: %s", code, errOut)
	}
	if n := checkConsistent(t, db); n != items/2 {
		t.Errorf("after the rerun: %d stories, want %d (%s)", n, items/2, out)
	}
}

// storedURLs returns the URLs of the articles kept.
func storedURLs(t *testing.T, path string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	if _, err := os.Stat(path); err != nil {
		return out
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT canonical_url FROM articles")
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return out
		}
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		rows.Scan(&u)
		out[u] = true
	}
	return out
}

// checkConsistent runs integrity_check and the invariants a half-written
// story would break; it returns the number of stories.
func checkConsistent(t *testing.T, path string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return 0 // killed before the database was created
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q, %v", res, err)
	}
	for _, q := range []struct{ name, sql string }{
		{"stories without a representative article", `SELECT COUNT(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.representative_id)`},
		{"articles without mentions", `SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)`},
		{"articles whose URL is not marked seen", `SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM seen_urls u WHERE u.url = a.canonical_url)`},
	} {
		var n int
		if err := db.QueryRow(q.sql).Scan(&n); err != nil && !strings.Contains(err.Error(), "no such table") {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s: %d", q.name, n)
		}
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM stories").Scan(&n); err != nil && !strings.Contains(err.Error(), "no such table") {
		t.Fatal(err)
	}
	return n
}
