package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestServeDeliveryConfig starts and stops `cairn serve` with an SMTP
// server configured from the environment: the worker starts, and the
// password never reaches the log. A bad SMTP URL is a usage error.
func TestServeDeliveryConfig(t *testing.T) {
	vars := map[string]string{
		"CAIRN_DB":        filepath.Join(t.TempDir(), "cairn.db"),
		"CAIRN_SMTP_URL":  "smtp://cairn:hunter2-secret@127.0.0.1:2525",
		"CAIRN_SMTP_FROM": "Cairn <cairn@example.com>",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errb := &stopOnServing{cancel: cancel} // serve starts, then shuts down at once
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: errb, getenv: func(k string) string { return vars[k] }}
	if code := run(ctx, e, []string{"serve", "--addr", "127.0.0.1:0", "--public-url", "https://cairn.example.com"}); code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, errb.String())
	}
	logs := errb.String()
	if !strings.Contains(logs, "delivery worker started") || !strings.Contains(logs, "smtp://cairn@127.0.0.1:2525") {
		t.Errorf("no delivery worker in the log:\n%s", logs)
	}
	if strings.Contains(logs, "hunter2") {
		t.Errorf("the SMTP password is in the log:\n%s", logs)
	}
	for _, bad := range [][]string{
		{"--smtp-url", "http://mail.example.com"},
		{"--smtp-url", "smtp://mail.example.com", "--smtp-from", ""},
		{"--public-url", "cairn.example.com"},
		{"--delivery-interval", "-1s"},
	} {
		code, _, errs := runCLI(t, "", append([]string{"serve", "--db", filepath.Join(t.TempDir(), "x.db")}, bad...)...)
		if code != 2 {
			t.Errorf("serve %v: exit %d, want 2 (usage)\n%s", bad, code, errs)
		}
	}
}

// stopOnServing keeps a server's log and cancels its context once the
// server says it is serving.
type stopOnServing struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	cancel context.CancelFunc
}

func (s *stopOnServing) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if bytes.Contains(p, []byte("cairn serving")) {
		s.cancel()
	}
	return s.buf.Write(p)
}

func (s *stopOnServing) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}
