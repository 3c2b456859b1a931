package delivery

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"net/url"
	"time"
)

// SMTPConfig says how to reach the mail server, from a URL such as
// smtp://user:pass@mail.example.com:587 (STARTTLS whenever the server
// offers it) or smtps://user:pass@mail.example.com:465 (TLS from the
// first byte). The password is never logged: String redacts it.
type SMTPConfig struct {
	Host        string
	Port        string
	Username    string
	Password    string
	ImplicitTLS bool
	// From is the sender address, such as "Cairn <cairn@example.com>".
	From string
	// Timeout bounds one message's whole conversation.
	Timeout time.Duration
	// TLS, if set, configures TLS (tests trust their own certificate).
	TLS *tls.Config
}

// ParseSMTPURL reads an smtp:// or smtps:// URL.
func ParseSMTPURL(raw, from string) (SMTPConfig, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return SMTPConfig{}, fmt.Errorf("SMTP URL: %w", err)
	}
	c := SMTPConfig{Host: u.Hostname(), Port: u.Port(), From: from, Timeout: time.Minute}
	switch u.Scheme {
	case "smtp":
		if c.Port == "" {
			c.Port = "587"
		}
	case "smtps":
		c.ImplicitTLS = true
		if c.Port == "" {
			c.Port = "465"
		}
	default:
		return c, fmt.Errorf("SMTP URL scheme %q is not smtp or smtps (try smtp://user:password@mail.example.com:587)", u.Scheme)
	}
	if c.Host == "" {
		return c, errors.New("SMTP URL has no host (try smtp://user:password@mail.example.com:587)")
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	if from == "" {
		return c, errors.New("an SMTP server needs a From address (--smtp-from or CAIRN_SMTP_FROM)")
	}
	return c, nil
}

// String is the URL with the password left out, for logs.
func (c SMTPConfig) String() string {
	scheme := "smtp"
	if c.ImplicitTLS {
		scheme = "smtps"
	}
	u := url.URL{Scheme: scheme, Host: net.JoinHostPort(c.Host, c.Port)}
	if c.Username != "" {
		u.User = url.User(c.Username)
	}
	return u.String()
}

// Mailer sends mail through one SMTP server.
type Mailer struct {
	Config SMTPConfig
}

// Send delivers msg (a whole RFC 5322 message) to the recipients. A 5xx
// reply is a Permanent failure; anything else may be retried.
func (m *Mailer) Send(ctx context.Context, to []string, msg []byte) error {
	err := m.send(ctx, to, msg)
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return Permanent(err)
	}
	return err
}

func (m *Mailer) send(ctx context.Context, to []string, msg []byte) error {
	c := m.Config
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tlsConfig := c.TLS
	if tlsConfig == nil {
		tlsConfig = &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12}
	}
	addr := net.JoinHostPort(c.Host, c.Port)
	var conn net.Conn
	var err error
	if c.ImplicitTLS {
		conn, err = (&tls.Dialer{Config: tlsConfig}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("connect to %s: %w", addr, err)
	}
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	client, err := smtp.NewClient(conn, c.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("SMTP greeting from %s: %w", addr, err)
	}
	defer client.Close()
	if !c.ImplicitTLS {
		if ok, _ := client.Extension("STARTTLS"); ok {
			if err := client.StartTLS(tlsConfig); err != nil {
				return fmt.Errorf("STARTTLS with %s: %w", addr, err)
			}
		}
	}
	if c.Username != "" {
		// PlainAuth refuses to send the password unencrypted to any host
		// but this machine.
		if err := client.Auth(smtp.PlainAuth("", c.Username, c.Password, c.Host)); err != nil {
			return fmt.Errorf("SMTP authentication as %s: %w", c.Username, err)
		}
	}
	if err := client.Mail(envelope(c.From)); err != nil {
		return fmt.Errorf("SMTP MAIL FROM: %w", err)
	}
	for _, rcpt := range to {
		if err := client.Rcpt(rcpt); err != nil {
			return fmt.Errorf("SMTP RCPT TO %s: %w", rcpt, err)
		}
	}
	w, err := client.Data()
	if err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("SMTP end of data: %w", err)
	}
	return client.Quit()
}

// envelope is the bare address of a From such as "Cairn <c@example.com>".
func envelope(from string) string {
	if a, err := parseAddress(from); err == nil {
		return a.Address
	}
	return from
}
