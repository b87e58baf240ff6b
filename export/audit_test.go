package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestAuditLineText(t *testing.T) {
	at := time.Date(2026, 12, 6, 8, 12, 0, 0, time.UTC)
	paris := time.FixedZone("CET", 3600)
	tests := []struct {
		line AuditLine
		loc  *time.Location
		want string
	}{
		{AuditLine{At: at, By: "Amal", Action: "approved"}, time.UTC, "approved by Amal at 6 Dec 08:12 UTC"},
		{AuditLine{At: at, Action: "rejected"}, time.UTC, "rejected at 6 Dec 08:12 UTC"},
		{AuditLine{At: at, By: "Omar", Action: "line edited", Detail: "AFP reported that …"}, paris, "line edited by Omar at 6 Dec 09:12 CET: AFP reported that …"},
	}
	for _, tt := range tests {
		if got := tt.line.Text(tt.loc, "2 Jan 15:04"); got != tt.want {
			t.Errorf("Text = %q, want %q", got, tt.want)
		}
	}
}

// The JSON and CSV exports carry the audit trail: JSON as a list of
// decisions (never null), CSV as one cell with a decision a line.
func TestAuditInExports(t *testing.T) {
	at := time.Date(2026, 12, 6, 8, 12, 0, 0, time.UTC)
	its := []Item{
		{ID: 1, Status: "approved", Outlet: "AFP", Line: "AFP reported that IOM counted 18,000 arrivals.", Audit: []AuditLine{
			{At: at, By: "Amal", Action: "approved"},
			{At: at.Add(time.Minute), By: "Omar", Action: "line edited", Detail: "=cmd|' /C calc'!A0"},
		}},
		{ID: 2, Status: "new", Outlet: "Reuters", Line: "Reuters reported that IOM said."},
	}
	var j bytes.Buffer
	if err := List(&j, "json", its, ListOptions{}); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Audit []struct {
			At     *string `json:"at"`
			By     string  `json:"by"`
			Action string  `json:"action"`
			Detail string  `json:"detail"`
		} `json:"audit"`
	}
	if err := json.Unmarshal(j.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[0].Audit) != 2 || got[0].Audit[0].By != "Amal" || got[0].Audit[0].Action != "approved" ||
		got[0].Audit[0].At == nil || *got[0].Audit[0].At != "2026-12-06T08:12:00Z" || got[0].Audit[1].Detail != "=cmd|' /C calc'!A0" {
		t.Errorf("JSON audit = %+v", got)
	}
	if !strings.Contains(j.String(), `"audit": []`) {
		t.Error("a story without decisions has no empty audit list")
	}

	var c bytes.Buffer
	if err := List(&c, "csv", its, ListOptions{NoBOM: true}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := len(rows[0]) - 1
	if rows[0][last] != "audit" {
		t.Fatalf("last column = %q", rows[0][last])
	}
	want := "approved by Amal at 2026-12-06 08:12 UTC\nline edited by Omar at 2026-12-06 08:13 UTC: =cmd|' /C calc'!A0"
	if rows[1][last] != want || rows[2][last] != "" {
		t.Errorf("CSV audit cells = %q, %q; want %q and empty", rows[1][last], rows[2][last], want)
	}
	var s bytes.Buffer
	if err := Section(&s, "csv", its, SectionOptions{NoBOM: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.String(), "approved by Amal at 2026-12-06 08:12 UTC") {
		t.Errorf("the section's CSV has no audit: %s", s.String())
	}
}
