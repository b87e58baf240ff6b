package extractor

import (
	"encoding/json"
	"testing"

	"github.com/pressclip/pressclip/internal/golden"
)

// TestExtractGolden compares the JSON of each fixture's Article with
// testdata/<name>.golden. Rewrite them with go test ./extractor -update
// and review the diff.
func TestExtractGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.desc, func(t *testing.T) {
			t.Parallel()
			got, err := json.MarshalIndent(extractFixture(t, f), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, f.name+".golden", got)
		})
	}
}
