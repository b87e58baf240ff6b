package store

import (
	"testing"
	"time"
)

func TestExportJobRuns(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	if _, ok, err := s.ExportJobRun(ctx, "morning"); ok || err != nil {
		t.Fatalf("a job that never ran: ok %v, %v", ok, err)
	}
	first := c.now()
	if err := s.RecordExportJob(ctx, "morning", first); err != nil {
		t.Fatal(err)
	}
	c.advance(24 * time.Hour)
	if err := s.RecordExportJob(ctx, "morning", c.now()); err != nil {
		t.Fatal(err)
	}
	at, ok, err := s.ExportJobRun(ctx, "morning")
	if err != nil || !ok || !at.Equal(c.now()) {
		t.Errorf("got %v %v %v, want %v", at, ok, err, c.now())
	}
	if _, ok, _ := s.ExportJobRun(ctx, "evening"); ok {
		t.Error("another job shares the record")
	}
}
