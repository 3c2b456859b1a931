package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// heartbeat keeps idle event streams alive through proxies that close
// quiet connections.
const heartbeat = 25 * time.Second

// maxStream bounds the timeout a client may ask of an event stream.
const maxStream = 24 * time.Hour

// streamEvents answers GET …/events with a server-sent event stream of the
// project's changes, from any node: one "change" event per committed
// write, whose id is its audit event, so a page can refresh what changed
// and fetch the details from …/changes. timeout (seconds) ends the stream;
// 0 ends it at once, which checks access and the connection.
func (s *Server) streamEvents(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	once := false
	if v := r.URL.Query().Get("timeout"); v != "" {
		secs, err := strconv.Atoi(v)
		if err != nil || secs < 0 || time.Duration(secs)*time.Second > maxStream {
			s.writeError(w, r, domain.Invalid("invalid_timeout", "timeout", "timeout %q must be whole seconds from 0 to %d", v, int(maxStream.Seconds())))
			return
		}
		once = secs == 0
		if !once {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, time.Duration(secs)*time.Second)
			defer cancel()
		}
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop() // ends the subscription when the stream ends
	changes, err := s.app.Watch(ctx, r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's write timeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": connected\n\n")
	if err := rc.Flush(); err != nil || once {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.streams.Done():
			return
		case <-tick.C:
			fmt.Fprint(w, ": ping\n\n")
		case c, ok := <-changes:
			if !ok {
				return
			}
			data, _ := json.Marshal(changeJSON{c.Event, c.Entity, c.EntityID, c.Action, c.Actor, c.At.Format(time.RFC3339)})
			fmt.Fprintf(w, "id: %d\nevent: change\ndata: %s\n\n", c.Event, data)
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// changeJSON is one change as an event stream carries it; at is RFC 3339,
// as in …/changes.
type changeJSON struct {
	Event    int64  `json:"event"`
	Entity   string `json:"entity"`
	EntityID int64  `json:"entity_id"`
	Action   string `json:"action"`
	Actor    string `json:"actor"`
	At       string `json:"at"`
}
