package server

import (
	_ "embed"
	"net/http"
)

// openAPIDocument is the OpenAPI 3.1 description of the REST API. It is
// written by hand and served as it is (docs/decisions/0008-openapi.md);
// openapi_test.go checks it against the route table and real answers.
//
//go:embed openapi.json
var openAPIDocument []byte

// serveOpenAPI answers GET /api/v1/openapi.json. The route is public: the
// document describes the API, not anyone's data.
func (s *Server) serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openAPIDocument)
}
