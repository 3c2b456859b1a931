package server

import (
	"net/http"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

// tokenJSON is an API token as the API shows it; the secret only once,
// when it is created.
type tokenJSON struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	ReadOnly   bool    `json:"read_only"`
	ExpiresAt  *string `json:"expires_at"`
	LastUsedAt *string `json:"last_used_at"`
	CreatedAt  string  `json:"created_at"`
	Token      string  `json:"token,omitempty"`
}

func toTokenJSON(k domain.APIToken) tokenJSON {
	return tokenJSON{ID: k.ID, Name: k.Name, ReadOnly: k.ReadOnly, ExpiresAt: optInstant(k.ExpiresAt),
		LastUsedAt: optInstant(k.LastUsedAt), CreatedAt: k.CreatedAt.Format(time.RFC3339)}
}

func optInstant(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// getMe answers GET /api/v1/me: who is signed in, and for a browser
// session the CSRF token its scripts must send as X-CSRF-Token.
func (s *Server) getMe(w http.ResponseWriter, r *http.Request) {
	p, ok := app.PrincipalFrom(r.Context())
	if !ok {
		s.writeError(w, r, domain.Unauthorized("not_signed_in", "nobody is signed in: this server has no accounts yet"))
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Email     string `json:"email"`
		Name      string `json:"name"`
		TimeZone  string `json:"time_zone"`
		SiteAdmin bool   `json:"site_admin"`
		ReadOnly  bool   `json:"read_only"`
		CSRFToken string `json:"csrf_token,omitempty"`
	}{p.User.Email, p.User.Name, p.User.TimeZone, p.User.SiteAdmin, p.ReadOnly, requestCSRF(r.Context())})
}

// listTokens answers GET /api/v1/tokens: the signed-in user's tokens.
func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) {
	ks, err := s.app.Tokens(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Tokens []tokenJSON `json:"tokens"`
	}{Tokens: make([]tokenJSON, len(ks))}
	for i, k := range ks {
		out.Tokens[i] = toTokenJSON(k)
	}
	writeJSON(w, http.StatusOK, out)
}

// createToken answers POST /api/v1/tokens {"name": …, "expires_in": "90d"
// or "expires_at": …, "read_only": …} with the new token's secret.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	p, ok := app.PrincipalFrom(r.Context())
	if !ok {
		s.writeError(w, r, domain.Unauthorized("not_signed_in", "sign in first: tokens belong to a user"))
		return
	}
	var in struct {
		Name      string `json:"name"`
		ExpiresIn string `json:"expires_in"`
		ExpiresAt string `json:"expires_at"`
		ReadOnly  bool   `json:"read_only"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	nt := app.NewToken{Name: in.Name, ReadOnly: in.ReadOnly}
	switch {
	case in.ExpiresIn != "" && in.ExpiresAt != "":
		s.writeError(w, r, domain.Invalid("invalid_expiry", "expires_in", "give expires_in or expires_at, not both"))
		return
	case in.ExpiresIn != "":
		d, err := domain.ParseLifetime(in.ExpiresIn)
		if err != nil {
			s.writeError(w, r, fieldErr("expires_in", err))
			return
		}
		nt.ExpiresAt = time.Now().Add(d)
	case in.ExpiresAt != "":
		t, err := time.Parse(time.RFC3339, in.ExpiresAt)
		if err != nil {
			s.writeError(w, r, domain.Invalid("invalid_expiry", "expires_at", "expires_at %q is not an RFC 3339 time such as 2027-06-30T00:00:00Z", in.ExpiresAt))
			return
		}
		nt.ExpiresAt = t
	}
	secret, k, err := s.app.CreateToken(r.Context(), p.User.Email, nt)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := toTokenJSON(k)
	out.Token = secret
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, out)
}

// deleteToken answers DELETE /api/v1/tokens/{id}: revokes one of the
// signed-in user's tokens.
func (s *Server) deleteToken(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "token")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.app.RevokeToken(r.Context(), id); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
