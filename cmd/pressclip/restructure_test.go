package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// TestReviewMergeAndSplit: staff merge two stories from the command line
// and split a copy out again; mistakes are usage errors.
func TestReviewMergeAndSplit(t *testing.T) {
	_, cfg, db := demoSetup(t)
	if _, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("fetch: %s", errOut)
	}
	type row struct {
		ID  int64  `json:"id"`
		URL string `json:"url"`
	}
	rows := func() []row {
		out, errOut, code := cli(t, "mentions", "--config", cfg, "--db", db, "--format", "json", "--status", "all")
		var rs []row
		if code != 0 || json.Unmarshal([]byte(out), &rs) != nil {
			t.Fatalf("mentions: exit %d, %s", code, errOut)
		}
		return rs
	}
	before := rows()
	if len(before) < 3 {
		t.Fatalf("%d stories, want 3 or more", len(before))
	}
	a, b := before[0], before[1]
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	bad := []struct {
		args []string
		want string
	}{
		{[]string{"review", "--merge", id(a.ID)}, "--merge needs two story IDs"},
		{[]string{"review", "--merge", id(a.ID), "99999"}, "no story 99999"},
		{[]string{"review", "--split", "https://nowhere.example/x"}, "no article"},
		{[]string{"review", "--split", b.URL, id(a.ID)}, "--split takes a copy's URL"},
		{[]string{"review", "--merge", "--approve", id(a.ID), id(b.ID)}, "--merge and --split go alone"},
	}
	for _, tt := range bad {
		if out, errOut, code := cli(t, append(tt.args, "--config", cfg, "--db", db)...); code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %q %q; want exit 2 and %q", tt.args, code, out, errOut, tt.want)
		}
	}
	into := min(a.ID, b.ID)
	out, errOut, code := cli(t, "review", "--merge", id(a.ID), id(b.ID), "--config", cfg, "--db", db)
	if code != 0 || out != fmt.Sprintf("merged 2 stories into story %d\n", into) {
		t.Fatalf("merge: exit %d, %q %q", code, out, errOut)
	}
	if n := len(rows()); n != len(before)-1 {
		t.Fatalf("after the merge: %d stories, want %d", n, len(before)-1)
	}
	moved := b
	if b.ID == into {
		moved = a
	}
	out, errOut, code = cli(t, "review", "--split", moved.URL, "--config", cfg, "--db", db)
	if code != 0 || !strings.HasPrefix(out, "split article ") || !strings.Contains(out, fmt.Sprintf("out of story %d: it is story ", into)) {
		t.Fatalf("split: exit %d, %q %q", code, out, errOut)
	}
	if n := len(rows()); n != len(before) {
		t.Errorf("after the split: %d stories, want %d", n, len(before))
	}
	// The split holds on the next pass.
	cli(t, "fetch", "--config", cfg, "--db", db)
	if n := len(rows()); n != len(before) {
		t.Errorf("after another pass: %d stories, want %d", n, len(before))
	}
}
