package server_test

import (
	"strings"
	"testing"

	"github.com/cairnpm/cairn/server"
)

// TestStakeholderEmailsAndWebhookSecret checks what the register shows to
// whom: e-mail addresses to managers and owners only; and that a
// webhook schedule's secret is shown once, when made.
func TestStakeholderEmailsAndWebhookSecret(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			e := newAuthEnv(t, b.open(t), server.Options{})
			for _, u := range []string{"owner", "viewer"} {
				e.addUser(u+"@example.com", false)
			}
			owner := who{bearer: e.token("owner@example.com", false)}
			viewer := who{bearer: e.token("viewer@example.com", false)}
			e.must(201, owner, "POST", "/api/v1/projects", `{"key":"STK","name":"Stakeholders","start":"2027-01-04"}`)
			e.must(201, owner, "POST", "/api/v1/projects/STK/members", `{"email":"viewer@example.com","role":"viewer"}`)
			s := e.must(201, owner, "POST", "/api/v1/projects/STK/stakeholders",
				`{"name":"Vi Viewer","role":"user","power":2,"interest":5,"email":"Viewer@Example.com"}`)
			if s["email"] != "viewer@example.com" || s["is_user"] != true || s["quadrant"] != "Keep informed" {
				t.Errorf("created %v", s)
			}
			list := e.do(viewer, "GET", "/api/v1/projects/STK/stakeholders", "")
			if list.status != 200 || strings.Contains(string(list.body), "@example.com") || !strings.Contains(string(list.body), "Vi Viewer") {
				t.Errorf("viewer's list: %d %s", list.status, list.body)
			}
			if r := e.do(owner, "GET", "/api/v1/projects/STK/stakeholders", ""); !strings.Contains(string(r.body), "viewer@example.com") {
				t.Errorf("owner's list lacks the address: %s", r.body)
			}
			grid := e.do(viewer, "GET", "/api/v1/projects/STK/stakeholders/grid.svg", "")
			if grid.status != 200 || grid.header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(string(grid.body), "Vi Viewer") {
				t.Errorf("grid: %d %s", grid.status, grid.header.Get("Content-Type"))
			}
			d := e.must(201, owner, "POST", "/api/v1/projects/STK/delivery-schedules",
				`{"name":"Team room","weekday":"Friday","time":"15:00","channel":"webhook","webhook_url":"https://hooks.example.com/x","webhook_format":"teams"}`)
			secret, _ := d["webhook_secret"].(string)
			if !strings.HasPrefix(secret, "whsec_") || d["weekday"] != "friday" || d["time"] != "15:00" || d["time_zone"] != "UTC" {
				t.Errorf("created schedule %v", d)
			}
			id := itoa(num(d["id"]))
			for _, r := range []response{
				e.do(owner, "GET", "/api/v1/projects/STK/delivery-schedules", ""),
				e.do(owner, "GET", "/api/v1/projects/STK/delivery-schedules/"+id, ""),
				e.do(owner, "PATCH", "/api/v1/projects/STK/delivery-schedules/"+id, `{"time":"16:00"}`),
				e.do(owner, "GET", "/api/v1/projects/STK/changes", ""),
			} {
				if r.status != 200 || strings.Contains(string(r.body), secret) {
					t.Errorf("the secret shows again: %d %.300s", r.status, r.body)
				}
			}
		})
	}
}
