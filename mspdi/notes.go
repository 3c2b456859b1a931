package mspdi

import (
	"fmt"
	"strings"
)

// note is one kind of thing left behind, worded for one and for many;
// many holds a %d for the count.
type note struct{ one, many string }

// notes counts what was left behind, keeping the order of first sighting.
type notes struct {
	order []note
	count map[note]int
}

func newNotes() notes { return notes{count: map[note]int{}} }

func (n *notes) add(k note) { n.addN(k, 1) }

func (n *notes) addN(k note, times int) {
	if times <= 0 {
		return
	}
	if _, seen := n.count[k]; !seen {
		n.order = append(n.order, k)
	}
	n.count[k] += times
}

// say records a one-off remark.
func (n *notes) say(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	n.add(note{s, s})
}

// list words the notes in order.
func (n *notes) list() []string {
	out := make([]string, 0, len(n.order))
	for _, k := range n.order {
		if c := n.count[k]; c == 1 {
			out = append(out, k.one)
		} else {
			out = append(out, strings.Replace(k.many, "%d", fmt.Sprint(c), 1))
		}
	}
	return out
}

// The things Read leaves behind, or reads differently, and says so.
var (
	noteInactive     = note{"1 task is inactive and was skipped", "%d tasks are inactive and were skipped"}
	noteNull         = note{"1 blank task row was skipped", "%d blank task rows were skipped"}
	noteExternal     = note{"1 external task (a placeholder for a task in another project) was skipped", "%d external tasks (placeholders for tasks in other projects) were skipped"}
	noteSubproject   = note{"1 task is an inserted subproject; its tasks are not in this file", "%d tasks are inserted subprojects; their tasks are not in this file"}
	noteUnnamed      = note{"1 task had no name and was named after its UID", "%d tasks had no name and were named after their UIDs"}
	noteCrossProject = note{"1 link to a task in another project was dropped", "%d links to tasks in other projects were dropped"}
	noteLinkSkipped  = note{"1 link to a skipped or unknown task was dropped", "%d links to skipped or unknown tasks were dropped"}
	noteLinkSelf     = note{"1 link from a task to itself was dropped", "%d links from a task to itself were dropped"}
	noteLinkDup      = note{"1 duplicate link was dropped", "%d duplicate links were dropped"}
	noteLinkSummary  = note{"1 link between a summary task and its own subtask was dropped", "%d links between summary tasks and their own subtasks were dropped"}
	noteMilestoneDur = note{"1 task flagged as a milestone has a duration; it was kept as a task so that its dates do not change", "%d tasks flagged as milestones have a duration; they were kept as tasks so that their dates do not change"}
	noteLeveling     = note{"leveling delay on 1 task", "leveling delay on %d tasks"}
	notePlaceholder  = note{"1 date of 2000-01-01T00:00:00 (Aspose's placeholder for \"not set\") was read as not set", "%d dates of 2000-01-01T00:00:00 (Aspose's placeholder for \"not set\") were read as not set"}
	noteActualStart  = note{"1 actual start on a task with no progress was ignored", "%d actual starts on tasks with no progress were ignored"}
	noteActualFinish = note{"1 actual finish on a task not 100% complete was ignored", "%d actual finishes on tasks not 100% complete were ignored"}
	noteNoConstraint = note{"1 constraint without a date was read as ASAP", "%d constraints without a date were read as ASAP"}
	noteNegDuration  = note{"1 negative duration or work was read as 0", "%d negative durations or work values were read as 0"}
	noteUnknownCal   = note{"1 reference to an unknown calendar was dropped (the project calendar applies)", "%d references to unknown calendars were dropped (the project calendar applies)"}
	noteBadFinish    = note{"1 finish before its start was dropped", "%d finishes before their starts were dropped"}
	noteNullRes      = note{"1 blank resource row was skipped", "%d blank resource rows were skipped"}
	noteUnnamedRes   = note{"1 resource had no name and was named after its UID", "%d resources had no name and were named after their UIDs"}
	notePlaceholderA = note{"1 placeholder assignment without a resource was skipped", "%d placeholder assignments without a resource were skipped"}
	noteAssignRes    = note{"1 assignment of an unknown resource was skipped", "%d assignments of unknown resources were skipped"}
	noteAssignTask   = note{"1 assignment to a skipped or unknown task was skipped", "%d assignments to skipped or unknown tasks were skipped"}
	noteRateTables   = note{"1 row of cost rate tables B–E was left out (assignments use table A)", "%d rows of cost rate tables B–E were left out (assignments use table A)"}
	noteTimephased   = note{"timephased data (work and cost per period) on 1 assignment", "timephased data (work and cost per period) on %d assignments"}
	noteBadInterval  = note{"1 working time ending before it starts was dropped", "%d working times ending before they start were dropped"}
	noteExOverlap    = note{"1 calendar exception day also covered by an earlier exception was dropped", "%d calendar exception days also covered by earlier exceptions were dropped"}
	noteDupUID       = note{"1 record with a UID used before was skipped", "%d records with UIDs used before were skipped"}
)
