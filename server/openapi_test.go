package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/server"
)

// notInOpenAPI lists the registered routes that server/openapi.json
// leaves out on purpose, with the reason. Everything under /api/v1 must
// be documented.
var notInOpenAPI = map[string]string{
	"/api/":                            "the catch-all that answers 404 route_not_found for unknown API paths",
	"GET /static/":                     "web UI: stylesheets and scripts",
	"GET /login":                       "web UI: the sign-in page",
	"POST /login":                      "web UI: the sign-in form",
	"POST /logout":                     "web UI: the sign-out form",
	"GET /{$}":                         "web UI: the home page",
	"GET /portfolio":                   "web UI: every project the user can see, with schedule health",
	"GET /projects/{key}":              "web UI: a project's overview",
	"GET /projects/{key}/plan":         "web UI: the WBS table and the Gantt chart, edited through the API",
	"GET /projects/{key}/board":        "web UI: the Kanban board, edited through the API",
	"GET /projects/{key}/resources":    "web UI: resources and their load histograms",
	"GET /projects/{key}/risks":        "web UI: the risk register, heat map, issue log and simulated finish",
	"GET /projects/{key}/reports":      "web UI: the project's status reports; drafting and editing go through the API",
	"GET /projects/{key}/reports/{id}": "web UI: one report, its edit form while a draft, its diff once published",
	"GET /projects/{key}/comments":     "web UI: the comments on one task or risk; writing goes through the API",
	"GET /projects/{key}/activity":     "web UI: the project's recent changes and comments, in words",
	"GET /projects/{key}/settings":     "web UI: project details, board limits, calendars, members",
	"GET /projects/{key}/budget":       "web UI: earned value with plain readings, the S-curve, budgets and expenses",
	"GET /projects/{key}/timesheet":    "web UI: the weekly timesheet grid and the weeks waiting for approval",
	"GET /projects/{key}/gantt.svg":    "web UI: the printable Gantt chart",
	"POST /demo":                       "web UI: the demo button",
}

// loadOpenAPI parses an OpenAPI document and validates it with
// kin-openapi, which checks 3.1 documents against OpenAPI 3.1 and their
// schemas as JSON Schema 2020-12.
func loadOpenAPI(t *testing.T, data []byte) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatalf("server/openapi.json does not load: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("server/openapi.json says openapi %q; it is an OpenAPI 3.1 document", doc.OpenAPI)
	}
	err = doc.Validate(loader.Context, openapi3.EnableSchemaFormatValidation(), openapi3.EnableSchemaPatternValidation(),
		openapi3.EnableSchemaDefaultsValidation(), openapi3.EnableExamplesValidation(), openapi3.EnableMultiError())
	if err != nil {
		t.Fatalf("server/openapi.json is not a valid OpenAPI 3.1 document:\n%v", err)
	}
	return doc
}

// openAPIEnv is a real server with an account, so that only public
// routes answer without credentials.
func openAPIEnv(t *testing.T) *authEnv {
	t.Helper()
	e := newAuthEnv(t, backends[0].open(t), server.Options{})
	e.addUser("owner@example.com", false)
	return e
}

// TestOpenAPIServedDocumentIsValid fetches the document from a running
// server without signing in, and validates it.
func TestOpenAPIServedDocumentIsValid(t *testing.T) {
	e := openAPIEnv(t)
	r := e.do(who{}, "GET", "/api/v1/openapi.json", "")
	if r.status != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json without credentials: %d, want 200 (the document is public)\n%.300s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	if !bytes.Equal(r.body, readOpenAPI(t)) {
		t.Error("the served document differs from server/openapi.json")
	}
	loadOpenAPI(t, r.body)
}

// TestOpenAPICoversEveryRoute checks the document against the server's
// route table: every route under /api/v1 (and every other route not
// listed in notInOpenAPI) is documented with its method, path and access,
// and nothing else is.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	e := openAPIEnv(t)
	doc := loadOpenAPI(t, readOpenAPI(t))
	documented := map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			documented[method+" "+path] = op
		}
	}
	for _, rt := range e.srv.Routes() {
		pattern := strings.TrimSpace(rt.Method + " " + rt.Path)
		access := routeAccess(rt)
		if reason, ok := notInOpenAPI[pattern]; ok {
			if strings.HasPrefix(rt.Path, "/api/v1/") {
				t.Errorf("notInOpenAPI leaves out %s (%s), but every /api/v1 route must be documented", pattern, reason)
			}
			continue
		}
		key := rt.Method + " " + openAPIPath(rt.Path)
		op, ok := documented[key]
		if !ok {
			t.Errorf("route %q (server/server.go routes()) is not documented in server/openapi.json.\n"+
				"Add it under \"paths\" → %q → %q: an operation with \"operationId\", \"summary\", \"tags\", "+
				"\"x-cairn-access\": %q, \"security\": %s, its \"parameters\" and \"requestBody\", and \"responses\" "+
				"from components/responses (%s), as the neighbouring operations do; "+
				"then call it in TestOpenAPIResponsesMatchSchemas (server/openapi_test.go).%s",
				pattern, openAPIPath(rt.Path), strings.ToLower(rt.Method), access, securityHint(rt),
				strings.Join(neededResponses(rt, rt.Method == "POST" || rt.Method == "PATCH", false), ", "), webHint(rt.Path))
			continue
		}
		delete(documented, key)
		checkOperation(t, doc, key, op, rt, access)
	}
	for key := range documented {
		t.Errorf("server/openapi.json documents %s, which the server does not register: remove it, or add the route to server/server.go routes()", key)
	}
	for pattern := range notInOpenAPI {
		if !slices.ContainsFunc(e.srv.Routes(), func(r server.Route) bool { return strings.TrimSpace(r.Method+" "+r.Path) == pattern }) {
			t.Errorf("notInOpenAPI lists %s, which the server does not register: remove it", pattern)
		}
	}
}

func webHint(path string) string {
	if strings.HasPrefix(path, "/api/") {
		return ""
	}
	return "\nIf it is a web page rather than part of the API, list it in notInOpenAPI (server/openapi_test.go) with the reason instead."
}

// routeAccess is a route's access in the words of x-cairn-access.
func routeAccess(rt server.Route) string {
	switch {
	case rt.Public:
		return "public"
	case rt.Action == "":
		return "user"
	}
	return string(rt.Action)
}

// openAPIPath writes a ServeMux path pattern as an OpenAPI path.
func openAPIPath(p string) string {
	p = strings.TrimSuffix(p, "{$}")
	return strings.ReplaceAll(p, "...}", "}")
}

// checkOperation holds an operation to the rules every operation follows:
// it declares the route's access, asks for the credentials the server
// takes, and lists the errors the guard and the handlers can give.
func checkOperation(t *testing.T, doc *openapi3.T, key string, op *openapi3.Operation, rt server.Route, access string) {
	t.Helper()
	if got, _ := op.Extensions["x-cairn-access"].(string); got != access {
		t.Errorf("%s: \"x-cairn-access\" is %q; the route table says %q", key, got, access)
	}
	security := doc.Security
	if op.Security != nil {
		security = *op.Security
	}
	got := securityNames(security)
	if rt.Public {
		if op.Security == nil || slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "bearerAuth") || strings.Contains(s, "sessionCookie") }) {
			t.Errorf("%s is public: its \"security\" must be [] (or name only non-user schemes), not %v", key, got)
		}
	} else {
		want := []string{"bearerAuth", "sessionCookie"}
		if isWrite(rt.Method) {
			want = []string{"bearerAuth", "csrfHeader+sessionCookie"}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: security %v, want %v (a browser session's writes need the CSRF header)", key, got, want)
		}
	}
	ifMatch := slices.ContainsFunc(op.Parameters, func(p *openapi3.ParameterRef) bool { return p.Value != nil && p.Value.Name == "If-Match" })
	for _, n := range neededResponses(rt, op.RequestBody != nil, ifMatch) {
		status, why, _ := strings.Cut(n, " ")
		if code, _ := strconv.Atoi(status); op.Responses.Status(code) == nil {
			t.Errorf("%s: no %s response, though %s", key, status, strings.Trim(why, "()"))
		}
	}
}

// neededResponses lists the error responses an operation must document,
// each with the reason: "401 (it needs a signed-in caller)".
func neededResponses(rt server.Route, body, ifMatch bool) []string {
	var out []string
	if body {
		out = append(out, "400 (it takes a body the server checks)")
	}
	if !rt.Public {
		out = append(out, "401 (it needs a signed-in caller)")
		if isWrite(rt.Method) {
			out = append(out, "403 (a write can be refused: role, read-only token, CSRF)")
		}
		if strings.Contains(rt.Path, "{") {
			out = append(out, "404 (its path names something that may not exist)")
		}
	}
	if ifMatch {
		out = append(out, "412 (it honours If-Match)")
	}
	if !rt.Public {
		out = append(out, "500 (every API operation can fail inside)")
	}
	return out
}

// securityHint is the "security" an operation of rt declares.
func securityHint(rt server.Route) string {
	switch {
	case rt.Public:
		return "[]"
	case isWrite(rt.Method):
		return `[{"bearerAuth": []}, {"sessionCookie": [], "csrfHeader": []}]`
	}
	return "none (the document's default)"
}

// isWrite reports whether method is one the CSRF check applies to.
func isWrite(method string) bool { return method != "GET" && method != "HEAD" && method != "OPTIONS" }

// securityNames writes security requirements as sorted "a+b" strings.
func securityNames(srs openapi3.SecurityRequirements) []string {
	out := make([]string, 0, len(srs))
	for _, sr := range srs {
		names := make([]string, 0, len(sr))
		for n := range sr {
			names = append(names, n)
		}
		sort.Strings(names)
		out = append(out, strings.Join(names, "+"))
	}
	sort.Strings(out)
	return out
}

func readOpenAPI(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// contract sends requests to a real server and checks each request and
// its response against the document with kin-openapi's openapi3filter:
// status, headers and body schema, and that the body has no member the
// schema does not name.
type contract struct {
	t      *testing.T
	e      *authEnv
	doc    *openapi3.T
	router routers.Router
	opts   *openapi3filter.Options
	ok     map[string]bool // operations ("GET /api/v1/…") that answered 2xx
}

func newContract(t *testing.T, e *authEnv) *contract {
	doc := loadOpenAPI(t, readOpenAPI(t))
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	opts := &openapi3filter.Options{
		AuthenticationFunc:      credentialsPresent,
		IncludeResponseStatus:   true,
		MultiError:              true,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation()},
	}
	return &contract{t: t, e: e, doc: doc, router: router, opts: opts, ok: map[string]bool{}}
}

// credentialsPresent checks that a request carries what a security
// scheme asks for; whether the server accepts it is the server's test.
func credentialsPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	s, r := in.SecurityScheme, in.RequestValidationInput.Request
	switch {
	case s.Type == "http" && s.Scheme == "bearer":
		if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			return nil
		}
	case s.Type == "apiKey" && s.In == "cookie":
		if _, err := r.Cookie(s.Name); err == nil {
			return nil
		}
	case s.Type == "apiKey" && s.In == "header":
		if r.Header.Get(s.Name) != "" {
			return nil
		}
	}
	return fmt.Errorf("the request lacks %s credentials", in.SecuritySchemeName)
}

// call sends a request the document allows and checks the answer: its
// status must be status, and it must match the document.
func (c *contract) call(status int, as who, method, path, body string, headers ...string) response {
	c.t.Helper()
	return c.send(true, status, as, method, path, body, headers...)
}

// callBad sends a request the document forbids (an unknown field, no
// credentials…) and checks that the server refuses it as documented.
func (c *contract) callBad(status int, as who, method, path, body string, headers ...string) response {
	c.t.Helper()
	return c.send(false, status, as, method, path, body, headers...)
}

func (c *contract) send(valid bool, status int, as who, method, path, body string, headers ...string) response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.e.url+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if as.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+as.bearer)
	}
	if as.cookie != "" {
		req.AddCookie(&http.Cookie{Name: "cairn_session", Value: as.cookie})
	}
	if as.csrf != "" {
		req.Header.Set("X-CSRF-Token", as.csrf)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		c.t.Fatalf("%s %s: the document has no operation for it: %v", method, path, err)
	}
	op := route.Method + " " + route.Path
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: c.opts}
	err = openapi3filter.ValidateRequest(context.Background(), in)
	switch {
	case valid && err != nil:
		c.t.Errorf("%s %s: the document refuses this request, which the server takes:\n%v", method, path, err)
	case !valid && err == nil:
		c.t.Errorf("%s %s: the document allows this request, which the server refuses: %.300s", method, path, body)
	}
	req.Body, req.ContentLength = io.NopCloser(strings.NewReader(body)), int64(len(body))
	res, err := noFollow.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != status {
		c.t.Fatalf("%s %s: status %d, want %d\n%.500s", method, path, res.StatusCode, status, b)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode, Header: res.Header, Options: c.opts}
	out.SetBodyBytes(b)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		c.t.Errorf("%s %s: the %d answer does not match the document (%s):\n%v\nbody: %.500s", method, path, res.StatusCode, op, err, b)
	}
	if strings.Contains(res.Header.Get("Content-Type"), "json") {
		c.checkMembers(route, res.StatusCode, res.Header.Get("Content-Type"), b, method+" "+path)
	}
	if res.StatusCode < 300 {
		c.ok[op] = true
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// checkMembers reports JSON object members that the response's schema
// does not name: the schemas stay open to additions for clients, but the
// document must not fall behind the server.
func (c *contract) checkMembers(route *routers.Route, status int, contentType string, body []byte, call string) {
	c.t.Helper()
	resp := route.Operation.Responses.Status(status)
	if resp == nil || resp.Value == nil {
		return
	}
	mt := resp.Value.Content.Get(contentType)
	if mt == nil || mt.Schema == nil {
		return
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		c.t.Errorf("%s: the answer is not JSON: %v", call, err)
		return
	}
	if extra := undocumented(mt.Schema.Value, v, "body"); len(extra) > 0 {
		c.t.Errorf("%s: the %d answer has members server/openapi.json does not describe: %s", call, status, strings.Join(extra, ", "))
	}
}

// undocumented lists the members of v's objects that s does not name.
// An object schema that names no properties, or allows additional ones
// explicitly, is open.
func undocumented(s *openapi3.Schema, v any, at string) []string {
	if s == nil {
		return nil
	}
	var out []string
	switch v := v.(type) {
	case map[string]any:
		props, open := map[string]*openapi3.Schema{}, false
		collectProperties(s, props, &open)
		for k, x := range v {
			p, ok := props[k]
			if !ok {
				if !open && len(props) > 0 {
					out = append(out, at+"."+k)
				}
				continue
			}
			out = append(out, undocumented(p, x, at+"."+k)...)
		}
	case []any:
		if s.Items != nil {
			for i, x := range v {
				out = append(out, undocumented(s.Items.Value, x, at+"["+strconv.Itoa(i)+"]")...)
			}
		}
	}
	sort.Strings(out)
	return out
}

func collectProperties(s *openapi3.Schema, props map[string]*openapi3.Schema, open *bool) {
	for k, p := range s.Properties {
		props[k] = p.Value
	}
	if ap := s.AdditionalProperties; (ap.Has != nil && *ap.Has) || ap.Schema != nil {
		*open = true
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range group {
			if sub.Value != nil {
				collectProperties(sub.Value, props, open)
			}
		}
	}
}

// TestOpenAPIResponsesMatchSchemas drives every documented operation on
// a real server, as the product's users would, and checks each request
// and answer against the document, errors included.
func TestOpenAPIResponsesMatchSchemas(t *testing.T) {
	e := openAPIEnv(t)
	for _, u := range []string{"viewer", "guest"} {
		e.addUser(u+"@example.com", false)
	}
	c := newContract(t, e)
	owner := who{bearer: e.token("owner@example.com", false)}
	readOnly := who{bearer: e.token("owner@example.com", true)}
	viewer := who{bearer: e.token("viewer@example.com", false)}

	c.call(200, who{}, "GET", "/healthz", "")
	c.call(200, who{}, "GET", "/metrics", "")
	c.call(200, who{}, "GET", "/api/v1/openapi.json", "")
	c.call(200, owner, "GET", "/api/v1/me", "")
	c.callBad(401, who{}, "GET", "/api/v1/projects", "")

	openAPIProjects(t, c, owner, readOnly, viewer)
	openAPITasks(t, c, owner)
	openAPIPlans(c, owner, viewer)
	openAPIMembers(c, owner)
	openAPIStakeholders(c, owner, viewer)
	openAPIComments(c, owner, viewer)
	openAPIRisks(t, c, owner, viewer)
	openAPITokens(t, c, e)
	openAPICosts(t, c, e, owner)

	for path, item := range c.doc.Paths.Map() {
		for method := range item.Operations() {
			if op := method + " " + path; !c.ok[op] {
				t.Errorf("%s is documented but no successful answer of it was checked: call it in TestOpenAPIResponsesMatchSchemas", op)
			}
		}
	}
}

func openAPIProjects(t *testing.T, c *contract, owner, readOnly, viewer who) {
	p := c.call(201, owner, "POST", "/api/v1/projects", `{"key":"WEB","name":"Website","start":"2027-01-04","budget":"5000.00","currency":"GBP","time_zone":"Europe/London"}`)
	c.call(409, owner, "POST", "/api/v1/projects", `{"key":"WEB","name":"Again","start":"2027-01-04"}`)
	c.callBad(400, owner, "POST", "/api/v1/projects", `{"key":"WEB2","name":"Typo","strat":"2027-01-04"}`)
	c.call(403, readOnly, "POST", "/api/v1/projects", `{"key":"RO","name":"Read-only","start":"2027-01-04"}`)
	etag := p.header.Get("ETag")
	c.call(200, owner, "GET", "/api/v1/projects/WEB", "")
	c.call(404, owner, "GET", "/api/v1/projects/NOPE", "")
	c.call(200, owner, "PATCH", "/api/v1/projects/WEB", `{"sponsor":"CIO","status_date":"2027-02-01","phase":null}`, "If-Match", etag)
	stale := c.call(412, owner, "PATCH", "/api/v1/projects/WEB", `{"sponsor":"CFO"}`, "If-Match", etag)
	if !strings.Contains(string(stale.body), "current_version") {
		t.Errorf("412 without current_version: %s", stale.body)
	}
	c.call(201, owner, "POST", "/api/v1/projects/WEB/members", `{"email":"viewer@example.com","role":"viewer"}`)
	c.call(200, owner, "GET", "/api/v1/projects?limit=1", "")
	list := c.call(200, viewer, "GET", "/api/v1/projects", "")
	if strings.Contains(string(list.body), "budget") {
		t.Errorf("a viewer sees the budget: %s", list.body)
	}
	c.call(200, viewer, "GET", "/api/v1/projects/WEB", "")
	c.call(403, viewer, "PATCH", "/api/v1/projects/WEB", `{"phase":"Build"}`)
	old := c.call(201, owner, "POST", "/api/v1/projects", `{"key":"OLD","name":"Old","start":"2027-01-04"}`)
	c.call(200, owner, "GET", "/api/v1/projects/OLD/schedule", "") // no tasks
	c.call(204, owner, "DELETE", "/api/v1/projects/OLD", "", "If-Match", old.header.Get("ETag"))
}

func openAPITasks(t *testing.T, c *contract, owner who) {
	const base = "/api/v1/projects/WEB"
	phase := c.call(201, owner, "POST", base+"/tasks", `{"name":"Build","ref":"build"}`)
	parent := jsonID(t, phase.body)
	a := jsonID(t, c.call(201, owner, "POST", base+"/tasks", `{"name":"Design","duration":"5d","parent":`+parent+`}`).body)
	b := jsonID(t, c.call(201, owner, "POST", base+"/tasks", `{"name":"Code","duration":"10d","work":"80h","parent":`+parent+`,"priority":700}`).body)
	c.call(201, owner, "POST", base+"/tasks", `{"name":"Launch","milestone":true,"deadline":"2027-03-01"}`)
	c.callBad(400, owner, "POST", base+"/tasks", `{"nmae":"Typo"}`)
	c.call(400, owner, "POST", base+"/tasks", `{"name":"Bad","duration":"5x"}`)
	c.callBad(400, owner, "GET", base+"/tasks?limit=0", "")

	page := c.call(200, owner, "GET", base+"/tasks?limit=2", "")
	var pg struct {
		NextCursor string `json:"next_cursor"`
	}
	if err := json.Unmarshal(page.body, &pg); err != nil || pg.NextCursor == "" {
		t.Fatalf("a full page has no next_cursor: %s", page.body)
	}
	c.call(200, owner, "GET", base+"/tasks?cursor="+pg.NextCursor, "")
	task := c.call(200, owner, "GET", base+"/tasks/"+a, "")
	c.call(404, owner, "GET", base+"/tasks/999999", "")
	c.call(200, owner, "PATCH", base+"/tasks/"+a, `{"duration":"3d","constraint":"SNET","constraint_date":"2027-01-11","notes":"Wireframes first"}`,
		"If-Match", task.header.Get("ETag"))
	c.call(412, owner, "PATCH", base+"/tasks/"+a, `{"percent_complete":10}`, "If-Match", "yesterday")
	c.call(200, owner, "GET", base+"/tasks/"+a+"/history", "")
	c.call(200, owner, "PUT", base+"/tasks/"+a+"/assignees", `{"assignees":[]}`)
	cal := c.call(200, owner, "GET", base+"/calendar", "")
	c.call(200, owner, "PATCH", base+"/calendar", `{"week":{"friday":"08:00-12:00"},"exceptions":[{"name":"Christmas","from":"2027-12-24","to":"2027-12-27"}]}`,
		"If-Match", cal.header.Get("ETag"))
	c.call(412, owner, "PATCH", base+"/calendar", `{"week":{"friday":""}}`, "If-Match", cal.header.Get("ETag"))
	c.call(400, owner, "PATCH", base+"/calendar", `{"week":{"friday":"17:00-08:00"}}`)
	c.call(400, owner, "PUT", base+"/tasks/"+a+"/assignees", `{"assignees":[{"resource":"Nobody"}]}`)
	c.call(200, owner, "GET", base+"/changes?since=2000-01-01", "")
	c.call(400, owner, "GET", base+"/changes?since=monday", "")

	link := c.call(201, owner, "POST", base+"/dependencies", `{"predecessor":`+a+`,"successor":`+b+`,"type":"FS","lag":"1d"}`)
	id := jsonID(t, link.body)
	c.call(409, owner, "POST", base+"/dependencies", `{"predecessor":`+a+`,"successor":`+b+`}`)
	c.call(400, owner, "POST", base+"/dependencies", `{"predecessor":`+b+`,"successor":`+a+`}`)
	c.call(200, owner, "GET", base+"/dependencies", "")
	got := c.call(200, owner, "GET", base+"/dependencies/"+id, "")
	c.call(200, owner, "PATCH", base+"/dependencies/"+id, `{"lag":"50%","type":"ss"}`, "If-Match", got.header.Get("ETag"))

	c.call(200, owner, "GET", base+"/schedule", "")
	c.call(201, owner, "POST", base+"/baselines", `{"number":1}`)
	c.callBad(400, owner, "POST", base+"/baselines", `{"number":11}`)
	c.call(200, owner, "PATCH", base+"/tasks/"+b, `{"duration":"12d"}`)
	c.call(200, owner, "GET", base+"/variance?baseline=1", "")
	c.callBad(400, owner, "GET", base+"/variance?baseline=x", "")

	c.call(204, owner, "DELETE", base+"/dependencies/"+id, "")
	c.call(204, owner, "DELETE", base+"/tasks/"+b, "")
}

// openAPIPlans imports the demo plan, which has calendars, resources and
// over-allocations, and reads it back.
func openAPIPlans(c *contract, owner, viewer who) {
	c.call(201, owner, "POST", "/api/v1/plans?filename="+demo.File, string(demo.Source), "Content-Type", "application/yaml")
	c.call(409, owner, "POST", "/api/v1/plans", string(demo.Source), "Content-Type", "application/yaml")
	c.call(400, owner, "POST", "/api/v1/plans", "project:\n  key: BAD\n  name: Bad\n", "Content-Type", "application/yaml")
	c.call(200, owner, "GET", "/api/v1/projects/NET/plan", "")
	c.call(200, owner, "GET", "/api/v1/projects/NET/plan?format=plan", "")
	c.call(200, owner, "GET", "/api/v1/projects/NET/plan?format=csv", "")
	c.call(200, owner, "GET", "/api/v1/projects/NET/plan?format=ical", "")
	c.callBad(400, owner, "GET", "/api/v1/projects/NET/plan?format=mpp", "")
	xml := c.call(200, owner, "GET", "/api/v1/projects/NET/plan?format=mspdi", "")
	renamed := strings.Replace(string(xml.body), "<Title>Office network upgrade</Title>", "<Title>Network copy</Title>", 1)
	c.call(201, owner, "POST", "/api/v1/plans?filename=copy.xml", renamed, "Content-Type", "application/xml")
	c.call(400, owner, "POST", "/api/v1/plans?filename=broken.xml", "<Project xmlns=\"http://schemas.microsoft.com/project\"><Tasks>", "Content-Type", "application/xml")
	c.call(200, owner, "POST", "/api/v1/plans?filename=office.csv&dry_run=true", "Name,Duration,Predecessors\nSurvey,3d,\nDesign,5d,1\n", "Content-Type", "text/csv")
	c.call(201, owner, "POST", "/api/v1/plans?filename=office.csv", "Name,Duration,Predecessors\nSurvey,3d,\nDesign,5d,1\n", "Content-Type", "text/csv")
	c.call(200, owner, "POST", "/api/v1/plans?filename=copy.xml&dry_run=1", renamed, "Content-Type", "application/xml")
	c.callBad(400, owner, "POST", "/api/v1/plans?filename=office.csv&dry_run=maybe", "Name\nA\n", "Content-Type", "text/csv")
	c.call(200, owner, "GET", "/api/v1/projects/NET/schedule", "")
	c.call(200, owner, "GET", "/api/v1/projects/NET/load", "")
	c.call(200, owner, "GET", "/api/v1/projects/NET/load?per=day", "")
	c.call(200, owner, "GET", "/api/v1/projects/NET/level?schedules=50&seed=3", "")
	c.call(200, owner, "GET", "/api/v1/projects/NET/events?timeout=0", "")
	c.callBad(400, owner, "GET", "/api/v1/projects/NET/events?timeout=-1", "")
	c.call(200, owner, "GET", "/api/v1/projects/NET/level?within_slack=true&schedules=20", "")
	c.callBad(400, owner, "GET", "/api/v1/projects/NET/level?schedules=0", "")
	c.call(400, owner, "GET", "/api/v1/projects/NET/level?skip=999999", "")
	c.callBad(400, owner, "GET", "/api/v1/projects/NET/load?per=month", "")
	c.call(201, owner, "POST", "/api/v1/projects/NET/members", `{"email":"viewer@example.com","role":"viewer"}`)
	c.call(403, viewer, "GET", "/api/v1/projects/NET/plan", "")
	c.call(404, viewer, "GET", "/api/v1/projects/NOPE/plan", "")
	openAPIReports(c, owner, viewer)
}

// openAPIReports drafts, edits, publishes and compares status reports of
// the demo project.
func openAPIReports(c *contract, owner, viewer who) {
	const base = "/api/v1/projects/NET/reports"
	c.call(201, owner, "POST", "/api/v1/projects/NET/baselines", `{"number":0}`)
	first := c.call(201, owner, "POST", base, `{"period_end":"2027-01-08"}`).json(c.t)
	id := strconv.FormatInt(int64(first["id"].(float64)), 10)
	c.call(200, owner, "POST", base+"/"+id+"/publish", "")
	c.call(409, owner, "POST", base+"/"+id+"/publish", "")
	second := c.call(201, owner, "POST", base, `{"period_end":"2027-01-15","period_days":7,"baseline":0}`).json(c.t)
	id2 := strconv.FormatInt(int64(second["id"].(float64)), 10)
	c.call(200, owner, "PATCH", base+"/"+id2, `{"summary":"Design is on plan.","decisions":["Approve the firewall design?"],"overrides":[{"area":"risk","level":"amber","justification":"The supplier has warned of delays."}]}`, "If-Match", `"1"`)
	c.call(412, owner, "PATCH", base+"/"+id2, `{"summary":"Stale."}`, "If-Match", `"1"`)
	c.call(400, owner, "PATCH", base+"/"+id2, `{"overrides":[{"area":"risk","level":"red","justification":" "}]}`)
	c.callBad(400, owner, "PATCH", base+"/"+id2, `{"colour":"red"}`)
	c.call(200, owner, "GET", base, "")
	c.call(200, owner, "GET", base+"/"+id2, "")
	c.call(200, owner, "GET", base+"/"+id2+"?format=md", "")
	c.call(200, owner, "GET", base+"/"+id2+"?format=html", "")
	c.callBad(400, owner, "GET", base+"/"+id2+"?format=pdf", "")
	c.call(200, owner, "GET", base+"/"+id2+"/diff", "")
	c.call(404, viewer, "GET", base+"/"+id2, "") // a draft, for managers only
	c.call(200, viewer, "GET", base+"/"+id, "")
	c.call(200, viewer, "GET", base, "")
	c.call(403, viewer, "POST", base, `{"period_end":"2027-01-22"}`)
	c.callBad(400, owner, "POST", base, `{"period_days":7}`)
}

func openAPIMembers(c *contract, owner who) {
	const base = "/api/v1/projects/WEB/members"
	c.call(200, owner, "GET", base, "")
	added := c.call(201, owner, "POST", base, `{"email":"guest@example.com","role":"Viewer"}`)
	c.call(409, owner, "POST", base, `{"email":"guest@example.com","role":"viewer"}`)
	c.callBad(400, owner, "POST", base, `{"email":"guest@example.com"}`)
	c.call(200, owner, "PATCH", base+"/guest@example.com", `{"role":"member"}`, "If-Match", added.header.Get("ETag"))
	c.call(409, owner, "PATCH", base+"/owner@example.com", `{"role":"viewer"}`)
	c.call(404, owner, "PATCH", base+"/nobody@example.com", `{"role":"viewer"}`)
	c.call(204, owner, "DELETE", base+"/guest@example.com", "")
}

// openAPITokens uses a browser session too, to check the cookie and CSRF
// schemes.
func openAPITokens(t *testing.T, c *contract, e *authEnv) {
	cookie, csrf := e.login("owner@example.com")
	session := who{cookie: cookie, csrf: csrf}
	c.call(200, session, "GET", "/api/v1/me", "")
	c.callBad(403, who{cookie: cookie}, "POST", "/api/v1/tokens", `{"name":"no CSRF"}`)
	k := c.call(201, session, "POST", "/api/v1/tokens", `{"name":"CI","expires_in":"90d","read_only":true}`)
	c.call(201, session, "POST", "/api/v1/tokens", `{"name":"Backup","expires_at":"2099-01-01T00:00:00Z"}`)
	c.callBad(400, session, "POST", "/api/v1/tokens", `{"name":"Both","expires_in":"1d","expires_at":"2099-01-01T00:00:00Z"}`)
	c.call(200, session, "GET", "/api/v1/tokens", "")
	id := jsonID(t, k.body)
	c.call(204, session, "DELETE", "/api/v1/tokens/"+id, "")
	c.call(404, session, "DELETE", "/api/v1/tokens/"+id, "")

	feed := c.call(201, session, "POST", "/api/v1/feeds", `{"name":"phone","project":"WEB"}`)
	c.call(201, session, "POST", "/api/v1/feeds", `{"name":"my tasks"}`)
	c.callBad(400, session, "POST", "/api/v1/feeds", `{"name":"typo","projekt":"WEB"}`)
	c.call(404, session, "POST", "/api/v1/feeds", `{"name":"nope","project":"NOPE"}`)
	c.call(200, session, "GET", "/api/v1/feeds", "")
	var created struct{ URL string }
	if err := json.Unmarshal(feed.body, &created); err != nil {
		t.Fatal(err)
	}
	_, path, _ := strings.Cut(strings.TrimPrefix(created.URL, "http://"), "/")
	c.call(200, who{}, "GET", "/"+path, "")
	c.call(404, who{}, "GET", "/feeds/cairnfeed_nope.ics", "")
	c.call(204, session, "DELETE", "/api/v1/feeds/"+jsonID(t, feed.body), "")
	c.call(404, who{}, "GET", "/"+path, "")
}

// jsonID returns the "id" of a JSON object, as text for paths and bodies.
func jsonID(t *testing.T, body []byte) string {
	t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(body, &v); err != nil || v.ID == 0 {
		t.Fatalf("no id in %s", body)
	}
	return strconv.FormatInt(v.ID, 10)
}

// MS Project XML travels as an opaque string as far as the document goes.
// So do an event stream and a calendar feed.
func init() {
	openapi3filter.RegisterBodyDecoder("application/xml", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/event-stream", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/markdown", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/csv", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/octet-stream", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/calendar", openapi3filter.FileBodyDecoder)
}
