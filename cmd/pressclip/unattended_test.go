package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pressclip/pressclip/passlock"
)

// slowConfig writes a config for a slow loopback outlet of n items.
func slowConfig(t *testing.T, n int, delay time.Duration, extra string) (cfg, db string) {
	t.Helper()
	srv := slowOutlet(t, n, delay)
	dir := t.TempDir()
	db = filepath.Join(dir, "p.db")
	cfg = writeFile(t, dir, "config.yaml", fmt.Sprintf(`database: %s
organization:
  name: International Organization for Migration
  aliases: [IOM]
sources:
  - name: Slow
    url: %s/feed.xml
fetch:
  host_delay: 0s
  max_items: 1000
  allow_private_networks: [127.0.0.1/32]
%s`, db, srv.URL, extra))
	return cfg, db
}

// startProcess runs pressclip as a child process.
func startProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PRESSCLIP_TEST_MAIN=1")
	// Its output is shown when the test fails.
	out, err := os.Create(filepath.Join(t.TempDir(), "output"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		out.Close()
		if t.Failed() {
			b, _ := os.ReadFile(out.Name())
			t.Logf("pressclip %s printed:\n%s", strings.Join(args, " "), b)
		}
	})
	return cmd
}

// waitLocked waits until someone holds the database's pass lock. It
// reads the lock file's holder rather than trying the lock: a probe that
// held it for a moment would make the pass it waits for skip.
func waitLocked(t *testing.T, db string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(passlock.PathFor(db)); err == nil && bytes.HasPrefix(b, []byte("pid ")) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no pass took the lock")
}

func runCount(t *testing.T, cfg string) int {
	t.Helper()
	out, errOut, code := cli(t, "runs", "--config", cfg, "--format", "json")
	if code != 0 {
		t.Fatalf("runs: %s", errOut)
	}
	return strings.Count(out, `"id":`)
}

func TestTwoPassesNeverBothWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	cfg, db := slowConfig(t, 30, 50*time.Millisecond, "")
	first := startProcess(t, "fetch", "--config", cfg)
	waitLocked(t, db)

	out, errOut, code := cli(t, "fetch", "--config", cfg)
	want := fmt.Sprintf("another pass is running (pid %d, since ", first.Process.Pid)
	if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, "nothing done") {
		t.Errorf("a second fetch: exit %d, %q %q; want exit 0 and %q", code, out, errOut, want)
	}
	if !strings.Contains(errOut, "pass not started") {
		t.Errorf("the second fetch's log does not say it: %q", errOut)
	}
	// --wait waits for the first pass, then makes its own.
	start := time.Now()
	out, errOut, code = cli(t, "fetch", "--config", cfg, "--wait")
	if code != 0 || !strings.Contains(out, "pass done") {
		t.Fatalf("fetch --wait: exit %d, %q %q", code, out, errOut)
	}
	if err := first.Wait(); err != nil {
		t.Errorf("the first pass: %v", err)
	}
	t.Logf("--wait took %s", time.Since(start))
	if n := runCount(t, cfg); n != 2 {
		t.Errorf("%d passes in the run log, want 2 (the first and the waiting one)", n)
	}
	if n := checkConsistent(t, db); n != 15 {
		t.Errorf("%d stories, want 15, each once", n)
	}
}

func TestSIGTERMMidPassExitsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	cfg, db := slowConfig(t, 80, 40*time.Millisecond, "")
	cmd := startProcess(t, "fetch", "--config", cfg)
	waitLocked(t, db)
	time.Sleep(400 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	took := time.Since(start)
	if err != nil {
		t.Errorf("fetch after SIGTERM: %v, want exit 0", err)
	}
	if took > 10*time.Second {
		t.Errorf("fetch took %s to stop, want under 10 s", took)
	}
	t.Logf("stopped %s after SIGTERM", took)
	before := checkConsistent(t, db)
	out, errOut, code := cli(t, "fetch", "--config", cfg)
	if code != 0 {
		t.Fatalf("the next pass: exit %d, %s", code, errOut)
	}
	if n := checkConsistent(t, db); n != 40 || n < before {
		t.Errorf("after the next pass: %d stories (%d before it), want 40: %s", n, before, out)
	}
}

// TestServeServesTheReviewPages: one serve process runs the schedules and
// the review pages; off loopback it refuses to start without a password.
func TestServeServesTheReviewPages(t *testing.T) {
	if testing.Short() {
		t.Skip("serves")
	}
	cfg, _ := slowConfig(t, 6, 0, "schedule: '0 0 1 1 *'\n")
	base := serveInProcess(t, "listening on ", "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if ok() {
				return
			}
		}
		t.Fatalf("no %s in 20 s", what)
	}
	get := func(path string) (int, string) {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	// The catch-up pass at start fills Today.
	waitFor("story on Today", func() bool {
		code, body := get("/")
		return code == 200 && strings.Contains(body, `<article class="card`)
	})
	for _, path := range []string{"/export", "/sources", "/healthz", "/metrics"} {
		if code, _ := get(path); code != 200 {
			t.Errorf("%s: %d", path, code)
		}
	}

	open := writeFile(t, t.TempDir(), "open.yaml", readFile(t, cfg)+"serve:\n  listen: 0.0.0.0:0\n")
	for _, args := range [][]string{{"--config", cfg, "--listen", "0.0.0.0:0"}, {"--config", open}} {
		if _, errOut, code := cli(t, append([]string{"serve"}, args...)...); code != 2 || !strings.Contains(errOut, "password") {
			t.Errorf("serve %v without a password: exit %d, %q; want 2", args, code, errOut)
		}
	}
}

// TestPasswdAndLogin: a hash from `pressclip passwd` in serve's config
// turns the login on, and the password opens the pages.
func TestPasswdAndLogin(t *testing.T) {
	for _, bad := range []string{"short\n", strings.Repeat("long", 20) + "\n"} {
		if _, errOut, code := cliWithInput(t, bad, "passwd"); code != 2 || !strings.Contains(errOut, "8 to 72 bytes") {
			t.Errorf("passwd %q: exit %d, %q; want 2", bad, code, errOut)
		}
	}
	out, errOut, code := cliWithInput(t, "correct horse battery\n", "passwd")
	hash := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(hash, "$2a$") {
		t.Fatalf("passwd: exit %d, %q %q", code, out, errOut)
	}
	cfg, _ := slowConfig(t, 2, 0, fmt.Sprintf("schedule: '0 0 1 1 *'\nserve:\n  password_hash: '%s'\n", hash))
	base := serveInProcess(t, "listening on ", "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
		t.Fatalf("GET / with a password set: %d %s, want the login", res.StatusCode, res.Header.Get("Location"))
	}
	res, err = c.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := regexp.MustCompile(`name="csrf-token" content="([0-9a-f]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on the login page")
	}
	for _, tc := range []struct {
		password string
		code     int
	}{{"wrong horse", http.StatusUnauthorized}, {"correct horse battery", http.StatusSeeOther}} {
		res, err := c.PostForm(base+"/login", url.Values{"csrf": {string(m[1])}, "password": {tc.password}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.code {
			t.Errorf("login with %q: %d, want %d", tc.password, res.StatusCode, tc.code)
		}
	}
	res, err = c.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET / signed in: %d", res.StatusCode)
	}
}

// TestPruneStopsCleanlyWhileWaiting: prune waits for a pass; SIGTERM
// meanwhile is a clean stop (exit 0), as for fetch.
func TestPruneStopsCleanlyWhileWaiting(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	cfg, db := slowConfig(t, 200, 20*time.Millisecond, "")
	startProcess(t, "fetch", "--config", cfg)
	waitLocked(t, db)
	// prune refuses a database that does not exist yet: the pass creates
	// it after taking its lock.
	for deadline := time.Now().Add(20 * time.Second); runCount(t, cfg) == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the pass did not start")
		}
	}
	prune := startProcess(t, "prune", "--config", cfg)
	// Time for the process to start and wait for the lock (a signal before
	// it listens for one kills it): a loaded machine under the race
	// detector took more than 300 ms.
	time.Sleep(1500 * time.Millisecond)
	prune.Process.Signal(syscall.SIGTERM)
	if err := prune.Wait(); err != nil {
		t.Errorf("prune stopped while waiting: %v, want exit 0", err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServeStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	// A yearly schedule: only the catch-up pass at start runs.
	cfg, db := slowConfig(t, 60, 60*time.Millisecond, "schedule: '0 0 1 1 *'\nserve:\n  listen: 127.0.0.1:0\n")
	cmd := startProcess(t, "serve", "--config", cfg)
	waitLocked(t, db)
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	if err != nil {
		t.Errorf("serve after SIGTERM: %v, want exit 0", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("serve took %s to stop", took)
	}
	checkConsistent(t, db)
	if l, err := passlock.Acquire(t.Context(), db, "test", false); err != nil {
		t.Errorf("the pass lock outlived serve: %v", err)
	} else {
		l.Release()
	}
}

func TestRunsPruneAndBackup(t *testing.T) {
	_, cfg, db := demoSetup(t)
	if _, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("fetch: %s", errOut)
	}
	out, _, code := cli(t, "runs", "--config", cfg, "--db", db)
	if code != 0 || !strings.Contains(out, "started") || strings.Count(out, "\n") != 2 {
		t.Errorf("runs: %q", out)
	}
	out, errOut, code := cli(t, "prune", "--config", cfg, "--db", db)
	if code != 0 || !strings.HasPrefix(out, "pruned 0 seen URLs, 0 article texts, 0 rejected stories, 0 runs") {
		t.Errorf("prune: exit %d, %q %q", code, out, errOut)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if out, errOut, code := cli(t, "backup", backup, "--config", cfg, "--db", db); code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: exit %d, %q %q", code, out, errOut)
	}
	if n := checkConsistent(t, backup); n != 10 {
		t.Errorf("the backup holds %d stories, want 10", n)
	}
	if _, errOut, code := cli(t, "backup", backup, "--config", cfg, "--db", db); code != 2 || !strings.Contains(errOut, "file exists") {
		t.Errorf("a backup over a file: exit %d, %q; want 2", code, errOut)
	}
}

// readerBound is the longest a reader may take during a pass.
const readerBound = 6 * time.Second

// TestReadersNeverWaitForAPass reads (export, mentions, runs, sources)
// over and over while a pass writes: none fails or waits.
func TestReadersNeverWaitForAPass(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	cfg, db := slowConfig(t, 200, 5*time.Millisecond, "")
	cmd := startProcess(t, "fetch", "--config", cfg)
	waitLocked(t, db)
	// The pass takes its lock before it creates and migrates the database,
	// and readers refuse a missing one: they start once the pass is in the
	// run log.
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(db); err == nil && runCount(t, cfg) > 0 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("the pass did not start: %v", err)
		}
	}
	for i := 0; i < 30; i++ {
		for _, args := range [][]string{{"export", "--format", "json"}, {"mentions"}, {"runs"}, {"sources"}} {
			start := time.Now()
			_, errOut, code := cli(t, append(args, "--config", cfg)...)
			if code != 0 || strings.Contains(errOut, "locked") {
				t.Fatalf("%v during a pass: exit %d, %s", args, code, errOut)
			}
			// A reader blocked by the writer would wait out the busy
			// timeout and say "locked" (checked above); the bound here only
			// catches a wait for the whole pass, with room for a loaded
			// machine under the race detector (3.5 s seen in CI).
			if d := time.Since(start); d > readerBound {
				t.Errorf("%v took %s during a pass", args, d)
			}
		}
	}
	cmd.Wait()
}
