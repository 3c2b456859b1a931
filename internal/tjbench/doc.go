// Package tjbench compares Cairn with TaskJuggler 3 on the synthetic
// projects of /work/shared/tools/tjbench: TaskJuggler is an independent,
// long-established scheduler, so agreeing with it checks Cairn's calendar
// arithmetic on thousands of tasks, and timing both on the same project
// measures Cairn's speed against it.
//
// gen_tjp.py writes each project twice: as a TaskJuggler .tjp file and as
// a neutral JSON description (schema tjbench-project/1). Load reads the
// JSON, Project.Plan turns it into a domain.Plan and mspdi.Write writes that
// plan as MS Project XML, which `cairn schedule` reads. ReadReference reads
// TaskJuggler's dates (the PREFIX.ref.csv of tj3csv_to_ref.py) and Compare
// checks a Cairn schedule against them.
//
// Only cpm-mode projects (no resources) are supported: "length" tasks
// (working hours), "duration" tasks (calendar hours), milestones and groups
// with finish-to-start links. Res-mode projects are refused because
// TaskJuggler levels them with its own priority heuristic, which a critical
// path schedule does not reproduce.
//
// # Comparing in working time
//
// Compare counts dates as equal when they are the same point of working
// time (equal calendar.Ordinal values), not the same clock reading.
// TaskJuggler does not move starts into working time: a task whose
// predecessor ends Friday 18:00 starts Friday 18:00, and a task with no
// predecessor starts at the project start, 00:00 on 1 January, a holiday.
// Cairn starts them at the next working instant (Monday 09:00, 2 January
// 09:00). No work lies between the two, so the ends agree to the minute
// and the starts in working time. On the projects in testdata/tjbench every
// task agrees; about a third of the leaves differ on the clock for that
// reason alone.
//
// # Tests and benchmarks
//
// The tests run from testdata/tjbench (see its README.md for how the files
// were made) and need no TaskJuggler. Larger projects are made on demand
// and passed by flag:
//
//	python3 gen_tjp.py --n 5000 --avg-preds 2 --seed 1 --mode cpm --out DIR/n5000_cpm
//	(cd DIR && tj3 --silent --no-color -o . n5000_cpm.tjp)   # optional, for the dates
//	python3 tj3csv_to_ref.py DIR/n5000_cpm
//	go test ./internal/tjbench -run 'TestWriteBenchFiles|TestBenchDir' -tjbench.dir DIR
//	go test ./internal/tjbench -run '^$' -bench Engine -tjbench.plan DIR/n5000_cpm.json
//	go test ./internal/tjbench -run '^$' -bench ScheduleCommand -tjbench.xml DIR/n5000_cpm.xml
//
// TestWriteBenchFiles writes DIR/PREFIX.xml for every DIR/PREFIX.json;
// TestBenchDirAgainstTaskJuggler compares every project that has a
// PREFIX.ref.csv. BenchmarkEngine times schedule.Compute alone;
// BenchmarkScheduleCommand times what `cairn schedule --format json
// FILE.xml` does in-process, whole and step by step. The whole-process
// comparison is `cairn schedule --format json DIR/PREFIX.xml` against
// `tj3 --no-reports DIR/PREFIX.tjp`, timed side by side.
package tjbench
