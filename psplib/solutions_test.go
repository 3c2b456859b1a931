package psplib_test

import (
	"strings"
	"testing"

	"github.com/cairnpm/cairn/psplib"
)

func TestReadSolutionsOptima(t *testing.T) {
	sol, err := psplib.ReadSolutions(testdata + "solutions/j30opt.sm")
	if err != nil {
		t.Fatal(err)
	}
	if len(sol) != 480 {
		t.Errorf("%d optima, want 480", len(sol))
	}
	for key, want := range map[psplib.Key]int{{1, 1}: 43, {10, 1}: 42, {48, 10}: 54} {
		if sol[key] != want {
			t.Errorf("%v: %d, want %d", key, sol[key], want)
		}
	}
}

func TestParseSolutionsBestKnown(t *testing.T) {
	// The j120hrs.sm layout: tab-separated, with a date and an author.
	src := "solutionlist data/j120hrs.sm\n" +
		"=====\nPar\tInst\tMakespan\tDate\t\t\t   Author\n=====\n" +
		"1\t1\t105\t\tTue Jan 30 16:52:23 2001  V. Valls, M. Quintanilla, F. Ballestin\n" +
		"60\t10\t89\t\tWed May  9 19:12:34 2001  V. Valls\n"
	sol, err := psplib.ParseSolutions("j120hrs.sm", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(sol) != 2 || sol[psplib.Key{1, 1}] != 105 || sol[psplib.Key{60, 10}] != 89 {
		t.Errorf("got %v", sol)
	}
}

func TestParseSolutionsErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", "s.sm:1: no solutions found"},
		{"short", "Par Inst\n1 2\n", `s.sm:2: want parameter, instance and makespan, got "1 2"`},
		{"not a number", "1 1 4x 0.3\n", `s.sm:1: makespan: "4x" is not a whole number`},
		{"duplicate", "1 1 43\n1 1 44\n", "s.sm:2: parameter 1 instance 1 is listed twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := psplib.ParseSolutions("s.sm", []byte(tc.src))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %v, want %q…", err, tc.want)
			}
		})
	}
}

func TestInstanceKey(t *testing.T) {
	tests := []struct {
		name, set string
		key       psplib.Key
		ok        bool
	}{
		{"j3010_1.sm", "j30", psplib.Key{10, 1}, true},
		{"j301_10.sm", "j30", psplib.Key{1, 10}, true},
		{"j12060_10.sm", "j120", psplib.Key{60, 10}, true},
		{"J601_2.SM", "j60", psplib.Key{1, 2}, true},
		{"j3010_1.sm", "j60", psplib.Key{}, false},
		{"j30x_1.sm", "j30", psplib.Key{}, false},
		{"j3010.sm", "j30", psplib.Key{}, false},
	}
	for _, tc := range tests {
		key, ok := psplib.InstanceKey(tc.name, tc.set)
		if key != tc.key || ok != tc.ok {
			t.Errorf("InstanceKey(%q, %q) = %v, %v; want %v, %v", tc.name, tc.set, key, ok, tc.key, tc.ok)
		}
	}
}
