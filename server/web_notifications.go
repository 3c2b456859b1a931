package server

import (
	"net/http"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// maxUnread is how many unread notifications My work lists.
const maxUnread = 20

// webNotification is an unread notification with the page it points at.
type webNotification struct {
	domain.Notification
	Href string
}

// unread lists the signed-in user's unread notifications, newest first,
// for My work: mentions in comments, reports delivered in-app.
func (w *web) unread(r *http.Request) []webNotification {
	ns, err := w.s.app.Notifications(r.Context())
	if err != nil {
		w.s.log.WarnContext(r.Context(), "notifications", "err", err)
		return nil
	}
	var out []webNotification
	for _, n := range ns {
		if !n.ReadAt.IsZero() {
			continue
		}
		if len(out) == maxUnread {
			break
		}
		// Reports delivered in-app link to the API's report; the page
		// of the report is the same path without /api/v1.
		out = append(out, webNotification{Notification: n, Href: strings.TrimPrefix(n.Body, "/api/v1")})
	}
	return out
}
