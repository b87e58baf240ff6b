package config

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzLoad: any bytes give a config or a *config.Error with lines, never
// a panic.
func FuzzLoad(f *testing.F) {
	if b, err := os.ReadFile("../config.yaml"); err == nil {
		f.Add(string(b))
	}
	f.Add("organization:\n  name: IOM\nsources:\n  - name: A\n    url: https://a.example/rss\n")
	f.Add("a: &x {b: *x}\nsources: [{name: A, url: 'https://a.example', nope: 1}]\n")
	f.Add("? [a, b]\n: c\nschedule: '*/61 * * * *'\n")
	f.Fuzz(func(t *testing.T, text string) {
		cfg, err := Load(strings.NewReader(text), "f.yaml")
		var ce *Error
		switch {
		case err == nil && cfg == nil:
			t.Fatal("no config and no error")
		case err != nil && !errors.As(err, &ce):
			t.Fatalf("error %v is not a *config.Error", err)
		case err != nil && len(ce.Problems) == 0:
			t.Fatal("an error without problems")
		}
	})
}
