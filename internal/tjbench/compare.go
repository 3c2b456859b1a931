package tjbench

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// Reference is TaskJuggler's dates for one task: a row of the PREFIX.ref.csv
// that tj3csv_to_ref.py writes from tj3's report.
type Reference struct {
	ID, TJID, Kind string
	Start, End     time.Time // wall clock, UTC
}

// ReadReference reads a PREFIX.ref.csv (header id,tj_id,kind,start,end).
func ReadReference(path string) ([]Reference, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("tjbench: %w", err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = 5
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("tjbench: %s: %w", path, err)
	}
	if head[0] != "id" || head[3] != "start" || head[4] != "end" {
		return nil, fmt.Errorf("tjbench: %s: header %q is not id,tj_id,kind,start,end", path, head)
	}
	var refs []Reference
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return refs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("tjbench: %s: %w", path, err)
		}
		start, err1 := time.Parse(time.RFC3339, rec[3])
		end, err2 := time.Parse(time.RFC3339, rec[4])
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("tjbench: %s line %d: %w", path, line, err)
		}
		refs = append(refs, Reference{ID: rec[0], TJID: rec[1], Kind: rec[2], Start: domain.Wall(start), End: domain.Wall(end)})
	}
}

// Comparison counts the tasks whose dates agree with TaskJuggler's.
//
// Dates agree when they are the same point of working time: equal
// calendar.Ordinal values on the project calendar. TaskJuggler does not
// move a start to working time (a task whose predecessor ends Friday 18:00
// starts Friday 18:00, and a task nothing drives starts at the project
// start, 00:00 on a holiday) while Cairn starts it at the next working
// instant (Monday 09:00); no work lies between the two.
type Comparison struct {
	Leaves, LeavesAgree int
	Groups, GroupsAgree int
	// LeavesIdentical counts leaves whose start and end are also equal on
	// the clock.
	LeavesIdentical int
	// Disagreements lists the first few tasks that disagree.
	Disagreements []string
}

// maxDisagreements bounds Comparison.Disagreements.
const maxDisagreements = 10

// Compare checks the schedule r that Cairn computed for p against
// TaskJuggler's dates refs, matching tasks by Ref (the JSON id). Every task
// of refs must be in the schedule.
func Compare(p *domain.Plan, r *schedule.Result, refs []Reference) (Comparison, error) {
	var c Comparison
	cal, err := planCalendar(p)
	if err != nil {
		return c, err
	}
	byRef := make(map[string]*schedule.Task, len(r.Tasks))
	idx := p.TaskIndex()
	for i := range r.Tasks {
		byRef[p.Tasks[idx[r.Tasks[i].ID]].Ref] = &r.Tasks[i]
	}
	for _, ref := range refs {
		t, ok := byRef[ref.ID]
		if !ok {
			return c, fmt.Errorf("tjbench: task %s of the reference is not in the schedule", ref.ID)
		}
		agree := cal.Ordinal(t.Start) == cal.Ordinal(ref.Start) && cal.Ordinal(t.Finish) == cal.Ordinal(ref.End)
		if ref.Kind == "group" {
			c.Groups++
		} else {
			c.Leaves++
		}
		switch {
		case agree && ref.Kind == "group":
			c.GroupsAgree++
		case agree:
			c.LeavesAgree++
			if t.Start.Equal(ref.Start) && t.Finish.Equal(ref.End) {
				c.LeavesIdentical++
			}
		case len(c.Disagreements) < maxDisagreements:
			c.Disagreements = append(c.Disagreements, fmt.Sprintf("%s (%s): Cairn %s – %s, TaskJuggler %s – %s", ref.ID, ref.Kind,
				domain.FormatDateTime(t.Start), domain.FormatDateTime(t.Finish), domain.FormatDateTime(ref.Start), domain.FormatDateTime(ref.End)))
		}
	}
	return c, nil
}

// planCalendar compiles p's project calendar.
func planCalendar(p *domain.Plan) (*calendar.Calendar, error) {
	for _, c := range p.Calendars {
		if c.ID == p.Project.CalendarID {
			return calendar.New(c, p.Calendars...)
		}
	}
	return nil, fmt.Errorf("tjbench: the plan has no project calendar %d", p.Project.CalendarID)
}

// String summarises c: "300/300 leaves (100.0 %), 33/33 groups agree in
// working time; 41 leaves identical on the clock".
func (c Comparison) String() string {
	return fmt.Sprintf("%d/%d leaves (%.1f %%), %d/%d groups agree in working time; %d leaves identical on the clock",
		c.LeavesAgree, c.Leaves, percent(c.LeavesAgree, c.Leaves), c.GroupsAgree, c.Groups, c.LeavesIdentical)
}

func percent(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}
