package csvplan_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/cairnpm/cairn/csvplan"
	"github.com/cairnpm/cairn/domain"
)

func read(t *testing.T, name, text string) *csvplan.File {
	t.Helper()
	f, err := csvplan.Read(strings.NewReader(text), name, csvplan.Options{DefaultStart: date("2027-01-04")})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func date(s string) time.Time {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// byName finds a task of p by name.
func byName(t *testing.T, p *domain.Plan, name string) domain.Task {
	t.Helper()
	for _, task := range p.Tasks {
		if task.Name == name {
			return task
		}
	}
	t.Fatalf("no task %q", name)
	return domain.Task{}
}

const handWritten = `ID,Outline Level,Name,Duration,Start,Predecessors,Assignees,Optimistic,Most likely,Pessimistic,% Complete,Constraint,Deadline,Notes
1,1,Design,,,,,,,,,,,
2,2,Site survey,3d,2027-01-04,,Alice[50%];Bob,2d,3d,5d,50%,,,"Walk every floor;
count ports."
3,2,High-level design,5d,,2SS+1d,Alice,,,,,,2027-02-01,
4,2,Design approved,0d,,3FS+2d,,,,,,,,
5,1,Build,,,,,,,,,,,
6,2,Cabling,4 days,,4;3FF-1d,Bob [25%],,,,,SNET 2027-02-15,,
7,2,'=Vendor visit,1w,2027-03-01,,,,,,,,,
`

func TestReadHandWritten(t *testing.T) {
	f := read(t, "office-move.csv", handWritten)
	p := f.Plan
	if p.Project.Key != "OM" || p.Project.Name != "office-move" || !p.Project.Start.Equal(date("2027-01-04")) {
		t.Errorf("project %+v", p.Project)
	}
	if f.Delimiter != ',' || f.Encoding != "UTF-8" || len(p.Tasks) != 7 {
		t.Fatalf("delimiter %q, encoding %s, %d tasks", f.Delimiter, f.Encoding, len(p.Tasks))
	}
	design, survey := byName(t, p, "Design"), byName(t, p, "Site survey")
	if survey.Parent != design.ID || survey.UID != 2 || survey.Duration.Minutes != 3*480 || survey.PercentComplete != 50 {
		t.Errorf("survey %+v", survey)
	}
	if survey.Notes != "Walk every floor;\ncount ports." {
		t.Errorf("notes across lines: %q", survey.Notes)
	}
	if m := byName(t, p, "Design approved"); m.Kind != domain.KindMilestone {
		t.Errorf("0d is a milestone: %+v", m)
	}
	if h := byName(t, p, "High-level design"); !h.Deadline.Equal(date("2027-02-01")) {
		t.Errorf("deadline %v", h.Deadline)
	}
	if c := byName(t, p, "Cabling"); c.Constraint != domain.SNET || !c.ConstraintDate.Equal(date("2027-02-15")) || c.Duration.Minutes != 4*480 {
		t.Errorf("cabling %+v", c)
	}
	if v := byName(t, p, "=Vendor visit"); v.Constraint != domain.SNET || !v.ConstraintDate.Equal(date("2027-03-01")) {
		t.Errorf("a start on a task without predecessors is kept as SNET: %+v", v)
	}
	links := map[string]domain.Dependency{}
	for _, d := range p.Dependencies {
		links[p.Tasks[d.Predecessor-1].Name+"→"+p.Tasks[d.Successor-1].Name] = d
	}
	want := map[string]string{
		"Site survey→High-level design":     "SS 1d",
		"High-level design→Design approved": "FS 2d",
		"Design approved→Cabling":           "FS 0d",
		"High-level design→Cabling":         "FF -1d",
	}
	if len(links) != len(want) {
		t.Errorf("links: %v", links)
	}
	for k, w := range want {
		d, ok := links[k]
		if got := string(d.Type) + " " + d.Lag.Format(p.Project.Units); !ok || got != w {
			t.Errorf("%s: %q, want %q", k, got, w)
		}
	}
	if len(p.Resources) != 2 || p.Resources[0].Name != "Alice" || p.Resources[1].Ref != "bob" {
		t.Errorf("resources %+v", p.Resources)
	}
	units := map[string]float64{}
	for _, a := range p.Assignments {
		units[p.Tasks[a.Task-1].Name+"/"+p.Resources[a.Resource-1].Name] = a.Units
	}
	if units["Site survey/Alice"] != 0.5 || units["Site survey/Bob"] != 1 || units["Cabling/Bob"] != 0.25 || len(units) != 4 {
		t.Errorf("assignments %v", units)
	}
	if e := f.Estimates[survey.ID]; e.Optimistic.Minutes != 960 || e.MostLikely.Minutes != 1440 || e.Pessimistic.Minutes != 2400 {
		t.Errorf("estimates %+v", e)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("warnings %q", f.Warnings)
	}
}

// Excel in most of Europe: semicolons, day-first dates, decimal commas,
// a byte order mark and CRLF.
func TestReadExcelEurope(t *testing.T) {
	text := "\uFEFFNr;Vorgang;Dauer;Anfang;Vorgänger;Ressourcen\r\n" +
		"1;Planung;1,5d;04.01.2027;;Anna\r\n" +
		"2;Bau;2d;;1;Anna[50%]\r\n" +
		"3;Abnahme;1d;10/01/2027;;\r\n"
	f, err := csvplan.Read(strings.NewReader(text), "bau.csv", csvplan.Options{})
	if err == nil {
		t.Fatalf("German headers are not known, so there is no name column: %+v", f.Plan.Tasks)
	}
	text = strings.Replace(text, "Nr;Vorgang;Dauer;Anfang;Vorgänger;Ressourcen", "ID;Name;Duration;Start;Predecessors;Resources", 1)
	f = read(t, "bau.csv", text)
	p := f.Plan
	if f.Delimiter != ';' || p.Tasks[0].Duration.Minutes != 720 || !p.Project.Start.Equal(date("2027-01-04")) {
		t.Errorf("delimiter %q, duration %d, start %v", f.Delimiter, p.Tasks[0].Duration.Minutes, p.Project.Start)
	}
	if c := p.Tasks[2]; c.Constraint != domain.SNET || !c.ConstraintDate.Equal(date("2027-01-10")) {
		t.Errorf("10/01/2027 in a semicolon file is 10 January: %+v", c)
	}
}

// What MS Project's "Save As CSV" writes, with its project summary row.
func TestReadMSProjectExport(t *testing.T) {
	text := `ID,Task Mode,Name,Duration,Start,Finish,Predecessors,Outline Level,Resource Names,Constraint Type,Constraint Date
0,Auto Scheduled,Office Move,10 days,Mon 1/4/27 8:00 AM,Fri 1/15/27 5:00 PM,,0,,As Soon As Possible,NA
1,Auto Scheduled,Plan,3 days,Mon 1/4/27 8:00 AM,Wed 1/6/27 5:00 PM,,1,"Alice,Bob[50%]",As Soon As Possible,NA
2,Manually Scheduled,Pack,2 days,Thu 1/7/27 8:00 AM,Fri 1/8/27 5:00 PM,1,1,,As Soon As Possible,NA
3,Auto Scheduled,Move,1 wk,Mon 1/11/27 8:00 AM,Fri 1/15/27 5:00 PM,2FS+1 day,1,,Start No Earlier Than,Mon 1/11/27 8:00 AM
`
	f := read(t, "move.csv", text)
	p := f.Plan
	if p.Project.Name != "Office Move" || len(p.Tasks) != 3 || !p.Project.Start.Equal(date("2027-01-04T08:00")) {
		t.Fatalf("project %+v, %d tasks", p.Project, len(p.Tasks))
	}
	if plan := byName(t, p, "Plan"); plan.UID != 1 || plan.Mode != domain.Auto || plan.Constraint != domain.ASAP {
		t.Errorf("plan %+v", plan)
	}
	if pack := byName(t, p, "Pack"); pack.Mode != domain.Manual || !pack.Finish.Equal(date("2027-01-08T17:00")) {
		t.Errorf("pack %+v", pack)
	}
	if mv := byName(t, p, "Move"); mv.Constraint != domain.SNET || !mv.ConstraintDate.Equal(date("2027-01-11T08:00")) || mv.Duration.Minutes != 2400 {
		t.Errorf("move %+v", mv)
	}
	if d := p.Dependencies[1]; d.Lag.Minutes != 480 {
		t.Errorf("lag +1 day: %+v", d)
	}
	if len(p.Assignments) != 2 || p.Assignments[1].Units != 0.5 {
		t.Errorf("assignments %+v", p.Assignments)
	}
}

func TestReadEncodingsAndDelimiters(t *testing.T) {
	utf16le := func(s string) string {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return string(b)
	}
	tests := []struct {
		name, text string
		delim      rune
		enc        string
	}{
		{"tab, UTF-16 (Excel Unicode Text)", utf16le("Name\tDuration\r\nCafé\t2d\r\n"), '\t', "UTF-16"},
		{"Windows-1252 (Excel CSV)", "Name,Duration\r\nCaf\xe9,2d\r\n", ',', "Windows-1252"},
		{"sep= line", "sep=;\nName;Duration\nCafé;2d\n", ';', "UTF-8"},
		{"vertical bar", "Name|Duration\nCafé|2d\n", '|', "UTF-8"},
		{"quoted delimiter in header", "\"Name, full\";Duration\nCafé;2d\n", ';', "UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.text
			if tc.name == "quoted delimiter in header" {
				text = strings.Replace(text, "\"Name, full\"", "Name", 1)
			}
			f, err := csvplan.Read(strings.NewReader(text), "x.csv", csvplan.Options{DefaultStart: date("2027-01-04")})
			if err != nil {
				t.Fatal(err)
			}
			if f.Delimiter != tc.delim || f.Encoding != tc.enc || f.Plan.Tasks[0].Name != "Café" || f.Plan.Tasks[0].Duration.Minutes != 960 {
				t.Errorf("delimiter %q encoding %s task %+v", f.Delimiter, f.Encoding, f.Plan.Tasks[0])
			}
		})
	}
}

func TestReadWBSCodesAndRowNumbers(t *testing.T) {
	text := "WBS,Task,Dur,Depends on\n1,Design,,\n1.1,Survey,2d,\n1.2,Approve,1d,2\n2,Build,3d,3FS+1d\n"
	p := read(t, "w.csv", text).Plan
	ids, outline := p.WBSOrder()
	if len(ids) != 4 || outline[3] != "1.2" || p.Tasks[2].Parent != 1 {
		t.Errorf("hierarchy: %v %v %+v", ids, outline, p.Tasks)
	}
	if len(p.Dependencies) != 2 || p.Dependencies[0].Predecessor != 2 || p.Dependencies[1].Predecessor != 3 {
		t.Errorf("row numbers: %+v", p.Dependencies)
	}
}

var lineCol = regexp.MustCompile(`^\S+:\d+:\d+: `)

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"bad duration", "ID,Name,Duration\n1,Design,5x\n2,Build,3d\n",
			[]string{`t.csv:2:10: Duration "5x" is not a duration; try 5d, 3h, 90m, 1.5d, 2w or 5 days`}},
		{"column counts characters", "Name,Duration\nCafé crème,5x\n",
			[]string{`t.csv:2:12: Duration "5x" is not a duration`}},
		{"several problems", "Name,Duration,Start\nA,5x,2027-01-04\n,1d,\nC,1d,31/31/2027\n",
			[]string{`t.csv:2:3: Duration "5x"`, `t.csv:3:1: the row has no Name`, `t.csv:4:6: Start "31/31/2027" is not a date`}},
		{"after a multi-line note", "Name,Notes,Duration\nA,\"one\ntwo\",5x\n",
			[]string{`t.csv:3:6: Duration "5x"`}},
		{"bare quote", "Name,Duration\nA \"quoted\" name,1d\n", []string{`t.csv:2:3: bare " in non-quoted-field; a field with a quote`}},
		{"unknown predecessor", "ID,Name,Duration,Predecessors\n1,A,1d,\n2,B,1d,9FS\n",
			[]string{`t.csv:3:8: Predecessors: "9FS" does not name another row; each entry is an ID in the ID column`}},
		{"bad link", "ID,Name,Duration,Predecessors\n1,A,1d,\n2,B,1d,1XY\n", []string{`"1XY" is not a link`}},
		{"cycle", "ID,Name,Duration,Predecessors\n1,A,1d,2\n2,B,1d,1\n", []string{`t.csv:3:8: the links form a cycle: "A" → "B" → "A"`}},
		{"self link", "ID,Name,Duration,Predecessors\n1,A,1d,1\n", []string{`the task names itself`}},
		{"outline jump", "Name,Outline Level\nA,1\nB,3\n", []string{`t.csv:3:3: Outline Level 3 follows level 1`}},
		{"duplicate ID", "ID,Name\n1,A\n1,B\n", []string{`t.csv:3:1: ID "1" is also the ID of the row on line 2`}},
		{"no name column", "Task ID,Duration\n1,1d\n", []string{`t.csv:1:1: no column names the tasks`}},
		{"repeated column", "Name,Task,Duration\nA,B,1d\n", []string{`t.csv:1:6: column "Task" repeats column "Name"`}},
		{"empty", "", []string{`t.csv:1:1: the file is empty`}},
		{"no start", "Name,Duration\nA,1d\n", []string{`t.csv:2:1: no row gives a start date`}},
		{"constraint without date", "Name,Duration,Start,Constraint\nA,1d,2027-01-04,MSO\n", []string{`constraint MSO needs a date`}},
		{"bad percent", "Name,Start,% Complete\nA,2027-01-04,150%\n", []string{`% Complete "150%" is not a percentage`}},
		{"bad units", "Name,Start,Resource Names\nA,2027-01-04,Alice[lots]\n", []string{`units of "Alice" are not a percentage`}},
		{"level too deep", "Name,Outline Level\nA,101\n", []string{`t.csv:2:3: Outline Level "101" is not an outline level`}},
		{"bad UTF-16", "\xff\xfeN\x00a\x00m\x00e\x00\n", []string{`t.csv:1:1: the file is not valid UTF-16: it has an odd number of bytes`}},
		{"bad delimiter", "sep=\"\nName\nA\n", []string{`t.csv:`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := csvplan.Options{DefaultStart: date("2027-01-04")}
			if tc.name == "no start" {
				opt = csvplan.Options{}
			}
			_, err := csvplan.Read(strings.NewReader(tc.text), "t.csv", opt)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not say %q:\n%v", w, err)
				}
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !lineCol.MatchString(line) {
					t.Errorf("line without file:line:column: %q", line)
				}
			}
			var de *domain.Error
			if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
				t.Errorf("not an invalid-input domain error: %#v", err)
			}
		})
	}
}

func TestReadDates(t *testing.T) {
	tests := []struct {
		in    string
		order csvplan.DateOrder
		want  string
	}{
		{"2027-01-04", 0, "2027-01-04T00:00:00"},
		{"2027-01-04 08:30", 0, "2027-01-04T08:30:00"},
		{"2027-01-04T08:30:15", 0, "2027-01-04T08:30:15"},
		{"2027-01-04T08:30:00Z", 0, "2027-01-04T08:30:00"},
		{"2027/01/04", 0, "2027-01-04T00:00:00"},
		{"1/4/2027", csvplan.MonthFirst, "2027-01-04T00:00:00"},
		{"1/4/2027", csvplan.DayFirst, "2027-04-01T00:00:00"},
		{"Mon 1/4/27 8:00 AM", csvplan.MonthFirst, "2027-01-04T08:00:00"},
		{"1/4/27 5:30 PM", csvplan.MonthFirst, "2027-01-04T17:30:00"},
		{"04.01.2027", csvplan.MonthFirst, "2027-01-04T00:00:00"},
		{"04.01.2027 14:00", 0, "2027-01-04T14:00:00"},
		{"4-Jan-2027", 0, "2027-01-04T00:00:00"},
		{"4 Jan 27", 0, "2027-01-04T00:00:00"},
		{"Jan 4, 2027", 0, "2027-01-04T00:00:00"},
		{"Monday, January 4, 2027", 0, "2027-01-04T00:00:00"},
	}
	for _, tc := range tests {
		text := "Name,Start\nA," + `"` + tc.in + `"` + "\n"
		f, err := csvplan.Read(strings.NewReader(text), "d.csv", csvplan.Options{DateOrder: tc.order})
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got := domain.FormatDateTime(f.Plan.Project.Start); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{"31/31/2027", "2027-02-30", "tomorrow", "1/4/2027 13:00 PM", "12:00"} {
		text := "Name,Start\nA," + bad + "\n"
		if _, err := csvplan.Read(strings.NewReader(text), "d.csv", csvplan.Options{}); err == nil {
			t.Errorf("%q read as a date", bad)
		}
	}
}

func TestReadSlashDatesDecidedByTheFile(t *testing.T) {
	text := "Name,Start\nA,1/4/2027\nB,25/4/2027\n"
	p := read(t, "d.csv", text).Plan
	if !p.Project.Start.Equal(date("2027-04-01")) {
		t.Errorf("a day over 12 makes the file day first: %v", p.Project.Start)
	}
}
