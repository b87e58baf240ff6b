package export

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// WriteFile writes an export to path through a temporary file renamed
// into place, so that a reader (a mail job, a web server) never sees half
// a section. The file gets the mode os.Create gives a new file, 0666 less
// the umask (or what a default ACL of the folder says): readable by all
// under umask 022, by the owner alone under the systemd unit's
// UMask=0077 (issue 15, item 8). A file already at path is replaced, so
// it gets that mode too.
func WriteFile(path string, b []byte) error {
	tmp, err := createTemp(filepath.Dir(path), ".pressclip-export-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// createTemp creates a new file in dir whose name starts with prefix, as
// os.CreateTemp does, but with mode 0666 before the umask, as os.Create
// does: os.CreateTemp's 0600 would keep an export from the readers the
// umask allows, and a chmod after it would have to read the umask, which
// only changing it can do.
func createTemp(dir, prefix string) (*os.File, error) {
	for range 10000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, prefix+"*"), Err: fs.ErrExist}
}
