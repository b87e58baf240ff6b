package store

import (
	"strings"
	"testing"
)

func TestNumbered(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE x = ? AND y IN (?, ?)`, `SELECT a FROM t WHERE x = $1 AND y IN ($2, $3)`},
		{`SELECT '?' || ? FROM "we?ird"`, `SELECT '?' || $1 FROM "we?ird"`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{`SELECT E'a\'?', ?`, `SELECT E'a\'?', $1`},
		{"SELECT ? -- why?\nFROM t WHERE a = ?", "SELECT $1 -- why?\nFROM t WHERE a = $2"},
		{`SELECT /* ? */ ?`, `SELECT /* ? */ $1`},
		{`SELECT $$ ? $$, ?`, `SELECT $$ ? $$, $1`},
		{`SELECT $tag$ ? $tag$, ?`, `SELECT $tag$ ? $tag$, $1`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
	} {
		if got := numbered(tt.in); got != tt.want {
			t.Errorf("numbered(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNumbered(f *testing.F) {
	for _, s := range []string{`SELECT ?`, `'?'`, `E'\'`, `$$?$$`, `/*?`, "--?\n?", `$1 ?`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		out := numbered(q)
		// Outside quotes and comments every ? is replaced; nothing else
		// changes: the output has as many bytes besides the numbers.
		if strings.Count(out, "?") > strings.Count(q, "?") {
			t.Fatalf("numbered(%q) = %q: more ? than before", q, out)
		}
	})
}

func TestRedact(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/srv/pressclip.db", "/srv/pressclip.db"},
		{"postgres://u:s3cret@db:5432/p", "postgres://u@db:5432/p"},
		{"postgres://u@db/p?password=s3cret&sslmode=require", "postgres://u@db/p?sslmode=require"},
		{"postgresql://db/p?sslpassword=s3cret", "postgresql://db/p"},
	} {
		got := Redact(tt.in)
		if got != tt.want || strings.Contains(got, "s3cret") {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
