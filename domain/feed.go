package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Feed is a calendar feed: a secret URL that calendar apps subscribe to.
// A project feed (ProjectID set) lists the project's milestones and
// deadlines; a personal feed (ProjectID 0) lists the tasks assigned to the
// user, in every project the user may see. A feed reads with its owner's
// permissions: it stops working when the owner loses access or is
// disabled. Only the secret's hash is stored, as for API tokens.
type Feed struct {
	ID         int64
	UserID     int64
	ProjectID  int64  // 0: the user's assigned tasks
	ProjectKey string // read with the feed
	Name       string
	TokenHash  string // hex SHA-256 of the secret in the URL
	CreatedAt  time.Time
}

// Validate checks and trims a new feed's name.
func (f *Feed) Validate() error {
	f.Name = strings.TrimSpace(f.Name)
	if f.Name == "" {
		return Invalid("invalid_name", "name", "give the feed a name that says where it is used (e.g. \"phone calendar\")")
	}
	if utf8.RuneCountInString(f.Name) > 100 {
		return Invalid("invalid_name", "name", "a feed name is at most 100 characters")
	}
	return nil
}
