package main

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/internal/dbtest"
)

// TestEveryCommandOnPostgres (issue 19): the commands that use the
// database work on a postgres:// URL, given by --db or by
// PRESSCLIP_DATABASE_URL: fetch, mentions, review, export, sources, runs,
// prune, user; backup says to use pg_dump; a database pressclip never set
// up is refused by the reading commands, and no message shows the URL's
// password.
func TestEveryCommandOnPostgres(t *testing.T) {
	_, cfg, _ := demoSetup(t)
	db := dbtest.Schema(t, dbtest.Postgres(t))

	// A reading command on a database pressclip never set up.
	if _, errOut, code := cli(t, "mentions", "--config", cfg, "--db", db); code == 0 || !strings.Contains(errOut, "has no pressclip schema") {
		t.Errorf("mentions on an empty database: exit %d, %s", code, errOut)
	}
	if out, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("fetch exited %d: %s%s", code, out, errOut)
	}
	out, errOut, code := cli(t, "mentions", "--config", cfg, "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("mentions exited %d: %s", code, errOut)
	}
	var rows []struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) < 2 {
		t.Fatalf("mentions JSON: %v, %d rows", err, len(rows))
	}
	first, second := itoa(rows[0].ID), itoa(rows[1].ID)
	if _, errOut, code := cli(t, "review", "--config", cfg, "--db", db, "--approve", "--by", "Amal", first, second); code != 0 {
		t.Fatalf("review --approve exited %d: %s", code, errOut)
	}
	if _, errOut, code := cli(t, "review", "--config", cfg, "--db", db, "--summary", "AFP reported that IOM counted arrivals.", first); code != 0 {
		t.Fatalf("review --summary exited %d: %s", code, errOut)
	}
	out, errOut, code = cli(t, "export", "--config", cfg, "--db", db, "--status", "approved")
	if code != 0 || !strings.Contains(out, "AFP reported that IOM counted arrivals.") {
		t.Errorf("export exited %d: %s%s", code, out, errOut)
	}
	// The environment names the database as well as --db does.
	t.Setenv(databaseURLVar, db)
	for _, args := range [][]string{{"sources"}, {"runs"}, {"prune"}, {"mentions", "--status", "approved"}} {
		out, errOut, code := cli(t, append(args, "--config", cfg)...)
		if code != 0 || out == "" {
			t.Errorf("%s exited %d: %s%s", args[0], code, out, errOut)
		}
	}
	if _, errOut, code := cliWithInput(t, "long enough password\n", "user", "add", "Amal", "--config", cfg); code != 0 {
		t.Errorf("user add exited %d: %s", code, errOut)
	}
	if out, _, _ := cli(t, "user", "list", "--config", cfg); !strings.Contains(out, "Amal") {
		t.Errorf("user list: %q", out)
	}
	backup := filepath.Join(t.TempDir(), "b.dump")
	if _, errOut, code := cli(t, "backup", backup, "--config", cfg); code == 0 || !strings.Contains(errOut, "pg_dump --format=custom") {
		t.Errorf("backup on PostgreSQL: exit %d, %s", code, errOut)
	}

	// A password in the URL is never printed.
	u, _ := url.Parse(db)
	u.User = url.UserPassword(u.User.Username(), "s3cret-pw")
	_, errOut, _ = cli(t, "backup", backup, "--config", cfg, "--db", u.String())
	if strings.Contains(errOut, "s3cret-pw") {
		t.Errorf("a message shows the password: %s", errOut)
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
