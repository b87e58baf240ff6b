package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenMustExist: with MustExist a missing file is refused and not
// created (issue 14); an existing database opens as usual.
func TestOpenMustExist(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "missing.db"), filepath.Join(dir, "no", "such", "dir.db")} {
		s, err := Open(t.Context(), path, Options{MustExist: true})
		if !errors.Is(err, ErrNoDatabase) {
			if s != nil {
				s.Close()
			}
			t.Errorf("Open(%s, MustExist): got %v, want ErrNoDatabase", path, err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Open(%s, MustExist) left a file behind: %v", path, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the folder holds %d entries after refused opens, want none", len(entries))
	}

	path := filepath.Join(dir, "p.db")
	s, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(t.Context(), path, Options{MustExist: true})
	if err != nil {
		t.Fatalf("Open of an existing database with MustExist: %v", err)
	}
	defer s.Close()
	if _, err := s.Runs(t.Context(), 1); err != nil {
		t.Errorf("reading it: %v", err)
	}
}
