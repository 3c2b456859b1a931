package delivery

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// mention sends one JobMention (a plain-text e-mail telling a member
// that a comment mentioned them) or JobDigest (a user's daily digest,
// when there is anything to tell).
func (w *Worker) mention(ctx context.Context, job domain.Job) error {
	var m app.PlainMail
	if job.Kind == app.JobDigest {
		var ok bool
		var err error
		if m, ok, err = w.App.DigestMail(ctx, job); err != nil || !ok {
			return err
		}
	} else if err := json.Unmarshal([]byte(job.Payload), &m); err != nil {
		return Permanent(fmt.Errorf("job %d payload: %w", job.ID, err))
	}
	if w.Mail == nil {
		return errors.New("no SMTP server is configured (--smtp-url or CAIRN_SMTP_URL)")
	}
	msg, err := MentionEmail(m, w.Mail.Config.From, w.PublicURL, w.Now())
	if err != nil {
		return Permanent(err)
	}
	return w.Mail.Send(ctx, []string{m.To}, msg)
}

// MentionEmail builds the message of a mention or a digest: text/plain,
// quoted-printable, with the links made absolute by publicURL.
func MentionEmail(m app.PlainMail, from, publicURL string, now time.Time) ([]byte, error) {
	if _, err := mail.ParseAddress(m.To); err != nil {
		return nil, fmt.Errorf("mention to %q: %w", m.To, err)
	}
	text := m.Text
	if publicURL != "" {
		base := strings.TrimRight(publicURL, "/")
		text = strings.NewReplacer("See it in Cairn: /", "See it in Cairn: "+base+"/", "(/projects/", "("+base+"/projects/").Replace(text)
	}
	var id [12]byte
	_, _ = rand.Read(id[:])
	host := "cairn.invalid"
	if a, err := mail.ParseAddress(from); err == nil {
		if _, h, ok := strings.Cut(a.Address, "@"); ok {
			host = h
		}
	}
	var b bytes.Buffer
	for _, h := range [][2]string{
		{"From", from}, {"To", m.To}, {"Subject", mime.QEncoding.Encode("utf-8", m.Subject)},
		{"Date", now.Format(time.RFC1123Z)}, {"Message-ID", "<" + hex.EncodeToString(id[:]) + "@" + host + ">"},
		{"MIME-Version", "1.0"}, {"Auto-Submitted", "auto-generated"},
		{"Content-Type", "text/plain; charset=utf-8"}, {"Content-Transfer-Encoding", "quoted-printable"},
	} {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(crlf(text))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
