package extractor

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestExtractCharset(t *testing.T) {
	const para = "It is a small caf\xe9 with four tables, and the owner\x92s coffee is the best in the street."
	tests := []struct {
		name, html, contentType, want string
	}{
		{"windows-1252 declared by <meta charset> decodes ’ and é",
			`<html><head><meta charset="windows-1252"><title>x</title></head><body><article><p>` + para + `</p></article></body></html>`, "",
			"It is a small café with four tables, and the owner’s coffee is the best in the street."},
		{"windows-1252 declared by <meta http-equiv> decodes ’ and é",
			`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><article><p>` + para + `</p></article></body></html>`, "",
			"It is a small café with four tables, and the owner’s coffee is the best in the street."},
		{"ISO-8859-1 declared only by the Content-Type header decodes é",
			"<html><body><article><p>The caf\xe9 on the corner of the square has served the same coffee since 1962.</p></article></body></html>", "text/html; charset=ISO-8859-1",
			"The café on the corner of the square has served the same coffee since 1962."},
		{"bytes that are UTF-8 stay UTF-8 whatever the Content-Type says",
			"<html><body><article><p>The menu spells it Caf\xc3\xa9 Central, in the old style of the house.</p></article></body></html>", "text/html; charset=iso-8859-1",
			"The menu spells it Café Central, in the old style of the house."},
		{"bytes that are UTF-8 stay UTF-8 whatever the <meta charset> says",
			"<html><head><meta charset=\"gb2312\"></head><body><article><p>\xe5\x9b\xbd\xe9\x99\x85\xe7\xa7\xbb\xe6\xb0\x91\xe7\xbb\x84\xe7\xbb\x87 said arrivals rose again this month, officials in Geneva confirmed.</p></article></body></html>", "",
			"国际移民组织 said arrivals rose again this month, officials in Geneva confirmed."},
		{"a UTF-8 byte order mark wins over a wrong <meta charset>",
			"\xef\xbb\xbf<html><head><meta charset=\"windows-1252\"></head><body><article><p>The caf\xc3\xa9 owner\xe2\x80\x99s coffee is the best in the street, regulars say.</p></article></body></html>", "",
			"The café owner’s coffee is the best in the street, regulars say."},
		{"undeclared UTF-8 is sniffed as UTF-8",
			"<html><body><article><p>Der Bahnsteig in Köln blieb am Montag fast leer, berichteten Fahrgäste.</p></article></body></html>", "",
			"Der Bahnsteig in Köln blieb am Montag fast leer, berichteten Fahrgäste."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tt.html), "https://news.example/a", tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if a.Text != tt.want {
				t.Errorf("Text: got %q, want %q", a.Text, tt.want)
			}
		})
	}
}

// TestExtractLimits checks that hostile pages return (RELIABILITY.md C26):
// each case must complete, and the test binary's timeout bounds the time.
func TestExtractLimits(t *testing.T) {
	errRead := errors.New("connection reset")
	const para = "<p>Dock workers at the Eastern Terminal voted on Thursday to strike for 48 hours, after talks broke down again.</p>\n"
	tests := []struct {
		name  string
		input func() io.Reader
		check func(t *testing.T, a *Article, err error)
	}{
		{"a 5 MB page of paragraphs returns its text",
			func() io.Reader {
				return strings.NewReader("<html><body><article>" + strings.Repeat(para, 5<<20/len(para)) + "</article></body></html>")
			},
			func(t *testing.T, a *Article, err error) {
				if err != nil {
					t.Fatal(err)
				}
				if n := len(a.Paragraphs); n != 5<<20/len(para) {
					t.Errorf("got %d paragraphs, want %d", n, 5<<20/len(para))
				}
			}},
		{"a 5 MB text node with no markup returns",
			func() io.Reader { return strings.NewReader(strings.Repeat("word ", 1<<20)) },
			func(t *testing.T, a *Article, err error) {
				if err != nil {
					t.Fatal(err)
				}
			}},
		{"a page nested 10,000 <div>s deep returns without a panic",
			func() io.Reader {
				return strings.NewReader("<html><body>" + strings.Repeat("<div>", 10000) + para + strings.Repeat("</div>", 10000) + "</body></html>")
			},
			func(t *testing.T, a *Article, err error) {
				// The parser refuses more than 512 open elements, so an
				// error is a fine outcome; a panic or a hang is not.
				if err == nil && a == nil {
					t.Error("got a nil Article and no error")
				}
			}},
		{"a page nested 10,000 <figure>s deep returns without a panic",
			func() io.Reader {
				return strings.NewReader("<html><body>" + strings.Repeat("<figure>", 10000) + para + strings.Repeat("</figure>", 10000) + "</body></html>")
			},
			func(t *testing.T, a *Article, err error) {
				if err == nil && a == nil {
					t.Error("got a nil Article and no error")
				}
			}},
		{"10,000 unclosed <p>s and <li>s return",
			func() io.Reader {
				return strings.NewReader("<html><body>" + strings.Repeat("<p>Unclosed paragraph text, long enough to score. <li>item", 10000) + "</body></html>")
			},
			func(t *testing.T, a *Article, err error) {
				if err != nil {
					t.Fatal(err)
				}
			}},
		{"a page nested 500 <div>s deep keeps its text",
			func() io.Reader {
				return strings.NewReader("<html><body>" + strings.Repeat("<div>", 500) + para + strings.Repeat("</div>", 500) + "</body></html>")
			},
			func(t *testing.T, a *Article, err error) {
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(a.Text, "Dock workers at the Eastern Terminal") {
					t.Errorf("Text: got %q, want the paragraph", a.Text)
				}
			}},
		{"a page over MaxInputBytes returns ErrTooLarge",
			func() io.Reader {
				return io.MultiReader(strings.NewReader("<html><body><p>"), bytes.NewReader(bytes.Repeat([]byte("a"), MaxInputBytes)))
			},
			func(t *testing.T, a *Article, err error) {
				if !errors.Is(err, ErrTooLarge) {
					t.Errorf("got %v, want ErrTooLarge", err)
				}
				if a != nil {
					t.Errorf("got an Article with ErrTooLarge")
				}
			}},
		{"a read error is returned wrapped",
			func() io.Reader {
				return io.MultiReader(strings.NewReader("<html><body><p>Half a page"), iotest.ErrReader(errRead))
			},
			func(t *testing.T, a *Article, err error) {
				if !errors.Is(err, errRead) {
					t.Errorf("got %v, want an error wrapping %v", err, errRead)
				}
			}},
		{"an empty body returns an empty article",
			func() io.Reader { return strings.NewReader("") },
			func(t *testing.T, a *Article, err error) {
				if err != nil {
					t.Fatal(err)
				}
				if a.Text != "" {
					t.Errorf("Text: got %q, want empty", a.Text)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, err := Extract(tt.input(), "https://news.example/a", "")
			tt.check(t, a, err)
		})
	}
}
