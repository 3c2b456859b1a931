package csvplan

import "strings"

// column is a kind of column Cairn reads.
type column int

const (
	colNone column = iota
	colID
	colWBS
	colLevel
	colName
	colMode
	colMilestone
	colDuration
	colStart
	colFinish
	colPredecessors
	colResources
	colWork
	colOptimistic
	colMostLikely
	colPessimistic
	colPercent
	colConstraint
	colConstraintDate
	colDeadline
	colPriority
	colActualStart
	colActualFinish
	colNotes
	numColumns
)

// headers are the names Cairn writes for each column; Read accepts them
// and the synonyms below, in any case, ignoring spaces, "_", "-", "." and
// "#" ("Task Name", "task_name" and "TASKNAME" are one header).
var headers = [numColumns]string{
	colID: "ID", colWBS: "WBS", colLevel: "Outline Level", colName: "Name", colMode: "Mode",
	colMilestone: "Milestone", colDuration: "Duration", colStart: "Start", colFinish: "Finish",
	colPredecessors: "Predecessors", colResources: "Resource Names", colWork: "Work",
	colOptimistic: "Optimistic", colMostLikely: "Most Likely", colPessimistic: "Pessimistic",
	colPercent: "% Complete", colConstraint: "Constraint", colConstraintDate: "Constraint Date",
	colDeadline: "Deadline", colPriority: "Priority", colActualStart: "Actual Start",
	colActualFinish: "Actual Finish", colNotes: "Notes",
}

// synonyms maps normalised header names to columns. It holds what MS
// Project, Excel templates, Jira, Asana and Smartsheet exports call them.
var synonyms = map[string]column{
	"id": colID, "taskid": colID, "no": colID, "number": colID, "taskno": colID, "tasknumber": colID,
	"wbs": colWBS, "wbscode": colWBS, "outlinenumber": colWBS, "wbsnumber": colWBS,
	"outlinelevel": colLevel, "level": colLevel, "indent": colLevel, "indentlevel": colLevel,
	"name": colName, "task": colName, "taskname": colName, "title": colName, "summary": colName,
	"activity": colName, "activityname": colName, "item": colName,
	"mode": colMode, "taskmode": colMode, "schedulingmode": colMode,
	"milestone": colMilestone, "ismilestone": colMilestone,
	"duration": colDuration, "dur": colDuration, "originalduration": colDuration, "plannedduration": colDuration,
	"start": colStart, "startdate": colStart, "begin": colStart, "plannedstart": colStart, "from": colStart,
	"finish": colFinish, "finishdate": colFinish, "end": colFinish, "enddate": colFinish, "due": colFinish,
	"duedate": colFinish, "plannedfinish": colFinish, "to": colFinish,
	"predecessors": colPredecessors, "predecessor": colPredecessors, "dependson": colPredecessors,
	"dependencies": colPredecessors, "after": colPredecessors, "preds": colPredecessors,
	"resourcenames": colResources, "resources": colResources, "resource": colResources,
	"assignees": colResources, "assignee": colResources, "assignedto": colResources, "owner": colResources,
	"work": colWork, "effort": colWork, "originalestimate": colWork,
	"optimistic": colOptimistic, "optimisticduration": colOptimistic, "bestcase": colOptimistic,
	"mostlikely": colMostLikely, "mostlikelyduration": colMostLikely, "likely": colMostLikely,
	"pessimistic": colPessimistic, "pessimisticduration": colPessimistic, "worstcase": colPessimistic,
	"%complete": colPercent, "percentcomplete": colPercent, "complete": colPercent, "progress": colPercent,
	"pctcomplete": colPercent, "%done": colPercent, "done": colPercent,
	"constraint": colConstraint, "constrainttype": colConstraint,
	"constraintdate": colConstraintDate,
	"deadline":       colDeadline,
	"priority":       colPriority,
	"actualstart":    colActualStart, "actualfinish": colActualFinish,
	"notes": colNotes, "note": colNotes, "comments": colNotes, "comment": colNotes, "description": colNotes,
}

// normalise folds a header for lookup in synonyms.
func normalise(h string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(strings.TrimSpace(h)) {
		switch c {
		case ' ', '_', '-', '.', '#', '\t':
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}
