package planfile_test

// head is the smallest project block; tasks written after it start on
// line 6.
const head = `project:
  key: NET
  name: Office network upgrade
  start: 2027-01-04
tasks:
`

// roundTripCases are small plans that must survive Write and Parse; they
// also seed FuzzParse.
var roundTripCases = []struct{ name, src string }{
	{"minimal", "project: {key: NET, name: Net, start: 2027-01-04}\n"},
	{"one task", head + "  - name: Survey\n    duration: 3d\n"},
	{"tasks without ids", head + `  - name: A
    tasks:
      - name: B
        duration: 2h
      - name: C
        milestone: true
  - name: D
`},
	{"nested with links", head + `  - id: design
    name: Design
    tasks:
      - id: survey
        name: Site survey
        duration: 3d
        work: 24h
        priority: 600
        constraint: SNET 2027-01-10
        deadline: 2027-02-01T17:00:00
        percent_complete: 50
        actual_start: 2027-01-04T08:00:00
        notes: |
          Walk every floor.
          Count the ports.
      - id: approved
        name: Design approved
        milestone: true
        after: survey +2d
  - id: build
    name: Build
    duration: 1.5d
    after: [survey FS +2d, approved SS, design FF -1d]
  - id: test
    name: Test
    duration: 90m
    after: [build SS 50%, approved SF 3ed]
`},
	{"forward reference and uids", head + `  - id: b
    uid: 10
    name: B
    after: a
  - id: a
    name: A
    duration: 2w
  - name: C
    uid: 3
`},
	{"manual task", head + `  - name: Vendor visit
    mode: manual
    start: 2027-01-06T09:00:00
    finish: 2027-01-07T17:00:00
    duration: 2d
`},
	{"all constraints", head + `  - {name: A, constraint: ALAP}
  - {name: B, constraint: SNLT 2027-02-01}
  - {name: C, constraint: FNET 2027-02-01}
  - {name: D, constraint: fnlt 2027-02-01}
  - {name: E, constraint: MSO 2027-02-01T13:00:00}
  - {name: F, constraint: MFO 2027-02-01}
`},
	{"project fields", `project:
  key: net2
  name: "  Office network upgrade  "
  start: 2027-01-04T09:30:00
  status_date: 2027-02-01
  time_zone: Europe/London
  currency: jpy
  budget: 1,250,000
  type: Hardware_Rollout
  method: hybrid
  sponsor: Helen Carter
  manager: Sam Patel
  client: "null"
  phase: "2027"
  description: "Leading space\nand a trailing one "
  hours_per_day: 7.5
  hours_per_week: 37.5
  days_per_month: 21
tasks:
  - name: Survey
    duration: 1d 4h
`},
	{"calendars", `project: {key: NET, name: Net, start: 2027-01-04}
calendar:
  name: London office
  week:
    mon: 08:00-12:00, 13:00-17:00
    fri: [09:00-12:00, 13:00-16:00]
    sat: off
    sun: 10:00-14:00
  holidays:
    - {date: 2027-04-02, name: Good Friday}
    - {from: 2027-12-24, to: 2027-12-31, name: Christmas shutdown}
    - 2027-05-03
  working_days:
    - {date: 2027-03-06, hours: 08:00-12:00, name: Cut-over Saturday}
calendars:
  - name: Night shift
    base: London office
    week: {mon: 22:00-24:00, tue: "22:00-24:00", sat: off}
  - name: Twenty-four seven
    week: {mon: 00:00-24:00, tue: 00:00-24:00, wed: 00:00-24:00, thu: 00:00-24:00, fri: 00:00-24:00, sat: 00:00-24:00, sun: 00:00-24:00}
    working_days:
      - {from: 2027-01-01, to: 2027-01-02, hours: 10:00-11:00}
resources:
  - {id: ops, name: Operations, calendar: Twenty-four seven}
tasks:
  - {name: Night work, calendar: Night shift, duration: 1d}
  - {name: Office work, calendar: London office}
`},
	{"standard calendar written out", `project: {key: NET, name: Net, start: 2027-01-04}
calendar: {name: Standard, week: {mon: "08:00-12:00, 13:00-17:00"}}
`},
	{"resources and assignments", `project: {key: NET, name: Net, start: 2027-01-04, currency: KWD}
resources:
  - id: alice
    uid: 7
    name: Alice Martin
    email: alice@example.com
    group: Network team
    max_units: 50%
    rate: 85.125/h
    overtime_rate: 120/h
    cost_per_use: 0
  - name: Bob
    max_units: 0.333
  - id: cable
    name: Cat6a cable
    kind: Material
    rate: 1.2
  - {id: travel, name: Travel, kind: cost, cost_per_use: "1,250.5"}
  - {id: crew, name: Crew, max_units: 300%}
tasks:
  - name: Survey
    duration: 3d
    assign: [alice 50%, cable 120, travel, crew 33.3% 16h]
  - name: Report
    assign: alice 1.5 2d
`},
	{"availability and contours", `project: {key: NET, name: Net, start: 2027-01-04}
resources:
  - id: bob
    name: Bob
    availability:
      - {from: 2027-01-11, to: 2027-01-25, units: 50%}
      - {from: 2027-03-01, units: 200%}
tasks:
  - name: Cabling
    duration: 10d
    assign: bob 50% 20h back-loaded
  - name: Patching
    duration: 2d
    assign: [bob bell]
`},
	{"sequential resource uids", `project: {key: NET, name: Net, start: 2027-01-04}
resources:
  - {id: a, name: A, uid: 1}
  - {id: b, name: B, uid: 2}
`},
	{"odd text", head + `  - id: "12"
    name: "- dash: colon # hash"
    notes: "tab\there, quote \" and unicode \u00e9\u2028end"
  - id: "null"
    name: '~'
    notes: "\n leading newline and trailing spaces  \n\n"
  - id: café
    name: "true"
    after: ["12", "null"]
`},
	{"zero and elapsed lags", head + `  - {id: a, name: A, duration: 0d}
  - {id: b, name: B, after: "a 0%"}
  - {id: c, name: C, after: "a 0em"}
  - {id: d, name: D, after: "a -0d", duration: 3eh}
  - {id: e, name: E, after: "a FS 0", duration: 0ed}
`},
	{"costs", `project: {key: NET, name: Net, start: 2027-01-04, currency: GBP}
resources:
  - id: alice
    name: Alice
    rate: 80/h
    overtime_rate: 120/h
    accrual: end
    rates:
      - {from: 2027-04-01, rate: 85/h, overtime_rate: 127.50/h}
      - {from: 2027-07-01T08:00:00, rate: 90/h, cost_per_use: 25}
  - {id: cable, name: Cable, kind: material, rate: 1.25, accrual: start}
  - {id: travel, name: Travel, kind: cost}
tasks:
  - id: survey
    name: Survey
    duration: 3d
    fixed_cost: 1,250.50
    fixed_cost_accrual: start
    assign: [alice, cable 300, travel 350]
  - id: refund
    name: Refund
    milestone: true
    fixed_cost: -100
    fixed_cost_accrual: end
    after: survey
  - {id: wrap, name: Wrap-up, fixed_cost: 99.99, fixed_cost_accrual: prorated, assign: travel}
`},
}

// errorCase is a file Parse must refuse, with the line, field and words
// its error must carry.
type errorCase struct {
	name, src string
	line      int
	field     string
	want      string
	conflict  bool
}

var errorCases = []errorCase{
	{name: "availability without units", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - id: bob\n    name: Bob\n    availability:\n      - {from: 2027-01-11}\n",
		line: 6, field: "resources.bob.availability[0].units", want: "needs units:"},
	{name: "overlapping availability", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - id: bob\n    name: Bob\n    availability:\n      - {from: 2027-01-11, to: 2027-02-01, units: 1}\n      - {from: 2027-01-20, units: 1}\n",
		line: 7, field: "resources.bob.availability[1]", want: "overlaps the one before it"},
	{name: "unknown contour", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - {id: bob, name: Bob}\ntasks:\n  - name: A\n    assign: bob 50% wavy\n",
		line: 6, field: "tasks[0].assign", want: `"wavy" is not a work contour`},
	// The classes the format promises messages for.
	{name: "bad duration", src: head + "  - id: survey\n    name: Survey\n    duration: 5x\n",
		line: 8, field: "tasks.survey.duration", want: `"5x" has an unknown unit "x" (try 5d, 3h, 90m, 2w, 1.5d or 3ed for elapsed days)`},
	{name: "bad duration words", src: head + "  - id: survey\n    name: Survey\n    duration: a while\n",
		line: 8, field: "tasks.survey.duration", want: `"a while" is not a duration (try 5d`},
	{name: "unknown ref", src: head + "  - id: survey\n    name: Survey\n  - name: Design\n    after: survy SS\n",
		line: 9, field: "tasks[1].after", want: `no task has id "survy"; did you mean "survey"?`},
	{name: "unknown ref by name", src: head + "  - name: Site survey\n  - name: Design\n    after: Site survey\n",
		line: 8, field: "tasks[1].after", want: `give "Site survey" an id:`},
	{name: "unknown ref in list", src: head + "  - {id: a, name: A}\n  - name: B\n    after:\n      - a\n      - zzz\n",
		line: 10, field: "tasks[1].after[1]", want: `no task has id "zzz"`},
	{name: "cycle", src: head + "  - {id: a, name: Alpha, after: c}\n  - {id: b, name: Beta, after: a}\n  - {id: c, name: Gamma, after: b}\n",
		line: 6, field: "tasks.a.after", want: `cycle: "Alpha" → "Beta" → "Gamma" → "Alpha"`},
	{name: "duplicate id", src: head + "  - {id: a, name: A}\n  - name: Group\n    tasks:\n      - id: a\n        name: Another A\n",
		line: 9, field: "tasks[2].id", want: `id "a" is already used by another task (line 6)`, conflict: true},
	{name: "unknown field", src: head + "  - name: Survey\n    durration: 3d\n",
		line: 7, field: "tasks[0].durration", want: `unknown field "durration" in task "Survey"; did you mean "duration"?`},
	{name: "unknown field no suggestion", src: head + "  - name: Survey\n    colour: red\n",
		line: 7, field: "tasks[0].colour", want: `unknown field "colour" in task "Survey" (known fields: id, uid, name`},
	{name: "unknown top-level field", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresource:\n  - name: A\n",
		line: 2, field: "resource", want: `did you mean "resources"?`},
	{name: "wrong type tasks", src: head[:len(head)-1] + " Survey\n",
		line: 5, field: "tasks", want: `tasks must be a list`},
	{name: "wrong type duration", src: head + "  - name: Survey\n    duration: [3d]\n",
		line: 7, field: "tasks[0].duration", want: `duration must be a single value, not a list`},
	{name: "wrong type task", src: head + "  - Survey\n",
		line: 6, field: "tasks[0]", want: `a task must be a mapping of keys and values, not "Survey"`},
	{name: "wrong type priority", src: head + "  - name: Survey\n    priority: high\n",
		line: 7, field: "tasks[0].priority", want: `priority must be a whole number, not "high"`},
	{name: "bad date", src: head + "  - name: Survey\n    deadline: 2027-02-30\n",
		line: 7, field: "tasks[0].deadline", want: `"2027-02-30" is not a date`},
	{name: "bad project date", src: "project:\n  key: NET\n  name: Net\n  start: next monday\n",
		line: 4, field: "project.start", want: `"next monday" is not a date`},
	{name: "bad constraint", src: head + "  - name: Survey\n    constraint: SOON 2027-01-10\n",
		line: 7, field: "tasks[0].constraint", want: `"SOON" is not a constraint`},
	{name: "constraint without date", src: head + "  - name: Survey\n    constraint: SNET\n",
		line: 7, field: "tasks[0].constraint", want: `constraint SNET needs a date`},
	{name: "constraint date not needed", src: head + "  - name: Survey\n    constraint: ASAP 2027-01-10\n",
		line: 7, field: "tasks[0].constraint", want: `constraint ASAP takes no date`},
	{name: "constraint bad date", src: head + "  - name: Survey\n    constraint: SNET 10/01/2027\n",
		line: 7, field: "tasks[0].constraint", want: `"10/01/2027" is not a date`},

	// YAML itself.
	{name: "syntax error", src: head + "  - name: Survey\n    duration: 3d\n   work: 2h\n",
		line: 8, field: "", want: `YAML syntax error: did not find expected`},
	{name: "syntax error in mapping", src: "project:\n  key: NET\n  name: Net\n   start: 2027-01-04\n",
		line: 4, field: "", want: `YAML syntax error`},
	{name: "syntax error colon", src: head + "  - name: Survey: the sequel\n",
		line: 6, field: "", want: `mapping values are not allowed`},
	{name: "syntax error first line", src: "project: key: NET\n",
		line: 1, field: "", want: `YAML syntax error`},
	{name: "unclosed flow list", src: head + "  - name: Survey\n    after: [a, b\n  - name: Next\n",
		line: 7, field: "", want: `YAML syntax error`},
	{name: "tab indentation", src: head + "\t- name: Survey\n",
		line: 6, field: "", want: `YAML syntax error`},
	{name: "alias", src: head + "  - &x {name: A}\n  - *x\n",
		line: 7, field: "", want: `aliases (*x) are not allowed`},
	{name: "billion laughs", src: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n",
		line: 2, field: "", want: `aliases (*a) are not allowed`},
	{name: "unknown anchor", src: head + "  - name: A\n  - *nothing\n",
		line: 7, field: "", want: `unknown anchor`},
	{name: "duplicate key", src: head + "  - name: Survey\n    duration: 3d\n    duration: 4d\n",
		line: 8, field: "tasks[0].duration", want: `"duration" is given twice in a task (first at line 7)`},
	{name: "two documents", src: head + "  - name: A\n---\nproject: {}\n",
		line: 7, field: "", want: `one YAML document`},
	{name: "empty", src: "# nothing here\n", line: 1, want: `the file is empty`},
	{name: "not a mapping", src: "- a\n- b\n", line: 1, want: `a plan file must be a mapping`},
	{name: "no project", src: "tasks:\n  - name: A\n", line: 1, field: "project", want: `project: is missing`},
	{name: "control character", src: head + "  - name: A\x01\n", line: 6, want: `control character U+0001`},
	{name: "invalid UTF-8", src: head + "  - name: A\xff\n", line: 6, want: `not valid UTF-8`},

	// Errors found by domain.Plan.Validate, placed on their line.
	{name: "bad project key", src: "project:\n  name: Net\n  key: network-upgrade\n  start: 2027-01-04\n",
		line: 3, field: "project.key", want: `project key "NETWORK-UPGRADE" must be 2–10 capital letters`},
	{name: "missing project name", src: "project:\n  key: NET\n  start: 2027-01-04\n",
		line: 1, field: "project.name", want: `project name is required`},
	{name: "bad time zone", src: "project:\n  key: NET\n  name: Net\n  start: 2027-01-04\n  time_zone: Mars/Olympus\n",
		line: 5, field: "project.time_zone", want: `"Mars/Olympus" is not a time zone`},
	{name: "missing task name", src: head + "  - id: a\n    duration: 2d\n",
		line: 6, field: "tasks.a.name", want: `task name is required`},
	{name: "percent out of range", src: head + "  - name: A\n    percent_complete: 120\n",
		line: 7, field: "tasks[0].percent_complete", want: `0 to 100`},
	{name: "priority out of range", src: head + "  - name: A\n    priority: 1001\n",
		line: 7, field: "tasks[0].priority", want: `priority 1001 is out of range (0–1000)`},
	{name: "actual finish before start", src: head + "  - id: a\n    name: A\n    actual_start: 2027-01-05\n    actual_finish: 2027-01-04\n",
		line: 9, field: "tasks.a.actual_finish", want: `actual finish is before actual start`},
	{name: "self dependency", src: head + "  - {id: a, name: A}\n  - id: b\n    name: B\n    after: [a, b]\n",
		line: 9, field: "tasks.b.after[1]", want: `cannot depend on itself`},
	{name: "duplicate dependency", src: head + "  - {id: a, name: A}\n  - id: b\n    name: B\n    after:\n      - a\n      - a SS\n",
		line: 11, field: "tasks.b.after[1]", want: `already links to`, conflict: true},
	{name: "summary link", src: head + "  - id: p\n    name: Phase\n    tasks:\n      - id: c\n        name: Child\n        after: p\n",
		line: 11, field: "tasks.c.after", want: `summary task and its own subtask`},
	{name: "calendar without working time", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendar:\n  week: {mon: off, tue: off, wed: off, thu: off, fri: off}\n",
		line: 3, field: "calendar.week", want: `no working time`},
	{name: "holiday range reversed", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendar:\n  holidays:\n    - {from: 2027-12-31, to: 2027-12-24}\n",
		line: 4, field: "calendar.holidays[0].to", want: `exception ends (2027-12-24) before it starts (2027-12-31)`},
	{name: "resource units too high", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - id: crew\n    name: Crew\n    max_units: 200000%\n",
		line: 5, field: "resources.crew.max_units", want: `max units must be between`},

	// Other things the file can get wrong.
	{name: "bad lag", src: head + "  - {id: a, name: A}\n  - {name: B, after: a SS 2x}\n",
		line: 7, field: "tasks[1].after", want: `"2x" is not a lag`},
	{name: "bad link type", src: head + "  - {id: a, name: A}\n  - {name: B, after: a XS}\n",
		line: 7, field: "tasks[1].after", want: `"XS" is not a link type`},
	{name: "empty after", src: head + "  - {id: a, name: A}\n  - {name: B, after: ['']}\n",
		line: 7, field: "tasks[1].after[0]", want: `after: entry is empty`},
	{name: "bad id", src: head + "  - {id: site survey, name: A}\n",
		line: 6, field: "tasks[0].id", want: `"site survey" cannot be an id`},
	{name: "duplicate uid", src: head + "  - {name: A, uid: 4}\n  - {name: B, uid: 4}\n",
		line: 7, field: "tasks[1].uid", want: `uid 4 is already used (line 6)`, conflict: true},
	{name: "uid zero", src: head + "  - {name: A, uid: 0}\n",
		line: 6, field: "tasks[0].uid", want: `uid 0 is out of range`},
	{name: "no uid left", src: head + "  - {name: A, uid: 2147483647}\n  - {name: B}\n",
		line: 7, field: "tasks[1].uid", want: `no uid is left`},
	{name: "milestone with duration", src: head + "  - {name: A, milestone: true, duration: 2d}\n",
		line: 6, field: "tasks[0].duration", want: `a milestone has no duration`},
	{name: "milestone not bool", src: head + "  - {name: A, milestone: maybe}\n",
		line: 6, field: "tasks[0].milestone", want: `milestone must be true or false`},
	{name: "start on auto task", src: head + "  - name: A\n    start: 2027-01-05\n",
		line: 7, field: "tasks[0].start", want: `start: is for manually scheduled tasks`},
	{name: "bad mode", src: head + "  - name: A\n    mode: sometimes\n",
		line: 7, field: "tasks[0].mode", want: `"sometimes" is not a scheduling mode`},
	{name: "elapsed work", src: head + "  - name: A\n    work: 3ed\n",
		line: 7, field: "tasks[0].work", want: `work is effort in working time`},
	{name: "negative duration", src: head + "  - name: A\n    duration: -2d\n",
		line: 7, field: "tasks[0].duration", want: `is negative`},
	{name: "unknown resource", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - {id: alice, name: Alice}\ntasks:\n  - {name: A, assign: [alice, alise 50%]}\n",
		line: 5, field: "tasks[0].assign[1]", want: `no resource has id "alise"; did you mean "alice"?`},
	{name: "duplicate assignment", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - {id: alice, name: Alice}\ntasks:\n  - name: A\n    assign:\n      - alice\n      - alice 50%\n",
		line: 8, field: "tasks[0].assign[1]", want: `"Alice" is already assigned to this task (line 7)`, conflict: true},
	{name: "bad units", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - {id: alice, name: Alice}\ntasks:\n  - {name: A, assign: alice 50%%}\n",
		line: 5, field: "tasks[0].assign", want: `is not units`},
	{name: "duplicate resource id", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - {id: alice, name: Alice}\n  - {id: alice, name: Alice B}\n",
		line: 4, field: "resources[1].id", want: `id "alice" is already used by another resource (line 3)`, conflict: true},
	{name: "bad rate", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - id: alice\n    name: Alice\n    rate: 85.505/h\n",
		line: 5, field: "resources.alice.rate", want: `"85.505" has 3 decimals but EUR has 2`},
	{name: "bad budget", src: "project:\n  key: NET\n  name: Net\n  start: 2027-01-04\n  currency: JPY\n  budget: 1000.50\n",
		line: 6, field: "project.budget", want: `JPY has none`},
	{name: "negative budget", src: "project:\n  key: NET\n  name: Net\n  start: 2027-01-04\n  budget: -5\n",
		line: 5, field: "project.budget", want: `budget cannot be negative`},
	{name: "bad hours per day", src: "project:\n  key: NET\n  name: Net\n  start: 2027-01-04\n  hours_per_day: 25\n",
		line: 5, field: "project.hours_per_day", want: `between 1 minute and 24 hours`},
	{name: "unknown calendar", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendars:\n  - {name: Night shift}\ntasks:\n  - {name: A, calendar: Night shfit}\n",
		line: 5, field: "tasks[0].calendar", want: `no calendar named "Night shfit"; did you mean "Night shift"?`},
	{name: "unknown base calendar", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendars:\n  - {name: Night shift, base: Nope}\n",
		line: 3, field: "calendars[0].base", want: `no calendar named "Nope"`},
	{name: "base cycle", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendars:\n  - {name: A, base: B}\n  - {name: B, base: A}\n",
		line: 3, field: "calendars[0].base", want: `calendar bases form a loop: "A" → "B" → "A"`},
	{name: "duplicate calendar", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendars:\n  - {name: Standard}\n",
		line: 3, field: "calendars[0].name", want: `already a calendar named "Standard" (the project calendar`, conflict: true},
	{name: "bad week hours", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendar:\n  week:\n    mon: 9-5\n",
		line: 4, field: "calendar.week.mon", want: `"9-5" is not a time range`},
	{name: "unknown weekday", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendar:\n  week:\n    monday: off\n",
		line: 4, field: "calendar.week.monday", want: `did you mean "mon"?`},
	{name: "holiday with time", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendar:\n  holidays:\n    - {date: 2027-04-02T08:00:00}\n",
		line: 4, field: "calendar.holidays[0].date", want: `without a time`},
	{name: "working day without hours", src: "project: {key: NET, name: Net, start: 2027-01-04}\ncalendar:\n  working_days:\n    - {date: 2027-03-06}\n",
		line: 4, field: "calendar.working_days[0].hours", want: `a working day needs hours:`},
	{name: "bad fixed cost", src: head + "  - {id: a, name: A, fixed_cost: 12.345}\n",
		line: 6, field: "tasks.a.fixed_cost", want: `has 3 decimals but EUR has 2`},
	{name: "bad accrual", src: head + "  - {id: a, name: A, fixed_cost: 10, fixed_cost_accrual: weekly}\n",
		line: 6, field: "tasks.a.fixed_cost_accrual", want: `"weekly" is not an accrual (use start, prorated or end)`},
	{name: "cost resource amount", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - {id: travel, name: Travel, kind: cost}\ntasks:\n  - {name: A, assign: travel 50%}\n",
		line: 5, field: "tasks[0].assign", want: `"50%" is not an amount of money`},
	{name: "rate change without a date", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - id: alice\n    name: Alice\n    rates:\n      - {rate: 90/h}\n",
		line: 6, field: "resources.alice.rates[0].from", want: `needs from:`},
	{name: "rate changes out of order", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - id: alice\n    name: Alice\n    rates:\n      - {from: 2027-06-01, rate: 90/h}\n      - {from: 2027-03-01, rate: 85/h}\n",
		line: 7, field: "resources.alice.rates[1].from", want: `must be in date order`},
	{name: "unknown rate field", src: "project: {key: NET, name: Net, start: 2027-01-04}\nresources:\n  - id: alice\n    name: Alice\n    rates:\n      - {from: 2027-06-01, price: 90}\n",
		line: 6, field: "resources.alice.rates[0].price", want: `unknown field "price"`},
}
