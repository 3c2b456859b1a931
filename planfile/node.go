package planfile

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

// loc is where a part of the plan was written: its path in the file's
// terms ("resources.alice.rate") and its line.
type loc struct {
	path string
	line int
	// whole marks a part whose sub-fields are not written in the file (a
	// dependency is one after: entry), so errors name the part itself.
	whole bool
}

// scope names a part of the plan twice: as domain.Plan.Validate names it
// ("resources[0]") and as the file does ("resources.alice").
type scope struct{ v, f string }

func (s scope) key(k string) scope {
	if s.v == "" {
		return scope{k, k}
	}
	return scope{s.v + "." + k, s.f + "." + k}
}

// object is a YAML mapping read into keys, with duplicate keys refused.
type object struct {
	d    *decoder
	node *yaml.Node
	at   scope
	keys []string              // in document order
	key  map[string]*yaml.Node // key → key node
	val  map[string]*yaml.Node // key → value node
}

// mapping reads n as a mapping; what names it in messages ("the project").
func (d *decoder) mapping(n *yaml.Node, at scope, what string) (*object, error) {
	if n.Kind != yaml.MappingNode {
		return nil, d.errAt(n.Line, at.f, "wrong_type", "%s must be a mapping of keys and values, not %s", what, describe(n))
	}
	o := &object{d: d, node: n, at: at, key: map[string]*yaml.Node{}, val: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, d.errAt(k.Line, at.f, "wrong_type", "keys in %s must be plain names, not %s", what, describe(k))
		}
		if prev, dup := o.key[k.Value]; dup {
			return nil, d.errAt(k.Line, at.key(k.Value).f, "duplicate_key", "%s is given twice in %s (first at line %d)", short(k.Value), what, prev.Line)
		}
		o.keys = append(o.keys, k.Value)
		o.key[k.Value], o.val[k.Value] = k, v
	}
	return o, nil
}

// list reads n as a YAML list; nil is an empty one.
func (d *decoder) list(n *yaml.Node, field, what string) ([]*yaml.Node, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, d.errAt(n.Line, field, "wrong_type", "%s must be a list (one item per line, each starting with \"- \"), not %s", what, describe(n))
	}
	return n.Content, nil
}

// only refuses keys other than known, suggesting the closest known one.
func (o *object) only(what string, known ...string) error {
	for _, k := range o.keys {
		if !slices.Contains(known, k) {
			line := o.key[k].Line
			if hint := didYouMean(k, known); hint != "" {
				return o.d.errAt(line, o.at.key(k).f, "unknown_field", "unknown field %s in %s%s", short(k), what, hint)
			}
			return o.d.errAt(line, o.at.key(k).f, "unknown_field", "unknown field %s in %s (known fields: %s)", short(k), what, strings.Join(known, ", "))
		}
	}
	return nil
}

// get returns the value of key, or nil when it is absent or null, and
// records where it was written for errors found later.
func (o *object) get(key string) *yaml.Node {
	v, ok := o.val[key]
	if !ok || isNull(v) {
		return nil
	}
	o.d.rec(o.at.key(key), o.key[key].Line)
	return v
}

// line returns the line of key's value, or of the mapping when it is absent.
func (o *object) line(key string) int {
	if v, ok := o.val[key]; ok {
		return v.Line
	}
	return o.node.Line
}

// fail places err at key.
func (o *object) fail(key string, err error) error {
	return o.d.wrapAt(o.line(key), o.at.key(key).f, err)
}

// failf returns an error about key.
func (o *object) failf(key, code, format string, args ...any) error {
	return o.d.errAt(o.line(key), o.at.key(key).f, code, format, args...)
}

// scalar returns key's value as text; "" when absent or null.
func (o *object) scalar(key string) (string, error) {
	v := o.get(key)
	if v == nil {
		return "", nil
	}
	if v.Kind != yaml.ScalarNode {
		return "", o.failf(key, "wrong_type", "%s must be a single value, not %s", key, describe(v))
	}
	return v.Value, nil
}

// texts reads key's value as one text or a list of texts, each with its
// line; a single text is returned with list false.
func (o *object) texts(key string) (vals []string, lines []int, list bool, err error) {
	v := o.get(key)
	switch {
	case v == nil:
		return nil, nil, false, nil
	case v.Kind == yaml.ScalarNode:
		return []string{v.Value}, []int{v.Line}, false, nil
	case v.Kind != yaml.SequenceNode:
		return nil, nil, false, o.failf(key, "wrong_type", "%s must be one value or a list, not %s", key, describe(v))
	}
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || isNull(item) {
			return nil, nil, false, o.d.errAt(item.Line, o.at.key(key).f, "wrong_type", "each item of %s must be a single value, not %s", key, describe(item))
		}
		vals = append(vals, item.Value)
		lines = append(lines, item.Line)
	}
	return vals, lines, true, nil
}

// date reads key as a date or date-time; the zero time when absent.
func (o *object) date(key string) (time.Time, error) {
	s, err := o.scalar(key)
	if err != nil || s == "" {
		return time.Time{}, err
	}
	t, err := domain.ParseDate(s)
	if err != nil {
		return time.Time{}, o.fail(key, err)
	}
	return t, nil
}

// day reads key as a date without a time of day.
func (o *object) day(key string) (time.Time, error) {
	t, err := o.date(key)
	if err == nil && !t.IsZero() && !isMidnight(t) {
		return time.Time{}, o.failf(key, "invalid_date", "%s must be a date without a time (YYYY-MM-DD)", key)
	}
	return t, err
}

func isMidnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// integer reads key as a whole number in [lo, hi]; ok is false when absent.
func (o *object) integer(key string, lo, hi int64) (n int64, ok bool, err error) {
	s, err := o.scalar(key)
	if err != nil || s == "" {
		return 0, false, err
	}
	n, perr := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if perr != nil {
		return 0, false, o.failf(key, "invalid_number", "%s must be a whole number, not %s", key, short(s))
	}
	if n < lo || n > hi {
		return 0, false, o.failf(key, "out_of_range", "%s %d is out of range (%d–%d)", key, n, lo, hi)
	}
	return n, true, nil
}

// boolean reads key as true or false.
func (o *object) boolean(key string) (bool, error) {
	s, err := o.scalar(key)
	if err != nil || s == "" {
		return false, err
	}
	switch strings.ToLower(s) {
	case "true", "yes":
		return true, nil
	case "false", "no":
		return false, nil
	}
	return false, o.failf(key, "invalid_bool", "%s must be true or false, not %s", key, short(s))
}

// duration reads key as a duration in the plan's units.
func (o *object) duration(key string) (domain.Duration, error) {
	s, err := o.scalar(key)
	if err != nil || s == "" {
		return domain.Duration{}, err
	}
	dur, err := domain.ParseDuration(s, o.d.units)
	if err != nil {
		return domain.Duration{}, o.fail(key, err)
	}
	return dur, nil
}

// work reads key as an amount of work: working (not elapsed) minutes.
func (o *object) work(key string) (int64, error) {
	dur, err := o.duration(key)
	if err == nil && dur.Elapsed {
		return 0, o.failf(key, "invalid_work", "work is effort in working time; %s is elapsed time (try 24h or 3d)", short(o.val[key].Value))
	}
	return dur.Minutes, err
}

// money reads key as an amount of the project currency in minor units.
func (o *object) money(key string) (int64, error) {
	s, err := o.scalar(key)
	if err != nil || s == "" {
		return 0, err
	}
	m, err := domain.ParseMoney(s, o.d.plan.Project.Currency)
	if err != nil {
		return 0, o.fail(key, err)
	}
	return m, nil
}

// units reads key as units such as "100%", "50%" or "0.5".
func (o *object) units(key string) (float64, bool, error) {
	s, err := o.scalar(key)
	if err != nil || s == "" {
		return 0, false, err
	}
	u, err := parseUnits(s)
	if err != nil {
		return 0, false, o.fail(key, err)
	}
	return u, true, nil
}

// parseUnits reads "50%" as 0.5 and "0.5" as 0.5. A percentage is read by
// moving the decimal point in the text, so that "33.3%" gives the same
// float64 as "0.333" and formatUnits writes it back as typed.
func parseUnits(s string) (float64, error) {
	in := strings.TrimSpace(s)
	pct, isPct := strings.CutSuffix(in, "%")
	if isPct {
		in = shiftPoint(strings.TrimSpace(pct), -2)
	}
	if !isDecimal(in) {
		return 0, domain.Invalid("invalid_units", "", "%s is not units (try 100%%, 50%% or 0.5)", short(s))
	}
	u, err := strconv.ParseFloat(in, 64)
	if err != nil || math.IsInf(u, 0) || u > 1e6 {
		return 0, domain.Invalid("invalid_units", "", "%s is too large", short(s))
	}
	return u, nil
}

// formatUnits writes u as a percentage: 0.5 is "50%".
func formatUnits(u float64) string {
	return shiftPoint(strconv.FormatFloat(u, 'f', -1, 64), 2) + "%"
}

// isDecimal reports whether s is digits with at most one decimal point
// inside them: no sign, exponent, NaN or infinity.
func isDecimal(s string) bool {
	whole, frac, point := strings.Cut(s, ".")
	return whole != "" && allDigits(whole) && allDigits(frac) && (!point || frac != "")
}

func allDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// shiftPoint moves the decimal point of a plain decimal by n places
// (right when positive), exactly: shiftPoint("33.3", -2) is "0.333". Text
// that is not a plain decimal is returned unchanged.
func shiftPoint(s string, n int) string {
	if !isDecimal(s) {
		return s
	}
	whole, frac, _ := strings.Cut(s, ".")
	digits, point := whole+frac, len(whole)+n
	if point < 1 {
		digits, point = strings.Repeat("0", 1-point)+digits, 1
	}
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	whole = strings.TrimLeft(digits[:point], "0")
	frac = strings.TrimRight(digits[point:], "0")
	if whole == "" {
		whole = "0"
	}
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}

// hours reads key as a number of hours and returns whole minutes in [1, hi].
func (o *object) hours(key string, hi int64) (int64, bool, error) {
	s, err := o.scalar(key)
	if err != nil || s == "" {
		return 0, false, err
	}
	in := strings.TrimSuffix(strings.TrimSpace(s), "h")
	h, perr := strconv.ParseFloat(in, 64)
	if !isDecimal(in) || perr != nil {
		return 0, false, o.failf(key, "invalid_number", "%s must be a number of hours such as 8 or 7.5, not %s", key, short(s))
	}
	m := math.Round(h * 60)
	if math.Abs(h*60-m) > 1e-6 || m < 1 || m > float64(hi) {
		return 0, false, o.failf(key, "out_of_range", "%s must be whole minutes between 1 minute and %d hours", key, hi/60)
	}
	return int64(m), true, nil
}

// isNull reports whether n is YAML null: "~", "null" or nothing.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names what a node is, for "must be a list, not …" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "empty"
		}
		return short(n.Value)
	}
	return "an alias"
}

// short quotes text from the file for a message, cut to a readable length.
func short(s string) string {
	const most = 60
	if len(s) <= most {
		return strconv.Quote(s)
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

// validRef reports whether s can be an id: letters, digits, "_", "-" and
// ".", starting with a letter or digit, at most 100 bytes. Ids appear in
// after: and assign: entries, which are split at spaces.
func validRef(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for i, r := range s {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || i > 0 && (r == '_' || r == '-' || r == '.')
		if !ok {
			return false
		}
	}
	return true
}

const refHint = "use letters, digits, \"-\", \"_\" or \".\", starting with a letter or digit, e.g. site-survey"
