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
