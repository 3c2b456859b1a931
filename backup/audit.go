package backup

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// Audit events name their entity by database ID, and some field changes
// hold IDs too (a task's parent). A backup writes references instead (see
// Event), so that a restore, which gives every row a new ID, can point
// them at the new rows.
//
// An entity that no longer exists has no reference: it is written as
// "deleted:N", N counting such entities of its kind in order of first
// appearance, and restored with the ID -N. IDs are positive, so a restored
// history never runs into a row made later, and writing the restored
// database gives the same N again.

// entityKinds says, per audited entity, the namespace of its references.
// The entities are those app records (a test checks app's sources).
var entityKinds = map[string]string{
	"project":           "key",
	"task":              "uid",
	"dependency":        "link",
	"member":            "email",
	"user":              "email",
	"baseline":          "number",
	"calendar":          "calendar", // calendar:NAME
	"report":            "report",   // report:N, the Nth of the project's reports, oldest first
	"time_entry":        "entry",    // entry:N, the Nth of the project's time entries
	"expense":           "expense",  // expense:N, the Nth of the project's expenses
	"budget":            "uid",      // a task's budget, by the task
	"risk":              "risk",     // risk:N, the project's risk RN
	"correlation_group": "group",    // group:N, the Nth of the project's correlation groups
	"token":             "",         // API tokens are not backed up: always deleted:N
	"feed":              "",         // nor are calendar feeds
	"stakeholder":       "",         // stakeholders and delivery schedules are not backed up yet
	"schedule":          "",         // (docs/decisions/0022-report-delivery.md)
	"comment":           "",         // comments are not backed up yet (docs/decisions/0023)
}

// idFields lists the field changes that hold an ID, with the entity the
// ID is of.
var idFields = map[[2]string]string{
	{"task", "parent"}:            "task",
	{"task", "calendar"}:          "calendar",
	{"dependency", "predecessor"}: "task",
	{"dependency", "successor"}:   "task",
	{"time_entry", "task"}:        "task",
	{"expense", "task"}:           "task",
}

// example shows a reference of each kind, for error messages.
var example = map[string]string{"task": "uid:12", "calendar": "calendar:Standard"}

// auditNames turns the IDs of one audit trail (a project's, or the one of
// no project) into references, while writing.
type auditNames struct {
	project    map[int64]string // ID → key, every project
	user       map[int64]string // ID → e-mail, every user
	task       map[int64]int64  // ID → UID
	calendar   map[int64]string // ID → name
	dependency map[int64]string // ID → "predecessor UID-successor UID"
	member     map[int64]string // membership ID → e-mail
	report     map[int64]int64  // status report ID → its place, from 1
	entry      map[int64]int64  // time entry ID → its place, from 1
	expense    map[int64]int64  // expense ID → its place, from 1
	risk       map[int64]int64  // risk ID → its number
	group      map[int64]int64  // correlation group ID → its place, from 1
	deleted    map[string]map[int64]int
}

// ref names the entity of kind entity with the given ID.
func (a *auditNames) ref(entity string, id int64) string {
	var (
		s  string
		ok bool
	)
	if entity == "budget" { // a budget is its task's: deleted ones count as tasks
		entity = "task"
	}
	switch entity {
	case "project":
		s, ok = a.project[id]
		s = "key:" + s
	case "user":
		s, ok = a.user[id]
		s = "email:" + s
	case "member":
		s, ok = a.member[id]
		s = "email:" + s
	case "task":
		var uid int64
		uid, ok = a.task[id]
		s = "uid:" + strconv.FormatInt(uid, 10)
	case "calendar":
		s, ok = a.calendar[id]
		s = "calendar:" + s
	case "dependency":
		s, ok = a.dependency[id]
		s = "link:" + s
	case "report", "time_entry", "expense", "risk", "correlation_group":
		prefix := map[string]string{"report": "report:", "time_entry": "entry:", "expense": "expense:", "risk": "risk:",
			"correlation_group": "group:"}[entity]
		places := map[string]map[int64]int64{"report": a.report, "time_entry": a.entry, "expense": a.expense, "risk": a.risk,
			"correlation_group": a.group}[entity]
		var n int64
		n, ok = places[id]
		s = prefix + strconv.FormatInt(n, 10)
	case "baseline":
		return "number:" + strconv.FormatInt(id, 10)
	case "token", "feed":
	default:
		return "id:" + strconv.FormatInt(id, 10)
	}
	if ok {
		return s
	}
	if a.deleted[entity] == nil {
		a.deleted[entity] = map[int64]int{}
	}
	n, seen := a.deleted[entity][id]
	if !seen {
		n = len(a.deleted[entity]) + 1
		a.deleted[entity][id] = n
	}
	return "deleted:" + strconv.Itoa(n)
}

// value writes a changed field's value, as a reference when it is an ID.
func (a *auditNames) value(entity, field, v string) string {
	kind, isID := idFields[[2]string{entity, field}]
	if !isID || v == "" {
		return v
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return v
	}
	return a.ref(kind, id)
}

func eventToMirror(e domain.AuditEvent, a *auditNames) Event {
	out := Event{Entity: e.Entity, Ref: a.ref(e.Entity, e.EntityID), Action: e.Action, Actor: e.Actor, At: formatInstant(e.At)}
	for _, c := range e.Changes {
		out.Changes = append(out.Changes, Change{Field: c.Field,
			Old: a.value(e.Entity, c.Field, c.Old), New: a.value(e.Entity, c.Field, c.New)})
	}
	return out
}

// auditRefs turns the references of one audit trail back into IDs, while
// restoring.
type auditRefs struct {
	project    map[string]int64 // key → ID
	user       map[string]int64 // e-mail → ID
	task       map[int64]int64  // UID → ID
	calendar   map[string]int64 // name → ID
	dependency map[string]int64 // "predecessor UID-successor UID" → ID
	member     map[string]int64 // e-mail → membership ID
	report     map[int64]int64  // place, from 1 → status report ID
	entry      map[int64]int64  // place, from 1 → time entry ID
	expense    map[int64]int64  // place, from 1 → expense ID
	risk       map[int64]int64  // number → risk ID
	group      map[int64]int64  // place, from 1 → correlation group ID
}

// id resolves ref, which names an entity of kind entity.
func (r *auditRefs) id(field, entity, ref string) (int64, error) {
	prefix, rest, _ := strings.Cut(ref, ":")
	bad := func(format string, args ...any) (int64, error) {
		return 0, domain.Invalid("invalid_reference", field, format, args...)
	}
	if prefix == "deleted" {
		n, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || n < 1 {
			return bad("%q is not a deleted entity (use deleted:1, deleted:2, …)", ref)
		}
		return -n, nil
	}
	want, known := entityKinds[entity]
	if !known {
		want = "id"
	}
	if prefix != want || want == "" {
		if want == "" {
			return bad("%q: a %s is always written deleted:N", ref, entity)
		}
		return bad("%q does not name a %s (use %s:…)", ref, entity, want)
	}
	var (
		id int64
		ok bool
	)
	switch prefix {
	case "id", "number", "uid", "report", "entry", "expense", "risk", "group":
		n, err := strconv.ParseInt(rest, 10, 64)
		if err != nil {
			return bad("%q: %q is not a number", ref, rest)
		}
		switch prefix {
		case "uid":
			id, ok = r.task[n]
		case "report":
			id, ok = r.report[n]
		case "entry":
			id, ok = r.entry[n]
		case "expense":
			id, ok = r.expense[n]
		case "risk":
			id, ok = r.risk[n]
		case "group":
			id, ok = r.group[n]
		default:
			return n, nil
		}
	case "key":
		id, ok = r.project[rest]
	case "email":
		if entity == "user" {
			id, ok = r.user[rest]
		} else {
			id, ok = r.member[rest]
		}
	case "calendar":
		id, ok = r.calendar[rest]
	case "link":
		id, ok = r.dependency[rest]
	}
	if !ok {
		return bad("%q: there is no such %s in the backup", ref, entity)
	}
	return id, nil
}

// value reads a changed field's value back, resolving references.
func (r *auditRefs) value(field, entity, name, v string) (string, error) {
	kind, isID := idFields[[2]string{entity, name}]
	if !isID || v == "" {
		return v, nil
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return "", domain.Invalid("invalid_reference", field, "%q is a database ID; a backup names a %s by reference (e.g. %s)", v, kind, example[kind])
	}
	if !strings.Contains(v, ":") {
		return v, nil
	}
	id, err := r.id(field, kind, v)
	return strconv.FormatInt(id, 10), err
}

func eventFromMirror(m Event, r *auditRefs) (domain.AuditEvent, error) {
	at, err := parseInstant("at", m.At)
	e := domain.AuditEvent{Entity: m.Entity, Action: m.Action, Actor: m.Actor, At: at}
	if err != nil {
		return e, err
	}
	if at.IsZero() {
		return e, domain.Invalid("required", "at", "an audit event needs its time")
	}
	if e.EntityID, err = r.id("ref", m.Entity, m.Ref); err != nil {
		return e, err
	}
	for i, c := range m.Changes {
		f := fmt.Sprintf("changes[%d]", i)
		ch := domain.Change{Field: c.Field}
		if ch.Old, err = r.value(f+".old", m.Entity, c.Field, c.Old); err != nil {
			return e, err
		}
		if ch.New, err = r.value(f+".new", m.Entity, c.Field, c.New); err != nil {
			return e, err
		}
		e.Changes = append(e.Changes, ch)
	}
	return e, nil
}

// linkKey names a link by its tasks' UIDs.
func linkKey(pred, succ int64) string {
	return strconv.FormatInt(pred, 10) + "-" + strconv.FormatInt(succ, 10)
}
