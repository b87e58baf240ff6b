package main

import (
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
