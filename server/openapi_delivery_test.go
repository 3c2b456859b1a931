package server_test

import "strconv"

// openAPIStakeholders manages the demo project's stakeholder register and
// delivery schedules, and reads the viewer's notifications.
func openAPIStakeholders(c *contract, owner, viewer who) {
	const base = "/api/v1/projects/NET/stakeholders"
	c.call(200, owner, "GET", base, "")
	sam := c.call(201, owner, "POST", base, `{"name":"Sam Sponsor","organisation":"Acme","role":"sponsor","power":5,"interest":4,"email":"sam@example.com"}`)
	c.call(201, owner, "POST", base, `{"name":"Vic Viewer","role":"user","power":2,"interest":5,"email":"viewer@example.com","notes":"Reads it in the app"}`)
	c.call(400, owner, "POST", base, `{"name":" ","role":"sponsor","power":3,"interest":1}`)
	c.callBad(400, owner, "POST", base, `{"name":"Typo","role":"sponsor","power":1,"interest":1,"intrest":2}`)
	c.call(403, viewer, "POST", base, `{"name":"Sneaky","role":"sponsor","power":1,"interest":1}`)
	id := strconv.FormatInt(int64(sam.json(c.t)["id"].(float64)), 10)
	c.call(200, owner, "GET", base+"/"+id, "")
	c.call(200, viewer, "GET", base+"/"+id, "") // without the e-mail address
	c.call(404, owner, "GET", base+"/999999", "")
	c.call(200, owner, "PATCH", base+"/"+id, `{"interest":5,"organisation":null}`, "If-Match", sam.header.Get("ETag"))
	c.call(412, owner, "PATCH", base+"/"+id, `{"interest":3}`, "If-Match", sam.header.Get("ETag"))
	c.call(200, viewer, "GET", base, "")
	c.call(200, viewer, "GET", base+"/grid.svg", "")

	const sched = "/api/v1/projects/NET/delivery-schedules"
	d := c.call(201, owner, "POST", sched, `{"name":"Weekly to the board","weekday":"friday","time":"15:00","channel":"email","roles":["sponsor","board"]}`)
	c.call(201, owner, "POST", sched, `{"name":"Team channel","weekday":"monday","time":"09:00","channel":"webhook","webhook_url":"https://hooks.example.com/services/T0","webhook_format":"slack"}`)
	c.call(400, owner, "POST", sched, `{"name":"Never","weekday":"someday","time":"15:00","channel":"email","roles":["board"]}`)
	c.callBad(400, owner, "POST", sched, `{"name":"Typo","weekday":"friday","time":"15:00","chanel":"email"}`)
	c.call(403, viewer, "GET", sched, "")
	c.call(200, owner, "GET", sched, "")
	sid := strconv.FormatInt(int64(d.json(c.t)["id"].(float64)), 10)
	c.call(200, owner, "GET", sched+"/"+sid, "")
	c.call(200, owner, "PATCH", sched+"/"+sid, `{"time":"16:30","enabled":false}`, "If-Match", d.header.Get("ETag"))
	c.call(412, owner, "PATCH", sched+"/"+sid, `{"time":"17:00"}`, "If-Match", d.header.Get("ETag"))
	c.call(204, owner, "DELETE", sched+"/"+sid, "")
	c.call(404, owner, "GET", sched+"/"+sid, "")
	c.call(204, owner, "DELETE", base+"/"+id, "")
	c.call(200, viewer, "GET", "/api/v1/notifications", "")
}
