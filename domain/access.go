package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// KindRateLimited is the kind of an error for a caller who has tried too
// often (too many failed sign-ins); the error wraps a *RetryAfter.
const KindRateLimited Kind = "rate_limited"

// Unauthorized returns a KindUnauthorized error: the caller is not signed
// in, or its credentials are wrong.
func Unauthorized(code, format string, args ...any) *Error {
	return &Error{Kind: KindUnauthorized, Code: code, Detail: fmt.Sprintf(format, args...)}
}

// Forbidden returns a KindForbidden error: the caller is signed in but may
// not do this.
func Forbidden(code, format string, args ...any) *Error {
	return &Error{Kind: KindForbidden, Code: code, Detail: fmt.Sprintf(format, args...)}
}

// RateLimited returns a KindRateLimited error that says when to retry.
func RateLimited(code string, wait time.Duration, format string, args ...any) *Error {
	return &Error{Kind: KindRateLimited, Code: code, Detail: fmt.Sprintf(format, args...), Err: &RetryAfter{Wait: wait}}
}

// RetryAfter says how long a rate-limited caller must wait.
type RetryAfter struct{ Wait time.Duration }

func (r *RetryAfter) Error() string { return "retry after " + r.Wait.String() }

// ParseLifetime reads how long something lasts: "90d", "2w", "12h" or
// "30m", or any Go duration ("1h30m"). It must be positive.
func ParseLifetime(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := Invalid("invalid_lifetime", "", "%q is not a length of time (try 90d, 2w, 12h or 30m)", s)
	if n, unit := strings.TrimRight(s, "dw"), strings.TrimLeft(s, "0123456789"); (unit == "d" || unit == "w") && n != "" {
		v, err := strconv.Atoi(n)
		if err != nil || v <= 0 || v > 36500 {
			return 0, bad
		}
		day := 24 * time.Hour
		if unit == "w" {
			day *= 7
		}
		return time.Duration(v) * day, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, bad
	}
	return d, nil
}
