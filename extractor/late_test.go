package extractor

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestLateCharsetDeclaration: a <meta charset> past the standard
// prescan's 1,024 bytes still decides the encoding.
func TestLateCharsetDeclaration(t *testing.T) {
	body := "国际移民组织周二表示，今年已有超过一千八百人在地中海中部航线上死亡或失踪，比去年同期增加约两成。"
	page := "<!DOCTYPE html><html><head><!-- " + strings.Repeat("padding ", 200) + " -->" +
		`<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>移民</title></head><body><article><p>` + body + `</p></article></body></html>`
	enc, err := simplifiedchinese.GBK.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(strings.NewReader(enc), "https://news.example/a", "text/html")
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != body {
		t.Errorf("text %q, want %q", a.Text, body)
	}
}

// TestTextFurnitureCharacters: soft hyphens and ruby annotations are not
// the words of the text.
func TestTextFurnitureCharacters(t *testing.T) {
	for _, tt := range []struct{ desc, html, want string }{
		{"soft hyphens", "<p>Vom Alt\u00adpa\u00adläo\u00adli\u00adthi\u00adkum bis in die Neuzeit, sagte die Forscherin am Dienstag in Tübingen vor Publikum.</p>",
			"Vom Altpaläolithikum bis in die Neuzeit, sagte die Forscherin am Dienstag in Tübingen vor Publikum."},
		{"furigana", "<p><ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby>で大雪が降り、交通機関が乱れ、多くの人が駅で足止めされたと当局が発表した。</p>",
			"東京で大雪が降り、交通機関が乱れ、多くの人が駅で足止めされたと当局が発表した。"},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			a, err := Extract(strings.NewReader("<html><body><article>"+tt.html+"</article></body></html>"), "https://news.example/a", "text/html; charset=utf-8")
			if err != nil {
				t.Fatal(err)
			}
			if a.Text != tt.want {
				t.Errorf("text %q, want %q", a.Text, tt.want)
			}
		})
	}
}
