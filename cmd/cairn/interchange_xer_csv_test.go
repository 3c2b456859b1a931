package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const taskListCSV = "ID,Outline Level,Name,Duration,Start,Predecessors,Resource Names,Notes\r\n" +
	"1,1,Design,,,,,\r\n" +
	"2,2,Site survey,3d,2027-01-04,,Alice[50%];Bob,\"Walk every floor,\r\ncount ports\"\r\n" +
	"3,2,Design approved,0d,,2FS+2d,,\r\n" +
	"4,1,Build,5d,,3,Bob,\r\n"

const p6Sample = "../../xer/testdata/primavera/testXer.xer"

// lastLine is the last line of out, where import prints the key.
func lastLine(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

func TestImportCSVAndXER(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	csvPath := writeFile(t, "office-move.csv", taskListCSV)
	for _, tc := range []struct{ path, key string }{{csvPath, "OM"}, {p6Sample, "EE2"}} {
		code, out, errs := runCLI(t, "", "import", tc.path, "--db", db)
		if code != 0 {
			t.Fatalf("import %s: exit %d: %s", tc.path, code, errs)
		}
		if got := lastLine(out); got != tc.key {
			t.Errorf("import %s printed %q last, want the key %s", tc.path, got, tc.key)
		}
	}
	code, out, errs := runCLI(t, "", "export", "--db", db, "--project", "EE2", "--format", "plan")
	if code != 0 || !strings.Contains(out, "Confirm decision to proceed") {
		t.Fatalf("export of the P6 project: exit %d %s", code, errs)
	}
	if _, _, errs := runCLI(t, "", "import", p6Sample, "--db", filepath.Join(t.TempDir(), "other.db")); !strings.Contains(errs, "note: 2 calendars not used") {
		t.Errorf("import does not pass on what the XER reader left out: %s", errs)
	}
}

func TestImportDryRunChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cairn.db")
	for _, path := range []string{writeFile(t, "office-move.csv", taskListCSV), p6Sample} {
		code, out, errs := runCLI(t, "", "import", "--dry-run", path, "--db", db)
		if code != 0 {
			t.Fatalf("dry run %s: exit %d: %s", path, code, errs)
		}
		if !strings.Contains(out, "dry run: nothing was imported") || !strings.Contains(out, "would create project") {
			t.Errorf("dry run %s printed:\n%s", path, out)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("dry run created or touched the database: %v", err)
		}
	}
	_, out, _ := runCLI(t, "", "import", "--dry-run", p6Sample)
	for _, want := range []string{"102 tasks (19 summaries, 5 milestones), 86 links, 9 resources, 90 assignments, 10 calendars",
		"scheduled from 2000-02-24 08:00 to 2000-08-11 17:00", "note: 2 calendars not used by the project"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run does not say %q:\n%s", want, out)
		}
	}
	if lastLine(out) != "EE2" {
		t.Errorf("dry run does not end with the key: %q", out)
	}
	// After a real import of the same file the project exists; the dry
	// run did not create it.
	if code, _, errs := runCLI(t, "", "import", p6Sample, "--db", db); code != 0 {
		t.Fatalf("import after the dry run: %s", errs)
	}
}

func TestImportBadCSVImportsNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	bad := writeFile(t, "office-move.csv", strings.Replace(taskListCSV, "5d,,3,Bob", "5x,,3,Bob", 1))
	code, out, errs := runCLI(t, "", "import", bad, "--db", db)
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if want := "office-move.csv:6:11: Duration \"5x\" is not a duration; try 5d"; !strings.Contains(errs, want) {
		t.Errorf("error does not name file:line:column:\n%s\nwant …%s…", errs, want)
	}
	// Nothing was imported: the corrected file imports under the same key.
	good := writeFile(t, "office-move.csv", taskListCSV)
	if code, out, errs := runCLI(t, "", "import", good, "--db", db); code != 0 || lastLine(out) != "OM" {
		t.Fatalf("import of the corrected file: exit %d %s %s", code, out, errs)
	}
}

func TestCSVExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cairn.db")
	for _, path := range []string{writeFile(t, "plan.yaml", smallPlan), writeFile(t, "office-move.csv", taskListCSV)} {
		code, out, errs := runCLI(t, "", "import", path, "--db", db)
		if code != 0 {
			t.Fatalf("import %s: %s", path, errs)
		}
		key := lastLine(out)
		first := filepath.Join(dir, key+".csv")
		if code, _, errs := runCLI(t, "", "export", "--db", db, "--project", key, "--format", "csv", "-o", first); code != 0 {
			t.Fatalf("export %s: %s", key, errs)
		}
		copyPath := filepath.Join(t.TempDir(), key+".csv") // same name, same key
		db2 := filepath.Join(t.TempDir(), "cairn.db")
		data, _ := os.ReadFile(first)
		if err := os.WriteFile(copyPath, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errs = runCLI(t, "", "import", copyPath, "--db", db2)
		if code != 0 {
			t.Fatalf("import of the export: %s\n%s", errs, data)
		}
		second := filepath.Join(dir, "again.csv")
		if code, _, errs := runCLI(t, "", "export", "--db", db2, "--project", lastLine(out), "--format", "csv", "-o", second); code != 0 {
			t.Fatal(errs)
		}
		again, _ := os.ReadFile(second)
		if string(again) != string(data) {
			t.Errorf("%s: the CSV changed across export → import → export:\n%s\n---\n%s", path, data, again)
		}
		if rows := strings.Count(string(data), "\r\n") - strings.Count(string(data), "\"\r\n") - 1; rows != 4 {
			t.Errorf("%s: %d rows exported, want the 4 tasks:\n%s", path, rows, data)
		}
		_, a, _ := runCLI(t, "", "schedule", "--format", "json", first)
		_, b, _ := runCLI(t, "", "schedule", "--format", "json", copyPath)
		if a != b || a == "" {
			t.Errorf("cairn schedule reads the CSV differently:\n%s\n---\n%s", a, b)
		}
	}
}

func TestScheduleXERAndCSV(t *testing.T) {
	code, out, errs := runCLI(t, "", "schedule", p6Sample)
	if code != 0 || !strings.Contains(out, "EE2  EventsExample") || !strings.Contains(out, "Start up the business") {
		t.Fatalf("schedule XER: exit %d %s\n%s", code, errs, out)
	}
	code, out, errs = runCLI(t, "", "schedule", writeFile(t, "office-move.csv", taskListCSV))
	if code != 0 || !strings.Contains(out, "Finish 2027-01-15T17:00:00") {
		t.Fatalf("schedule CSV: exit %d %s\n%s", code, errs, out)
	}
}
