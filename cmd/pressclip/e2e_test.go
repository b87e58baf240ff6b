package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/demo"
	"github.com/pressclip/pressclip/internal/dbtest"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// demoSetup serves the bundled outlets and writes their config.
func demoSetup(t *testing.T) (sites *demo.Sites, configPath, dbPath string) {
	t.Helper()
	sites, err := demo.Start(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sites.Close)
	raw, err := sites.Config()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	return sites, writeFile(t, dir, "config.yaml", string(raw)), dbtest.Target(t, "pressclip.db")
}

// placeholders replaces each outlet's random address with {{dir}}.
func placeholders(sites *demo.Sites, s string) string {
	for _, site := range sites.List {
		s = strings.ReplaceAll(s, site.Base, "{{"+site.Dir+"}}")
	}
	return s
}

type manifestEntry struct {
	Outlet      string `json:"outlet"`
	Dir         string `json:"dir"`
	Path        string `json:"path"`
	Title       string `json:"title"`
	MentionsIOM bool   `json:"mentions_iom"`
	How         string `json:"how"`
	WireGroup   string `json:"wire_group"`
}

func readManifest(t *testing.T) []manifestEntry {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "demo", "site", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m []manifestEntry
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEndToEndConfigToExport(t *testing.T) {
	sites, cfg, db := demoSetup(t)

	out, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db)
	if code != 0 {
		t.Fatalf("fetch exited %d: %s", code, errOut)
	}
	if !strings.Contains(out, "failed: Northern Dispatch: not_a_feed") {
		t.Errorf("fetch did not report the broken source:\n%s", out)
	}

	for _, f := range []struct{ format, golden string }{{"text", "demo-export.txt"}, {"md", "demo-export.md"}} {
		out, errOut, code := cli(t, "export", "--config", cfg, "--db", db, "--status", "all", "--format", f.format)
		if code != 0 {
			t.Fatalf("export --format %s exited %d: %s", f.format, code, errOut)
		}
		golden(t, f.golden, placeholders(sites, out))
	}

	// Every story is a manifest article that mentions IOM, each wire
	// story appears once, and every article that mentions IOM is there.
	out, _, code = cli(t, "mentions", "--config", cfg, "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("mentions exited %d", code)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("mentions JSON: %v\n%s", err, out)
	}
	for _, key := range []string{"id", "outlet", "title", "url", "published_at", "line", "status", "cluster_id", "also_reported_by", "watches", "snippet"} {
		if _, ok := rows[0][key]; !ok {
			t.Errorf("mentions JSON has no %q key", key)
		}
	}
	byURL := map[string]manifestEntry{}
	wanted := map[string]bool{} // a path, or a wire group counted once
	for _, e := range readManifest(t) {
		for _, site := range sites.List {
			if site.Dir == e.Dir {
				byURL[site.Base+e.Path] = e
			}
		}
		if e.MentionsIOM {
			key := e.Path
			if e.WireGroup != "" {
				key = e.WireGroup
			}
			wanted[key] = true
		}
	}
	got := map[string]bool{}
	for _, r := range rows {
		u := r["url"].(string)
		e, ok := byURL[u]
		if !ok {
			t.Errorf("story %s is not a manifest article", u)
			continue
		}
		if !e.MentionsIOM {
			t.Errorf("story %q (%s) does not mention IOM (%s)", e.Title, e.Path, e.How)
		}
		key := e.Path
		if e.WireGroup != "" {
			key = e.WireGroup
			if credit := r["credit"]; credit != "AFP" {
				t.Errorf("wire story %q: credit %v, want AFP", e.Title, credit)
			}
			if also := r["also_reported_by"].([]any); len(also) != 2 {
				t.Errorf("wire story %q: also_reported_by %v, want both copies' outlets", e.Title, also)
			}
			reasons := []string{r["merge_reason"].(string)}
			for _, c := range r["copies"].([]any) {
				reasons = append(reasons, c.(map[string]any)["reason"].(string))
			}
			slices.Sort(reasons)
			if len(reasons) != 2 || reasons[0] != store.FirstCopy || !strings.HasPrefix(reasons[1], "same story as article ") {
				t.Errorf("wire story %q: merge reasons %q, want one first copy and one merged as the same story", e.Title, reasons)
			}
		}
		if got[key] {
			t.Errorf("%s appears twice", key)
		}
		got[key] = true
	}
	for key := range wanted {
		if !got[key] {
			t.Errorf("missed %s", key)
		}
	}
}

var bullet = regexp.MustCompile(`^• (The Meridian Post|Le Courrier du Léman|Harbour Ledger|AFP) [^\n]+[.”»]$`)

func TestDemoPrintsThePressSection(t *testing.T) {
	out, errOut, code := cli(t, "demo")
	if code != 0 {
		t.Fatalf("demo exited %d: %s", code, errOut)
	}
	if !strings.Contains(out, "failed source: Northern Dispatch (not_a_feed)") {
		t.Errorf("the broken source is not reported:\n%s", out)
	}
	_, section, ok := strings.Cut(out, "In the press")
	if !ok {
		t.Fatalf("no press section:\n%s", out)
	}
	var bullets []string
	for _, l := range strings.Split(section, "\n") {
		if strings.HasPrefix(l, "•") {
			bullets = append(bullets, l)
		}
	}
	if len(bullets) < 8 {
		t.Fatalf("got %d bullets, want at least 8:\n%s", len(bullets), section)
	}
	for _, b := range bullets {
		if !bullet.MatchString(b) {
			t.Errorf("bullet does not start with an outlet and end with a period: %q", b)
		}
		for _, p := range summarizer.Check(strings.TrimPrefix(b, "• ")) {
			t.Errorf("bullet breaks a house rule: %s: %q", p, b)
		}
		for _, trap := range []string{"Isle of Man", "IOM TT", "biome", "Storm Oriel"} {
			if strings.Contains(b, trap) {
				t.Errorf("bullet from a trap article (%s): %q", trap, b)
			}
		}
	}
}

func TestSecondFetchFindsNothingNew(t *testing.T) {
	_, cfg, db := demoSetup(t)
	if _, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db); code != 0 {
		t.Fatalf("fetch exited %d: %s", code, errOut)
	}
	out, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db)
	if code != 0 {
		t.Fatalf("second fetch exited %d: %s", code, errOut)
	}
	if !strings.Contains(out, "0 new items, 0 mentions kept") {
		t.Errorf("second fetch: %s", out)
	}
}
