package mspdi

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cairnpm/cairn/domain"
)

// builder turns what the decoder read into a File.
type builder struct {
	d     *decoder
	f     *failer
	notes *notes
	plan  *domain.Plan
	file  *File
	dec   int // decimals of the project currency

	calID   map[int64]int64 // file calendar UID → plan calendar ID
	taskID  map[int64]int64 // file task UID → plan task ID, kept tasks only
	taskIdx map[int64]int   // plan task ID → index in plan.Tasks

	// lines where each part of the plan was read, for placing the errors
	// of domain.Plan.Validate
	calLines, taskLines, depLines, resLines, asgLines []int
}

// build assembles the File and validates its plan.
func (d *decoder) build() (*File, error) {
	b := &builder{
		d: d, f: d.f, notes: &d.notes,
		plan:    &domain.Plan{},
		calID:   map[int64]int64{},
		taskID:  make(map[int64]int64, len(d.tasks)),
		taskIdx: make(map[int64]int, len(d.tasks)),
	}
	b.file = &File{
		Plan:                  b.plan,
		SaveVersion:           int(d.header.saveVersion),
		BuildNumber:           strings.TrimSpace(d.header.buildNumber),
		StatusDate:            d.header.statusDate,
		LastSaved:             d.header.lastSaved,
		MultipleCriticalPaths: d.header.multipleCritical,
		Reference:             make(map[int64]Computed, len(d.tasks)),
		Baselines:             map[int64][]Baseline{},
		Extra:                 make(map[int64]TaskExtra, len(d.tasks)),
	}
	if err := b.project(); err != nil {
		return nil, err
	}
	b.calendars()
	b.tasks()
	b.links()
	b.resources()
	b.assignments()
	if err := b.validate(); err != nil {
		return nil, err
	}
	b.file.Dropped = b.notes.list()
	return b.file, nil
}

// project fills the plan's project from the file's header.
func (b *builder) project() error {
	h := &b.d.header
	p := &b.plan.Project
	p.ID = 1
	p.Name = b.projectName()
	p.Key = deriveKey(p.Name)
	p.Manager = strings.TrimSpace(h.manager)
	p.TimeZone = "UTC"
	p.Currency = strings.ToUpper(strings.TrimSpace(h.currency))
	switch {
	case p.Currency == "":
		p.Currency = "USD"
	case len(p.Currency) != 3:
		b.notes.say("currency code %q is not an ISO 4217 code; USD was used", p.Currency)
		p.Currency = "USD"
	}
	b.dec = domain.CurrencyDecimals(p.Currency)
	p.Units = domain.Units{MinutesPerDay: h.minutesPerDay, MinutesPerWeek: h.minutesPerWeek, DaysPerMonth: h.daysPerMon}.OrDefault()
	b.file.CriticalSlackLimit = h.criticalSlackDays * p.Units.MinutesPerDay
	p.StatusDate = h.statusDate
	p.Start = h.start
	if p.Start.IsZero() {
		for _, t := range b.d.tasks {
			if !t.start.IsZero() && (p.Start.IsZero() || t.start.Before(p.Start)) {
				p.Start = t.start
			}
		}
		if p.Start.IsZero() {
			return b.f.At(h.line, "missing", "the Project has no StartDate and no task has a Start")
		}
		b.notes.say("the file has no project StartDate; the earliest task start was used")
	}
	if h.scheduleFromFinish {
		b.notes.say("MS Project schedules this project back from its finish date; Cairn schedules forward from the start")
	}
	return nil
}

// projectName picks the project's name: its Title, the project summary
// task's name, its Name (a file name, shortened), the name of the file.
func (b *builder) projectName() string {
	h := &b.d.header
	if s := strings.TrimSpace(h.title); s != "" {
		return clip(s, 200)
	}
	for _, t := range b.d.tasks {
		if t.uid == 0 && t.level == 0 {
			if s := strings.TrimSpace(t.name); s != "" {
				return clip(s, 200)
			}
		}
	}
	for _, s := range []string{h.name, b.f.File} {
		s = strings.TrimSpace(s)
		if i := strings.LastIndexAny(s, `/\`); i >= 0 {
			s = s[i+1:]
		}
		for _, ext := range []string{".xml", ".mpp", ".mpt", ".mpx"} {
			if len(s) > len(ext) && strings.EqualFold(s[len(s)-len(ext):], ext) {
				s = s[:len(s)-len(ext)]
			}
		}
		if s != "" && s != "<input>" {
			return clip(s, 200)
		}
	}
	return "Imported project"
}

// clip shortens s to at most n bytes without splitting a character.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimSpace(s[:n])
}

// deriveKey makes a project key from a name: the initials of its words,
// in capitals ("Commercial construction project plan" → "CCPP"), or the
// word itself when there is one ("sample" → "SAMPLE"), 2–10 letters or
// digits starting with a letter; "MSP" when nothing fits. Accented Latin
// letters count as their base letter; other scripts are left out.
func deriveKey(name string) string {
	var words [][]byte
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			words = append(words, cur)
			cur = nil
		}
	}
	for _, r := range name {
		c, ok := asciiFold(r)
		if !ok {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				flush()
			}
			continue
		}
		// A capital after a small letter ("TestViews") and a change
		// between letters and digits ("project2019") start new words.
		if len(cur) > 0 {
			p := cur[len(cur)-1]
			lowerToUpper := p >= 'a' && p <= 'z' && c >= 'A' && c <= 'Z'
			digitEdge := (p >= '0' && p <= '9') != (c >= '0' && c <= '9')
			if lowerToUpper || digitEdge {
				flush()
			}
		}
		cur = append(cur, c)
	}
	flush()
	var key []byte
	if len(words) == 1 {
		key = words[0]
	} else {
		for _, w := range words {
			key = append(key, w[0])
		}
	}
	key = bytes.ToUpper(key)
	for len(key) > 0 && key[0] >= '0' && key[0] <= '9' {
		key = key[1:]
	}
	if len(key) > 10 {
		key = key[:10]
	}
	if len(key) < 2 {
		return "MSP"
	}
	return string(key)
}

// asciiFold returns r as an ASCII letter or digit, folding accented Latin
// letters to their base letter, and reports whether it could.
func asciiFold(r rune) (byte, bool) {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return byte(r), true
	case r >= 0xC0 && r <= 0xFF:
		const folds = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty"
		if c := folds[r-0xC0]; c != '*' && c != '/' {
			return c, true
		}
	}
	return 0, false
}

// minor converts hundredths of the currency unit, as MSPDI stores costs,
// to minor units of the project currency.
func (b *builder) minor(hundredths int64) int64 {
	switch b.dec {
	case 2:
		return hundredths
	case 3:
		return hundredths * 10
	}
	v, _ := parseScaled([]byte(strconv.FormatInt(hundredths, 10)), b.dec-2)
	return v
}

// rate converts a rate in currency units (per hour, or per unit of a
// material) to minor units, exactly.
func (b *builder) rate(s string) int64 {
	if s == "" {
		return 0
	}
	v, _ := parseScaled([]byte(s), b.dec)
	return v
}

// validate checks the plan as every importer must, placing an error at
// the line of the part at fault.
func (b *builder) validate() error {
	err := b.plan.Validate()
	if err == nil {
		return nil
	}
	var e *domain.Error
	line := b.d.header.line
	if errors.As(err, &e) {
		field := e.Field
		if e.Code == "dependency_cycle" {
			field = b.cycleField()
		}
		for _, part := range []struct {
			prefix string
			lines  []int
		}{{"calendars[", b.calLines}, {"tasks[", b.taskLines}, {"dependencies[", b.depLines},
			{"resources[", b.resLines}, {"assignments[", b.asgLines}} {
			rest, ok := strings.CutPrefix(field, part.prefix)
			if !ok {
				continue
			}
			num, _, _ := strings.Cut(rest, "]")
			if i, err := strconv.Atoi(num); err == nil && i >= 0 && i < len(part.lines) {
				line = part.lines[i]
			}
		}
	}
	return b.f.Place(err, line)
}

// cycleField names a dependency on the cycle Validate found.
func (b *builder) cycleField() string {
	p := b.plan
	cyc := domain.FindCycle(p.Tasks, p.Dependencies)
	if len(cyc) >= 2 {
		for i, dep := range p.Dependencies {
			if dep.Predecessor == cyc[len(cyc)-2] && dep.Successor == cyc[len(cyc)-1] {
				return fmt.Sprintf("dependencies[%d]", i)
			}
		}
	}
	return "dependencies"
}
