package domain

import (
	"regexp"
	"strings"
	"time"
)

// CommentEntity is the kind of thing a comment is on.
type CommentEntity string

// The things people comment on.
const (
	CommentOnTask   CommentEntity = "task"
	CommentOnRisk   CommentEntity = "risk"
	CommentOnReport CommentEntity = "report"
)

// MaxCommentLength bounds a comment's body, in bytes.
const MaxCommentLength = 10000

// Comment is a note someone left on a task, risk or report of a project.
// Mentions are the IDs of the project's members it mentioned, who were
// notified. Author is the author's e-mail address as it was, kept when
// the account is deleted (AuthorID then becomes 0).
type Comment struct {
	ID        int64
	ProjectID int64
	Entity    CommentEntity
	EntityID  int64
	AuthorID  int64
	Author    string
	Body      string
	Mentions  []int64
	CreatedAt time.Time
}

// Validate checks the kind of thing commented on and the body.
func (c *Comment) Validate() error {
	switch c.Entity {
	case CommentOnTask, CommentOnRisk, CommentOnReport:
	default:
		return Invalid("invalid_entity", "entity", "comments are on a task, a risk or a report, not %q", c.Entity)
	}
	if c.EntityID <= 0 {
		return Invalid("required", "id", "say which %s the comment is on (id)", c.Entity)
	}
	c.Body = strings.TrimSpace(c.Body)
	switch {
	case c.Body == "":
		return Invalid("required", "body", "a comment needs some text")
	case len(c.Body) > MaxCommentLength:
		return Invalid("too_long", "body", "a comment is at most %d characters; this one has %d", MaxCommentLength, len(c.Body))
	}
	return nil
}

// mention finds what may be a mention: @ at the start or after a space or
// an opening bracket, then an e-mail address or up to three capitalised
// words ("@Priya Nair"). Which of them name a member is for the caller to
// decide, as names are only known against a project's members.
var mention = regexp.MustCompile(`(?:^|[\s(\[{,;])@([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|\p{Lu}[\p{L}'\-]*(?: \p{Lu}[\p{L}'\-]*){0,2})`)

// Mentions lists the candidate mentions of a comment body, in order:
// e-mail addresses (without their @) and runs of capitalised words.
func Mentions(body string) []string {
	var out []string
	for _, m := range mention.FindAllStringSubmatch(body, -1) {
		out = append(out, strings.TrimRight(m[1], "."))
	}
	return out
}

// Preferences are how a user wants to hear of things: an e-mail for
// each mention (on unless turned off) and a daily digest (off unless
// turned on). In-app notifications are always written.
type Preferences struct {
	MentionEmail bool
	DailyDigest  bool
	UpdatedAt    time.Time
}

// DefaultPreferences are a user's before they choose.
var DefaultPreferences = Preferences{MentionEmail: true}
