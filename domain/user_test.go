package domain

import (
	"testing"
	"time"
)

func TestParseLifetime(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"90d": 90 * 24 * time.Hour, "2w": 14 * 24 * time.Hour, "12h": 12 * time.Hour, "30m": 30 * time.Minute, " 1h30m ": 90 * time.Minute,
	} {
		if got, err := ParseLifetime(in); err != nil || got != want {
			t.Errorf("ParseLifetime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "soon", "0d", "-5d", "d", "5dw", "0s", "99999999d"} {
		if _, err := ParseLifetime(bad); err == nil {
			t.Errorf("ParseLifetime(%q) accepted", bad)
		}
	}
}

func TestUserValidation(t *testing.T) {
	u := User{Email: "  Ann.Lee@Example.COM "}
	u.Normalize()
	if u.Email != "ann.lee@example.com" || u.Name != "ann.lee" || u.TimeZone != "UTC" || u.Validate() != nil {
		t.Fatalf("normalised %+v: %v", u, u.Validate())
	}
	for _, email := range []string{"ann", "@example.com", "ann@", "a b@example.com", "a@b@c"} {
		bad := User{Email: email}
		bad.Normalize()
		if err := bad.Validate(); ErrorKind(err) != KindInvalid {
			t.Errorf("email %q: %v", email, err)
		}
	}
	for pw, code := range map[string]string{"": "empty_password", "short": "short_password", "ten chars!": "", "日本語のパスワードです": ""} {
		err := ValidatePassword(pw)
		var got string
		if e, ok := err.(*Error); ok {
			got = e.Code
		}
		if got != code {
			t.Errorf("ValidatePassword(%q) = %v, want code %q", pw, err, code)
		}
	}
}
