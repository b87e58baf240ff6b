//go:build unix

package export

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Issue 15, item 8: an export was forced to 0644 whatever the umask; it is
// now created as os.Create creates a file, 0666 less the umask. The umask
// belongs to the process, so these tests do not run in parallel.
func TestWriteFileFollowsTheUmask(t *testing.T) {
	tests := []struct {
		umask int
		want  os.FileMode
	}{
		{0o022, 0o644},
		{0o077, 0o600},
		{0o027, 0o640},
		{0o002, 0o664},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("under umask %03o the export is %04o", tt.umask, tt.want), func(t *testing.T) {
			old := syscall.Umask(tt.umask)
			defer syscall.Umask(old)
			path := filepath.Join(t.TempDir(), "section.md")
			if err := WriteFile(path, []byte("- a line\n")); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != tt.want {
				t.Errorf("got %04o, want %04o", got, tt.want)
			}
			b, err := os.ReadFile(path)
			if err != nil || string(b) != "- a line\n" {
				t.Errorf("got %q (%v), want the section", b, err)
			}
		})
	}
	t.Run("a file written over an export is created anew, under the umask of now", func(t *testing.T) {
		old := syscall.Umask(0o077)
		defer syscall.Umask(old)
		path := filepath.Join(t.TempDir(), "section.md")
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(path, []byte("new")); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != 0o600 {
			t.Errorf("got %04o, want 0600", got)
		}
		entries, _ := os.ReadDir(filepath.Dir(path))
		if len(entries) != 1 {
			t.Errorf("got %d files in the folder, want the export alone (no temporary file left)", len(entries))
		}
	})
}
