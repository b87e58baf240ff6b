package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/pressclip/pressclip/internal/golden"
)

// TestMain lets tests run this test binary as the pressclip command (a
// real process that can be killed) by setting PRESSCLIP_TEST_MAIN=1.
func TestMain(m *testing.M) {
	if os.Getenv("PRESSCLIP_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// cli runs one command line in process.
func cli(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return cliWithInput(t, "", args...)
}

func cliWithInput(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// golden compares got with testdata/name.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, name, []byte(got))
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
