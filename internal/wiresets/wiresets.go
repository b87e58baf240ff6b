// Package wiresets reads the labelled wire sets of issue 16
// (dedup/testdata/wire-*): copies of wire stories at the margins of real
// syndicated copies, and look-alikes, as plain text in JSON files. The
// dedup, store and pipeline tests measure the same-story decision on
// them.
package wiresets

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Text is one article of a set.
type Text struct {
	ID string `json:"id"`
	// Story is the same for the texts of one story; each look-alike has
	// its own.
	Story string `json:"story"`
	// Version is "wire" (a copy reusing the agency's text, or a
	// look-alike), "translation" or "writethrough".
	Version    string    `json:"version"`
	Shape      string    `json:"shape"`
	Outlet     string    `json:"outlet"`
	Site       string    `json:"site"`
	Lang       string    `json:"lang"`
	Agency     string    `json:"agency"`
	Published  time.Time `json:"published"`
	Headline   string    `json:"headline"`
	Paragraphs []string  `json:"paragraphs"`
	Note       string    `json:"note"`
}

// Load reads every JSON file of the set in dir; none is an error.
func Load(dir string) ([]Text, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("wire set %s: no JSON files", dir)
	}
	var all []Text
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var texts []Text
		if err := json.Unmarshal(b, &texts); err != nil {
			return nil, fmt.Errorf("wire set %s: %w", f, err)
		}
		all = append(all, texts...)
	}
	return all, nil
}

// PairKind classes a pair of texts of one story: "copy" when both reuse
// the wire text, else "translation" or "writethrough".
func PairKind(a, b Text) string {
	for _, k := range []string{"translation", "writethrough"} {
		if a.Version == k || b.Version == k {
			return k
		}
	}
	return "copy"
}
