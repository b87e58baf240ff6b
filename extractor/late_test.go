package extractor

import (
	"fmt"
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

// TestLateCharsetRules: the late scan reads tags as the tokenizer does and
// never overrides a declaration the standard prescan saw.
func TestLateCharsetRules(t *testing.T) {
	pad := "<!-- " + strings.Repeat("padding ", 200) + " -->"
	for _, tt := range []struct {
		desc, page, want string
	}{
		{"a late declaration", "<html><head>" + pad + `<meta charset="gb2312"></head><body></body></html>`, "GBK"},
		{"a late http-equiv", "<html><head>" + pad + `<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body></body></html>`, "Windows 1251"},
		{"a declaration in a comment is none", "<html><head><!-- <meta charset=\"windows-1251\"> " + strings.Repeat("x", 1100) + ` --><meta charset="iso-8859-2"></head></html>`, "ISO 8859-2"},
		{"UTF-16 declared in markup is UTF-8", "<html><head>" + pad + `<meta charset="utf-16"></head><body></body></html>`, "UTF-8"},
		{"after <body> is not the head", "<html><head>" + pad + `</head><body><meta charset="koi8-r"></body></html>`, ""},
		{"the prescan's own declaration stands", `<html><head><meta charset="iso-8859-1">` + pad + `<meta charset="gb2312"></head></html>`, ""},
		{"a short page", `<html><head><meta charset="gb2312"></head></html>`, ""},
		{"past lateCharsetBytes it is not read", "<html><head><!-- " + strings.Repeat("x", lateCharsetBytes) + ` --><meta charset="gb2312"></head></html>`, ""},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			got := ""
			if enc := lateCharset([]byte(tt.page)); enc != nil {
				got = strings.Trim(fmt.Sprint(enc), "&{}")
			}
			if got != tt.want {
				t.Errorf("lateCharset = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCreditInFigureIsNotWire: a photo credit ("(AFP)" in the figure's
// own caption element) is not the text's origin.
func TestCreditInFigureIsNotWire(t *testing.T) {
	page := `<html><head><title>Floods cut off river villages</title></head><body><article>
<figure><img src="a.jpg"><figcaption class="image-credit">(AFP)</figcaption></figure>
<p>Floods cut off six river villages on Monday, officials said, as rescuers used boats to bring food and water to the families there.</p>
<p>The International Organization for Migration said it had sent a team to assess the needs of the people displaced.</p>
<p class="source-credit">(AFP)</p></article></body></html>`
	a, err := Extract(strings.NewReader(page), "https://news.example/a", "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if a.Wire != "AFP" {
		t.Errorf("Wire %q: want the closing credit's AFP", a.Wire)
	}
	a, err = Extract(strings.NewReader(strings.Replace(page, `<p class="source-credit">(AFP)</p>`, "", 1)), "https://news.example/a", "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if a.Wire != "" {
		t.Errorf("Wire %q from a photo credit, want none", a.Wire)
	}
}
