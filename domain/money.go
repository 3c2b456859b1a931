package domain

import (
	"strconv"
	"strings"
)

// CurrencyDecimals returns how many digits an amount of currency has after
// the decimal point (ISO 4217 minor units): 0 for JPY, 3 for KWD, 2 for
// most others and for an empty or unknown code.
func CurrencyDecimals(currency string) int {
	switch strings.ToUpper(strings.TrimSpace(currency)) {
	case "JPY", "KRW", "ISK", "CLP", "VND":
		return 0
	case "BHD", "KWD", "OMR", "JOD", "TND":
		return 3
	}
	return 2
}

// ParseMoney reads an amount of currency such as "85", "85.50", "1,250.00"
// or "-12.5" exactly into minor units (pence, cents, yen), with no floating
// point on the way. Thousands separators must group three digits. More
// decimals than the currency has are refused unless they are zeros
// ("85.500" is 8550 pence; "85.505" is an error).
func ParseMoney(s, currency string) (int64, error) {
	in := strings.TrimSpace(s)
	dec := CurrencyDecimals(currency)
	neg := false
	if in != "" && (in[0] == '-' || in[0] == '+') {
		neg = in[0] == '-'
		in = in[1:]
	}
	whole, frac, hasPoint := strings.Cut(in, ".")
	whole, ok := stripThousands(whole)
	if !ok || whole == "" || (hasPoint && frac == "") || !allDigits(whole) || !allDigits(frac) {
		return 0, Invalid("invalid_money", "", "%q is not an amount of money (try %s)", s, moneyExample(dec))
	}
	if extra := strings.TrimRight(frac, "0"); len(extra) > dec {
		return 0, Invalid("invalid_money", "", "%q has %s but %s has %s (try %s)",
			s, plural(len(extra), "decimal"), currencyName(currency), decimalsName(dec), moneyExample(dec))
	}
	if len(frac) > dec {
		frac = frac[:dec] // only zeros were cut
	}
	frac += strings.Repeat("0", dec-len(frac))
	digits := strings.TrimLeft(whole+frac, "0")
	if digits == "" {
		return 0, nil
	}
	// Parse as unsigned so that the most negative int64 is reachable.
	u, err := strconv.ParseUint(digits, 10, 64)
	limit := uint64(1<<63 - 1)
	if neg {
		limit++
	}
	if err != nil || u > limit {
		return 0, Invalid("invalid_money", "", "%q is too large an amount", s)
	}
	if neg {
		return int64(-u), nil
	}
	return int64(u), nil
}

// FormatMoney writes minor units as a plain decimal amount with the
// currency's number of decimals: 8550 GBP is "85.50", 8550 JPY is "8550".
// It writes no thousands separators or symbol, so ParseMoney reads it back.
func FormatMoney(minor int64, currency string) string {
	dec := CurrencyDecimals(currency)
	u := uint64(minor)
	sign := ""
	if minor < 0 {
		sign, u = "-", -u
	}
	s := strconv.FormatUint(u, 10)
	if dec == 0 {
		return sign + s
	}
	if len(s) <= dec {
		s = strings.Repeat("0", dec-len(s)+1) + s
	}
	return sign + s[:len(s)-dec] + "." + s[len(s)-dec:]
}

// stripThousands removes commas that separate groups of three digits.
func stripThousands(s string) (string, bool) {
	if !strings.Contains(s, ",") {
		return s, true
	}
	groups := strings.Split(s, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func currencyName(c string) string {
	if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
		return c
	}
	return "the currency"
}

func decimalsName(dec int) string {
	if dec == 0 {
		return "none"
	}
	return strconv.Itoa(dec)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func moneyExample(dec int) string {
	switch dec {
	case 0:
		return "1250 or 1,250"
	case 3:
		return "85.125 or 1,250.000"
	}
	return "85, 85.50 or 1,250.00"
}
