package server_test

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// openAPIRisks drives the risk register, the estimates, the correlation
// groups and the simulation of a project of their own.
func openAPIRisks(t *testing.T, c *contract, owner, viewer who) {
	const base = "/api/v1/projects/RSK"
	c.call(201, owner, "POST", "/api/v1/projects", `{"key":"RSK","name":"Risky","start":"2027-01-04","currency":"GBP"}`)
	c.call(201, owner, "POST", base+"/members", `{"email":"viewer@example.com","role":"viewer"}`)
	a := jsonID(t, c.call(201, owner, "POST", base+"/tasks", `{"name":"Design","duration":"5d"}`).body)
	b := jsonID(t, c.call(201, owner, "POST", base+"/tasks", `{"name":"Build","duration":"10d"}`).body)
	c.call(201, owner, "POST", base+"/dependencies", `{"predecessor":`+a+`,"successor":`+b+`}`)

	created := c.call(201, owner, "POST", base+"/risks", `{"title":"Switches arrive late","category":"Supply","proximity":"2027-02-01",
		"initial":{"schedule":{"probability":4,"impact":4},"cost":{"probability":2,"impact":3}},
		"task_impact":{"probability":30,"tasks":[`+b+`],"delay_min":"2d","delay_max":"10d","cost_max":"1500.00"}}`)
	id := jsonID(t, created.body)
	c.callBad(400, owner, "POST", base+"/risks", `{"title":"Typo","catgory":"x"}`)
	c.call(400, owner, "POST", base+"/risks", `{"title":"Off","current":{"schedule":{"probability":9,"impact":1}}}`)
	c.call(403, viewer, "POST", base+"/risks", `{"title":"Viewer"}`)
	c.call(200, owner, "GET", base+"/risks?sort=score&status=open", "")
	c.call(200, viewer, "GET", base+"/risks", "")
	c.callBad(400, owner, "GET", base+"/risks?sort=colour", "")
	got := c.call(200, viewer, "GET", base+"/risks/"+id, "")
	c.call(404, owner, "GET", base+"/risks/999999", "")
	c.call(200, owner, "PATCH", base+"/risks/"+id, `{"current":{"schedule":{"probability":3,"impact":4},"cost":null},"response":"mitigate","actions":[`+a+`]}`,
		"If-Match", got.header.Get("ETag"))
	c.call(412, owner, "PATCH", base+"/risks/"+id, `{"title":"Stale"}`, "If-Match", got.header.Get("ETag"))
	c.call(200, owner, "PATCH", base+"/risks/"+id, `{"status":"occurred","resolution":"Borrowed switches"}`)
	c.call(200, viewer, "GET", base+"/risks/"+id+"/history", "")
	c.call(200, viewer, "GET", base+"/risks/heatmap.svg?status=all&dimension=schedule", "")
	c.callBad(400, viewer, "GET", base+"/risks/heatmap.svg?assessment=later", "")

	m := c.call(200, viewer, "GET", base+"/risk-matrix", "")
	c.call(400, owner, "PATCH", base+"/risk-matrix", `{"size":3}`, "If-Match", m.header.Get("ETag"))
	c.call(200, owner, "PATCH", base+"/risk-matrix", `{"size":6,"thresholds":{"medium":6,"high":15}}`)

	c.call(200, owner, "PUT", base+"/tasks/"+a+"/estimate", `{"distribution":"pert","optimistic":"4d","most_likely":"5d","pessimistic":"9d"}`)
	c.call(200, owner, "PUT", base+"/tasks/"+b+"/estimate", `{"distribution":"lognormal","p10":"8d","p90":"15d"}`)
	c.call(400, owner, "PUT", base+"/tasks/"+b+"/estimate", `{"distribution":"uniform","optimistic":"9d","pessimistic":"8d"}`)
	c.call(200, viewer, "GET", base+"/estimates", "")
	g := c.call(201, owner, "POST", base+"/correlation-groups", `{"name":"Team","correlation":0.6,"tasks":[`+a+`,`+b+`]}`)
	gid := jsonID(t, g.body)
	c.call(409, owner, "POST", base+"/correlation-groups", `{"name":"Again","correlation":0.6,"tasks":[`+a+`,`+b+`]}`)
	c.call(200, viewer, "GET", base+"/correlation-groups", "")
	gg := c.call(200, viewer, "GET", base+"/correlation-groups/"+gid, "")
	c.call(200, owner, "PATCH", base+"/correlation-groups/"+gid, `{"correlation":0.4}`, "If-Match", gg.header.Get("ETag"))

	c.call(200, owner, "GET", base+"/simulate?iterations=500&seed=3&target=2027-01-29", "")
	c.call(200, viewer, "GET", base+"/simulate?iterations=200", "")
	c.callBad(400, viewer, "GET", base+"/simulate?iterations=0", "")
	c.call(200, viewer, "GET", base+"/simulate/finish.svg?iterations=200", "")
	c.call(200, viewer, "GET", base+"/simulate/tornado.svg?iterations=200&seed=3", "")

	c.call(204, owner, "DELETE", base+"/correlation-groups/"+gid, "")
	c.call(204, owner, "DELETE", base+"/tasks/"+a+"/estimate", "")
	c.call(403, viewer, "DELETE", base+"/risks/"+id, "")
	c.call(204, owner, "DELETE", base+"/risks/"+id, "")
}

// Charts travel as opaque strings as far as the document goes.
func init() {
	openapi3filter.RegisterBodyDecoder("image/svg+xml", openapi3filter.FileBodyDecoder)
}
