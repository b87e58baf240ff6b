//go:build unix

package store

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestBackupIsPrivate: a backup is the whole database, 0600 whatever the
// umask lets through.
func TestBackupIsPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	s, _ := openTest(t)
	if s.Postgres() {
		t.Skip("a SQLite backup; TestBackup checks PostgreSQL's answer")
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(t.Context(), path); err != nil {
		t.Fatal(err)
	}
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		t.Fatal(err)
	}
	if mode := st.Mode & 0o777; mode != 0o600 {
		t.Errorf("backup mode %o, want 600", mode)
	}
}
