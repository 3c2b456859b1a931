package mspdi

import (
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"PT8H0M0S", 480, true},     // one 8-hour day
		{"PT824H0M0S", 49440, true}, // 103 days: hours are not rolled into days
		{"PT0H0M0S", 0, true},
		{"PT8H30M0S", 510, true},
		{"PT8H30M0.5S", 510, true},   // fractional seconds
		{"PT6H14M24S", 374, true},    // 374.4 minutes
		{"PT81H8M24S", 4868, true},   // 4868.4
		{"PT0H0M30S", 1, true},       // half a minute rounds up
		{"PT0H0M29.9S", 0, true},     // and less rounds down
		{"PT0.5H", 30, true},         // fractional hours
		{"PT1.25M", 1, true},         // fractional minutes
		{"-PT8H0M0S", -480, true},    // negative
		{"-PT0H1M30S", -2, true},     // half away from zero
		{"P1DT2H", 26 * 60, true},    // a day is 24 hours
		{"  PT1H  ", 60, true},       // white space
		{"PT8H", 480, true},          // parts may be left out
		{"PT45M", 45, true},          //
		{"", 0, false},               //
		{"P", 0, false},              //
		{"PT", 0, false},             //
		{"8H", 0, false},             // no P
		{"PT8X", 0, false},           // unknown unit
		{"P1Y", 0, false},            // years have no fixed length
		{"P1M", 0, false},            // nor months
		{"PT.H", 0, false},           //
		{"PT8H0M0", 0, false},        // number without unit
		{"PT99999999999H", 0, false}, // absurdly long
		{"PTHMS", 0, false},
	} {
		got, ok := parseDuration([]byte(tc.in))
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseDuration(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2018-10-18T08:00:00", time.Date(2018, 10, 18, 8, 0, 0, 0, time.UTC), true},
		{"2018-10-18T23:59:59", time.Date(2018, 10, 18, 23, 59, 59, 0, time.UTC), true},
		{"2018-10-18T17:00", time.Date(2018, 10, 18, 17, 0, 0, 0, time.UTC), true},
		{"2018-10-18", time.Date(2018, 10, 18, 0, 0, 0, 0, time.UTC), true},
		{"2018-10-18T08:00:00.000", time.Date(2018, 10, 18, 8, 0, 0, 0, time.UTC), true},
		{"2018-10-18T08:00:00Z", time.Date(2018, 10, 18, 8, 0, 0, 0, time.UTC), true},
		{"2018-10-18T08:00:00+02:00", time.Date(2018, 10, 18, 8, 0, 0, 0, time.UTC), true}, // the clock reading is kept
		{"2018-10-18T24:00:00", time.Date(2018, 10, 19, 0, 0, 0, 0, time.UTC), true},
		{"2016-02-29T08:00:00", time.Date(2016, 2, 29, 8, 0, 0, 0, time.UTC), true},
		{"2018-02-29T08:00:00", time.Time{}, false},
		{"2018-13-01T08:00:00", time.Time{}, false},
		{"2018-10-18T08:60:00", time.Time{}, false},
		{"2018-10-18T24:30:00", time.Time{}, false},
		{"2018-10-18 08:00:00", time.Time{}, false},
		{"18-10-2018", time.Time{}, false},
		{"0000-01-01T00:00:00", time.Time{}, false},
		{"2018-10-18T08:00:00x", time.Time{}, false},
		{"", time.Time{}, false},
	} {
		got, ok := parseDate([]byte(tc.in))
		if ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"08:00:00", 480, true}, {"13:30:00", 810, true}, {"00:00:00", 0, true},
		{"24:00:00", 1440, true}, {"17:00", 1020, true}, {"8:00:00", 0, false},
		{"25:00:00", 0, false}, {"08:61:00", 0, false}, {"", 0, false},
	} {
		got, ok := parseClock([]byte(tc.in))
		if ok != tc.ok || got != tc.want {
			t.Errorf("parseClock(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseScaled(t *testing.T) {
	for _, tc := range []struct {
		in    string
		shift int
		want  int64
		ok    bool
	}{
		{"48000", -1, 4800, true}, // TotalSlack 48000 tenths = 4800 minutes = 10 days
		{"52800", -1, 5280, true}, // 11 days
		{"4805", -1, 481, true},   // half a minute rounds away from zero
		{"-4805", -1, -481, true},
		{"80000.00", 0, 80000, true},
		{"148900", 0, 148900, true},
		{"45", 2, 4500, true},                     // a rate of 45 per hour is 4500 cents
		{"12.345", 2, 1235, true},                 // rounded half away from zero
		{"0.33", 2, 33, true},                     //
		{"150", -2, 2, true},                      // hundredths to yen: 1.50 rounds to 2
		{"149", -2, 1, true},                      //
		{"1.500000000000000000000", 2, 150, true}, // trailing zeros
		{"-0.5", 0, -1, true},
		{"+7", 0, 7, true},
		{"1e3", 0, 0, false},
		{"1.2.3", 0, 0, false},
		{".", 0, 0, false},
		{"", 0, 0, false},
		{"-", 0, 0, false},
		{"9999999999999999999", 0, 0, false},
		{"999999999999999999", 2, 0, false}, // overflows when scaled
	} {
		got, ok := parseScaled([]byte(tc.in), tc.shift)
		if ok != tc.ok || got != tc.want {
			t.Errorf("parseScaled(%q, %d) = %d, %v; want %d, %v", tc.in, tc.shift, got, ok, tc.want, tc.ok)
		}
	}
}

// TestLag checks LinkLag and LagFormat against the README's values.
func TestLag(t *testing.T) {
	for _, tc := range []struct {
		lag, format int64
		want        domain.Lag
	}{
		{4800, 7, domain.Lag{Minutes: 480}},                  // 1 day
		{9600, 7, domain.Lag{Minutes: 960}},                  // 2 days
		{-4800, 7, domain.Lag{Minutes: -480}},                // a 1-day lead
		{24000, 9, domain.Lag{Minutes: 2400}},                // shown as 1 week: still working time
		{48000, 39, domain.Lag{Minutes: 4800}},               // estimated days
		{14400, 8, domain.Lag{Minutes: 1440, Elapsed: true}}, // 1 elapsed day: 24 wall-clock hours
		{600, 6, domain.Lag{Minutes: 60, Elapsed: true}},     // elapsed hours
		{600, 38, domain.Lag{Minutes: 60, Elapsed: true}},    // estimated elapsed hours
		{144000, 10, domain.Lag{Minutes: 14400, Elapsed: true}},
		{5, 7, domain.Lag{Minutes: 1}}, // half a minute
		{-50, 19, domain.Lag{Percent: -50, IsPercent: true}},
		{25, 51, domain.Lag{Percent: 25, IsPercent: true}},
		{50, 20, domain.Lag{Percent: 50, IsPercent: true, Elapsed: true}},
		{0, 19, domain.Lag{IsPercent: true}},
	} {
		if got := lagOf(tc.lag, tc.format); got != tc.want {
			t.Errorf("lagOf(%d, %d) = %+v, want %+v", tc.lag, tc.format, got, tc.want)
		}
	}
}

func TestDurationFormats(t *testing.T) {
	elapsed := map[int64]bool{4: true, 6: true, 8: true, 10: true, 12: true, 20: true, 36: true, 38: true, 40: true, 42: true, 44: true, 52: true}
	for f := int64(0); f <= 60; f++ {
		if got := elapsedFormat(f); got != elapsed[f] {
			t.Errorf("elapsedFormat(%d) = %v", f, got)
		}
	}
}

func TestLinkAndConstraintTypes(t *testing.T) {
	links := map[int64]domain.DependencyType{0: domain.FF, 1: domain.FS, 2: domain.SF, 3: domain.SS}
	for n := int64(-1); n <= 4; n++ {
		got, ok := linkType(n)
		if want, exists := links[n]; ok != exists || got != want {
			t.Errorf("linkType(%d) = %q, %v", n, got, ok)
		}
	}
	constraints := map[int64]domain.ConstraintType{0: domain.ASAP, 1: domain.ALAP, 2: domain.MSO, 3: domain.MFO, 4: domain.SNET, 5: domain.SNLT, 6: domain.FNET, 7: domain.FNLT}
	for n := int64(-1); n <= 8; n++ {
		got, ok := constraintType(n)
		if want, exists := constraints[n]; ok != exists || got != want {
			t.Errorf("constraintType(%d) = %q, %v", n, got, ok)
		}
	}
}

func TestDeriveKey(t *testing.T) {
	for name, want := range map[string]string{
		"Commercial construction project plan": "CCPP",
		"Commercial Construction":              "CC",
		"TestViews":                            "TV",
		"sample":                               "SAMPLE",
		"Home Move":                            "HM",
		"task-links-project2019-mspdi":         "TLP2M",
		"Customer Feedback Monitoring Process": "CFMP",
		"x":                                    "MSP",
		"":                                     "MSP",
		"2019 plan":                            "MSP", // "2P" minus the leading digit
		"Überprüfung der Anlage":               "UDA",
		"supercalifragilisticexpialidocious":   "SUPERCALIF",
		"a b c d e f g h i j k l m":            "ABCDEFGHIJ",
	} {
		if got := deriveKey(name); got != want {
			t.Errorf("deriveKey(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestMoneyConversion(t *testing.T) {
	for _, tc := range []struct {
		currency   string
		hundredths int64
		rate       string
		minor      int64
		rateMinor  int64
	}{
		{"USD", 148900, "45", 148900, 4500},
		{"GBP", 5, "12.345", 5, 1235},
		{"JPY", 12345, "1500", 123, 1500},
		{"KWD", 12345, "2.5", 123450, 2500},
	} {
		b := &builder{dec: domain.CurrencyDecimals(tc.currency)}
		if got := b.minor(tc.hundredths); got != tc.minor {
			t.Errorf("%s: %d hundredths = %d minor units, want %d", tc.currency, tc.hundredths, got, tc.minor)
		}
		if got := b.rate(tc.rate); got != tc.rateMinor {
			t.Errorf("%s: rate %s = %d minor units, want %d", tc.currency, tc.rate, got, tc.rateMinor)
		}
	}
}

// TestCivilDays checks the calendar arithmetic of parseDate against the
// time package for every day from 1599 to 2401.
func TestCivilDays(t *testing.T) {
	for d := time.Date(1599, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() <= 2401; d = d.AddDate(0, 0, 1) {
		y, m, dd := d.Date()
		if got := civilDays(y, int(m), dd); got != d.Unix()/86400 {
			t.Fatalf("civilDays(%v) = %d, want %d", d, got, d.Unix()/86400)
		}
		if dd == 1 {
			if got, want := daysIn(y, m), d.AddDate(0, 1, -1).Day(); got != want {
				t.Fatalf("daysIn(%d, %v) = %d, want %d", y, m, got, want)
			}
		}
	}
}
