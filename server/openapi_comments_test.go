package server_test

import "strconv"

// openAPIComments comments on a task of the demo project with a mention
// of the viewer, who reads and marks the notification, and sets their
// preferences.
func openAPIComments(c *contract, owner, viewer who) {
	tasks := c.call(200, owner, "GET", "/api/v1/projects/NET/tasks?limit=1", "").json(c.t)["tasks"].([]any)
	task := strconv.FormatInt(int64(tasks[0].(map[string]any)["id"].(float64)), 10)
	base := "/api/v1/projects/NET/comments"
	on := "?entity=task&id=" + task
	cm := c.call(201, owner, "POST", base+on, `{"body":"@viewer@example.com can you check the dates?"}`)
	c.call(201, viewer, "POST", base+on, `{"body":"Checked."}`)
	c.call(400, owner, "POST", base+on, `{"body":"  "}`)
	c.callBad(400, owner, "POST", base+on, `{"text":"typo"}`)
	c.callBad(400, owner, "POST", base+"?entity=milestone&id=1", `{"body":"Hi"}`)
	c.call(404, owner, "POST", base+"?entity=task&id=999999", `{"body":"Hi"}`)
	c.call(200, viewer, "GET", base+on, "")
	c.call(200, viewer, "GET", "/api/v1/notifications", "")
	c.call(200, viewer, "POST", "/api/v1/notifications/read", `{}`)
	c.call(200, viewer, "GET", "/api/v1/me/preferences", "")
	c.call(200, viewer, "PUT", "/api/v1/me/preferences", `{"mention_email":false,"daily_digest":true}`)
	c.callBad(400, viewer, "PUT", "/api/v1/me/preferences", `{"digest":true}`)
	id := strconv.FormatInt(int64(cm.json(c.t)["id"].(float64)), 10)
	c.call(403, viewer, "DELETE", base+"/"+id, "")
	c.call(204, owner, "DELETE", base+"/"+id, "")
	c.call(404, owner, "DELETE", base+"/"+id, "")
}
