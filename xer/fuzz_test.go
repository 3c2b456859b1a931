package xer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairnpm/cairn/xer"
)

// FuzzRead checks that no input makes Read panic, that every error names
// the line, and that every plan Read returns is valid. The interesting
// inputs found so far are kept in testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "primavera", "testXer.xer"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(xerText(project, calendars, wbs, tasks, preds, rsrc, rates, asgs, memos, other)))
	f.Add([]byte(xerText(project, tbl{"TASK", "task_id\ttask_name", []string{"1\tA", "2\tB"}},
		tbl{"TASKPRED", "task_id\tpred_task_id\tpred_type\tlag_hr_cnt", []string{"2\t1\tPR_FS\t8", "1\t2\tPR_SF\t-8"}})))
	f.Add([]byte(xerText(project, tbl{"PROJWBS", "wbs_id\tparent_wbs_id\twbs_name", []string{"1\t2\tA", "2\t1\tB"}},
		tbl{"TASK", "task_id\twbs_id\ttask_name", []string{"1\t1\tA"}})))
	f.Add([]byte("ERMHDR\t8.3\n%T\tCALENDAR\n%F\tclndr_id\tclndr_data\n%R\t1\t(0||CalendarData()((0||DaysOfWeek()((0||2()((0||0(s|12:00 AM|f|00:00)())))))))\n%E\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := xer.Read(bytes.NewReader(data))
		if err != nil {
			if !errorFormat.MatchString(err.Error()) {
				t.Fatalf("error without a line: %q", err)
			}
			return
		}
		if verr := got.Plan.Validate(); verr != nil {
			t.Fatalf("Read returned an invalid plan: %v", verr)
		}
	})
}
