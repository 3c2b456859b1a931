package delivery

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/report"
)

// SignatureHeader carries a payload's signature: "sha256=" and the hex
// HMAC-SHA256 of the body under the schedule's secret.
const SignatureHeader = "X-Cairn-Signature"

// Sign returns the SignatureHeader value of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Webhooks posts reports to webhook receivers.
type Webhooks struct {
	Client *http.Client // nil: a client with a 30-second timeout
}

// Post sends d's report to its schedule's webhook, signed. A 4xx answer
// (other than 408 and 429) is Permanent; 5xx and network failures may be
// retried.
func (h *Webhooks) Post(ctx context.Context, d app.Delivery, publicURL string, jobID int64) error {
	body, err := Payload(d, publicURL)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.Schedule.WebhookURL, bytes.NewReader(body))
	if err != nil {
		return Permanent(fmt.Errorf("webhook request: %w", err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Cairn")
	req.Header.Set(SignatureHeader, Sign(d.Schedule.WebhookSecret, body))
	req.Header.Set("X-Cairn-Delivery", strconv.FormatInt(jobID, 10))
	client := h.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook POST: %w", err)
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	err = fmt.Errorf("webhook answered %s: %s", resp.Status, strings.TrimSpace(string(snippet)))
	if resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != 408 && resp.StatusCode != 429 {
		return Permanent(err)
	}
	return err
}

// Payload is the JSON a schedule's webhook receives, in its format:
// Slack's incoming webhook message ({"text", "blocks"}), a Microsoft
// Teams MessageCard, or Cairn's own (the report document itself).
func Payload(d app.Delivery, publicURL string) ([]byte, error) {
	doc := d.Report.Document
	link := ReportURL(publicURL, d)
	switch d.Schedule.WebhookFormat {
	case domain.WebhookSlack:
		return json.Marshal(slackMessage(doc, Subject(d), link))
	case domain.WebhookTeams:
		return json.Marshal(teamsCard(doc, Subject(d), link))
	}
	return json.Marshal(map[string]any{"event": "report.published", "project": d.Project.Key, "report_id": d.Report.ID,
		"url": link, "report": doc})
}

func areas(doc *report.Report) [][2]string {
	return [][2]string{{"Overall", string(doc.RAG.Overall.Level)}, {"Schedule", string(doc.RAG.Schedule.Level)},
		{"Cost", string(doc.RAG.Cost.Level)}, {"Scope", string(doc.RAG.Scope.Level)}, {"Risk", string(doc.RAG.Risk.Level)}}
}

// slackMessage is a Slack incoming-webhook message: text for
// notifications, and Block Kit blocks for the channel.
func slackMessage(doc *report.Report, subject, link string) map[string]any {
	var fields []map[string]string
	for _, a := range areas(doc) {
		fields = append(fields, map[string]string{"type": "mrkdwn", "text": "*" + a[0] + "*\n" + strings.ToUpper(a[1])})
	}
	blocks := []map[string]any{
		{"type": "header", "text": map[string]string{"type": "plain_text", "text": truncate(subject, 150)}},
		{"type": "section", "text": map[string]string{"type": "mrkdwn", "text": slackEscape(doc.Summary)}},
		{"type": "section", "fields": fields},
	}
	if link != "" {
		blocks = append(blocks, map[string]any{"type": "actions", "elements": []map[string]any{{
			"type": "button", "text": map[string]string{"type": "plain_text", "text": "Read the report"}, "url": link}}})
	}
	return map[string]any{"text": subject, "blocks": blocks}
}

// slackEscape escapes the three characters Slack's mrkdwn reserves.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// teamsCard is an Office 365 connector MessageCard, which Teams'
// incoming webhooks accept.
func teamsCard(doc *report.Report, subject, link string) map[string]any {
	var facts []map[string]string
	for _, a := range areas(doc) {
		facts = append(facts, map[string]string{"name": a[0], "value": strings.ToUpper(a[1])})
	}
	colour := map[report.Level]string{"green": "0A5A2A", "amber": "C98A00", "red": "8A1414"}[doc.RAG.Overall.Level]
	card := map[string]any{
		"@type": "MessageCard", "@context": "https://schema.org/extensions",
		"summary": subject, "title": subject, "themeColor": colour, "text": doc.Summary,
		"sections": []map[string]any{{"facts": facts}},
	}
	if link != "" {
		card["potentialAction"] = []map[string]any{{"@type": "OpenUri", "name": "Read the report",
			"targets": []map[string]string{{"os": "default", "uri": link}}}}
	}
	return card
}
