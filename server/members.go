package server

import (
	"net/http"

	"github.com/cairnpm/cairn/domain"
)

// memberJSON is a project member as the API shows it.
type memberJSON struct {
	Email   string `json:"email"`
	Name    string `json:"name"`
	Role    string `json:"role"`
	Version int64  `json:"version"`
}

func toMemberJSON(m domain.Membership) memberJSON {
	return memberJSON{Email: m.Email, Name: m.Name, Role: string(m.Role), Version: m.Version}
}

// listMembers answers GET …/members: who is in the project, in what role.
func (s *Server) listMembers(w http.ResponseWriter, r *http.Request) {
	ms, err := s.app.Members(r.Context(), r.PathValue("key"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Members []memberJSON `json:"members"`
	}{Members: make([]memberJSON, len(ms))}
	for i, m := range ms {
		out.Members[i] = toMemberJSON(m)
	}
	writeJSON(w, http.StatusOK, out)
}

// addMember answers POST …/members {"email": …, "role": …}.
func (s *Server) addMember(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email string `json:"email"`
		Role  string `json:"role"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	role, err := domain.ParseRole(in.Role)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	m, err := s.app.AddMember(r.Context(), r.PathValue("key"), in.Email, role)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/projects/"+r.PathValue("key")+"/members/"+m.Email)
	setETag(w, m.Version)
	writeJSON(w, http.StatusCreated, toMemberJSON(m))
}

// patchMember answers PATCH …/members/{email} {"role": …}.
func (s *Server) patchMember(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatch(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in struct {
		Role string `json:"role"`
	}
	if err := decode(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	role, err := domain.ParseRole(in.Role)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	m, err := s.app.UpdateMember(r.Context(), r.PathValue("key"), r.PathValue("email"), version, role)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setETag(w, m.Version)
	writeJSON(w, http.StatusOK, toMemberJSON(m))
}

// deleteMember answers DELETE …/members/{email}.
func (s *Server) deleteMember(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatch(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.app.RemoveMember(r.Context(), r.PathValue("key"), r.PathValue("email"), version); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
