package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/schollz/progressbar/v3"
)

// TestLogLinesGoAroundTheBar: the bar shows at once; a log line clears
// it, stands on a line of its own, and the bar is drawn again after it.
func TestLogLinesGoAroundTheBar(t *testing.T) {
	var out bytes.Buffer
	var p progress
	bar := progressbar.NewOptions(10, progressbar.OptionSetWriter(&out), progressbar.OptionSetDescription("sources"),
		progressbar.OptionShowCount())
	p.show(bar)
	if !strings.Contains(out.String(), "sources") || !strings.Contains(out.String(), "0/10") {
		t.Fatalf("the bar is not shown at once: %q", out.String())
	}
	p.do(func() { bar.Add(3) })
	out.Reset()
	p.writer(&out).Write([]byte("level=WARN msg=\"source failed\" source=A\n"))
	got := out.String()
	i := strings.Index(got, "level=WARN")
	if i < 0 {
		t.Fatalf("no log line: %q", got)
	}
	if before := got[:i]; before == "" || !strings.HasSuffix(before, "\r") {
		t.Errorf("the bar is not cleared before the log line: %q", before)
	}
	if after := got[strings.Index(got, "\n")+1:]; !strings.Contains(after, "3/10") {
		t.Errorf("the bar is not drawn again after the log line: %q", after)
	}
	p.show(nil)
	out.Reset()
	p.writer(&out).Write([]byte("plain\n"))
	if out.String() != "plain\n" {
		t.Errorf("without a bar the line is as it is: %q", out.String())
	}
}
