package store

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/pressclip/pressclip/internal/synthtext"
)

// BenchmarkSaveArticle adds one generated article (about 500 words, a
// tenth of them syndicated copies) to a store that already keeps 10,000:
// the fingerprint, the near-duplicate lookup, the insert and the
// representative's election, one transaction each. The million-article
// figures come from go -C eval run ./benchdedup (BENCHMARKS.md).
func BenchmarkSaveArticle(b *testing.B) {
	s, err := Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	gen := synthtext.New(1)
	var recent [][]string
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	add := func() {
		paras := gen.Article()
		if n%10 == 9 {
			paras = gen.Copy(recent[n%len(recent)])
		} else if len(recent) < 500 {
			recent = append(recent, paras)
		}
		u := "https://outlet" + strconv.Itoa(n%50) + ".example/news/" + strconv.Itoa(n)
		a := article("Outlet "+strconv.Itoa(n%50), u, synthtext.Join(paras), day.Add(time.Duration(n)*time.Minute))
		if _, err := s.SaveArticle(b.Context(), a); err != nil {
			b.Fatal(err)
		}
		n++
	}
	for range 10000 {
		add()
	}
	b.ResetTimer()
	for b.Loop() {
		add()
	}
}
