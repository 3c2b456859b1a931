package planfile

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

const header = "# Cairn plan file. Format: docs/plan-format.md\n"

// Write writes p in the plan-file format: the project (fields that differ
// from their defaults), the project calendar (when it is not the Standard
// one), the other calendars, the resources, then the task tree in WBS
// order. Every task gets an id: — its Ref, or a generated "t<UID>" when it
// has none or its Ref cannot be written as an id — and its uid:, so that
// after: entries can name it. The output is deterministic.
//
// p must be valid (see domain.Plan.Validate); Write works on a copy and
// leaves p as it was.
func Write(p *domain.Plan) ([]byte, error) {
	c := clonePlan(p)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	w := &writer{p: c, units: c.Project.Units.OrDefault(), currency: c.Project.Currency}
	root, err := w.plan()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString(header)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("planfile: encoding YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("planfile: encoding YAML: %w", err)
	}
	return spaceSections(buf.Bytes()), nil
}

// clonePlan copies the parts of p that Validate normalises in place.
func clonePlan(p *domain.Plan) *domain.Plan {
	c := *p
	c.Calendars = slices.Clone(p.Calendars)
	c.Tasks = slices.Clone(p.Tasks)
	c.Dependencies = slices.Clone(p.Dependencies)
	c.Resources = slices.Clone(p.Resources)
	c.Assignments = slices.Clone(p.Assignments)
	return &c
}

type writer struct {
	p        *domain.Plan
	units    domain.Units
	currency string
	calName  map[int64]string // calendar ID → name as written
	taskRef  map[int64]string // task ID → id as written
	resRef   map[int64]string // resource ID → id as written
	material map[int64]bool   // resource ID → whether it is a material
	costRes  map[int64]bool   // resource ID → whether it is a cost resource
}

func (w *writer) plan() (*yaml.Node, error) {
	root := mapNode()
	put(root, "project", w.project())
	cal, cals, err := w.calendars()
	if err != nil {
		return nil, err
	}
	put(root, "calendar", cal)
	put(root, "calendars", cals)
	res, err := w.resources()
	if err != nil {
		return nil, err
	}
	put(root, "resources", res)
	tasks, err := w.tasks()
	if err != nil {
		return nil, err
	}
	put(root, "tasks", tasks)
	return root, nil
}

func (w *writer) project() *yaml.Node {
	p := &w.p.Project
	m := mapNode()
	put(m, "key", text(p.Key))
	put(m, "name", text(p.Name))
	put(m, "start", date(p.Start))
	put(m, "status_date", date(p.StatusDate))
	put(m, "time_zone", textUnless(p.TimeZone, "UTC"))
	put(m, "currency", textUnless(p.Currency, "EUR"))
	if p.Budget != 0 {
		put(m, "budget", plain(domain.FormatMoney(p.Budget, p.Currency)))
	}
	put(m, "type", textUnless(string(p.Type), string(domain.TypeOther)))
	put(m, "method", textUnless(string(p.Method), string(domain.Predictive)))
	put(m, "sponsor", text(p.Sponsor))
	put(m, "manager", text(p.Manager))
	put(m, "client", text(p.Client))
	put(m, "phase", text(p.Phase))
	put(m, "description", text(p.Description))
	u := w.units
	if u.MinutesPerDay != domain.DefaultUnits.MinutesPerDay {
		put(m, "hours_per_day", plain(formatHours(u.MinutesPerDay)))
	}
	if u.MinutesPerWeek != u.MinutesPerDay*5 {
		put(m, "hours_per_week", plain(formatHours(u.MinutesPerWeek)))
	}
	if u.DaysPerMonth != domain.DefaultUnits.DaysPerMonth {
		put(m, "days_per_month", plain(strconv.FormatInt(u.DaysPerMonth, 10)))
	}
	return m
}

func formatHours(minutes int64) string {
	return strconv.FormatFloat(float64(minutes)/60, 'f', -1, 64)
}

func (w *writer) resources() (*yaml.Node, error) {
	rs := w.p.Resources
	refs := uniqueRefs(len(rs), "r", func(i int) (string, int64) { return rs[i].Ref, rs[i].UID })
	uids := writableUIDs(len(rs), func(i int) int64 { return rs[i].UID })
	sequential := true
	for i, r := range rs {
		sequential = sequential && r.UID == int64(i+1)
	}
	w.resRef = make(map[int64]string, len(rs))
	w.material = make(map[int64]bool, len(rs))
	w.costRes = make(map[int64]bool, len(rs))
	changes := map[int64][]domain.RateChange{}
	for _, c := range w.p.RateChanges {
		changes[c.Resource] = append(changes[c.Resource], c)
	}
	list := seqNode()
	for i := range rs {
		r := &rs[i]
		w.resRef[r.ID] = refs[i]
		w.material[r.ID] = r.Kind == domain.Material
		w.costRes[r.ID] = r.Kind == domain.Cost
		m := mapNode()
		put(m, "id", text(refs[i]))
		if uids[i] && !sequential {
			put(m, "uid", plain(strconv.FormatInt(r.UID, 10)))
		}
		put(m, "name", text(r.Name))
		if err := w.resourceFields(m, r); err != nil {
			return nil, err
		}
		put(m, "rates", w.rates(r, changes[r.ID]))
		put(m, "availability", availability(r.Availability))
		list.Content = append(list.Content, m)
	}
	return seqOf(list.Content), nil
}

func (w *writer) resourceFields(m *yaml.Node, r *domain.Resource) error {
	put(m, "kind", textUnless(string(r.Kind), string(domain.Work)))
	put(m, "email", text(r.Email))
	put(m, "group", text(r.Group))
	defaultUnits := 0.0
	if r.Kind == domain.Work {
		defaultUnits = 1
	}
	if math.IsNaN(r.MaxUnits) {
		return domain.Invalid("invalid_units", "resources."+w.resRef[r.ID]+".max_units", "max units are not a number")
	}
	if r.MaxUnits != defaultUnits {
		put(m, "max_units", plain(formatUnits(r.MaxUnits)))
	}
	per := ""
	if r.Kind == domain.Work {
		per = "/h"
	}
	if r.StandardRate != 0 {
		put(m, "rate", plain(domain.FormatMoney(r.StandardRate, w.currency)+per))
	}
	if r.OvertimeRate != 0 {
		put(m, "overtime_rate", plain(domain.FormatMoney(r.OvertimeRate, w.currency)+per))
	}
	if r.CostPerUse != 0 {
		put(m, "cost_per_use", plain(domain.FormatMoney(r.CostPerUse, w.currency)))
	}
	put(m, "accrual", textUnless(string(r.Accrual.Or()), string(domain.AccrueProrated)))
	cal, err := w.calendarRef(r.CalendarID, "resources."+w.resRef[r.ID])
	put(m, "calendar", cal)
	return err
}

// rates writes a resource's rate changes as rates:, in date order.
func (w *writer) rates(r *domain.Resource, changes []domain.RateChange) *yaml.Node {
	if len(changes) == 0 {
		return nil
	}
	slices.SortStableFunc(changes, func(a, b domain.RateChange) int { return a.From.Compare(b.From) })
	per := ""
	if r.Kind == domain.Work {
		per = "/h"
	}
	items := make([]*yaml.Node, len(changes))
	for i, c := range changes {
		m := mapNode()
		put(m, "from", date(c.From))
		put(m, "rate", plain(domain.FormatMoney(c.StandardRate, w.currency)+per))
		if c.OvertimeRate != 0 {
			put(m, "overtime_rate", plain(domain.FormatMoney(c.OvertimeRate, w.currency)+per))
		}
		if c.CostPerUse != 0 {
			put(m, "cost_per_use", plain(domain.FormatMoney(c.CostPerUse, w.currency)))
		}
		items[i] = m
	}
	return seqOf(items)
}

// availability writes a resource's availability periods.
func availability(periods []domain.Availability) *yaml.Node {
	if len(periods) == 0 {
		return nil
	}
	items := make([]*yaml.Node, len(periods))
	for i, a := range periods {
		m := mapNode()
		put(m, "from", date(a.From))
		if !a.To.IsZero() {
			put(m, "to", date(a.To))
		}
		put(m, "units", plain(formatUnits(a.Units)))
		items[i] = m
	}
	return seqOf(items)
}

func (w *writer) calendarRef(id int64, field string) (*yaml.Node, error) {
	if id == 0 {
		return nil, nil
	}
	name, ok := w.calName[id]
	if !ok {
		return nil, domain.Invalid("unknown_calendar", field+".calendar", "calendar %d is not in the plan", id)
	}
	return text(name), nil
}

// uniqueRefs returns an id for each of n items: its own when it is a
// valid id not taken by an earlier item, otherwise prefix+uid (or
// prefix+position), made unique with a suffix.
func uniqueRefs(n int, prefix string, item func(i int) (ref string, uid int64)) []string {
	out := make([]string, n)
	taken := map[string]bool{}
	for i := range n {
		if ref, _ := item(i); validRef(ref) && !taken[ref] {
			out[i], taken[ref] = ref, true
		}
	}
	for i := range n {
		if out[i] != "" {
			continue
		}
		_, uid := item(i)
		if uid <= 0 {
			uid = int64(i + 1)
		}
		base := prefix + strconv.FormatInt(uid, 10)
		ref := base
		for k := 2; taken[ref]; k++ {
			ref = base + "-" + strconv.Itoa(k)
		}
		out[i], taken[ref] = ref, true
	}
	return out
}

// writableUIDs reports which items' uids a plan file can hold: in range
// and not used by an earlier item. Parse numbers the others.
func writableUIDs(n int, uid func(i int) int64) []bool {
	out := make([]bool, n)
	seen := map[int64]bool{}
	for i := range n {
		u := uid(i)
		if u >= 1 && u <= maxUID && !seen[u] {
			out[i], seen[u] = true, true
		}
	}
	return out
}

// spaceSections puts a blank line between top-level sections and between
// top-level tasks, so that a long plan reads in blocks.
func spaceSections(out []byte) []byte {
	var b bytes.Buffer
	inTasks, first := false, true
	for i, line := range bytes.SplitAfter(out, []byte("\n")) {
		top := len(line) > 0 && line[0] != ' ' && line[0] != '#' && line[0] != '\n'
		switch {
		case top:
			if i > 1 {
				b.WriteByte('\n')
			}
			inTasks, first = bytes.HasPrefix(line, []byte("tasks:")), true
		case inTasks && bytes.HasPrefix(line, []byte("  - ")):
			if !first {
				b.WriteByte('\n')
			}
			first = false
		}
		b.Write(line)
	}
	return b.Bytes()
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }
func seqNode() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode} }

// seqOf returns a list of items, or nil (omitted) when there are none.
func seqOf(items []*yaml.Node) *yaml.Node {
	if len(items) == 0 {
		return nil
	}
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

// put adds key: v to m, unless v is nil.
func put(m *yaml.Node, key string, v *yaml.Node) {
	if v == nil {
		return
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
}

// plain is a value, written unquoted where YAML allows: Parse reads every
// value as text, whatever YAML type it resembles, except null, so text
// that YAML would read as null is quoted.
func plain(s string) *yaml.Node {
	// YAML text is UTF-8; the encoder would write other bytes as base64
	// (!!binary), which would read back as different text.
	s = strings.ToValidUTF8(s, "\uFFFD")
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: s}
	switch s {
	case "", "~", "null", "Null", "NULL":
		n.Tag = "!!str"
	}
	if strings.Contains(s, "\n") && !literalSafe(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// literalSafe reports whether s reads back unchanged from a literal block
// (|), which the encoder uses for text with line breaks. It does not when
// a line starts with a tab or holds only spaces and tabs (the encoder
// writes such blocks but the parser refuses or trims them), nor when the
// block would need "keep" chomping (|+), whose trailing blank lines would
// run into the blank line spaceSections adds.
func literalSafe(s string) bool {
	if keepsBreaks(s) {
		return false
	}
	for line := range strings.SplitSeq(strings.TrimSuffix(s, "\n"), "\n") {
		if strings.HasPrefix(line, "\t") || line != "" && strings.Trim(line, " \t") == "" {
			return false
		}
	}
	return true
}

// keepsBreaks reports whether s is one line break or ends with two.
func keepsBreaks(s string) bool {
	isBreak := func(r rune) bool { return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029 }
	last, n := utf8.DecodeLastRuneInString(s)
	if n == 0 || !isBreak(last) {
		return false
	}
	prev, m := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return m == 0 || isBreak(prev)
}

// text is a free-text value, or nil when empty. Text with line breaks
// becomes a literal block.
func text(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return plain(s)
}

func textUnless(s, dflt string) *yaml.Node {
	if s == dflt {
		return nil
	}
	return text(s)
}

// date writes a project-local date, with the time of day when it has one.
func date(t time.Time) *yaml.Node {
	if t.IsZero() {
		return nil
	}
	if isMidnight(t) {
		return plain(domain.FormatDate(t))
	}
	return plain(domain.FormatDateTime(t))
}
