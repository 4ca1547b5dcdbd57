package report

import (
	"crypto/rand"
	"encoding/binary"
	"math"
	"math/bits"
	mrand "math/rand/v2"
	"slices"
)

// SampleSize is how many of n cases a sample of ratio draws: ratio·n
// rounded up (regulation 001 "不少于20%"), at least one of a non-empty month.
func SampleSize(n int, ratio float64) int {
	if n <= 0 || ratio <= 0 {
		return 0
	}
	// 0.2·15 is 3.0000000000000004 in floating point: a hair's tolerance
	// keeps exact products from rounding up to one more.
	k := int(math.Ceil(ratio*float64(n) - 1e-9))
	return min(max(k, 1), n)
}

// Draw picks SampleSize(len(population), ratio) of the population (case
// ids) at random. The same seed and population always give the same cases
// in the same order, on every machine and Go version: the generator is
// PCG-DXSM (math/rand/v2's PCG, whose output is specified) and the draw —
// a partial Fisher–Yates shuffle over the ids in ascending order, with
// Lemire's unbiased bounded integers — is written out here.
func Draw(population []int64, ratio float64, seed uint64) []int64 {
	ids := slices.Clone(population)
	slices.Sort(ids)
	k := SampleSize(len(ids), ratio)
	src := mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	for i := 0; i < k; i++ {
		j := i + int(bounded(src, uint64(len(ids)-i)))
		ids[i], ids[j] = ids[j], ids[i]
	}
	return ids[:k]
}

// bounded is a uniform integer in [0, n) (Lemire, "Fast random integer
// generation in an interval", 2019).
func bounded(src *mrand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}

// NewSeed makes a seed short enough to read out and type again (1 to
// 999,999,999).
func NewSeed() uint64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return binary.LittleEndian.Uint64(b[:])%999_999_999 + 1
}
