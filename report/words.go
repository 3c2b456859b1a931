package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

var smallNumbers = []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}

// count writes n as a word up to twelve, as digits above: "three tasks".
func count(n int, singular, plural string) string {
	word := strconv.Itoa(n)
	if n >= 0 && n < len(smallNumbers) {
		word = smallNumbers[n]
	}
	if n == 1 {
		return word + " " + singular
	}
	return word + " " + plural
}

// span writes a number of working days as people say it: "half a day",
// "three days", "a week", "two weeks".
func span(days float64) string {
	days = math.Abs(days)
	switch {
	case days < 0.75:
		return "half a day"
	case days < 1.5:
		return "a day"
	case days < 5:
		return count(int(math.Round(days)), "day", "days")
	case days < 7.5:
		return "a week"
	case days < 10:
		return count(int(math.Round(days)), "day", "days")
	}
	return count(int(math.Round(days/5)), "week", "weeks")
}

// relative says how a date compares with its plan: "on plan", "two weeks
// later than planned", "three days earlier than planned".
func relative(days float64) string {
	switch {
	case math.Abs(days) < 0.5:
		return "on plan"
	case days > 0:
		return span(days) + " later than planned"
	}
	return span(days) + " earlier than planned"
}

// day writes a date as people read it: "17 March", with the year when it
// is not the report's.
func day(t time.Time, year int) string {
	if t.Year() == year {
		return t.Format("2 January")
	}
	return t.Format("2 January 2006")
}

// percent writes a share as a whole percentage: "70%".
func percent(share float64) string {
	return strconv.Itoa(int(math.Round(share*100))) + "%"
}

// list joins names as prose: "A", "A and B", "A, B and C".
func list(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// sentence capitalises the first letter and ends with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// money writes minor units as currency units with the currency code:
// "GBP 12,500".
func money(minor int64, dec int, currency string) string {
	units := float64(minor) / math.Pow10(dec)
	whole := int64(math.Round(units))
	s := strconv.FormatInt(abs(whole), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if whole < 0 {
		s = "-" + s
	}
	return fmt.Sprintf("%s %s", currency, s)
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
