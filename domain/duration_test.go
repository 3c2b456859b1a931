package domain

import (
	"strconv"
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	six := Units{MinutesPerDay: 360}
	tests := []struct {
		in      string
		units   Units
		minutes int64
		elapsed bool
	}{
		{"5d", DefaultUnits, 2400, false},
		{"3h", DefaultUnits, 180, false},
		{"90m", DefaultUnits, 90, false},
		{"2w", DefaultUnits, 4800, false},
		{"1.5d", DefaultUnits, 720, false},
		{"1mo", DefaultUnits, 9600, false},
		{"1d 4h", DefaultUnits, 720, false},
		{"1d4h", DefaultUnits, 720, false},
		{"3", DefaultUnits, 1440, false},
		{"0", DefaultUnits, 0, false},
		{"0d", DefaultUnits, 0, false},
		{" 2 days ", DefaultUnits, 960, false},
		{"3ed", DefaultUnits, 3 * 1440, true},
		{"2ew", DefaultUnits, 2 * 7 * 1440, true},
		{"12eh", DefaultUnits, 720, true},
		{"5D", DefaultUnits, 2400, false},
		{"1d", six, 360, false},
		{"1w", six, 1800, false},
		{"0.1d", DefaultUnits, 48, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := ParseDuration(tc.in, tc.units)
			if err != nil {
				t.Fatal(err)
			}
			if d.Minutes != tc.minutes || d.Elapsed != tc.elapsed {
				t.Fatalf("got %+v, want %d minutes elapsed=%v", d, tc.minutes, tc.elapsed)
			}
			back, err := ParseDuration(d.Format(tc.units), tc.units)
			if err != nil || back != d {
				t.Fatalf("Format %q reads back as %+v (%v)", d.Format(tc.units), back, err)
			}
		})
	}
}

func TestParseDurationErrors(t *testing.T) {
	for _, in := range []string{"", "5x", "d", "-2d", "1d 3ed", "..5d", "5d!", "1e400d", "NaNd", "9999999999999w"} {
		t.Run(in, func(t *testing.T) {
			_, err := ParseDuration(in, DefaultUnits)
			if err == nil {
				t.Fatal("accepted")
			}
			if ErrorKind(err) != KindInvalid {
				t.Fatalf("kind %s", ErrorKind(err))
			}
			if in != "" && !strings.Contains(err.Error(), strconv.Quote(in)) {
				t.Fatalf("message does not name the input: %v", err)
			}
		})
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    Duration
		want string
	}{
		{Duration{Minutes: 2400}, "5d"},
		{Duration{Minutes: 720}, "1.5d"},
		{Duration{Minutes: 90}, "90m"},
		{Duration{Minutes: 540}, "9h"},
		{Duration{Minutes: 0}, "0d"},
		{Duration{Minutes: 4320, Elapsed: true}, "3ed"},
		{Duration{Minutes: 90, Elapsed: true}, "90em"},
	}
	for _, tc := range tests {
		if got := tc.d.Format(DefaultUnits); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestParseLag(t *testing.T) {
	tests := []struct {
		in   string
		want Lag
	}{
		{"2d", Lag{Minutes: 960}},
		{"+2d", Lag{Minutes: 960}},
		{"-1d", Lag{Minutes: -480}},
		{"3ed", Lag{Minutes: 4320, Elapsed: true}},
		{"50%", Lag{Percent: 50, IsPercent: true}},
		{"-25%", Lag{Percent: -25, IsPercent: true}},
		{"", Lag{}},
	}
	for _, tc := range tests {
		got, err := ParseLag(tc.in, DefaultUnits)
		if err != nil || got != tc.want {
			t.Errorf("%q: %+v %v, want %+v", tc.in, got, err, tc.want)
			continue
		}
		if back, err := ParseLag(got.Format(DefaultUnits), DefaultUnits); err != nil || back != got {
			t.Errorf("%q: format %q reads back %+v", tc.in, got.Format(DefaultUnits), back)
		}
	}
	for _, bad := range []string{"soon", "5x", "%", "abc%", "99999%"} {
		if _, err := ParseLag(bad, DefaultUnits); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"5d", "1.5d", "3ed", "1d 4h", "-2d", "90m", "2w", "1mo", "50%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s, DefaultUnits)
		if err != nil {
			return
		}
		back, err := ParseDuration(d.Format(DefaultUnits), DefaultUnits)
		if err != nil || back != d {
			t.Fatalf("%q → %+v → %q → %+v %v", s, d, d.Format(DefaultUnits), back, err)
		}
		if l, err := ParseLag(s, DefaultUnits); err == nil {
			if back, err := ParseLag(l.Format(DefaultUnits), DefaultUnits); err != nil || back != l {
				t.Fatalf("lag %q → %+v → %q → %+v", s, l, l.Format(DefaultUnits), back)
			}
		}
	})
}
