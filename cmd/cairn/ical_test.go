package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestExportICal exports the demo project's milestones and deadlines as
// iCalendar (the format itself is tested in package ical).
func TestExportICal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	cli(t, "", "import", "../../demo/office-network.yaml", "--db", db)
	out := cli(t, "", "export", "--db", db, "--project", "NET", "--format", "ical")
	if !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") || !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Fatalf("not an iCalendar object:\n%.300s", out)
	}
	if n := strings.Count(out, "SUMMARY:Milestone: "); n != 8 || !strings.Contains(out, "SUMMARY:Deadline: ") {
		t.Errorf("%d milestones, want 8, and a deadline", n)
	}
}
