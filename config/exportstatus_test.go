package config

import (
	"strings"
	"testing"
)

// TestExportStatus: an export job sends the editor's section unless it
// says otherwise, with the words `export --status` takes.
func TestExportStatus(t *testing.T) {
	head := "organization:\n  name: IOM\nsources:\n  - name: A\n    url: https://a.example/feed.xml\nexports:\n  - name: m\n    schedule: '@daily'\n    dir: out\n"
	for _, tt := range []struct {
		yaml, status, err string
		approved          bool
	}{
		{"", ExportApproved, "", true},
		{"    approved: true\n", ExportApproved, "", true},
		{"    status: all\n", ExportAll, "", false},
		{"    status: new\n", ExportNew, "", false},
		{"    status: drafts\n", "", `status "drafts": want one of approved, all, new`, false},
		{"    approved: true\n    status: all\n", "", "disagree", false},
	} {
		cfg, err := Load(strings.NewReader(head+tt.yaml), "config.yaml")
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.yaml, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tt.yaml, err)
		}
		if x := cfg.Exports[0]; x.Status != tt.status || x.Approved != tt.approved {
			t.Errorf("%q: status %q approved %v, want %q %v", tt.yaml, x.Status, x.Approved, tt.status, tt.approved)
		}
	}
}
