package level

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Document is the JSON form of a levelled schedule, for `cairn level
// --format json` and the REST API: the fields of schedule.Document, with
// the levelled dates and floats, and for each task how far levelling
// moved it and why. Tasks are named by key (NET-12), resources by name
// and ID.
type Document struct {
	Project          string             `json:"project"`
	Start            string             `json:"start"`
	Finish           string             `json:"finish"`
	UnlevelledFinish string             `json:"unlevelled_finish"`
	Schedules        int                `json:"schedules"`
	Tasks            []DocumentRow      `json:"tasks"`
	Unresolved       []DocumentConflict `json:"unresolved"`
}

// DocumentRow is one task: its schedule.DocumentRow fields, then its
// levelling delay in working minutes and its cause (null when it did not
// move).
type DocumentRow struct {
	schedule.DocumentRow
	LevelingDelayMinutes int64          `json:"leveling_delay_minutes"`
	LevelingCause        *DocumentCause `json:"leveling_cause"`
}

// DocumentCause is why a task moved: the resource it waited for and the
// tasks holding it, and the predecessor whose move pushed it.
type DocumentCause struct {
	Resource    string   `json:"resource,omitempty"`
	ResourceID  int64    `json:"resource_id,omitempty"`
	With        []string `json:"with,omitempty"`
	Predecessor string   `json:"predecessor,omitempty"`
}

// DocumentConflict is a conflict levelling left.
type DocumentConflict struct {
	Task       string   `json:"task"`
	Resource   string   `json:"resource"`
	ResourceID int64    `json:"resource_id"`
	With       []string `json:"with"`
	Reason     string   `json:"reason"`
}

// NewDocument lays out l, levelled from plan p, for JSON.
func NewDocument(p *domain.Plan, l *Levelled) Document {
	sd := schedule.NewDocument(l.Plan, l.Result)
	key := make(map[int64]string, len(p.Tasks))
	for _, t := range p.Tasks {
		key[t.ID] = p.Project.Key + "-" + strconv.FormatInt(t.UID, 10)
	}
	keys := func(ids []int64) []string {
		out := make([]string, 0, len(ids))
		for _, id := range ids {
			out = append(out, key[id])
		}
		return out
	}
	resName := make(map[int64]string, len(p.Resources))
	for _, r := range p.Resources {
		resName[r.ID] = r.Name
	}
	d := Document{
		Project: sd.Project, Start: sd.Start, Finish: sd.Finish,
		UnlevelledFinish: domain.FormatDateTime(l.Unlevelled.Finish), Schedules: l.Schedules,
		Tasks: make([]DocumentRow, len(sd.Tasks)), Unresolved: []DocumentConflict{},
	}
	for i, row := range sd.Tasks {
		m := l.Tasks[i]
		d.Tasks[i] = DocumentRow{DocumentRow: row, LevelingDelayMinutes: m.Delay}
		if c := m.Cause; c != nil {
			dc := &DocumentCause{Resource: resName[c.Resource], ResourceID: c.Resource, With: keys(c.With)}
			if c.Predecessor != 0 {
				dc.Predecessor = key[c.Predecessor]
			}
			d.Tasks[i].LevelingCause = dc
		}
	}
	for _, c := range l.Unresolved {
		d.Unresolved = append(d.Unresolved, DocumentConflict{Task: key[c.Task], Resource: resName[c.Resource],
			ResourceID: c.Resource, With: keys(c.With), Reason: string(c.Reason)})
	}
	return d
}

// WriteJSON writes d as JSON, one task per line.
func (d Document) WriteJSON(w io.Writer) error {
	head, err := json.Marshal(struct {
		Project          string `json:"project"`
		Start            string `json:"start"`
		Finish           string `json:"finish"`
		UnlevelledFinish string `json:"unlevelled_finish"`
		Schedules        int    `json:"schedules"`
	}{d.Project, d.Start, d.Finish, d.UnlevelledFinish, d.Schedules})
	if err != nil {
		return err
	}
	b := append(head[:len(head)-1], `,"tasks":[`...)
	for i := range d.Tasks {
		row, err := json.Marshal(&d.Tasks[i])
		if err != nil {
			return err
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(append(b, '\n'), row...)
	}
	un, err := json.Marshal(d.Unresolved)
	if err != nil {
		return err
	}
	b = append(append(append(b, "\n],\"unresolved\":"...), un...), "}\n"...)
	_, err = w.Write(b)
	return err
}
