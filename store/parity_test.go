package store

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/internal/dbtest"
)

// column is what the parity test compares of a column: its name, its
// type's kind and whether it may be NULL.
type column struct {
	name    string
	kind    string // integer, text, real, blob
	notNull bool
}

// TestSchemaParity: the PostgreSQL schema is the SQLite schema — the same
// tables with the same columns, types and NULL rules, the same indexes
// (PostgreSQL has a few more, named below), at the same version.
func TestSchemaParity(t *testing.T) {
	ctx := t.Context()
	lite, err := Open(ctx, t.TempDir()+"/parity.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg, err := Open(ctx, dbtest.Schema(t, dbtest.Postgres(t)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()

	lv, err := lite.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pv, err := pg.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if lv != pv {
		t.Errorf("schema versions: SQLite %d, PostgreSQL %d (a migration is missing on one side)", lv, pv)
	}

	lt, err := sqliteColumns(ctx, lite.rdb)
	if err != nil {
		t.Fatal(err)
	}
	pt, err := postgresColumns(ctx, pg.rdb)
	if err != nil {
		t.Fatal(err)
	}
	// PostgreSQL's own: the schema version (SQLite's is PRAGMA
	// user_version) and the search vector (SQLite's is articles_fts).
	delete(pt, "pressclip_schema")
	// The workers' shared state: a SQLite database has one process,
	// whose fetcher keeps its hosts' turns in memory.
	delete(pt, "host_turns")
	delete(pt, "url_claims")
	pt["articles"] = slices.DeleteFunc(pt["articles"], func(c column) bool { return c.name == "fts" })
	if got, want := slices.Sorted(maps.Keys(pt)), slices.Sorted(maps.Keys(lt)); !slices.Equal(got, want) {
		t.Fatalf("tables: PostgreSQL %v, SQLite %v", got, want)
	}
	for table, want := range lt {
		got := pt[table]
		slices.SortFunc(got, func(a, b column) int { return strings.Compare(a.name, b.name) })
		slices.SortFunc(want, func(a, b column) int { return strings.Compare(a.name, b.name) })
		if !slices.Equal(got, want) {
			t.Errorf("table %s:\nPostgreSQL %v\nSQLite     %v", table, got, want)
		}
	}

	// Text compares by bytes in both (SQLite's BINARY): every text column
	// of PostgreSQL's schema is COLLATE "C", whatever the locale.
	var other int
	if err := pg.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema()
		AND data_type = 'text' AND COALESCE(collation_name, '') <> 'C'`).Scan(&other); err != nil {
		t.Fatal(err)
	}
	if other != 0 {
		t.Errorf("%d text columns of the PostgreSQL schema sort by the locale, not by bytes", other)
	}

	li, err := lite.rdb.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'`)
	if err != nil {
		t.Fatal(err)
	}
	lidx := names(t, li)
	pi, err := pg.rdb.QueryContext(ctx, `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'`)
	if err != nil {
		t.Fatal(err)
	}
	// PostgreSQL's extra indexes: the search vector's, and two that
	// SQLite does without (it scans seen_urls by last_seen and articles
	// by url; a shared PostgreSQL at a million articles should not).
	pidx := slices.DeleteFunc(names(t, pi), func(n string) bool {
		return n == "articles_fts" || n == "seen_urls_last_seen" || n == "articles_url" || n == "url_claims_until"
	})
	if !slices.Equal(pidx, lidx) {
		t.Errorf("indexes: PostgreSQL %v, SQLite %v", pidx, lidx)
	}
}

func names(t *testing.T, rows *sql.Rows) []string {
	t.Helper()
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func kindOf(typ string) string {
	typ = strings.ToLower(typ)
	switch {
	case strings.Contains(typ, "int"):
		return "integer"
	case strings.Contains(typ, "text") || strings.Contains(typ, "char"):
		return "text"
	case typ == "real" || strings.Contains(typ, "double"):
		return "real"
	case typ == "blob" || typ == "bytea":
		return "blob"
	}
	return typ
}

// sqliteColumns are the columns of every table but SQLite's own and the
// full-text index's.
func sqliteColumns(ctx context.Context, db *sql.DB) (map[string][]column, error) {
	rows, err := db.QueryContext(ctx, `SELECT m.name, p.name, p.type, p."notnull", p.pk FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'articles_fts%'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]column{}
	for rows.Next() {
		var table, name, typ string
		var notNull, pk int
		if err := rows.Scan(&table, &name, &typ, &notNull, &pk); err != nil {
			return nil, err
		}
		// A primary key is NOT NULL in PostgreSQL, and in SQLite's
		// INTEGER PRIMARY KEY and WITHOUT ROWID tables alike.
		out[table] = append(out[table], column{name: name, kind: kindOf(typ), notNull: notNull == 1 || pk > 0})
	}
	return out, rows.Err()
}

func postgresColumns(ctx context.Context, db *sql.DB) (map[string][]column, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
		WHERE table_schema = current_schema()`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]column{}
	for rows.Next() {
		var table, name, typ, nullable string
		if err := rows.Scan(&table, &name, &typ, &nullable); err != nil {
			return nil, err
		}
		out[table] = append(out[table], column{name: name, kind: kindOf(typ), notNull: nullable == "NO"})
	}
	return out, rows.Err()
}
