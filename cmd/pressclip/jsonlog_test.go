package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// jsonLines parses every line of a stream as one JSON object, failing the
// test for a line that is not one.
func jsonLines(t *testing.T, stream, s string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for i, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if line == "" && s == "" {
			break
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("%s line %d is not a JSON object: %q", stream, i+1, line)
			continue
		}
		recs = append(recs, rec)
	}
	return recs
}

// mentioning returns the records in which some value names s.
func mentioning(recs []map[string]any, s string) []map[string]any {
	var out []map[string]any
	for _, r := range recs {
		for _, v := range r {
			if strings.Contains(fmt.Sprint(v), s) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// cronSources is a loopback source set: one outlet that works and three
// that fail in different ways, each with a name no error message contains.
func cronSources(t *testing.T) (names, urls []string) {
	t.Helper()
	good := freshOutlet(t, 4)
	bad := hostile(t)
	return []string{"Good Gazette", "Broken Bugle", "Garbled Gazette", "Refusing Recorder"},
		[]string{good.URL + "/feed.xml", bad.URL + "/missing", bad.URL + "/html", "http://127.0.0.1:1/feed.xml"}
}

// TestFetchLogsJSON (issue 14, item 7): with --log-format json every line
// fetch writes, on stdout and stderr, is a JSON object, each failed source
// is logged once, and a pass with some failures exits 0.
func TestFetchLogsJSON(t *testing.T) {
	names, urls := cronSources(t)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.yaml", outletConfig("database: p.db\n", names, urls))
	for _, verbose := range []bool{false, true} {
		t.Run(fmt.Sprintf("verbose %v", verbose), func(t *testing.T) {
			args := []string{"fetch", "--config", cfg, "--log-format", "json", "--all"}
			if verbose {
				args = append(args, "-v")
			}
			out, errOut, code := cli(t, args...)
			if code != 0 {
				t.Errorf("got exit %d, want 0 (some sources failed, one was read): %s", code, errOut)
			}
			stdout, stderr := jsonLines(t, "stdout", out), jsonLines(t, "stderr", errOut)
			if len(stdout) != 1 || stdout[0]["msg"] != "pass done" || stdout[0]["sources_ok"] != 1.0 || stdout[0]["sources_failed"] != 3.0 {
				t.Errorf("stdout: got %q, want one pass done record with 1 source read and 3 failed", out)
			}
			all := append(stdout, stderr...)
			for _, name := range names[1:] {
				recs := mentioning(all, name)
				if len(recs) != 1 {
					t.Errorf("%s: got %d records naming it, want 1:\n%v", name, len(recs), recs)
					continue
				}
				if recs[0]["level"] != "WARN" || recs[0]["source"] != name || recs[0]["error_kind"] == nil {
					t.Errorf("%s: got %v, want a WARN record with its source and error_kind", name, recs[0])
				}
			}
			if len(mentioning(stderr, names[0])) == 0 {
				t.Errorf("nothing logged about %s", names[0])
			}
		})
	}
}

// TestFetchExitsNonZeroWhenEverySourceFails (issue 14, item 7): a pass in
// which every source it tried failed exits 1, with a JSON error record
// under --log-format json; a pass that tried nothing (every source backed
// off) is done.
func TestFetchExitsNonZeroWhenEverySourceFails(t *testing.T) {
	names, urls := cronSources(t)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.yaml", outletConfig("database: p.db\n", names[1:], urls[1:]))

	out, errOut, code := cli(t, "fetch", "--config", cfg, "--log-format", "json")
	stdout, stderr := jsonLines(t, "stdout", out), jsonLines(t, "stderr", errOut)
	if code != 1 {
		t.Errorf("got exit %d, want 1", code)
	}
	if len(stdout) != 1 || stdout[0]["msg"] != "pass done" || stdout[0]["sources_failed"] != 3.0 {
		t.Errorf("stdout: got %q, want the pass done record", out)
	}
	if n := len(stderr); n == 0 || stderr[n-1]["level"] != "ERROR" || stderr[n-1]["msg"] != "command failed" ||
		stderr[n-1]["command"] != "fetch" || stderr[n-1]["exit_code"] != 1.0 ||
		stderr[n-1]["error"] != "every source failed (3 failed, none read): see `pressclip sources`" {
		t.Errorf("stderr: got %q, want it to end with the ERROR record of exit 1", errOut)
	}
	for _, name := range names[1:] {
		if n := len(mentioning(append(stdout, stderr...), name)); n != 1 {
			t.Errorf("%s: got %d records naming it, want 1", name, n)
		}
	}

	// The sources are backed off now: the next pass tries none, and is done.
	out, errOut, code = cli(t, "fetch", "--config", cfg, "--log-format", "json")
	jsonLines(t, "stdout", out)
	jsonLines(t, "stderr", errOut)
	if code != 0 || !strings.Contains(out, `"backed_off":3`) {
		t.Errorf("a pass with every source backed off: exit %d, %q %q; want exit 0", code, out, errOut)
	}

	// In text, the same: exit 1 and a line that says why.
	out, errOut, code = cli(t, "fetch", "--config", cfg, "--all")
	if code != 1 || strings.Count(out, "failed: ") != 3 || !strings.HasSuffix(errOut, "pressclip: every source failed (3 failed, none read): see `pressclip sources`\n") {
		t.Errorf("text: exit %d, %q %q; want exit 1, three failed lines and why", code, out, errOut)
	}
}

// TestUsageErrorsUnderJSONAreJSON: a bad config under --log-format json
// is still exit 2, said in one JSON record.
func TestUsageErrorsUnderJSONAreJSON(t *testing.T) {
	cfg := writeFile(t, t.TempDir(), "config.yaml", goodConfig+"nope: 1\n")
	out, errOut, code := cli(t, "fetch", "--config", cfg, "--log-format", "json")
	recs := jsonLines(t, "stderr", errOut)
	if code != 2 || out != "" || len(recs) != 1 || recs[0]["exit_code"] != 2.0 ||
		!strings.Contains(fmt.Sprint(recs[0]["error"]), `config.yaml:8: unknown key "nope"`) {
		t.Errorf("got exit %d, %q %q; want exit 2 and one record with the problem", code, out, errOut)
	}
}

// lockedBuffer is a bytes.Buffer that serve's goroutines can share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeLogsJSON (issue 14, item 7): serve under --log-format json
// writes JSON only, its catch-up pass logging each failed source once.
func TestServeLogsJSON(t *testing.T) {
	names, urls := cronSources(t)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.yaml", outletConfig("database: p.db\nschedule: '0 0 1 1 *'\n", names, urls))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--config", cfg, "--listen", "127.0.0.1:0", "--log-format", "json"}, strings.NewReader(""), &out, &errOut)
	}()
	var addr string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if addr == "" {
			for _, r := range jsonLines(t, "stdout", out.String()) {
				if a, ok := r["addr"].(string); ok {
					addr = a
				}
			}
		}
		if addr != "" && strings.Contains(errOut.String(), `"msg":"pass done"`) {
			break
		}
	}
	if addr == "" {
		t.Fatalf("serve said no address: %q %q", out.String(), errOut.String())
	}
	if res, err := http.Get(addr + "/healthz"); err != nil {
		t.Errorf("healthz: %v", err)
	} else {
		res.Body.Close()
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d, want 0", code)
	}
	stdout, stderr := jsonLines(t, "stdout", out.String()), jsonLines(t, "stderr", errOut.String())
	if len(stdout) != 1 || stdout[0]["msg"] != "pressclip serve: listening" {
		t.Errorf("stdout: got %q, want the one listening record", out.String())
	}
	if !strings.Contains(errOut.String(), `"msg":"pass done"`) {
		t.Fatalf("no pass done in serve's log: %s", errOut.String())
	}
	for _, name := range names[1:] {
		if n := len(mentioning(append(stdout, stderr...), name)); n != 1 {
			t.Errorf("%s: got %d records naming it, want 1", name, n)
		}
	}
}

// TestPruneAndBackupLogJSON: the nightly jobs under --log-format json
// write JSON only, what they did as one record on stdout.
func TestPruneAndBackupLogJSON(t *testing.T) {
	srv := freshOutlet(t, 2)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.yaml", outletConfig("database: p.db\n", []string{"Fresh"}, []string{srv.URL + "/feed.xml"}))
	if _, errOut, code := cli(t, "fetch", "--config", cfg); code != 0 {
		t.Fatalf("fetch: exit %d, %s", code, errOut)
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"prune"}, "pruned"},
		{[]string{"backup", backup}, "backed up"},
	} {
		out, errOut, code := cli(t, append(tc.args, "--config", cfg, "--log-format", "json")...)
		stdout := jsonLines(t, "stdout", out)
		jsonLines(t, "stderr", errOut)
		if code != 0 || len(stdout) != 1 || stdout[0]["msg"] != tc.msg {
			t.Errorf("%v: exit %d, %q %q; want exit 0 and one %q record", tc.args, code, out, errOut, tc.msg)
		}
	}
}
