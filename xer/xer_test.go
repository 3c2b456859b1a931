package xer_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/xer"
)

// tbl is one table of a test XER file: its fields and rows.
type tbl struct {
	name   string
	fields string // tab-separated
	rows   []string
}

// xerText writes tables as P6 does: a header, then %T, %F and %R lines,
// then %E.
func xerText(tables ...tbl) string {
	var b strings.Builder
	b.WriteString("ERMHDR\t8.3\t2027-01-04\tProject\tadmin\t\tdb\tProject Management\tUSD\n")
	for _, t := range tables {
		b.WriteString("%T\t" + t.name + "\n%F\t" + t.fields + "\n")
		for _, r := range t.rows {
			b.WriteString("%R\t" + r + "\n")
		}
	}
	b.WriteString("%E\n")
	return b.String()
}

const weekdays = `(0||CalendarData()((0||DaysOfWeek()((0||1()())(0||2()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))` +
	`(0||3()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))(0||4()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))` +
	`(0||5()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))(0||6()((0||0(s|8:00 AM|f|12:00 PM)())))(0||7()())))` +
	"\x7f\x7f(0||Exceptions()((0||0(d|46395)())(0||1(d|46396)((0||0(s|09:00|f|13:00)())))))))"

var (
	project   = tbl{"PROJECT", "proj_id\tproj_short_name\tclndr_id\tplan_start_date\tlast_recalc_date", []string{"7\tNET-2027\t10\t2027-01-04 08:00\t2027-01-11 08:00"}}
	calendars = tbl{"CALENDAR", "clndr_id\tdefault_flag\tclndr_name\tbase_clndr_id\tday_hr_cnt\tclndr_data",
		[]string{"10\tY\tOffice\t\t7.5\t" + weekdays, "11\tN\tNight\t10\t8\t(0||CalendarData()((0||DaysOfWeek()())(0||Exceptions()())))", "12\tN\tUnused\t\t8\t"}}
	wbs = tbl{"PROJWBS", "wbs_id\tproj_id\tproj_node_flag\tseq_num\twbs_short_name\twbs_name\tparent_wbs_id", []string{
		"100\t7\tY\t0\tNET\tOffice network upgrade\t",
		"102\t7\tN\t2\tB\tBuild\t100",
		"101\t7\tN\t1\tD\tDesign\t100",
		"103\t7\tN\t3\tE\tEmpty\t100",
	}}
	tasks = tbl{"TASK", "task_id\tproj_id\twbs_id\tclndr_id\ttask_code\ttask_name\ttask_type\tstatus_code\ttarget_drtn_hr_cnt\tremain_drtn_hr_cnt\tact_start_date\tact_end_date\tcstr_type\tcstr_date\tpriority_type\tphys_complete_pct\ttotal_float_hr_cnt\tearly_start_date", []string{
		"1\t7\t101\t\tA100\tSite survey\tTT_Task\tTK_Complete\t24\t0\t2027-01-04 08:00\t2027-01-06 17:00\t\t\tPT_High\t100\t\t",
		"2\t7\t101\t\tA110\tDesign\tTT_Task\tTK_Active\t40\t10\t2027-01-07 08:00\t\t\t\tPT_Normal\t50\t0\t2027-01-07 08:00",
		"3\t7\t101\t\tA120\tDesign approved\tTT_FinMile\tTK_NotStart\t0\t0\t\t\tCS_MEOB\t2027-02-01 17:00\t\t0\t0\t",
		"4\t7\t102\t11\tA 200\tCut-over\tTT_Task\tTK_NotStart\t8\t6\t\t\tCS_MSOA\t2027-02-08 08:00\tPT_Low\t0\t16.5\t",
	}}
	preds = tbl{"TASKPRED", "task_pred_id\ttask_id\tpred_task_id\tproj_id\tpred_proj_id\tpred_type\tlag_hr_cnt", []string{
		"1\t2\t1\t7\t7\tPR_FS\t0",
		"2\t3\t2\t7\t7\tPR_FS\t16",
		"3\t4\t3\t7\t7\tPR_SS\t-4",
		"4\t4\t99\t7\t8\tPR_FS\t0",
	}}
	rsrc = tbl{"RSRC", "rsrc_id\tparent_rsrc_id\tclndr_id\trsrc_name\trsrc_short_name\temail_addr\trsrc_type", []string{
		"20\t\t\tNetwork team\tNET\t\tRT_Labor",
		"21\t20\t11\tAlice Martin\tALICE M\talice@example.com\tRT_Labor",
		"22\t\t\tCable\tCAB\t\tRT_Mat",
	}}
	rates = tbl{"RSRCRATE", "rsrc_rate_id\trsrc_id\tmax_qty_per_hr\tcost_per_qty\tstart_date", []string{
		"1\t21\t0.5\t80\t2026-01-01 00:00",
		"2\t21\t1\t85.5\t2027-01-01 00:00",
		"3\t21\t2\t99\t2028-01-01 00:00",
	}}
	asgs = tbl{"TASKRSRC", "taskrsrc_id\ttask_id\tproj_id\trsrc_id\trole_id\ttarget_qty_per_hr\ttarget_qty\tact_reg_qty\tact_ot_qty\tremain_qty", []string{
		"1\t2\t7\t21\t\t1\t40\t28\t2\t10",
		"2\t4\t7\t22\t\t0.25\t2\t\t\t",
		"3\t4\t7\t\t5\t1\t8\t\t\t",
	}}
	memos = tbl{"TASKMEMO", "memo_id\ttask_id\tmemo_type_id\tproj_id\ttask_memo", []string{
		"1\t1\t1\t7\t<html><body><p>Walk every floor;</p><p>count ports &amp; cabinets.</p></body></html>",
	}}
	other = tbl{"ACTVCODE", "actv_code_id\tshort_name", []string{"1\tX", "2\tY"}}
)

func read(t *testing.T, text string) *xer.File {
	t.Helper()
	f, err := xer.Read(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestReadMapsEveryTable(t *testing.T) {
	f := read(t, xerText(project, calendars, wbs, tasks, preds, rsrc, rates, asgs, memos, other))
	p := f.Plan
	date := func(s string) time.Time { d, _ := domain.ParseDate(s); return d }

	if p.Project.Key != "NET2027" || p.Project.Name != "Office network upgrade" || !p.Project.Start.Equal(date("2027-01-04T08:00")) {
		t.Errorf("project: %+v", p.Project)
	}
	if !f.DataDate.Equal(date("2027-01-11T08:00")) || !p.Project.StatusDate.Equal(f.DataDate) {
		t.Errorf("data date %v, status date %v", f.DataDate, p.Project.StatusDate)
	}
	if p.Project.CalendarID != 10 || p.Project.Units.MinutesPerDay != 450 || p.Project.Currency != "USD" {
		t.Errorf("calendar %d, units %+v, currency %s", p.Project.CalendarID, p.Project.Units, p.Project.Currency)
	}

	// Calendars: the two in use, the unused one left out.
	if len(p.Calendars) != 2 {
		t.Fatalf("calendars: %+v", p.Calendars)
	}
	office := p.Calendars[0]
	if got := domain.FormatIntervals(office.Week[time.Monday]); got != "08:00-12:00, 13:00-17:00" {
		t.Errorf("Monday %q", got)
	}
	if got := domain.FormatIntervals(office.Week[time.Friday]); got != "08:00-12:00" {
		t.Errorf("Friday (12-hour clock) %q", got)
	}
	if office.Week[time.Sunday] == nil || len(office.Week[time.Sunday]) != 0 {
		t.Errorf("Sunday should be off: %#v", office.Week[time.Sunday])
	}
	if len(office.Exceptions) != 2 || domain.FormatDate(office.Exceptions[0].From) != "2027-01-08" ||
		len(office.Exceptions[0].Working) != 0 || domain.FormatIntervals(office.Exceptions[1].Working) != "09:00-13:00" {
		t.Errorf("exceptions: %+v", office.Exceptions)
	}
	if night := p.Calendars[1]; night.BaseID != 10 || night.Week[time.Monday] != nil {
		t.Errorf("a calendar without its own week inherits its base's: %+v", night)
	}

	// WBS in seq_num order, the empty element and the root left out;
	// activities under their WBS, numbered after the largest task_id.
	var names []string
	ids, _ := p.WBSOrder()
	idx := p.TaskIndex()
	for _, id := range ids {
		names = append(names, p.Tasks[idx[id]].Name)
	}
	if got := strings.Join(names, " / "); got != "Design / Site survey / Design / Design approved / Build / Cut-over" {
		t.Errorf("WBS order: %s", got)
	}
	task := func(id int64) domain.Task { return p.Tasks[idx[id]] }
	if d := task(5); d.Name != "Design" || d.Parent != 0 {
		t.Errorf("WBS Design: %+v", d)
	}
	if s := task(1); s.Ref != "A100" || s.PercentComplete != 100 || s.ActualFinish.IsZero() || s.Priority != 700 || s.Duration.Minutes != 24*60 {
		t.Errorf("finished activity: %+v", s)
	}
	if s := task(1); s.Notes != "Walk every floor;\ncount ports & cabinets." {
		t.Errorf("memo: %q", s.Notes)
	}
	if d := task(2); d.Duration.Minutes != 40*60 || d.PercentComplete != 75 || d.ActualStart.IsZero() {
		t.Errorf("activity in progress: %+v", d)
	}
	if m := task(3); m.Kind != domain.KindMilestone || m.Constraint != domain.FNLT || !m.ConstraintDate.Equal(date("2027-02-01T17:00")) {
		t.Errorf("milestone: %+v", m)
	}
	if c := task(4); c.Ref != "A-200" || c.Duration.Minutes != 6*60 || c.Constraint != domain.SNET || c.CalendarID != 11 || c.Priority != 300 {
		t.Errorf("not started (remaining duration, constraint, calendar): %+v", c)
	}
	if x := f.Extra[4]; x.Code != "A 200" || x.PlannedDuration != 8*60 || x.Type != "TT_Task" {
		t.Errorf("extra: %+v", x)
	}
	if r := f.Reference[4]; r.TotalFloat != 990 || !r.HasFloat {
		t.Errorf("reference float 16.5h: %+v", r)
	}
	if r := f.Reference[1]; r.HasFloat {
		t.Errorf("a finished activity has no float in P6: %+v", r)
	}

	// Links with lags in working hours; the external one left out.
	if len(p.Dependencies) != 3 {
		t.Fatalf("links: %+v", p.Dependencies)
	}
	if d := p.Dependencies[1]; d.Predecessor != 2 || d.Successor != 3 || d.Type != domain.FS || d.Lag.Minutes != 960 {
		t.Errorf("lag 16h: %+v", d)
	}
	if d := p.Dependencies[2]; d.Type != domain.SS || d.Lag.Minutes != -240 {
		t.Errorf("lead 4h: %+v", d)
	}

	// Resources: group from the parent, rate in force at the start,
	// units per hour as units; the role assignment left out.
	if len(p.Resources) != 3 {
		t.Fatalf("resources: %+v", p.Resources)
	}
	alice := p.Resources[1]
	if alice.Ref != "ALICE-M" || alice.Group != "Network team" || alice.MaxUnits != 1 || alice.StandardRate != 8550 || alice.CalendarID != 11 || alice.Email != "alice@example.com" {
		t.Errorf("Alice: %+v", alice)
	}
	if p.Resources[2].Kind != domain.Material {
		t.Errorf("cable: %+v", p.Resources[2])
	}
	if len(p.Assignments) != 2 {
		t.Fatalf("assignments: %+v", p.Assignments)
	}
	if a := p.Assignments[0]; a.Units != 1 || a.Work != 40*60 || a.OvertimeWork != 120 {
		t.Errorf("assignment (actual + remaining work): %+v", a)
	}

	for _, want := range []string{"1 WBS elements without activities", "1 relationships to activities of other projects",
		"1 role assignments", "1 calendars not used", "ACTVCODE (2 rows)"} {
		if !strings.Contains(strings.Join(f.Dropped, "\n"), want) {
			t.Errorf("Dropped does not say %q:\n%s", want, strings.Join(f.Dropped, "\n"))
		}
	}
}

func TestReadEncodings(t *testing.T) {
	text := xerText(project, calendars, tbl{"TASK", "task_id\tproj_id\ttask_name\ttarget_drtn_hr_cnt", []string{"1\t7\tCaf\xe9 \x80 fit-out\t8"}})
	f := read(t, text)
	if f.Charset != "Windows-1252" || f.Plan.Tasks[0].Name != "Café € fit-out" {
		t.Errorf("Windows-1252: %s %q", f.Charset, f.Plan.Tasks[0].Name)
	}
	utf := "\xef\xbb\xbf" + strings.ReplaceAll(strings.ReplaceAll(text, "\xe9", "é"), "\x80", "€")
	f = read(t, strings.ReplaceAll(utf, "\n", "\r\n"))
	if f.Charset != "UTF-8" || f.Plan.Tasks[0].Name != "Café € fit-out" {
		t.Errorf("UTF-8 with BOM and CRLF: %s %q", f.Charset, f.Plan.Tasks[0].Name)
	}
}

func TestReadMultipleProjects(t *testing.T) {
	two := project
	two.rows = append(two.rows, "8\tOTHER\t10\t2027-03-01 08:00\t")
	f := read(t, xerText(two, calendars, tbl{"TASK", "task_id\tproj_id\ttask_name\ttarget_drtn_hr_cnt", []string{"1\t7\tOurs\t8", "2\t8\tTheirs\t8"}}))
	if len(f.Plan.Tasks) != 1 || f.Plan.Tasks[0].Name != "Ours" || !strings.Contains(f.Dropped[0], "only the first, NET-2027") {
		t.Errorf("tasks %+v, dropped %q", f.Plan.Tasks, f.Dropped)
	}
}

var errorFormat = regexp.MustCompile(`^<input>:\d+: `)

func TestReadErrors(t *testing.T) {
	taskTable := func(row string) tbl {
		return tbl{"TASK", "task_id\tproj_id\ttask_name\ttarget_drtn_hr_cnt\tearly_start_date", []string{row}}
	}
	tests := []struct {
		name, text, want string
	}{
		{"not XER", "task_id,name\n1,Design\n", `<input>:1: this is not an XER file`},
		{"row before fields", "ERMHDR\t8.3\n%T\tTASK\n%R\t1\n", `<input>:3: %R (a row) before the %F line`},
		{"wrapped line", "ERMHDR\t8.3\n%T\tTASK\n%F\ttask_id\n%R\t1\ncontinued\n", `<input>:5: the line starts with "continued"`},
		{"no project", xerText(calendars), `no PROJECT table`},
		{"bad number", xerText(project, taskTable("1\t7\tDesign\tfive\t")), `<input>:7: TASK.target_drtn_hr_cnt: "five" is not a number`},
		{"bad date", xerText(project, taskTable("1\t7\tDesign\t8\t04/01/2027")), `<input>:7: TASK.early_start_date: "04/01/2027" is not a date (P6 writes YYYY-MM-DD HH:MM)`},
		{"bad id", xerText(project, taskTable("x1\t7\tDesign\t8\t")), `TASK.task_id: "x1" is not an id`},
		{"duplicate id", xerText(project, tbl{"TASK", "task_id\ttask_name", []string{"1\tA", "1\tB"}}), `<input>:8: TASK.task_id 1 is also used by the activity on line 7`},
		{"extra values", xerText(project, tbl{"TASK", "task_id\ttask_name", []string{"1\tA\tsurplus"}}), `the row has 3 values but the table has 2 fields`},
		{"bad calendar", xerText(project, tbl{"CALENDAR", "clndr_id\tclndr_name\tclndr_data", []string{"10\tOffice\t(0||CalendarData()((0||DaysOfWeek()((0||9()())))))"}}),
			`<input>:7: CALENDAR.clndr_data of calendar 10: calendar data: day "9" is not 1 (Sunday) to 7 (Saturday)`},
		{"unclosed calendar", xerText(project, tbl{"CALENDAR", "clndr_id\tclndr_name\tclndr_data", []string{"10\tOffice\t(0||CalendarData()((0||DaysOfWeek()("}}),
			`calendar data: the data ends where ')' was expected`},
		{"bad link type", xerText(project, tbl{"TASK", "task_id\ttask_name", []string{"1\tA", "2\tB"}}, tbl{"TASKPRED", "task_id\tpred_task_id\tpred_type", []string{"2\t1\tPR_XX"}}),
			`<input>:11: TASKPRED.pred_type: "PR_XX" is not a relationship type (PR_FS, PR_SS, PR_FF or PR_SF)`},
		{"cycle", xerText(project, tbl{"TASK", "task_id\ttask_name", []string{"1\tA", "2\tB"}},
			tbl{"TASKPRED", "task_id\tpred_task_id\tpred_type", []string{"2\t1\tPR_FS", "1\t2\tPR_FS"}}),
			`the links form a cycle: "A" → "B" → "A"`},
		{"NUL bytes", "ERMHDR\t8.3\n\x00\x00", `<input>:2: the file contains NUL bytes`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := xer.Read(strings.NewReader(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want …%s…", err, tc.want)
			}
			if !errorFormat.MatchString(err.Error()) {
				t.Errorf("error does not start with the line: %v", err)
			}
			var de *domain.Error
			if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
				t.Errorf("not an invalid-input domain error: %#v", err)
			}
		})
	}
}

func TestCycleErrorNamesTheLink(t *testing.T) {
	text := xerText(project, tbl{"TASK", "task_id\ttask_name", []string{"1\tA", "2\tB"}},
		tbl{"TASKPRED", "task_id\tpred_task_id\tpred_type", []string{"2\t1\tPR_FS", "1\t2\tPR_FS"}})
	_, err := xer.Read(strings.NewReader(text))
	if err == nil || !strings.HasPrefix(err.Error(), "<input>:11:") {
		t.Fatalf("the cycle should be reported at the TASKPRED row of its first link (line 11): %v", err)
	}
}

func TestReadHostileInput(t *testing.T) {
	deep := strings.Repeat("(0||x()(", 20) + strings.Repeat("))", 20)
	var chain []string
	for i := 1; i <= 1002; i++ {
		chain = append(chain, fmt.Sprintf("%d\t%d\tLevel %d", i, i-1, i))
	}
	tests := []struct{ name, text, want string }{
		{"calendar nested too deep", xerText(project, tbl{"CALENDAR", "clndr_id\tclndr_name\tclndr_data", []string{"10\tOffice\t" + deep}}),
			"records nested more than 16 deep"},
		{"WBS nested too deep", xerText(project, tbl{"PROJWBS", "wbs_id\tparent_wbs_id\twbs_name", chain}, tbl{"TASK", "task_id\twbs_id\ttask_name", []string{"1\t1002\tA"}}),
			"the WBS is nested more than 1000 levels deep"},
		{"WBS parent loop", xerText(project, tbl{"PROJWBS", "wbs_id\tparent_wbs_id\twbs_name", []string{"1\t2\tA", "2\t1\tB"}}),
			"is its own ancestor through parent_wbs_id"},
		{"too many fields", "ERMHDR\t8.3\n%T\tTASK\n%F\t" + strings.Repeat("f\t", 5000) + "\n", "at most 4096 are allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := xer.Read(strings.NewReader(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errorFormat.MatchString(err.Error()) {
				t.Fatalf("got %v, want …%s…", err, tc.want)
			}
		})
	}
	// A broken calendar that nothing uses does not stop the import.
	unused := xerText(project, tbl{"CALENDAR", "clndr_id\tclndr_name\tclndr_data", []string{"10\tOffice\t" + weekdays, "99\tBroken\t" + deep}},
		tbl{"TASK", "task_id\ttask_name\ttarget_drtn_hr_cnt", []string{"1\tA\t8"}})
	if f := read(t, unused); len(f.Plan.Calendars) != 1 {
		t.Errorf("calendars %+v", f.Plan.Calendars)
	}
	// UTF-16 with a byte order mark, as a text editor may save it.
	var b []byte
	b = append(b, 0xFF, 0xFE)
	for _, u := range utf16.Encode([]rune(xerText(project, tbl{"TASK", "task_id\ttask_name", []string{"1\tBüro"}}))) {
		b = append(b, byte(u), byte(u>>8))
	}
	if f := read(t, string(b)); f.Charset != "UTF-16" || f.Plan.Tasks[0].Name != "Büro" {
		t.Errorf("UTF-16: %s %q", f.Charset, f.Plan.Tasks[0].Name)
	}
}
