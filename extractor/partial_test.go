package extractor

import (
	"strings"
	"testing"
)

func TestPartial(t *testing.T) {
	teaser := []string{
		"The port authority approved the plan for a new container terminal on the east quay on Monday, ending two years of debate.",
		"Residents of the old town had objected to the increase in lorry traffic through its narrow streets.",
	}
	long := append(append([]string{}, teaser...), strings.Repeat("The terminal will handle up to six sailings a day and employ two hundred people once it opens in the spring of 2028, officials said. ", 25))
	tests := []struct {
		name string
		head string
		body string
		want bool
	}{
		{"a teaser marked isAccessibleForFree false is partial",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Terminal approved","isAccessibleForFree":false}</script>`,
			paras(teaser), true},
		{"a teaser under a paywall box is partial",
			"", paras(teaser) + `<div class="paywall-prompt"><p>Subscribe for full access.</p></div>`, true},
		{"a short stub that asks readers to subscribe is partial",
			"", paras(append(append([]string{}, teaser...), "Subscribe to continue reading this article.")), true},
		{"a whole article with a paywall script is not partial",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Terminal approved","isAccessibleForFree":"False"}</script>`,
			paras(long), false},
		{"a short brief is not partial",
			"", paras(teaser), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := `<html><head><title>Terminal approved</title>` + tt.head + `</head><body><article><h1>Terminal approved</h1>` + tt.body + `</article></body></html>`
			a, err := Extract(strings.NewReader(html), "https://quay.example/news/terminal", "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Partial != tt.want {
				t.Errorf("Partial: got %v, want %v (text %q)", a.Partial, tt.want, a.Text)
			}
		})
	}
}

func paras(ps []string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("<p>" + p + "</p>")
	}
	return b.String()
}
