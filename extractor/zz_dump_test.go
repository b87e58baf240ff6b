package extractor

import (
	"os"
	"path/filepath"
	"testing"
)

func TestZZDump(t *testing.T) {
	out := os.Getenv("DUMP")
	if out == "" {
		t.Skip()
	}
	os.MkdirAll(out, 0o755)
	dirs, _ := filepath.Glob("../../shared/corpus/readability-pages/*/source.html")
	for _, p := range dirs {
		f, _ := os.Open(p)
		a, err := Extract(f, "https://example.com/a", "")
		f.Close()
		name := filepath.Base(filepath.Dir(p))
		if err != nil {
			t.Log(name, err)
			continue
		}
		os.WriteFile(filepath.Join(out, name+".txt"), []byte(a.Title+"\n"+a.Type+" "+a.Wire+"\n-----\n"+a.Text), 0o644)
	}
}
