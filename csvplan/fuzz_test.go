package csvplan_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/csvplan"
)

// FuzzRead checks that no input makes Read panic, that every line of an
// error names file:line:column, that every plan Read returns is valid, and
// that what it returns writes out and reads back with the same rows. The
// interesting inputs found so far are kept in testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	f.Add([]byte(handWritten))
	f.Add([]byte("\uFEFFID;Name;Duration;Start;Predecessors\r\n1;A;1,5d;04.01.2027;\r\n2;B;2d;;1FS+1d\r\n"))
	f.Add([]byte("sep=|\nName|Outline Level|Notes\nA|1|\"x\ny\"\nB|2|'=1+1\n"))
	f.Add([]byte("WBS,Task,Dur,Depends on,Resources\n1,A,,,\n1.1,B,2d,,Al[50%]\n1.2,C,1d,2,\"Al,Bo\"\n"))
	f.Add([]byte("ID,Name,Duration,Predecessors\n1,A,1d,2\n2,B,1d,1\n"))
	f.Add([]byte("Name,Start,Finish,Constraint,Deadline,% Complete,Milestone\nA,1/4/27 8:00 AM,1/5/27,MSO 2027-01-04,Jan 9 2027,0.5,no\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := csvplan.Options{Key: "FZ", Name: "fuzz"}
		got, err := csvplan.Read(bytes.NewReader(data), "f.csv", opt)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !lineCol.MatchString(line) && !strings.HasPrefix(line, "(stopped after") {
					t.Fatalf("error line without file:line:column: %q", line)
				}
			}
			return
		}
		if err := got.Plan.Validate(); err != nil {
			t.Fatalf("Read returned an invalid plan: %v", err)
		}
		var out bytes.Buffer
		if err := csvplan.Write(&out, got.Plan, csvplan.WriteOptions{Estimates: got.Estimates}); err != nil {
			t.Fatal(err)
		}
		opt.Units, opt.DefaultStart = got.Plan.Project.Units, got.Plan.Project.Start
		back, err := csvplan.Read(&out, "back.csv", opt)
		if err != nil {
			t.Fatalf("what Write wrote does not read back: %v\n%s", err, out.String())
		}
		if a, b := rows(got.Plan), rows(back.Plan); a != b {
			t.Fatalf("rows differ after a round trip:\n%s\n---\n%s", a, b)
		}
	})
}
