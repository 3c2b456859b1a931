package xer

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// File is what an XER file holds, in Cairn's terms, plus what P6
// computed. The computed values are kept apart from the plan so that a
// scheduler can be run on the plan and checked against them.
type File struct {
	// Plan is the project as Cairn models it, validated. Activities keep
	// P6's task_id as their ID and UID, and their Activity ID (task_code)
	// as Ref when it is a valid handle; WBS elements become summary tasks
	// numbered after the largest task_id. Resources keep rsrc_id,
	// calendars clndr_id; dependencies and assignments are numbered from
	// 1 in file order.
	Plan *domain.Plan
	// Version is the P6 version in the file's header, such as "8.3".
	Version string
	// Charset is the encoding the file was read in: "UTF-8",
	// "Windows-1252" or "UTF-16".
	Charset string
	// DataDate is P6's data date (PROJECT.last_recalc_date), the date
	// up to which progress was recorded and from which P6 schedules the
	// remaining work. Zero when the project was never scheduled in P6.
	// Plan.Project.StatusDate is set to it as well.
	DataDate time.Time
	// Reference holds what P6 computed for each activity, by task ID.
	Reference map[int64]Computed
	// Extra holds activity fields the domain has no place for, by task ID.
	Extra map[int64]TaskExtra
	// Dropped says in plain words what was in the file but is not in
	// Plan, such as "2 level-of-effort activities are scheduled as
	// ordinary tasks". Empty when nothing was lost.
	Dropped []string
}

// Computed is what P6 stored for one activity. Floats are in working
// minutes (P6 stores hours); a float P6 left empty, as it does for
// completed activities, reads 0 with HasFloat false.
type Computed struct {
	EarlyStart, EarlyFinish time.Time
	LateStart, LateFinish   time.Time
	TotalFloat, FreeFloat   int64
	HasFloat                bool
	// RemainingDuration is remain_drtn_hr_cnt in working minutes.
	RemainingDuration int64
	// Critical is P6's driving_path_flag: the activity is on the
	// longest path.
	Critical bool
}

// TaskExtra holds activity fields that have no place in domain.Task.
type TaskExtra struct {
	Code string // Activity ID (task_code), also in Task.Ref when valid
	// Type is task_type: TT_Task, TT_Rsrc, TT_LOE, TT_Mile, TT_FinMile
	// or TT_WBS.
	Type string
	// Status is status_code: TK_NotStart, TK_Active or TK_Complete.
	Status string
	// PhysicalPercentComplete is phys_complete_pct; Task.PercentComplete
	// holds the duration percent complete the scheduler needs.
	PhysicalPercentComplete float64
	// PlannedDuration is target_drtn_hr_cnt in working minutes.
	PlannedDuration int64
	// SecondaryConstraint and its date, which Cairn does not apply.
	SecondaryConstraint     string
	SecondaryConstraintDate time.Time
}

// Read reads an XER file from r. Errors are *domain.Error values of kind
// invalid whose message starts "<input>:LINE: ".
func Read(r io.Reader) (*File, error) {
	return read(r, "<input>")
}

// ReadNamed reads an XER file from r; errors start "NAME:LINE: ", for a
// file that came from somewhere other than the disk, such as an upload.
func ReadNamed(r io.Reader, name string) (*File, error) {
	return read(r, name)
}

// ReadFile reads the XER file at path; errors start "PATH:LINE: ".
func ReadFile(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("xer: %w", err)
	}
	defer fh.Close()
	return read(fh, path)
}

func read(r io.Reader, name string) (*File, error) {
	f := &failer{File: name, Format: "xer"}
	var buf bytes.Buffer
	if l, ok := r.(interface{ Len() int }); ok {
		buf.Grow(min(l.Len(), MaxSize) + 1)
	} else if fh, ok := r.(*os.File); ok {
		if st, err := fh.Stat(); err == nil && st.Mode().IsRegular() {
			buf.Grow(int(min(st.Size(), MaxSize)) + 1)
		}
	}
	_, err := buf.ReadFrom(io.LimitReader(r, MaxSize+1))
	data := buf.Bytes()
	if err != nil {
		return nil, &domain.Error{Kind: domain.KindInvalid, Code: "xer_read",
			Detail: fmt.Sprintf("%s:1: cannot read the file: %v", name, err), Err: err}
	}
	if len(data) > MaxSize {
		return nil, f.At(1, "too_large", "the file is over %d MiB; XER files are limited to %d MiB", MaxSize>>20, MaxSize>>20)
	}
	text, charset, err := decode(data, f)
	if err != nil {
		return nil, err
	}
	doc, err := split(text, f)
	if err != nil {
		return nil, err
	}
	doc.charset = charset
	return build(doc, f)
}

// ScheduleOptions are the options that schedule a plan read from f the
// way P6 schedules it: remaining work from the data date, and every link
// type limiting its predecessor's late dates, as the classic critical path
// method (and MS Project before 2016) does.
func ScheduleOptions(f *File) schedule.Options {
	return schedule.Options{StatusDate: f.DataDate, LegacyStartLinkSlack: true}
}
