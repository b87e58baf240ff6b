// Package synthtext generates news-like article texts for benchmarks:
// paragraphs of sentences drawn from a Zipf-distributed vocabulary, with
// the stock phrases that stories about one organization share, and
// syndicated copies of them edited the way desks edit wire copy.
//
// The texts are not English, but their statistics are those that matter
// to deduplication: article length, how often words repeat, how many
// five-word phrases two unrelated stories share.
package synthtext

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// stock are sentences that many stories about the organization carry;
// they are what makes two unrelated stories share a few phrases.
var stock = []string{
	"The International Organization for Migration (IOM) said the figures were likely to be an undercount.",
	"IOM said its teams were providing shelter, water and health care to those affected.",
	"The UN agency called on governments to expand safe and regular pathways for migration.",
	"A spokesperson for IOM told reporters in Geneva that the situation remained fragile.",
	"According to IOM's Missing Migrants Project, more than 2,400 people have died in the central Mediterranean this year.",
	"The agency has cut staff and programmes after several major donors reduced their funding.",
	"Aid groups say the number of people on the move has risen sharply since the start of the year.",
	"Most of those who arrived were from Sudan, Eritrea, Syria and Bangladesh, according to the agency.",
}

// Gen makes texts. It is not safe for concurrent use.
type Gen struct {
	rnd   *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

// New returns a generator; the same seed gives the same texts.
func New(seed uint64) *Gen {
	rnd := rand.New(rand.NewPCG(seed, seed^0x5eed))
	const words = 20000
	vocab := make([]string, words)
	syll := []string{"ra", "to", "mi", "gen", "sal", "or", "ve", "dan", "ku", "li", "pre", "ment", "est", "on", "bar", "cy", "tu", "ex", "al", "ri"}
	for i := range vocab {
		var b strings.Builder
		n := i
		for k := 0; k < 1+i/400%3+1; k++ { // frequent words are short
			b.WriteString(syll[n%len(syll)])
			n /= len(syll)
		}
		fmt.Fprintf(&b, "%d", i%7) // keeps every word distinct
		vocab[i] = b.String()
	}
	return &Gen{rnd: rnd, zipf: rand.NewZipf(rnd, 1.07, 2, words-1), vocab: vocab}
}

// sentence is 12 to 30 words.
func (g *Gen) sentence() string {
	n := 12 + g.rnd.IntN(19)
	w := make([]string, n)
	for i := range w {
		w[i] = g.vocab[g.zipf.Uint64()]
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

// Article returns a story of 6 to 12 paragraphs of 2 to 3 sentences,
// about 300 to 700 words, with one or two stock sentences.
func (g *Gen) Article() []string {
	paras := make([]string, 6+g.rnd.IntN(7))
	for i := range paras {
		s := make([]string, 2+g.rnd.IntN(2))
		for j := range s {
			s[j] = g.sentence()
		}
		paras[i] = strings.Join(s, " ")
	}
	for range 1 + g.rnd.IntN(2) {
		i := g.rnd.IntN(len(paras))
		paras[i] += " " + stock[g.rnd.IntN(len(stock))]
	}
	return paras
}

// Copy returns a syndicated copy of paras: a desk's own first paragraph
// in place of the original one half the time, the last one to three
// paragraphs cut half the time, a local paragraph added, a few words
// changed.
func (g *Gen) Copy(paras []string) []string {
	out := append([]string(nil), paras...)
	if g.rnd.IntN(2) == 0 {
		out[0] = g.sentence() + " " + g.sentence()
	}
	if g.rnd.IntN(2) == 0 && len(out) > 5 {
		out = out[:len(out)-1-g.rnd.IntN(3)]
	}
	at := 1 + g.rnd.IntN(len(out)-1)
	out = append(out[:at], append([]string{g.sentence()}, out[at:]...)...)
	for range 3 {
		i := g.rnd.IntN(len(out))
		w := strings.Fields(out[i])
		w[g.rnd.IntN(len(w))] = g.vocab[g.zipf.Uint64()]
		out[i] = strings.Join(w, " ")
	}
	return out
}

// Join makes one text of paragraphs, as the store keeps it.
func Join(paras []string) string { return strings.Join(paras, "\n\n") }
