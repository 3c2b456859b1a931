package calendar

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// TestKeys compares the indexed search with sort.Search on sorted keys
// that are spread, bunched, repeated and far apart.
func TestKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for round := range 500 {
		k := make([]int64, rng.IntN(40))
		for i := range k {
			switch rng.IntN(4) {
			case 0:
				k[i] = rng.Int64N(10) // bunched, with repeats
			case 1:
				k[i] = rng.Int64N(1<<50) - 1<<49 // far apart
			default:
				k[i] = rng.Int64N(2000) - 1000
			}
		}
		slices.Sort(k)
		x := newKeys(k)
		probes := []int64{-1 << 62, 1 << 62, -1 << 63, 1<<63 - 1}
		for _, v := range k {
			probes = append(probes, v-1, v, v+1)
		}
		for range 50 {
			probes = append(probes, rng.Int64N(3000)-1500)
		}
		for _, v := range probes {
			want := sort.Search(len(k), func(i int) bool { return k[i] >= v })
			if got := x.lower(v); got != want {
				t.Fatalf("round %d: lower(%d) = %d, want %d in %v", round, v, got, want, k)
			}
			want = sort.Search(len(k), func(i int) bool { return k[i] > v })
			if got := x.upper(v); got != want {
				t.Fatalf("round %d: upper(%d) = %d, want %d in %v", round, v, got, want, k)
			}
		}
	}
}
