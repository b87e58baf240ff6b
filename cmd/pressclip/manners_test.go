package main

import (
	"encoding/json"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCSVStartsWithTheByteOrderMark: Excel reads a CSV file as UTF-8 only
// when it starts with the mark; --bom=false leaves it out.
func TestCSVStartsWithTheByteOrderMark(t *testing.T) {
	_, cfg, db := demoSetup(t)
	if _, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("fetch: %s", errOut)
	}
	for _, tt := range []struct {
		args []string
		bom  bool
	}{
		{[]string{"mentions", "--format", "csv"}, true},
		{[]string{"mentions", "--format", "csv", "--bom=false"}, false},
		{[]string{"export", "--format", "csv", "--status", "all"}, true},
		{[]string{"export", "--format", "csv", "--status", "all", "--bom=false"}, false},
		{[]string{"export", "--format", "text", "--status", "all"}, false},
	} {
		out, errOut, code := cli(t, append(tt.args, "--config", cfg, "--db", db)...)
		if code != 0 || strings.HasPrefix(out, "\ufeff") != tt.bom {
			t.Errorf("%v: exit %d, starts %q (%s); want the mark: %v", tt.args, code, out[:min(len(out), 12)], errOut, tt.bom)
		}
	}
}

// TestDemoServeChecksItsPortFirst: a port in use fails `demo --serve` at
// once, before the pass, not after it.
func TestDemoServeChecksItsPortFirst(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	out, errOut, code := cli(t, "demo", "--db", filepath.Join(t.TempDir(), "d.db"), "--serve", "--listen", ln.Addr().String())
	if code != 1 || !strings.Contains(errOut, "listen on "+ln.Addr().String()) || strings.Contains(out, "sample outlets") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 before the pass", code, out, errOut)
	}
	if _, errOut, code := cli(t, "demo", "--serve", "--listen", "0.0.0.0:8080"); code != 2 || !strings.Contains(errOut, "want a loopback address") {
		t.Errorf("a public address: exit %d, %q", code, errOut)
	}
}

// TestFlagValuesComplete: the shell completion (pressclip completion
// bash) offers the values of --format, --status and --group.
func TestFlagValuesComplete(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "export", "--format", ""}, []string{"text", "md", "html", "csv", "json", "atom"}},
		{[]string{"__complete", "export", "--status", ""}, []string{"approved", "all", "new"}},
		{[]string{"__complete", "export", "--group", ""}, []string{"none", "watch", "outlet", "tag"}},
		{[]string{"__complete", "mentions", "--format", ""}, []string{"text", "md", "json", "csv"}},
		{[]string{"__complete", "mentions", "--status", ""}, []string{"new", "approved", "rejected", "all"}},
	} {
		out, errOut, code := cli(t, tt.args...)
		got := strings.Fields(out)
		if code != 0 || len(got) != len(tt.want)+1 || strings.Join(got[:len(tt.want)], " ") != strings.Join(tt.want, " ") {
			t.Errorf("%v: exit %d, %q %q; want %v", tt.args, code, out, errOut, tt.want)
		}
	}
}

// TestExportOrder: --order outlet sorts the section by whom each line
// credits; an unknown order is a usage error.
func TestExportOrder(t *testing.T) {
	_, cfg, db := demoSetup(t)
	if _, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("fetch: %s", errOut)
	}
	out, errOut, code := cli(t, "export", "--status", "all", "--order", "outlet", "--format", "json", "--config", cfg, "--db", db)
	var rows []struct {
		Credit    string `json:"credit"`
		Translate bool   `json:"needs_translation"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) < 3 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	// Lines to translate come first; the others by outlet.
	var credits []string
	for _, r := range rows {
		if !r.Translate {
			credits = append(credits, strings.ToLower(r.Credit))
		}
	}
	if !slices.IsSorted(credits) {
		t.Errorf("--order outlet: %q", credits)
	}
	if _, errOut, code := cli(t, "export", "--order", "colour", "--config", cfg, "--db", db); code != 2 || !strings.Contains(errOut, "--order") {
		t.Errorf("--order colour: exit %d, %q", code, errOut)
	}
}
