package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode"
)

// looksLikeFormula: after any white space and invisible characters, cell
// starts with a character a spreadsheet may take for a formula's start.
func looksLikeFormula(cell string) bool {
	s := strings.TrimLeftFunc(cell, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
	})
	return s != "" && strings.ContainsRune("=+-@\t\r＝＋－＠﹦﹢﹣﹫", []rune(s)[0])
}

// Issue 15, item 9: a spreadsheet runs a cell as a formula when it starts
// with = + - @ (or a tab or CR), and some also take the fullwidth forms or
// skip invisible characters before them, so all of these are defused.
func TestCSVCellDefusesFormulas(t *testing.T) {
	defused := []struct{ name, in string }{
		{"an equals sign", `=HYPERLINK("https://evil.example/","x")`},
		{"a plus sign", "+1+1"},
		{"a minus sign", "-5% in arrivals"},
		{"an at sign", "@SUM(A1:A9)"},
		{"a tab, then an equals sign", "\t=1+1"},
		{"a carriage return, then an equals sign", "\r=1+1"},
		{"a fullwidth equals sign", "＝1+1"},
		{"a fullwidth plus sign", "＋1"},
		{"a fullwidth hyphen-minus", "－1"},
		{"a fullwidth at sign", "＠SUM(A1)"},
		{"a small equals sign", "﹦1+1"},
		{"a zero-width space before an equals sign", "\u200b=1+1"},
		{"a zero-width non-joiner before a plus sign", "\u200c+1"},
		{"a zero-width joiner before a minus sign", "\u200d-1"},
		{"a word joiner before an at sign", "\u2060@SUM(A1)"},
		{"a byte-order mark before an equals sign", "\ufeff=1+1"},
		{"a left-to-right mark before an equals sign", "\u200e=1+1"},
		{"a right-to-left mark before a fullwidth equals sign", "\u200f＝1+1"},
		{"an Arabic letter mark before a minus sign", "\u061c-1"},
		{"a right-to-left override before an equals sign", "\u202e=1+1"},
		{"a soft hyphen before an equals sign", "\u00ad=1+1"},
		{"several invisible characters and spaces before an equals sign", "\u200b \ufeff\u2060 =1+1"},
	}
	for _, tt := range defused {
		t.Run("a cell starting with "+tt.name+" is quoted", func(t *testing.T) {
			want := "'" + clean(tt.in)
			if got := csvCell(tt.in); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
	kept := []struct{ name, in, want string }{
		{"plain text", "IOM said on Tuesday", "IOM said on Tuesday"},
		{"a sign inside the text", "1-2 May: +5% @IOM", "1-2 May: +5% @IOM"},
		{"a zero-width space before a letter", "\u200bIOM", "\u200bIOM"},
		{"an empty cell", "", ""},
	}
	for _, tt := range kept {
		t.Run("a cell starting with "+tt.name+" is left as it is", func(t *testing.T) {
			if got := csvCell(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCSVDefusesHiddenFormulasInEveryTextColumn(t *testing.T) {
	hostile := []Item{{
		ID: 1, Outlet: "\u200b=1+1", Credit: "＠x", Title: "\ufeff+cmd", URL: "\u2060-https://x.example/",
		Line: "\u200e＝HYPERLINK(\"https://evil.example/\")", Snippet: "\u200d－1", Watches: []string{"＋IOM"},
		AlsoReportedBy: []string{"\u200c@Outlet"}, Status: "new",
	}}
	for _, w := range writers {
		t.Run(w.name+" in csv quotes every hidden formula", func(t *testing.T) {
			var b bytes.Buffer
			if err := w.write(&b, "csv", hostile); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for j, cell := range rows[1] {
				if looksLikeFormula(cell) {
					t.Errorf("%s: got %q, which a spreadsheet may run as a formula", rows[0][j], cell)
				}
			}
		})
	}
}
