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

// TestServeNamesAreChecked: serve.hosts are bare names and
// serve.trusted_proxies CIDRs, whether or not serve.listen is set.
func TestServeNamesAreChecked(t *testing.T) {
	head := "organization:\n  name: IOM\nsources:\n  - name: A\n    url: https://a.example/feed.xml\nserve:\n"
	for _, tt := range []struct{ yaml, err string }{
		{"  hosts: [press.example.org]\n  trusted_proxies: [127.0.0.1/32]\n", ""},
		{"  hosts: [\"https://press.example.org\"]\n", "bare host name"},
		{"  hosts: [\"press.example.org:443\"]\n", "bare host name"},
		{"  trusted_proxies: [not-a-cidr]\n", "serve.trusted_proxies"},
	} {
		_, err := Load(strings.NewReader(head+tt.yaml), "config.yaml")
		if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%q: %v, want %q", tt.yaml, err, tt.err)
		}
	}
}
