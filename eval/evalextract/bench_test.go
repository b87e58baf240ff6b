package main

import (
	"os"
	"testing"
)

// BenchmarkEngines extracts every page of the development corpus with
// each engine (go test -C eval ./evalextract -bench . -cpu 1); it is
// skipped when the corpus is not beside the repository.
func BenchmarkEngines(b *testing.B) {
	dir := "../../../shared/corpus/readability-pages"
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no corpus at", dir)
	}
	pages, err := load(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range engineNames() {
		b.Run(name, func(b *testing.B) {
			eng := engines[name]
			for b.Loop() {
				for _, p := range pages {
					run(eng, p.source, pageURL)
				}
			}
			b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
