package passlock

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary hold a lock as another process: with
// PASSLOCK_HOLD=path it takes the lock, says so, and sleeps.
func TestMain(m *testing.M) {
	if path := os.Getenv("PASSLOCK_HOLD"); path != "" {
		if _, err := Acquire(context.Background(), path, "holder", false); err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// holder starts another process holding the lock of db.
func holder(t *testing.T, db string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PASSLOCK_HOLD="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	buf := make([]byte, 64)
	n, _ := out.Read(buf)
	if !strings.HasPrefix(string(buf[:n]), "locked") {
		t.Fatalf("holder: %q", buf[:n])
	}
	return cmd
}

func TestOneHolderAtATime(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	l, err := Acquire(t.Context(), db, "fetch", false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(t.Context(), db, "serve", false)
	if !IsBusy(err) {
		t.Fatalf("a second Acquire got %v, want busy", err)
	}
	if want := "another pass is running (pid " + itoa(os.Getpid()) + ", since "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %q, want it to start with %q", err, want)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(t.Context(), db, "serve", false)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

func TestAnotherProcessHoldsIt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	cmd := holder(t, db)
	_, err := Acquire(t.Context(), db, "fetch", false)
	var b *BusyError
	if !errors.As(err, &b) || b.Holder.PID != cmd.Process.Pid || b.Holder.Command != "holder" {
		t.Fatalf("got %v, want busy naming pid %d", err, cmd.Process.Pid)
	}
}

func TestAKilledHolderLeavesNoStaleLock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	cmd := holder(t, db)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	l, err := Acquire(t.Context(), db, "fetch", false)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Release()
}

func TestWaitTakesTheLockWhenFree(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	l, err := Acquire(t.Context(), db, "fetch", false)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		l.Release()
	}()
	start := time.Now()
	l2, err := Acquire(t.Context(), db, "serve", true)
	if err != nil {
		t.Fatalf("wait: %v", err)
	}
	defer l2.Release()
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Errorf("took the lock after %s, before it was released", d)
	}
}

func TestWaitEndsWithItsContext(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	l, err := Acquire(t.Context(), db, "fetch", false)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = Acquire(ctx, db, "serve", true)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a wait past its deadline: %v, want context.DeadlineExceeded", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the wait ended %s after its 300 ms deadline", took)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
