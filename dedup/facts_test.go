package dedup

import (
	"slices"
	"strings"
	"testing"
)

func TestFacts(t *testing.T) {
	tests := []struct {
		text    string
		figures []float64
		names   []string
	}{
		{"An estimated 18,000 migrants arrived.", []float64{18000}, nil},
		{"Some 18 000 arrived, and 18.000 in Spain.", []float64{18000}, []string{"spain"}},
		{"Displacement rose to 4.5 million, or 3,5 per cent.", []float64{3.5, 4.5e6}, nil},
		{"Four million people; twenty-three boats; a seven-fold rise.", []float64{23, 4e6}, nil},
		{"quatre millions de personnes, 2,4 millones, 3 Millionen", []float64{2.4e6, 3e6, 4e6}, nil},
		{"On March 4, 2026, in Tripoli, 61 died; 4 mars 2026; el 12 de marzo.", []float64{61}, []string{"tripoli"}},
		{"Since 2014 the IOM has counted 31,000 deaths, said Amy Pope in Geneva.", []float64{31000}, []string{"amy", "geneva", "pope"}},
		// A capitalized word that starts a sentence is not taken for a name.
		{"The boat left Zuwara. Libya's coast guard said nine died.", nil, []string{"zuwara"}},
	}
	for _, tt := range tests {
		f := FactsOf(tt.text)
		if !slices.Equal(f.Figures, tt.figures) || !slices.Equal(f.Names, tt.names) {
			t.Errorf("%q: got figures %v names %v, want %v %v", tt.text, f.Figures, f.Names, tt.figures, tt.names)
		}
	}
}

func TestInOrder(t *testing.T) {
	tests := []struct {
		a, b []float64
		want int
	}{
		{nil, []float64{1}, 0},
		{[]float64{61, 3900000, 170000, 20000}, []float64{61, 3900000, 170000, 20000}, 4},
		{[]float64{61, 3900000, 170000, 20000}, []float64{3900000, 61, 20000, 170000}, 2},
		{[]float64{12, 61, 4300000}, []float64{61, 99, 4300000, 12}, 2},
	}
	for _, tt := range tests {
		if got := inOrder(tt.a, tt.b); got != tt.want {
			t.Errorf("inOrder(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzFacts(f *testing.F) {
	for _, s := range []string{"18,000 and 18 000", "four million", "3,5 %", "1.2.3.4", "twenty-", "-fold", "9" + string(rune(0x202f)) + "000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		facts := FactsOf(text)
		if !slices.IsSorted(facts.Figures) || !slices.IsSorted(facts.Names) || len(facts.Order) != len(facts.Figures) {
			t.Fatalf("figures %v (order %v), names %v", facts.Figures, facts.Order, facts.Names)
		}
		if len(facts.Figures) > maxFacts || len(facts.Names) > maxFacts {
			t.Fatalf("%d figures, %d names: over the bound", len(facts.Figures), len(facts.Names))
		}
	})
}

// A huge text is read for its facts in its first maxFactsBytes only.
func TestFactsReadTheStartOfAHugeText(t *testing.T) {
	head := "The boat carried 4,321 people from Zuwara. "
	text := head + strings.Repeat("é", maxFactsBytes) + " and 98,765 more in Sfax."
	f := FactsOf(text)
	if !slices.Equal(f.Figures, []float64{4321}) || slices.Contains(f.Names, "sfax") {
		t.Errorf("got %v %v: want the figures of the first %d bytes only", f.Figures, f.Names, maxFactsBytes)
	}
}
