// Package delivery sends published status reports to their readers: by
// e-mail over SMTP (HTML with an inline SVG milestone timeline, plus
// plain text) and by signed webhooks with Slack-, Teams- or Cairn-shaped
// payloads. Its Worker runs in every `cairn serve`: it queues the
// delivery schedules' due occurrences and runs the jobs of the queue the
// nodes share in the database, retrying failures with exponential
// backoff. See docs/decisions/0022-report-delivery.md.
package delivery

import "errors"

// permanent marks a failure that retrying cannot mend (a 5xx SMTP reply,
// a 4xx HTTP answer): the job gives up at once.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err as a failure not worth retrying.
func Permanent(err error) error { return permanent{err} }

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}
