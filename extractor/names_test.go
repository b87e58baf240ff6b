package extractor

import (
	"slices"
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

func TestStandfirst(t *testing.T) {
	const dek = "As the Pacific rises, Tuvalu is quietly preparing for a future in which many of its citizens live somewhere else."
	body := append(append([]string{}, filler...), filler...)
	for _, tt := range []struct {
		name, header, want string
	}{
		{"a paragraph named standfirst", `<p class="ArticleHeader_standfirst__Aw7p3">` + dek + `</p>`, dek},
		{"an Arc XP article summary", `<div class="c-article-summary">` + dek + `</div>`, dek},
		{"a Drupal subtitle field", `<div class="field--name-field-subtitle">` + dek + `</div>`, dek},
		{"a subheadline copied from the lead is none", `<h2 class="b-subheadline">` + filler[0] + `</h2>`, ""},
		{"a summary box with bullets is none", `<div class="article-summary"><ul><li>` + dek + `</li></ul></div>`, ""},
		{"no marked standfirst", `<p>` + dek + `</p>`, ""},
		{"a marked element longer than a standfirst is none", `<div class="standfirst">` + strings.Repeat("word ", maxStandfirstWords) + `more.</div>`, ""},
		{"a standfirst of exactly the most words is one", `<div class="standfirst">` + strings.Repeat("word ", maxStandfirstWords-1) + `end.</div>`, strings.Repeat("word ", maxStandfirstWords-1) + "end."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			html := strings.Replace(page("", "The island that is planning its own departure", body...), "</h1>", "</h1>"+tt.header, 1)
			a, err := Extract(strings.NewReader(html), "https://news.example/features/tuvalu", "text/html")
			if err != nil {
				t.Fatal(err)
			}
			if a.Standfirst != tt.want {
				t.Errorf("Standfirst = %q, want %q (paragraphs %q)", a.Standfirst, tt.want, a.Paragraphs)
			}
			if tt.want != "" && !slices.Contains(a.Paragraphs, tt.want) {
				t.Errorf("the standfirst left the paragraphs: %q", a.Paragraphs)
			}
		})
	}
}
