// Package dbtest gives tests a fresh database of the backend under test:
// a SQLite file in the test's temporary directory, or, when
// PRESSCLIP_TEST_BACKEND=postgres, a schema of its own in the PostgreSQL
// database at PRESSCLIP_TEST_POSTGRES (dropped when the test ends), so
// that one suite runs against both backends (issue 19).
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Environment variables.
const (
	// BackendVar selects the backend the suites run against: "sqlite"
	// (or unset) or "postgres".
	BackendVar = "PRESSCLIP_TEST_BACKEND"
	// PostgresVar is a PostgreSQL URL whose role may create schemas.
	PostgresVar = "PRESSCLIP_TEST_POSTGRES"
)

// OnPostgres says whether the suites run against PostgreSQL.
func OnPostgres() bool { return os.Getenv(BackendVar) == "postgres" }

// Target is a new, empty database for t: a file path named name in
// t.TempDir(), or a PostgreSQL URL when the suites run against it.
func Target(t testing.TB, name string) string {
	t.Helper()
	if !OnPostgres() {
		return filepath.Join(t.TempDir(), name)
	}
	return Schema(t, Postgres(t))
}

// Postgres is the PostgreSQL URL for tests that need that backend
// whichever one the suites run against. Without one a test is skipped
// with a message on a developer's machine and fails in CI (CI=true).
func Postgres(t testing.TB) string {
	t.Helper()
	u := os.Getenv(PostgresVar)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI runs the PostgreSQL tests (.ci/run starts a server)", PostgresVar)
		}
		t.Skipf("%s is not set: set it to a PostgreSQL URL to run this test (README, Outgrowing one machine)", PostgresVar)
	}
	return u
}

// Schema creates a schema of its own for t in the database at base and
// returns base's URL with the schema first on its search path; the
// schema is dropped when t ends. Extensions live in public, also on the
// path.
func Schema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", PostgresVar, err)
	}
	defer conn.Close(ctx)
	// Two packages' tests may create it at once: a lost race is harmless.
	if _, err := conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`); err != nil {
		if _, err2 := conn.Exec(ctx, `SELECT 'unaccent'::regdictionary`); err2 != nil {
			t.Fatalf("create extension unaccent: %v", err)
		}
	}
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+name); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+name+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresVar, err)
	}
	q := u.Query()
	q.Set("search_path", name+",public")
	u.RawQuery = q.Encode()
	return u.String()
}
