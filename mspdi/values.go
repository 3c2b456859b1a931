package mspdi

import (
	"strconv"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// The value parsers below read MSPDI's text values by hand: they run for
// every element of every task, and a regexp or time.Parse per value would
// dominate the cost of reading a large file. Each reports ok=false for a
// value it cannot read; the caller names the element and line.

// trim drops XML white space around b.
func trim(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// parseInt reads a decimal integer such as "42" or "-65535".
func parseInt(b []byte) (int64, bool) {
	b = trim(b)
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseScaled reads a decimal number such as "80000.00", "-50" or "0.33"
// exactly and returns it times 10^shift, rounded half away from zero:
// parseScaled("4805", -1) is 481 (tenths to units), parseScaled("45.5", 2)
// is 4550 (currency units to cents). No floating point is involved, so it
// is safe for money.
func parseScaled(b []byte, shift int) (int64, bool) {
	b = trim(b)
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = b[1:]
	}
	var mant int64
	digits, scale := 0, 0
	point := false
	for i, c := range b {
		switch {
		case c == '.' && !point:
			point = true
			continue
		case c < '0' || c > '9':
			return 0, false
		}
		if point && c == '0' && allZeros(b[i:]) {
			break // trailing zeros of a fraction add nothing
		}
		if digits >= 18 {
			return 0, false
		}
		if mant > 0 || c != '0' {
			digits++
		}
		mant = mant*10 + int64(c-'0')
		if point {
			scale++
		}
	}
	if len(b) == 0 || len(b) == 1 && point {
		return 0, false
	}
	exp := shift - scale
	for ; exp > 0; exp-- {
		if mant > (1<<63-1)/10 {
			return 0, false
		}
		mant *= 10
	}
	if exp < 0 {
		if exp < -18 {
			mant = 0
		} else {
			div := pow10(-exp)
			q, r := mant/div, mant%div
			if 2*r >= div {
				q++
			}
			mant = q
		}
	}
	if neg {
		mant = -mant
	}
	return mant, true
}

func allZeros(b []byte) bool {
	for _, c := range b {
		if c != '0' {
			return false
		}
	}
	return true
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// parseFloat reads a decimal number such as "0.5" (units, not money).
func parseFloat(b []byte) (float64, bool) {
	v, err := strconv.ParseFloat(string(trim(b)), 64)
	return v, err == nil && v == v && v < 1e15 && v > -1e15
}

// parseBool reads "1", "0", "true" or "false".
func parseBool(b []byte) (bool, bool) {
	switch string(trim(b)) {
	case "1", "true":
		return true, true
	case "0", "false":
		return false, true
	}
	return false, false
}

// parseDate reads "2018-10-18T08:00:00" (or a bare date, or with
// fractional seconds or a zone, whose clock reading is kept) as a
// wall-clock time in UTC, as domain dates are. "T24:00:00" is the
// midnight ending the day.
func parseDate(b []byte) (time.Time, bool) {
	b = trim(b)
	if len(b) < 10 || b[4] != '-' || b[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := digits(b[0:4])
	mo, ok2 := digits(b[5:7])
	d, ok3 := digits(b[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, time.Month(mo)) {
		return time.Time{}, false
	}
	b = b[10:]
	var hh, mm, ss int
	if len(b) > 0 {
		if b[0] != 'T' || len(b) < 6 || b[3] != ':' {
			return time.Time{}, false
		}
		var okh, okm bool
		hh, okh = digits(b[1:3])
		mm, okm = digits(b[4:6])
		b = b[6:]
		oks := true
		if len(b) >= 3 && b[0] == ':' {
			ss, oks = digits(b[1:3])
			b = b[3:]
			if len(b) > 0 && b[0] == '.' {
				i := 1
				for i < len(b) && b[i] >= '0' && b[i] <= '9' {
					i++
				}
				b = b[i:]
			}
		}
		if !okh || !okm || !oks || mm > 59 || ss > 59 || hh > 24 || hh == 24 && (mm != 0 || ss != 0) {
			return time.Time{}, false
		}
		if !zone(b) {
			return time.Time{}, false
		}
	}
	// time.Unix rather than time.Date: no zone to look up, and this runs
	// for every date of every task.
	return time.Unix(civilDays(y, mo, d)*86400+int64(hh*3600+mm*60+ss), 0).UTC(), true
}

// civilDays is the number of days from 1970-01-01 to the given date of
// the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
func civilDays(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= 0 here: parseDate refuses year 0
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// zone accepts what may follow a time: nothing, "Z" or "+hh:mm".
func zone(b []byte) bool {
	switch {
	case len(b) == 0, len(b) == 1 && b[0] == 'Z':
		return true
	case len(b) == 6 && (b[0] == '+' || b[0] == '-') && b[3] == ':':
		_, ok1 := digits(b[1:3])
		_, ok2 := digits(b[4:6])
		return ok1 && ok2
	}
	return false
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}

func daysIn(y int, m time.Month) int {
	if m == time.February {
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 30 + int((m+m/8)%2)
}

// parseClock reads a time of day "08:00:00" or "08:00" as minutes after
// midnight.
func parseClock(b []byte) (int, bool) {
	b = trim(b)
	if len(b) != 5 && len(b) < 8 || b[2] != ':' {
		return 0, false
	}
	hh, ok1 := digits(b[0:2])
	mm, ok2 := digits(b[3:5])
	if len(b) >= 8 {
		if b[5] != ':' {
			return 0, false
		}
		if _, ok := digits(b[6:8]); !ok {
			return 0, false
		}
		if len(b) > 8 && !zone(b[8:]) && b[8] != '.' {
			return 0, false
		}
	}
	if !ok1 || !ok2 || mm > 59 || hh > 24 || hh == 24 && mm != 0 {
		return 0, false
	}
	return hh*60 + mm, true
}

// parseDuration reads an XML Schema duration as MSPDI writes it —
// "PT8H0M0S", "PT8H30M0.5S", "-PT4H0M0S" — into whole minutes, rounded
// half away from zero. Hours are not rolled into days, so "PT824H0M0S" is
// 824 hours. Days ("P1DT2H") count 24 hours; years and months, which have
// no fixed length, are refused.
func parseDuration(b []byte) (int64, bool) {
	b = trim(b)
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = b[1:]
	}
	if len(b) < 2 || b[0] != 'P' {
		return 0, false
	}
	b = b[1:]
	const limit = 1e10 // whole units in one field: far beyond any plan
	var ms int64       // milliseconds
	inTime, seen := false, false
	for len(b) > 0 {
		if b[0] == 'T' {
			if inTime || len(b) == 1 {
				return 0, false
			}
			inTime = true
			b = b[1:]
			continue
		}
		var whole, micro int64 // the number: whole + micro/1e6
		i := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			if whole = whole*10 + int64(b[i]-'0'); whole > limit {
				return 0, false
			}
		}
		n := i
		if i < len(b) && b[i] == '.' {
			i++
			scale := int64(100000)
			for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
				micro += int64(b[i]-'0') * scale
				scale /= 10
			}
			if i == n+1 && n == 0 {
				return 0, false
			}
		} else if n == 0 {
			return 0, false
		}
		if i >= len(b) {
			return 0, false
		}
		var per int64
		switch unit := b[i]; {
		case unit == 'H' && inTime:
			per = 3_600_000
		case unit == 'M' && inTime:
			per = 60_000
		case unit == 'S' && inTime:
			per = 1000
		case unit == 'D' && !inTime:
			per = 86_400_000
		default:
			return 0, false
		}
		ms += whole*per + micro*per/1_000_000
		if ms > 1e17 {
			return 0, false
		}
		seen = true
		b = b[i+1:]
	}
	if !seen {
		return 0, false
	}
	m := (ms + 30_000) / 60_000
	if neg {
		m = -m
	}
	return m, true
}

// linkType maps PredecessorLink/Type: 0 FF, 1 FS, 2 SF, 3 SS.
func linkType(n int64) (domain.DependencyType, bool) {
	switch n {
	case 0:
		return domain.FF, true
	case 1:
		return domain.FS, true
	case 2:
		return domain.SF, true
	case 3:
		return domain.SS, true
	}
	return "", false
}

// constraintType maps Task/ConstraintType: 0 ASAP, 1 ALAP, 2 MSO, 3 MFO,
// 4 SNET, 5 SNLT, 6 FNET, 7 FNLT.
func constraintType(n int64) (domain.ConstraintType, bool) {
	switch n {
	case 0:
		return domain.ASAP, true
	case 1:
		return domain.ALAP, true
	case 2:
		return domain.MSO, true
	case 3:
		return domain.MFO, true
	case 4:
		return domain.SNET, true
	case 5:
		return domain.SNLT, true
	case 6:
		return domain.FNET, true
	case 7:
		return domain.FNLT, true
	}
	return "", false
}

// Duration and lag formats (DurationFormat, LagFormat): 3 m, 4 em, 5 h,
// 6 eh, 7 d, 8 ed, 9 w, 10 ew, 11 mo, 12 emo, 19 %, 20 e%, 21 null, and
// the same plus 32 when estimated (35…53). They say how MS Project shows a
// value; whether it is elapsed and whether a lag is a percentage are the
// only parts that change its meaning.

// elapsedFormat reports whether a duration or lag format is elapsed
// (wall-clock) time.
func elapsedFormat(f int64) bool {
	if f >= 32 {
		f -= 32
	}
	switch f {
	case 4, 6, 8, 10, 12, 20:
		return true
	}
	return false
}

// percentFormat reports whether a lag format is a percentage of the
// predecessor's duration (19 %, 20 e%, 51 %?, 52 e%?).
func percentFormat(f int64) bool {
	return f == 19 || f == 20 || f == 51 || f == 52
}

// lagOf turns a LinkLag and LagFormat into a domain.Lag. LinkLag is tenths
// of a minute — working minutes, or wall-clock minutes for elapsed
// formats — except for percentage formats, where it is a plain percent
// (see the package documentation for how that was established).
func lagOf(linkLag, format int64) domain.Lag {
	if percentFormat(format) {
		return domain.Lag{Percent: linkLag, IsPercent: true, Elapsed: elapsedFormat(format)}
	}
	return domain.Lag{Minutes: roundTenths(linkLag), Elapsed: elapsedFormat(format)}
}

// roundTenths converts tenths of a minute to minutes, half away from zero.
func roundTenths(t int64) int64 {
	if t < 0 {
		return -((-t + 5) / 10)
	}
	return (t + 5) / 10
}
