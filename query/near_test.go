package query

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// nearEveryPair is near as it was: every left hit against every right
// hit. The reference.
func nearEveryPair(n *Near, idx *Index, o Options) (bool, []Hit) {
	var left, right []Hit
	for _, t := range n.Left {
		left = append(left, idx.Find(t, o)...)
	}
	for _, t := range n.Right {
		right = append(right, idx.Find(t, o)...)
	}
	var hits []Hit
	for _, l := range left {
		for _, r := range right {
			d := 0
			switch {
			case r.First > l.Last:
				d = r.First - l.Last - 1
			case l.First > r.Last:
				d = l.First - r.Last - 1
			}
			if d <= n.Dist && l.Field == r.Field {
				hits = append(hits, l, r)
			}
		}
	}
	return len(hits) > 0, hits
}

// TestNearAsEveryPair: reading only the right hits within reach gives the
// pairs, in the order, that comparing every pair gives.
func TestNearAsEveryPair(t *testing.T) {
	queries := []string{
		`flood* NEAR/3 (displaced OR migrants)`,
		`("climate change" OR drought*) NEAR/12 (displace* OR migra*)`,
		`"International Organization for Migration" NEAR/1 said`,
		`(IOM OR "UN migration agency") NEAR/200 "voluntary return"`,
		`lead:(migrants NEAR/2 boat)`,
	}
	vocab := strings.Fields(`floods flooded flood displaced displacement migrants migration climate change drought droughts
		International Organization for Migration IOM UN migration agency said voluntary return boat the a of and in`)
	r := rand.New(rand.NewPCG(13, 13))
	for seed := range 200 {
		var paras []string
		for range 1 + r.IntN(5) {
			var b strings.Builder
			for range r.IntN(120) {
				b.WriteString(vocab[r.IntN(len(vocab))])
				b.WriteByte(' ')
			}
			paras = append(paras, b.String())
		}
		idx := doc("Floods displaced migrants", paras...)
		for _, src := range queries {
			q, err := Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			var nn *Near
			switch root := q.Root.(type) {
			case *Near:
				nn = root
			default:
				t.Fatalf("%s: not a NEAR query", src)
			}
			gotOK, got := near(nn, idx, Options{})
			wantOK, want := nearEveryPair(nn, idx, Options{})
			if gotOK != wantOK || !reflect.DeepEqual(got, want) {
				t.Fatalf("document %d, %s: got %v and %d hits, want %v and %d", seed, src, gotOK, len(got), wantOK, len(want))
			}
		}
	}
}

// BenchmarkNearDense: both sides of NEAR every third word, on texts of
// 64 KiB to 1 MiB: the time per MB stays flat.
func BenchmarkNearDense(b *testing.B) {
	q, err := Parse(`("climate change" OR flood*) NEAR/12 (displace* OR migra*)`)
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []int{64 << 10, 256 << 10, 1 << 20} {
		idx := doc("x", strings.Repeat("floods displaced migrants ", size/26))
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				q.Match(idx, Options{})
			}
		})
	}
}
