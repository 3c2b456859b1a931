package delivery_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/delivery"
	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
	"github.com/cairnpm/cairn/store/sqlite"
)

// friday1500 is the first occurrence the tests' schedules (Fridays at
// 15:00 in Europe/London, the demo project's zone) fall due: 19 March
// 2027, still GMT.
var friday1500 = time.Date(2027, 3, 19, 15, 0, 0, 0, time.UTC)

// clock is a clock the test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

func openSQLite(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// project imports the demo project into a and adds the stakeholders.
func project(t *testing.T, a *app.App, stakeholders ...domain.Stakeholder) string {
	t.Helper()
	ctx := context.Background()
	plan, err := demo.Plan()
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.ImportPlan(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stakeholders {
		if _, err := a.CreateStakeholder(ctx, p.Key, s); err != nil {
			t.Fatal(err)
		}
	}
	return p.Key
}

// schedule adds a Friday 15:00 schedule, made a week before it is due.
func schedule(t *testing.T, a *app.App, key string, d domain.DeliverySchedule) domain.DeliverySchedule {
	t.Helper()
	d.Name, d.Weekday, d.Minute, d.PeriodDays, d.Enabled = "Weekly", time.Friday, 15*60, 7, true
	d, err := a.CreateDeliverySchedule(context.Background(), key, d)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func worker(a *app.App, c *clock, id string) *delivery.Worker {
	w := delivery.NewWorker(a, nil)
	w.ID, w.Now, w.PublicURL = id, c.Now, "https://cairn.example.com"
	return w
}

func tick(t *testing.T, w *delivery.Worker) {
	t.Helper()
	if err := w.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// mailbox is an SMTP server's backend that keeps what it receives, and
// answers "451 try again later" to the first failures DATA commands.
type mailbox struct {
	mu       sync.Mutex
	failures int
	attempts int
	messages []received
}

type received struct {
	from string
	to   []string
	data []byte
	user string
}

type session struct {
	box *mailbox
	msg received
}

func (b *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{box: b}, nil }

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "cairn" || pass != "s3cret pass" {
			return errors.New("invalid credentials")
		}
		s.msg.user = user
		return nil
	}), nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.msg.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.to = append(s.msg.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	s.box.attempts++
	if s.box.failures > 0 {
		s.box.failures--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.msg.data = data
	s.box.messages = append(s.box.messages, s.msg)
	return nil
}

// smtpServer runs a real SMTP server (go-smtp) on a loopback port.
func smtpServer(t *testing.T, box *mailbox) string {
	t.Helper()
	srv := smtp.NewServer(box)
	srv.Domain, srv.AllowInsecureAuth = "localhost", true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln) //nolint:errcheck // ends with Close
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// TestEmailDelivery sends a scheduled report to two stakeholders through
// a real SMTP server that refuses the first attempt: the job is retried
// after the backoff, and each message has both parts and an SVG chart.
func TestEmailDelivery(t *testing.T) {
	ctx := context.Background()
	box := &mailbox{failures: 1}
	addr := smtpServer(t, box)
	a := app.New(openSQLite(t), nil)
	a.SetClock(func() time.Time { return friday1500.AddDate(0, 0, -7) })
	key := project(t, a,
		domain.Stakeholder{Name: "Sam Sponsor", Role: domain.StakeholderSponsor, Power: 5, Interest: 4, Email: "sam@example.com"},
		domain.Stakeholder{Name: "Bea Board", Role: domain.StakeholderBoard, Power: 4, Interest: 2, Email: "bea@example.com"},
		domain.Stakeholder{Name: "Sue Supplier", Role: domain.StakeholderSupplier, Power: 1, Interest: 3, Email: "sue@example.com"})
	schedule(t, a, key, domain.DeliverySchedule{Channel: domain.ChannelEmail,
		Roles: []domain.StakeholderRole{domain.StakeholderSponsor, domain.StakeholderBoard}})

	c := &clock{now: friday1500.Add(-time.Minute)}
	w := worker(a, c, "w1")
	cfg, err := delivery.ParseSMTPURL("smtp://cairn:s3cret%20pass@"+addr, "Cairn <cairn@example.com>")
	if err != nil {
		t.Fatal(err)
	}
	if s := cfg.String(); strings.Contains(s, "s3cret") {
		t.Errorf("the SMTP config shows its password: %s", s)
	}
	w.Mail = &delivery.Mailer{Config: cfg}
	tick(t, w)
	if box.attempts != 0 {
		t.Fatalf("mail sent before the schedule was due")
	}
	c.Add(2 * time.Minute)
	tick(t, w) // publishes; the first message fails with 451, the second goes through
	if len(box.messages) != 1 || box.attempts != 2 {
		t.Fatalf("after the first tick: %d messages, %d attempts; want 1 and 2", len(box.messages), box.attempts)
	}
	c.Add(30 * time.Second)
	tick(t, w)
	if len(box.messages) != 1 {
		t.Fatalf("the failed message was retried before its backoff")
	}
	c.Add(time.Minute)
	tick(t, w)
	if len(box.messages) != 2 {
		t.Fatalf("%d messages after the backoff; want 2", len(box.messages))
	}
	var to []string
	for _, m := range box.messages {
		to = append(to, m.to...)
		checkEmail(t, m)
	}
	if strings.Join(to, ",") != "sam@example.com,bea@example.com" && strings.Join(to, ",") != "bea@example.com,sam@example.com" {
		t.Errorf("recipients %v; want the sponsor and the board member, not the supplier", to)
	}
	reports, err := a.Reports(ctx, key, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 || reports[0].Status != domain.ReportPublished || domain.FormatDate(reports[0].PeriodEnd) != "2027-03-19" {
		t.Errorf("reports %+v; want one published, ending on Friday", reports)
	}
	c.Add(time.Hour)
	tick(t, w)
	if len(box.messages) != 2 {
		t.Errorf("a later tick sent the occurrence again")
	}
}

func checkEmail(t *testing.T, m received) {
	t.Helper()
	if m.from != "cairn@example.com" || m.user != "cairn" {
		t.Errorf("envelope from %q, authenticated as %q", m.from, m.user)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(m.data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if !strings.HasPrefix(subject, "Status report: Office network upgrade (NET), 2027-03-19: ") {
		t.Errorf("Subject %q", subject)
	}
	if msg.Header.Get("From") != "Cairn <cairn@example.com>" || msg.Header.Get("To") != m.to[0] ||
		msg.Header.Get("Message-ID") == "" || msg.Header.Get("Date") == "" {
		t.Errorf("headers %v", msg.Header)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q", msg.Header.Get("Content-Type"))
	}
	parts := map[string]string{}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p)
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		parts[ct] = string(body)
	}
	if text := parts["text/plain"]; !strings.Contains(text, "# Status report: Office network upgrade") ||
		!strings.Contains(text, "https://cairn.example.com/api/v1/projects/NET/reports/") {
		t.Errorf("text part:\n%.400s", text)
	}
	html := parts["text/html"]
	if !strings.Contains(html, "<svg") || !strings.Contains(html, `<title id="tl-title">Milestone timeline</title>`) ||
		!strings.Contains(html, "<h1>Status report: Office network upgrade") {
		t.Errorf("HTML part lacks the report or its timeline:\n%.600s", html)
	}
}

// hookReceiver is a webhook receiver that checks signatures, answers 500
// to the first failures requests, and keeps the bodies it accepted.
type hookReceiver struct {
	mu       sync.Mutex
	secret   string
	failures int
	calls    int
	bodies   [][]byte
	bad      []string
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	if got, want := r.Header.Get(delivery.SignatureHeader), delivery.Sign(h.secret, body); !hmac.Equal([]byte(got), []byte(want)) {
		h.bad = append(h.bad, "signature "+got)
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if h.failures > 0 {
		h.failures--
		http.Error(w, "down for maintenance", http.StatusInternalServerError)
		return
	}
	h.bodies = append(h.bodies, body)
}

func (h *hookReceiver) accepted() int { h.mu.Lock(); defer h.mu.Unlock(); return len(h.bodies) }

// TestWebhookDelivery posts a report in Slack's and Teams' shapes to a
// receiver that checks the HMAC signature and fails once: the post is
// retried after the backoff and then accepted.
func TestWebhookDelivery(t *testing.T) {
	for _, tc := range []struct {
		format domain.WebhookFormat
		check  func(t *testing.T, payload map[string]any)
	}{
		{domain.WebhookSlack, func(t *testing.T, p map[string]any) {
			text, _ := p["text"].(string)
			blocks, _ := p["blocks"].([]any)
			if !strings.HasPrefix(text, "Status report: Office network upgrade (NET)") || len(blocks) < 3 {
				t.Errorf("Slack payload %v", p)
			}
			if b, _ := blocks[0].(map[string]any); b["type"] != "header" {
				t.Errorf("first block %v", b)
			}
		}},
		{domain.WebhookTeams, func(t *testing.T, p map[string]any) {
			if p["@type"] != "MessageCard" || p["@context"] != "https://schema.org/extensions" || p["summary"] == "" {
				t.Errorf("Teams payload %v", p)
			}
			sections, _ := p["sections"].([]any)
			if len(sections) != 1 {
				t.Errorf("Teams sections %v", sections)
			}
		}},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			recv := &hookReceiver{failures: 1}
			hs := httptest.NewServer(recv)
			t.Cleanup(hs.Close)
			a := app.New(openSQLite(t), nil)
			a.SetClock(func() time.Time { return friday1500.AddDate(0, 0, -7) })
			key := project(t, a)
			d := schedule(t, a, key, domain.DeliverySchedule{Channel: domain.ChannelWebhook, WebhookURL: hs.URL, WebhookFormat: tc.format})
			if !strings.HasPrefix(d.WebhookSecret, "whsec_") {
				t.Fatalf("webhook secret %q", d.WebhookSecret)
			}
			recv.secret = d.WebhookSecret
			c := &clock{now: friday1500.Add(time.Second)}
			w := worker(a, c, "w1")
			tick(t, w)
			if recv.calls != 1 || recv.accepted() != 0 {
				t.Fatalf("first tick: %d calls, %d accepted; want 1 refused", recv.calls, recv.accepted())
			}
			c.Add(59 * time.Second)
			tick(t, w)
			if recv.calls != 1 {
				t.Fatalf("retried before the backoff")
			}
			c.Add(time.Second)
			tick(t, w)
			if recv.accepted() != 1 || len(recv.bad) != 0 {
				t.Fatalf("after the backoff: %d accepted, bad %v", recv.accepted(), recv.bad)
			}
			var payload map[string]any
			if err := json.Unmarshal(recv.bodies[0], &payload); err != nil {
				t.Fatal(err)
			}
			tc.check(t, payload)
		})
	}
}

// TestGivesUp checks that a receiver that always fails is tried
// MaxAttempts times, each after a longer wait, and the job then records
// the error.
func TestGivesUp(t *testing.T) {
	recv := &hookReceiver{failures: 1000}
	hs := httptest.NewServer(recv)
	t.Cleanup(hs.Close)
	s := openSQLite(t)
	a := app.New(s, nil)
	a.SetClock(func() time.Time { return friday1500.AddDate(0, 0, -7) })
	key := project(t, a)
	d := schedule(t, a, key, domain.DeliverySchedule{Channel: domain.ChannelWebhook, WebhookURL: hs.URL})
	recv.secret = d.WebhookSecret
	c := &clock{now: friday1500}
	w := worker(a, c, "w1")
	for range 12 {
		tick(t, w)
		c.Add(2 * time.Hour) // past the longest backoff
	}
	if recv.calls != 8 {
		t.Errorf("%d calls; want 8 (the default max attempts)", recv.calls)
	}
	err := s.View(context.Background(), func(tx store.Tx) error {
		jobs, err := tx.Jobs(context.Background(), "deliver:")
		if err != nil {
			return err
		}
		if len(jobs) != 1 || jobs[0].FailedAt.IsZero() || !strings.Contains(jobs[0].LastError, "500") || jobs[0].Attempts != 8 {
			t.Errorf("jobs %+v; want one failed after 8 attempts with the last error", jobs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// twoWorkers runs two workers over two apps at the same moments, side by
// side, and checks that the occurrence is published and delivered once.
func twoWorkers(t *testing.T, a1, a2 *app.App) {
	recv := &hookReceiver{}
	hs := httptest.NewServer(recv)
	t.Cleanup(hs.Close)
	a1.SetClock(func() time.Time { return friday1500.AddDate(0, 0, -7) })
	key := project(t, a1)
	d := schedule(t, a1, key, domain.DeliverySchedule{Channel: domain.ChannelWebhook, WebhookURL: hs.URL, WebhookFormat: domain.WebhookSlack})
	recv.secret = d.WebhookSecret
	c := &clock{now: friday1500.Add(time.Second)}
	ws := []*delivery.Worker{worker(a1, c, "node-1"), worker(a2, c, "node-2")}
	for range 3 {
		var wg sync.WaitGroup
		for _, w := range ws {
			wg.Go(func() {
				if err := w.Tick(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		c.Add(10 * time.Second)
	}
	if recv.accepted() != 1 {
		t.Errorf("the webhook received %d posts; want exactly 1", recv.accepted())
	}
	reports, err := a2.Reports(context.Background(), key, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 {
		t.Errorf("%d reports published; want 1", len(reports))
	}
}

// TestTwoWorkersSQLite runs two workers in one process over one SQLite
// database.
func TestTwoWorkersSQLite(t *testing.T) {
	s := openSQLite(t)
	twoWorkers(t, app.New(s, nil), app.New(s, nil))
}

// TestInAppDelivery notifies the schedule's stakeholders who are Cairn
// users and members of the project; a user outside the project gets
// nothing, and the e-mail-only stakeholder is skipped.
func TestInAppDelivery(t *testing.T) {
	ctx := context.Background()
	a := app.New(openSQLite(t), nil)
	a.SetClock(func() time.Time { return friday1500.AddDate(0, 0, -7) })
	var users []domain.User
	for _, email := range []string{"viewer@example.com", "outsider@example.com"} {
		u, err := a.AddUser(ctx, app.NewUser{Email: email, Name: email, Password: "correct horse battery staple"})
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	key := project(t, a,
		domain.Stakeholder{Name: "Vi Viewer", Role: domain.StakeholderUser, Power: 2, Interest: 5, Email: "viewer@example.com"},
		domain.Stakeholder{Name: "Olly Outsider", Role: domain.StakeholderUser, Power: 1, Interest: 5, Email: "outsider@example.com"},
		domain.Stakeholder{Name: "Eve Email", Role: domain.StakeholderUser, Power: 1, Interest: 5, Email: "eve@example.com"})
	if _, err := a.AddMember(ctx, key, "viewer@example.com", domain.RoleViewer); err != nil {
		t.Fatal(err)
	}
	schedule(t, a, key, domain.DeliverySchedule{Channel: domain.ChannelInApp, Roles: []domain.StakeholderRole{domain.StakeholderUser}})
	c := &clock{now: friday1500.Add(time.Second)}
	tick(t, worker(a, c, "w1"))
	for i, want := range []int{1, 0} {
		ns, err := a.Notifications(app.WithPrincipal(ctx, app.Principal{User: users[i]}))
		if err != nil {
			t.Fatal(err)
		}
		if len(ns) != want {
			t.Errorf("%s has %d notifications, want %d", users[i].Email, len(ns), want)
			continue
		}
		if want == 1 && (!strings.HasPrefix(ns[0].Title, "Status report: Office network upgrade") || ns[0].ReportID == 0) {
			t.Errorf("notification %+v", ns[0])
		}
	}
}

// TestLostLeaseRollsBack has a worker stall past its lease on a report
// job: another worker takes the job over and publishes, and the first
// one's late attempt rolls back instead of publishing a second report.
func TestLostLeaseRollsBack(t *testing.T) {
	ctx := context.Background()
	a := app.New(openSQLite(t), nil)
	a.SetClock(func() time.Time { return friday1500.AddDate(0, 0, -7) })
	key := project(t, a)
	schedule(t, a, key, domain.DeliverySchedule{Channel: domain.ChannelInApp, Roles: []domain.StakeholderRole{domain.StakeholderBoard}})
	now := friday1500.Add(time.Second)
	if _, err := a.EnqueueDueReports(ctx, now); err != nil {
		t.Fatal(err)
	}
	stalled, ok, err := a.ClaimJob(ctx, "slow", now, time.Minute)
	if err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	c := &clock{now: now.Add(2 * time.Minute)}
	tick(t, worker(a, c, "fast"))
	err = a.PublishScheduledReport(ctx, stalled, "slow", c.Now())
	if domain.ErrorKind(err) != domain.KindConflict {
		t.Errorf("the stalled worker's publication: %v, want a conflict (lease lost)", err)
	}
	reports, err := a.Reports(ctx, key, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 {
		t.Errorf("%d reports; want 1", len(reports))
	}
}
