package extractor

import (
	"strings"
	"testing"
)

func TestAgrees(t *testing.T) {
	story := []string{"Floods in the river delta have forced about 12,000 people from their homes since Friday, officials said.",
		"The International Organization for Migration sent tents to three camps."}
	for _, tt := range []struct {
		desc          string
		paras         []string
		site          string
		hints         []string
		agree, tested bool
	}{
		{"the headline's words are in the story", story, "", []string{"Flooding displaces thousands in river delta"}, true, true},
		{"a description agrees when the headline is a pun", story, "", []string{"Water, water everywhere", "Floods in the delta force 12,000 from homes"}, true, true},
		{"a footer shares no words", []string{"Delta Voice is an independent, reader-funded publication founded in 1998."}, "Delta Voice",
			[]string{"Flooding displaces thousands in river delta"}, false, true},
		{"the site's name is not agreement", []string{"Subscribe to Delta Voice for news from the delta towns."}, "Delta Voice",
			[]string{"Flooding displaces thousands in river delta"}, false, true},
		{"a headline of two words tells nothing", []string{"Anything at all."}, "", []string{"Live updates"}, true, false},
		{"no hints", story, "", nil, true, false},
		{"CJK headline against CJK text", []string{"据国际移民组织周二发布的数据，今年以来地中海中部航线死亡人数上升。"}, "",
			[]string{"国际移民组织：地中海中部航线今年死亡人数上升"}, true, true},
		{"CJK headline against unrelated CJK text", []string{"本网站版权所有，未经授权不得转载。"}, "",
			[]string{"国际移民组织：地中海中部航线今年死亡人数上升"}, false, true},
		{"a year agrees with nothing", []string{"© 2026 Delta Voice. All rights reserved. Contact the newsroom for corrections."}, "",
			[]string{"Budget 2026: what changes for families"}, false, true},
		{"words past agreeRunes are not read", []string{strings.Repeat("filler ", agreeRunes/7+1), "Flooding displaces thousands in the river delta."}, "",
			[]string{"Flooding displaces thousands in river delta"}, false, true},
		{"inflections agree by their stem", []string{"Migrants arrived by boat on the island."}, "",
			[]string{"Migrant arrivals on islands"}, true, true},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			agree, tested := Agrees(tt.paras, tt.site, tt.hints...)
			if agree != tt.agree || tested != tt.tested {
				t.Errorf("Agrees = %v, %v; want %v, %v", agree, tested, tt.agree, tt.tested)
			}
		})
	}
}

// TestLowConfidence: a page whose only text says nothing of its headline
// is marked, and so is a page with no text; a page whose text agrees is
// not.
func TestLowConfidence(t *testing.T) {
	for _, tt := range []struct {
		desc, page string
		low        bool
	}{
		{"only a site blurb", `<html><head><title>Flooding displaces thousands in river delta | Delta Voice</title></head><body>
<div class="content"><p>Delta Voice is an independent, reader-funded publication, founded in 1998 by a group of teachers, farmers and fishermen who wanted a newspaper of their own.</p>
<p>Our reporters live in the communities they cover, and we publish in print every Thursday and online every day, with a weekly podcast and a monthly magazine.</p></div></body></html>`, true},
		{"no text", `<html><head><title>Flooding displaces thousands</title></head><body><div><img src="a.jpg"></div></body></html>`, true},
		{"the story", `<html><head><title>Flooding displaces thousands in river delta</title></head><body>
<div class="content"><p>Floods in the river delta have forced about 12,000 people from their homes since Friday, officials said on Sunday, as rivers rose.</p></div></body></html>`, false},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tt.page), "https://delta.example/news/1", "text/html")
			if err != nil {
				t.Fatal(err)
			}
			if a.LowConfidence != tt.low {
				t.Errorf("LowConfidence = %v, want %v (text %q)", a.LowConfidence, tt.low, a.Text)
			}
		})
	}
}
