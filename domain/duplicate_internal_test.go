package domain

import "testing"

func TestDuplicateLink(t *testing.T) {
	tests := []struct {
		name       string
		pred, succ []int32
		want       int
		dup        bool
	}{
		{"none", []int32{0, 0, 1}, []int32{1, 2, 2}, -1, false},
		{"reverse is not a repeat", []int32{0, 1}, []int32{1, 0}, -1, false},
		{"one repeat", []int32{0, 1, 0}, []int32{1, 2, 1}, 2, true},
		{"smallest second occurrence wins", []int32{2, 0, 2, 0, 0}, []int32{3, 1, 3, 1, 1}, 2, true},
		{"across buckets", []int32{0, 3, 3, 0}, []int32{1, 2, 2, 1}, 2, true},
		{"empty", nil, nil, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dup := duplicateLink(tt.pred, tt.succ, 4)
			if dup != tt.dup || (dup && got != tt.want) {
				t.Errorf("duplicateLink = %d, %v; want %d, %v", got, dup, tt.want, tt.dup)
			}
		})
	}
}

func TestFirstDuplicate(t *testing.T) {
	sparse := []uint64{1 << 40, 7, 1 << 40}
	tests := []struct {
		name string
		keys []uint64
		i, j int
		dup  bool
	}{
		{"dense, none", []uint64{3, 1, 2}, 0, 0, false},
		{"dense, first repeat", []uint64{5, 1, 5, 1}, 0, 2, true},
		{"dense, earliest second occurrence", []uint64{5, 1, 1, 5}, 1, 2, true},
		{"sparse", sparse, 0, 2, true},
		{"sparse, none", []uint64{1 << 40, 1 << 41}, 0, 0, false},
		{"empty", nil, 0, 0, false},
	}
	for _, tt := range tests {
		i, j, dup := firstDuplicate(tt.keys)
		if dup != tt.dup || (dup && (i != tt.i || j != tt.j)) {
			t.Errorf("%s: firstDuplicate = %d, %d, %v; want %d, %d, %v", tt.name, i, j, dup, tt.i, tt.j, tt.dup)
		}
	}
}
