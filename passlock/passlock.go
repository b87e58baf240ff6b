// Package passlock is the one-writer lock of a pressclip database: a file
// beside it ("pressclip.db.lock") held with flock(2) for a whole pass, so
// that a `fetch` from cron and `serve` never run passes at the same time.
//
// The kernel releases the lock when its process dies, however it dies, so
// a lock left by a killed process is never stale: the next Acquire takes
// it. The file also holds who has the lock (pid, start time, command), for
// the message a second pass gives when it finds it busy.
package passlock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"github.com/pressclip/pressclip/store"
)

// Holder says who holds the lock.
type Holder struct {
	PID     int
	Host    string // on PostgreSQL, where passes may run on several hosts
	Since   time.Time
	Command string
}

// BusyError is returned by Acquire without wait when another process (or
// another pass of this one) holds the lock.
type BusyError struct {
	Holder Holder
}

func (e *BusyError) Error() string {
	if e.Holder.PID == 0 {
		return "another pass is running"
	}
	if e.Holder.Host != "" {
		return fmt.Sprintf("another pass is running (pid %d on %s, since %s)", e.Holder.PID, e.Holder.Host, e.Holder.Since.Local().Format("2006-01-02 15:04:05"))
	}
	return fmt.Sprintf("another pass is running (pid %d, since %s)", e.Holder.PID, e.Holder.Since.Local().Format("2006-01-02 15:04:05"))
}

// Lock is a held lock.
type Lock struct {
	f       *flock.Flock
	path    string
	release func() // a PostgreSQL database's lock
}

// PathFor is the lock file of a database.
func PathFor(dbPath string) string { return dbPath + ".lock" }

// retryDelay is how often a waiting Acquire tries again.
const retryDelay = 200 * time.Millisecond

// Acquire takes the lock of the database at dbPath. When another holds
// it, Acquire returns a *BusyError at once, or with wait tries until it is
// free or ctx is done. command is recorded for the next one's message.
//
// A PostgreSQL database (a postgres:// URL) has no file beside it: its
// lock is an advisory lock on the server (store.LockPass), held by a
// connection for the pass, so that passes on different hosts exclude
// each other too.
func Acquire(ctx context.Context, dbPath, command string, wait bool) (*Lock, error) {
	if store.IsPostgres(dbPath) {
		release, err := store.LockPass(ctx, dbPath, command, wait)
		var busy *store.PassBusyError
		if errors.As(err, &busy) {
			return nil, &BusyError{Holder: Holder{PID: busy.PID, Host: busy.Host, Since: busy.Since, Command: busy.Command}}
		}
		if err != nil {
			return nil, err
		}
		return &Lock{release: release}, nil
	}
	path := PathFor(dbPath)
	f := flock.New(path, flock.SetPermissions(0o644))
	var ok bool
	var err error
	if wait {
		ok, err = f.TryLockContext(ctx, retryDelay)
	} else {
		ok, err = f.TryLock()
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("wait for the pass lock %s: %w", path, ctx.Err())
		}
		return nil, fmt.Errorf("pass lock %s: %w", path, err)
	}
	if !ok {
		return nil, &BusyError{Holder: readHolder(path)}
	}
	h := fmt.Sprintf("pid %d\nsince %s\ncommand %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339), command)
	if err := os.WriteFile(path, []byte(h), 0o644); err != nil {
		f.Unlock()
		return nil, fmt.Errorf("pass lock %s: %w", path, err)
	}
	return &Lock{f: f, path: path}, nil
}

// Release releases the lock; the file stays, holding no one.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	if l.release != nil {
		l.release()
		return nil
	}
	_ = os.WriteFile(l.path, nil, 0o644)
	if err := l.f.Unlock(); err != nil {
		return fmt.Errorf("release pass lock %s: %w", l.path, err)
	}
	return nil
}

// readHolder reads who holds the lock, as far as the file says.
func readHolder(path string) Holder {
	var h Holder
	b, err := os.ReadFile(path)
	if err != nil {
		return h
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "pid":
			h.PID, _ = strconv.Atoi(v)
		case "since":
			h.Since, _ = time.Parse(time.RFC3339, v)
		case "command":
			h.Command = v
		}
	}
	return h
}

// IsBusy reports whether err says the lock is held by another.
func IsBusy(err error) bool {
	var b *BusyError
	return errors.As(err, &b)
}
