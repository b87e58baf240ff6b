//go:build unix

package store

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Issue 15, item 8: a new database was created 0644 under umask 022, and
// SQLite gives the -wal and -shm files it creates the database file's
// mode. The umask belongs to the process, so these tests do not run in
// parallel.
func TestNewDatabaseIsPrivate(t *testing.T) {
	for _, umask := range []int{0o022, 0o002, 0o077} {
		t.Run(fmt.Sprintf("under umask %03o a new database and its -wal and -shm are 0600", umask), func(t *testing.T) {
			old := syscall.Umask(umask)
			defer syscall.Umask(old)
			path := filepath.Join(t.TempDir(), "pressclip.db")
			s, err := Open(t.Context(), path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.Check(t.Context()); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{path, path + "-wal", path + "-shm"} {
				st, err := os.Stat(name)
				if err != nil {
					t.Fatalf("got %v, want the file while the database is open", err)
				}
				if got := st.Mode().Perm(); got != 0o600 {
					t.Errorf("%s: got %04o, want 0600", filepath.Base(name), got)
				}
			}
		})
	}
	t.Run("an existing database keeps its mode, and its -wal and -shm follow it", func(t *testing.T) {
		old := syscall.Umask(0o022)
		defer syscall.Umask(old)
		path := filepath.Join(t.TempDir(), "pressclip.db")
		s, err := Open(t.Context(), path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		if err := os.Chmod(path, 0o640); err != nil {
			t.Fatal(err)
		}
		s, err = Open(t.Context(), path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		for _, name := range []string{path, path + "-wal", path + "-shm"} {
			st, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != 0o640 {
				t.Errorf("%s: got %04o, want 0640", filepath.Base(name), got)
			}
		}
	})
}
