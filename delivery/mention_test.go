package delivery_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/delivery"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// TestMentionAndDigestEmails: a mention is e-mailed at once through the
// queue; the member's daily digest goes out at 07:00 on their clock with
// the day's notifications and the activity of their projects, once.
func TestMentionAndDigestEmails(t *testing.T) {
	ctx := context.Background()
	box := &mailbox{}
	addr := smtpServer(t, box)
	st := openSQLite(t)
	a := app.New(st, nil)
	c := &clock{now: time.Date(2027, 3, 18, 10, 0, 0, 0, time.UTC)}
	a.SetClock(c.Now)
	key := project(t, a)
	for _, u := range []app.NewUser{{Email: "olive@example.com", Name: "Olive Owner", Password: "correct horse battery"},
		{Email: "priya@example.com", Name: "Priya Nair", Password: "correct horse battery", TimeZone: "Europe/London"}} {
		if _, err := a.AddUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.AddMember(ctx, key, "priya@example.com", domain.RoleMember); err != nil {
		t.Fatal(err)
	}
	users, err := a.Users(ctx, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	as := func(email string) context.Context {
		for _, u := range users {
			if u.Email == email {
				return app.WithActor(app.WithPrincipal(ctx, app.Principal{User: u}), email)
			}
		}
		t.Fatalf("no user %s", email)
		return nil
	}
	if _, err := a.SetPreferences(as("priya@example.com"), func(p *domain.Preferences) { p.DailyDigest = true }); err != nil {
		t.Fatal(err)
	}
	_, tasks, err := a.Tasks(ctx, key, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddComment(app.WithActor(ctx, "olive@example.com"), key, domain.Comment{Entity: domain.CommentOnTask,
		EntityID: tasks[1].ID, Body: "@Priya Nair can the survey start on Monday?"}); err != nil {
		t.Fatal(err)
	}

	w := worker(a, c, "w1")
	cfg, err := delivery.ParseSMTPURL("smtp://cairn:s3cret%20pass@"+addr, "Cairn <cairn@example.com>")
	if err != nil {
		t.Fatal(err)
	}
	w.Mail = &delivery.Mailer{Config: cfg}
	c.Add(time.Minute)
	tick(t, w)
	if len(box.messages) != 1 {
		t.Fatalf("%d messages after the mention; want 1", len(box.messages))
	}
	subject, text := readPlain(t, box.messages[0].data)
	if box.messages[0].to[0] != "priya@example.com" || !strings.Contains(subject, "mentioned you on NET-") ||
		!strings.Contains(text, "can the survey start on Monday?") || !strings.Contains(text, "https://cairn.example.com/projects/NET/comments?entity=task&id=") {
		t.Errorf("mention e-mail to %v: %q\n%s", box.messages[0].to, subject, text)
	}

	c.Add(21*time.Hour + time.Minute) // 19 March 07:02 in London (still GMT)
	tick(t, w)
	c.Add(time.Hour)
	tick(t, w)
	if len(box.messages) != 2 {
		t.Fatalf("%d messages after 07:00; want the digest as well", len(box.messages))
	}
	subject, text = readPlain(t, box.messages[1].data)
	if subject != "Cairn: your day, Thursday 18 March" || !strings.Contains(text, "olive@example.com mentioned you on NET-") ||
		!strings.Contains(text, "one comment (https://cairn.example.com/projects/NET/activity)") {
		t.Errorf("digest %q:\n%s", subject, text)
	}
}

// readPlain reads a text/plain quoted-printable message.
func readPlain(t *testing.T, data []byte) (subject, text string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	return subject, strings.ReplaceAll(string(body), "\r\n", "\n")
}
