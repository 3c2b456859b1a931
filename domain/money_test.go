package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in, currency string
		want         int64
	}{
		{"85", "GBP", 8500},
		{"85.50", "GBP", 8550},
		{"85.5", "GBP", 8550},
		{"1,250.00", "GBP", 125000},
		{"120000", "GBP", 12000000},
		{"120000.00", "gbp", 12000000},
		{"1,234,567.89", "EUR", 123456789},
		{" 12.34 ", "", 1234},
		{"0.01", "USD", 1},
		{"0", "USD", 0},
		{"000.00", "USD", 0},
		{"-12.5", "USD", -1250},
		{"+7", "USD", 700},
		{"85.500", "GBP", 8550},
		{"1250", "JPY", 1250},
		{"1,250", "JPY", 1250},
		{"1250.0", "JPY", 1250},
		{"1.250", "KWD", 1250},
		{"1.25", "KWD", 1250},
		{"92233720368547758.07", "USD", 1<<63 - 1},
		{"-92233720368547758.08", "USD", -1 << 63},
	}
	for _, tt := range tests {
		t.Run(tt.in+"_"+tt.currency, func(t *testing.T) {
			got, err := ParseMoney(tt.in, tt.currency)
			if err != nil {
				t.Fatalf("ParseMoney(%q, %q): %v", tt.in, tt.currency, err)
			}
			if got != tt.want {
				t.Errorf("ParseMoney(%q, %q) = %d, want %d", tt.in, tt.currency, got, tt.want)
			}
		})
	}
}

func TestParseMoneyErrors(t *testing.T) {
	tests := []struct {
		name, in, currency, want string
	}{
		{"empty", "", "GBP", "not an amount"},
		{"letters", "abc", "GBP", "not an amount"},
		{"symbol", "£85", "GBP", "not an amount"},
		{"trailing point", "85.", "GBP", "not an amount"},
		{"leading point", ".5", "GBP", "not an amount"},
		{"two points", "1.2.3", "GBP", "not an amount"},
		{"bad grouping", "12,50.00", "GBP", "not an amount"},
		{"long first group", "1250,000", "GBP", "not an amount"},
		{"comma decimals", "85,50", "EUR", "not an amount"},
		{"exponent", "1e3", "GBP", "not an amount"},
		{"sign only", "-", "GBP", "not an amount"},
		{"space inside", "1 250", "GBP", "not an amount"},
		{"too many decimals", "85.505", "GBP", "has 3 decimals but GBP has 2"},
		{"yen decimals", "85.5", "JPY", "has 1 decimal but JPY has none"},
		{"dinar decimals", "1.2345", "KWD", "KWD has 3"},
		{"overflow", "92233720368547758.08", "USD", "too large"},
		{"huge", "99999999999999999999999999", "USD", "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMoney(tt.in, tt.currency)
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindInvalid {
				t.Fatalf("ParseMoney(%q) error = %v, want an invalid error", tt.in, err)
			}
			hint := strings.Contains(e.Detail, "try ") || tt.want == "too large"
			if !strings.Contains(e.Detail, tt.want) || !hint {
				t.Errorf("ParseMoney(%q) = %q, want it to contain %q and a hint", tt.in, e.Detail, tt.want)
			}
		})
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		minor    int64
		currency string
		want     string
	}{
		{8550, "GBP", "85.50"},
		{8500, "GBP", "85.00"},
		{1, "USD", "0.01"},
		{0, "EUR", "0.00"},
		{-1250, "EUR", "-12.50"},
		{-5, "EUR", "-0.05"},
		{12000000, "GBP", "120000.00"},
		{1250, "JPY", "1250"},
		{1250, "KWD", "1.250"},
		{5, "KWD", "0.005"},
		{1<<63 - 1, "USD", "92233720368547758.07"},
		{-1 << 63, "USD", "-92233720368547758.08"},
	}
	for _, tt := range tests {
		t.Run(tt.want+"_"+tt.currency, func(t *testing.T) {
			got := FormatMoney(tt.minor, tt.currency)
			if got != tt.want {
				t.Fatalf("FormatMoney(%d, %q) = %q, want %q", tt.minor, tt.currency, got, tt.want)
			}
			back, err := ParseMoney(got, tt.currency)
			if err != nil || back != tt.minor {
				t.Errorf("ParseMoney(%q) = %d, %v; want %d", got, back, err, tt.minor)
			}
		})
	}
}

func TestCurrencyDecimals(t *testing.T) {
	for c, want := range map[string]int{"GBP": 2, "eur": 2, "": 2, "XYZ": 2, "JPY": 0, "krw": 0, "KWD": 3, "TND": 3} {
		if got := CurrencyDecimals(c); got != want {
			t.Errorf("CurrencyDecimals(%q) = %d, want %d", c, got, want)
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"85", "85.50", "1,250.00", "-0.01", "92233720368547758.07"} {
		f.Add(s, "GBP")
	}
	f.Fuzz(func(t *testing.T, s, currency string) {
		m, err := ParseMoney(s, currency)
		if err != nil {
			return
		}
		back, err := ParseMoney(FormatMoney(m, currency), currency)
		if err != nil || back != m {
			t.Fatalf("round trip of %q (%d): %d, %v", s, m, back, err)
		}
	})
}
