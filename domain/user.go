package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// User is a person who signs in to Cairn. Email is the account's handle,
// stored lower-case so that "Ann@Example.com" and "ann@example.com" are one
// account. PasswordHash is an argon2id PHC string; it never leaves the
// server.
type User struct {
	ID           int64
	Email        string
	Name         string
	TimeZone     string // IANA name, e.g. "Europe/London"
	PasswordHash string
	SiteAdmin    bool // may do anything in every project
	Disabled     bool // may not sign in; sessions and tokens stop working
	Version      int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// NormalizeEmail returns the canonical form of an email address: trimmed
// and lower-case.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Normalize fills defaults and canonical forms before validation.
func (u *User) Normalize() {
	u.Email = NormalizeEmail(u.Email)
	u.Name = strings.TrimSpace(u.Name)
	if u.Name == "" {
		u.Name, _, _ = strings.Cut(u.Email, "@")
	}
	if u.TimeZone == "" {
		u.TimeZone = "UTC"
	}
}

// Validate checks u; call Normalize first.
func (u *User) Validate() error {
	local, host, ok := strings.Cut(u.Email, "@")
	if !ok || local == "" || host == "" || strings.ContainsAny(u.Email, " \t\r\n<>,;\"") || strings.Count(u.Email, "@") != 1 {
		return Invalid("invalid_email", "email", "%q is not an email address (e.g. ann@example.com)", u.Email)
	}
	if len(u.Email) > 254 {
		return Invalid("invalid_email", "email", "an email address is at most 254 characters")
	}
	if utf8.RuneCountInString(u.Name) > 200 {
		return Invalid("invalid_name", "name", "a name is at most 200 characters")
	}
	if _, err := time.LoadLocation(u.TimeZone); err != nil {
		return Invalid("invalid_time_zone", "time_zone", "%q is not an IANA time zone (e.g. Europe/London)", u.TimeZone)
	}
	return nil
}

// Password rules.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 1024 // bounds the work of hashing a hostile input
)

// ValidatePassword checks a new password's length, counted in characters.
func ValidatePassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n == 0:
		return Invalid("empty_password", "password", "the password is empty; give one of at least %d characters", MinPasswordLength)
	case n < MinPasswordLength:
		return Invalid("short_password", "password", "the password has %d characters; use at least %d (a few unrelated words work well)", n, MinPasswordLength)
	case len(pw) > MaxPasswordLength:
		return Invalid("long_password", "password", "the password is over %d bytes", MaxPasswordLength)
	}
	return nil
}

// Session is a signed-in browser. The cookie holds a random token; the
// database holds only its SHA-256 (TokenHash), so a copy of the database
// cannot be used to sign in.
type Session struct {
	ID        int64
	TokenHash string // hex SHA-256 of the cookie's token
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// APIToken is a personal access token for scripts: "Authorization: Bearer
// cairn_…". Like sessions, only the token's SHA-256 is stored.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	TokenHash  string
	ReadOnly   bool      // may only read
	ExpiresAt  time.Time // zero: never
	LastUsedAt time.Time // zero: never used
	CreatedAt  time.Time
}

// Validate checks a new token's name.
func (t *APIToken) Validate() error {
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		return Invalid("invalid_name", "name", "give the token a name that says what uses it (e.g. \"CI deploy\")")
	}
	if utf8.RuneCountInString(t.Name) > 100 {
		return Invalid("invalid_name", "name", "a token name is at most 100 characters")
	}
	return nil
}

// LoginFailure is one failed sign-in, kept for rate limiting.
type LoginFailure struct {
	Account string // the email as typed, normalised; may name no account
	IP      string
	At      time.Time
}

// Role is what a user is in one project.
type Role string

// Project roles, from most to least powerful. A viewer is a stakeholder
// or client who sees progress but edits nothing.
const (
	RoleOwner   Role = "owner"
	RoleManager Role = "manager"
	RoleMember  Role = "member"
	RoleViewer  Role = "viewer"
)

// Roles lists the project roles, most powerful first.
var Roles = []Role{RoleOwner, RoleManager, RoleMember, RoleViewer}

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Roles {
		if r == known {
			return r, nil
		}
	}
	return "", Invalid("invalid_role", "role", "role %q is not owner, manager, member or viewer", s)
}

// Membership gives a user a role in a project. Email, Name and ProjectKey
// are filled when listing, for display.
type Membership struct {
	ID         int64
	ProjectID  int64
	ProjectKey string
	UserID     int64
	Email      string
	Name       string
	Role       Role
	Version    int64
	CreatedAt  time.Time
}
