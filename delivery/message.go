package delivery

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
)

func parseAddress(s string) (*mail.Address, error) { return mail.ParseAddress(s) }

// Subject is a report's one-line title: project, period end and overall
// status, the three things a reader scans an inbox for.
func Subject(d app.Delivery) string {
	doc := d.Report.Document
	return fmt.Sprintf("Status report: %s (%s), %s: %s", doc.Name, doc.Project, doc.PeriodEnd,
		strings.ToUpper(string(doc.RAG.Overall.Level)))
}

// ReportURL is where a report is read in Cairn, "" without a public URL.
func ReportURL(publicURL string, d app.Delivery) string {
	if publicURL == "" {
		return ""
	}
	return fmt.Sprintf("%s/api/v1/projects/%s/reports/%d?format=html", strings.TrimRight(publicURL, "/"), d.Project.Key, d.Report.ID)
}

// Email builds the message for d: multipart/alternative with the report
// as plain text (its Markdown) and as HTML (report.WriteHTML's page with
// an inline SVG milestone timeline), dated now.
func Email(d app.Delivery, from, publicURL string, now time.Time) ([]byte, error) {
	var text, html bytes.Buffer
	if err := d.Report.Document.WriteMarkdown(&text); err != nil {
		return nil, err
	}
	if link := ReportURL(publicURL, d); link != "" {
		fmt.Fprintf(&text, "\nRead it in Cairn: %s\n", link)
	}
	if err := d.Report.Document.WriteHTML(&html); err != nil {
		return nil, err
	}
	page := withTimeline(html.String(), d)
	var b bytes.Buffer
	var id [12]byte
	_, _ = rand.Read(id[:])
	domainPart := "cairn.invalid"
	if a, err := mail.ParseAddress(from); err == nil {
		if _, host, ok := strings.Cut(a.Address, "@"); ok {
			domainPart = host
		}
	}
	mw := multipart.NewWriter(&b)
	header := []struct{ k, v string }{
		{"From", from},
		{"To", d.To},
		{"Subject", mime.QEncoding.Encode("utf-8", Subject(d))},
		{"Date", now.Format(time.RFC1123Z)},
		{"Message-ID", "<" + hex.EncodeToString(id[:]) + "@" + domainPart + ">"},
		{"MIME-Version", "1.0"},
		{"Auto-Submitted", "auto-generated"},
		{"Content-Type", `multipart/alternative; boundary="` + mw.Boundary() + `"`},
	}
	var head bytes.Buffer
	for _, h := range header {
		fmt.Fprintf(&head, "%s: %s\r\n", h.k, h.v)
	}
	head.WriteString("\r\n")
	for _, part := range []struct{ ctype, body string }{
		{"text/plain; charset=utf-8", text.String()},
		{"text/html; charset=utf-8", page},
	} {
		pw, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {part.ctype}, "Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(pw)
		if _, err := qp.Write([]byte(crlf(part.body))); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return append(head.Bytes(), b.Bytes()...), nil
}

// crlf makes every line end in CRLF, as mail requires.
func crlf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}

// withTimeline puts the milestone timeline into the report's page,
// before its first section heading (after the status table).
func withTimeline(page string, d app.Delivery) string {
	var svg bytes.Buffer
	if err := WriteTimeline(&svg, d.Report.Document.Milestones); err != nil || svg.Len() == 0 {
		return page
	}
	block := "<h2>Milestone timeline</h2>\n" + svg.String() + "\n"
	if i := strings.Index(page, "<h2"); i >= 0 {
		return page[:i] + block + page[i:]
	}
	return strings.Replace(page, "</body>", block+"</body>", 1)
}
