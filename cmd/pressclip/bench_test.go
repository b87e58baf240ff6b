package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/demo"
	"github.com/pressclip/pressclip/pipeline"
)

// benchPass runs passes over the demo outlets; fresh gives each pass a new
// database (every article new), otherwise one database is reused (nothing
// new after the first pass).
func benchPass(b *testing.B, fresh bool) {
	sites, err := demo.Start(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	defer sites.Close()
	raw, _ := sites.Config()
	cfg, err := config.Load(bytes.NewReader(raw), "demo")
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	dir := b.TempDir()
	pass := func(db string) pipeline.Report {
		st, err := openStoreToSave(b.Context(), db, log, cfg)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		p, closeFetcher, err := newPipeline(cfg, st, log, passOptions{})
		if err != nil {
			b.Fatal(err)
		}
		defer closeFetcher()
		rep, err := p.Run(b.Context())
		if err != nil {
			b.Fatal(err)
		}
		return rep
	}
	shared := filepath.Join(dir, "shared.db")
	if !fresh {
		pass(shared)
	}
	articles, i := 0, 0
	for b.Loop() {
		db := shared
		if fresh {
			i++
			db = filepath.Join(dir, fmt.Sprintf("fresh%d.db", i))
		}
		articles += pass(db).Totals().NewItems
	}
	if fresh {
		b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
	}
}

// BenchmarkDemoPass: a cold pass over the bundled outlets on loopback,
// every article new (fetch, extract, match, draft, store).
func BenchmarkDemoPass(b *testing.B) { benchPass(b, true) }

// BenchmarkDemoSecondPass: a pass that finds nothing new.
func BenchmarkDemoSecondPass(b *testing.B) { benchPass(b, false) }
