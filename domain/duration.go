package domain

import (
	"math"
	"strconv"
	"strings"
)

// Units says how long a day, week and month of work are. They turn the
// units people type ("5d") into working minutes and back; they do not say
// when work happens — that is the calendar's job.
type Units struct {
	MinutesPerDay  int64 // default 480 (8 h)
	MinutesPerWeek int64 // default 2400 (5 d)
	DaysPerMonth   int64 // default 20
}

// DefaultUnits are MS Project's defaults: 8 h days, 40 h weeks, 20-day months.
var DefaultUnits = Units{MinutesPerDay: 480, MinutesPerWeek: 2400, DaysPerMonth: 20}

// OrDefault returns u with zero fields replaced by DefaultUnits.
func (u Units) OrDefault() Units {
	if u.MinutesPerDay <= 0 {
		u.MinutesPerDay = DefaultUnits.MinutesPerDay
	}
	if u.MinutesPerWeek <= 0 {
		u.MinutesPerWeek = u.MinutesPerDay * 5
	}
	if u.DaysPerMonth <= 0 {
		u.DaysPerMonth = DefaultUnits.DaysPerMonth
	}
	return u
}

// Elapsed minutes per unit: elapsed time runs round the clock.
const (
	elapsedDay   = 24 * 60
	elapsedWeek  = 7 * elapsedDay
	elapsedMonth = 30 * elapsedDay
)

// Duration is an amount of time: working minutes of the governing calendar,
// or elapsed (wall-clock) minutes when Elapsed is set.
type Duration struct {
	Minutes int64
	Elapsed bool
}

// Days returns d as a number of working days under u, for display.
func (d Duration) Days(u Units) float64 {
	if d.Elapsed {
		return float64(d.Minutes) / elapsedDay
	}
	return float64(d.Minutes) / float64(u.OrDefault().MinutesPerDay)
}

// durationHint is appended to every duration error.
const durationHint = "try 5d, 3h, 90m, 2w, 1.5d or 3ed for elapsed days"

// ParseDuration reads a duration such as "5d", "3h", "90m", "2w", "1mo",
// "1.5d", "1d 4h" or an elapsed one such as "3ed". A bare number means days.
// Negative durations are refused; see ParseLag for leads.
func ParseDuration(s string, u Units) (Duration, error) {
	d, err := parseSigned(s, u)
	if err != nil {
		return Duration{}, err
	}
	if d.Minutes < 0 {
		return Duration{}, Invalid("invalid_duration", "", "%q is negative; a duration must be zero or more (%s)", s, durationHint)
	}
	return d, nil
}

func parseSigned(s string, u Units) (Duration, error) {
	u = u.OrDefault()
	in := strings.TrimSpace(s)
	if in == "" {
		return Duration{}, Invalid("invalid_duration", "", "duration is empty (%s)", durationHint)
	}
	neg := false
	switch in[0] {
	case '-':
		neg, in = true, strings.TrimSpace(in[1:])
	case '+':
		in = strings.TrimSpace(in[1:])
	}
	var total float64
	var elapsed, seen, working bool
	for in != "" {
		i := 0
		for i < len(in) && (in[i] >= '0' && in[i] <= '9' || in[i] == '.') {
			i++
		}
		if i == 0 {
			return Duration{}, Invalid("invalid_duration", "", "%q is not a duration (%s)", s, durationHint)
		}
		n, err := strconv.ParseFloat(in[:i], 64)
		if err != nil {
			return Duration{}, Invalid("invalid_duration", "", "%q is not a duration (%s)", s, durationHint)
		}
		in = strings.TrimLeft(in[i:], " ")
		j := 0
		for j < len(in) && (in[j] >= 'a' && in[j] <= 'z' || in[j] >= 'A' && in[j] <= 'Z') {
			j++
		}
		unit := strings.ToLower(in[:j])
		in = strings.TrimLeft(in[j:], " ,")
		per, el, ok := unitMinutes(unit, u)
		if !ok {
			return Duration{}, Invalid("invalid_duration", "", "%q has an unknown unit %q (%s)", s, unit, durationHint)
		}
		if el {
			elapsed = true
		} else {
			working = true
		}
		seen = true
		total += n * per
	}
	if !seen {
		return Duration{}, Invalid("invalid_duration", "", "%q is not a duration (%s)", s, durationHint)
	}
	if elapsed && working {
		return Duration{}, Invalid("invalid_duration", "", "%q mixes working and elapsed units; use one kind", s)
	}
	if total > 1e12 || math.IsNaN(total) || math.IsInf(total, 0) {
		return Duration{}, Invalid("invalid_duration", "", "%q is too long", s)
	}
	m := int64(math.Round(total))
	if neg {
		m = -m
	}
	return Duration{Minutes: m, Elapsed: elapsed}, nil
}

// unitMinutes returns the minutes in one unit, and whether the unit is elapsed.
func unitMinutes(unit string, u Units) (float64, bool, bool) {
	switch unit {
	case "m", "min", "mins", "minute", "minutes":
		return 1, false, true
	case "h", "hr", "hrs", "hour", "hours":
		return 60, false, true
	case "", "d", "day", "days":
		return float64(u.MinutesPerDay), false, true
	case "w", "wk", "wks", "week", "weeks":
		return float64(u.MinutesPerWeek), false, true
	case "mo", "mon", "month", "months":
		return float64(u.MinutesPerDay * u.DaysPerMonth), false, true
	case "em", "emin", "emins":
		return 1, true, true
	case "eh", "ehr", "ehrs":
		return 60, true, true
	case "ed", "eday", "edays":
		return elapsedDay, true, true
	case "ew", "ewk", "ewks":
		return elapsedWeek, true, true
	case "emo", "emon":
		return elapsedMonth, true, true
	}
	return 0, false, false
}

// Format writes d in the largest unit that holds it exactly: "5d", "12h",
// "90m", "3ed". ParseDuration(d.Format(u), u) == d.
func (d Duration) Format(u Units) string {
	u = u.OrDefault()
	m := d.Minutes
	if d.Elapsed {
		switch {
		case m != 0 && m%elapsedDay == 0:
			return strconv.FormatInt(m/elapsedDay, 10) + "ed"
		case m != 0 && m%60 == 0:
			return strconv.FormatInt(m/60, 10) + "eh"
		default:
			return strconv.FormatInt(m, 10) + "em"
		}
	}
	switch {
	case m%u.MinutesPerDay == 0:
		return strconv.FormatInt(m/u.MinutesPerDay, 10) + "d"
	case (m*10)%u.MinutesPerDay == 0:
		return strconv.FormatFloat(float64(m)/float64(u.MinutesPerDay), 'f', -1, 64) + "d"
	case m%60 == 0:
		return strconv.FormatInt(m/60, 10) + "h"
	default:
		return strconv.FormatInt(m, 10) + "m"
	}
}
