package extractor

import (
	"strings"
	"testing"
)

func TestUnlikelyName(t *testing.T) {
	for _, tt := range []struct {
		names string
		want  bool
	}{
		{"article-body", false},
		{"story-content", false},
		{"share-bar", true},
		{"article-share", false}, // "article" marks content unless a caption or credit ends the name
		{"article-image-caption", true},
		{"articlebody__photo-credit", true},
		{"post-caption-text", true},
		{"article-meta-caption", true},
		{"article__standfirst field--name-field-standfirst", false},
	} {
		if got := unlikelyName(tt.names); got != tt.want {
			t.Errorf("unlikelyName(%q) = %v, want %v", tt.names, got, tt.want)
		}
	}
}

// A caption inside a wrapper named like the article is no paragraph.
func TestCaptionInsideTheArticleIsDropped(t *testing.T) {
	caption := "Newly displaced families arrive in Tawila, North Darfur."
	body := append(append(append([]string{}, filler...), filler...), filler...)
	html := strings.Replace(page("", "IOM warns of record displacement in Darfur", body...), "<h1>",
		`<div class="article-image"><img src="/d.jpg" alt=""><span class="article-image-caption">`+caption+`</span></div><h1>`, 1)
	a, err := Extract(strings.NewReader(html), "https://news.example/world/darfur", "text/html")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range a.Paragraphs {
		if strings.Contains(p, "Newly displaced") {
			t.Errorf("the caption is a paragraph: %q", p)
		}
	}
	if len(a.Paragraphs) == 0 {
		t.Fatal("no paragraphs")
	}
}
