package planfile

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

// errAt returns an invalid-input error at line of the file.
func (d *decoder) errAt(line int, field, code, format string, args ...any) *domain.Error {
	return &domain.Error{
		Kind:   domain.KindInvalid,
		Code:   code,
		Field:  field,
		Detail: fmt.Sprintf("%s:%d: ", d.file, line) + fmt.Sprintf(format, args...),
	}
}

// conflictAt returns a conflict error (a duplicate id or name) at line.
func (d *decoder) conflictAt(line int, field, code, format string, args ...any) *domain.Error {
	e := d.errAt(line, field, code, format, args...)
	e.Kind = domain.KindConflict
	return e
}

// wrapAt places err, usually a *domain.Error from one of the domain's
// parsers, at line and field, keeping its kind, code and message.
func (d *decoder) wrapAt(line int, field string, err error) error {
	var e *domain.Error
	if !errors.As(err, &e) {
		return d.errAt(line, field, "invalid", "%v", err)
	}
	return &domain.Error{
		Kind:   e.Kind,
		Code:   e.Code,
		Field:  field,
		Detail: fmt.Sprintf("%s:%d: %s", d.file, line, e.Detail),
	}
}

// checkText refuses bytes YAML does not allow, naming their line; the YAML
// library reports these without one.
func (d *decoder) checkText(data []byte) error {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return d.errAt(line, "", "invalid_encoding", "the file is not valid UTF-8 (byte 0x%02X); save it as UTF-8", data[i])
		case r == '\n':
			line++
		case !printable(r):
			return d.errAt(line, "", "invalid_character", "control character %U is not allowed in YAML; remove it", r)
		}
		i += size
	}
	return nil
}

// printable reports whether YAML allows r in a document.
func printable(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7E || r == 0x85 ||
		r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns an error of the YAML library into one naming its line.
// The library counts lines from 0 in parser errors and from 1 in scanner
// errors, leaves the line out when it is the first, and for a bad block
// names the line where the block starts rather than the bad line, so the
// line is corrected here.
func (d *decoder) syntaxError(data []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	switch {
	case strings.HasPrefix(msg, "unknown anchor"):
		// Aliases are refused anyway; point at the first one.
		line = 1 + bytes.Count(data[:max(0, bytes.IndexByte(data, '*'))], []byte("\n"))
	case parserProblems[msg] != "":
		line++
		if parserProblems[msg] == "block" {
			line = firstBadLine(data, line)
		}
	}
	line = max(line, 1)
	if hint := syntaxHints[msg]; hint != "" {
		msg += " (" + hint + ")"
	}
	return d.errAt(line, "", "yaml_syntax", "YAML syntax error: %s", msg)
}

// parserProblems are the YAML library's parser (not scanner) messages.
// For "block" ones the line reported is where the enclosing block starts.
var parserProblems = map[string]string{
	"did not find expected <stream-start>":   "parser",
	"did not find expected <document start>": "parser",
	"found undefined tag handle":             "parser",
	"did not find expected node content":     "parser",
	"did not find expected '-' indicator":    "block",
	"did not find expected key":              "block",
	"did not find expected ',' or ']'":       "parser",
	"did not find expected ',' or '}'":       "parser",
	"found duplicate %YAML directive":        "parser",
	"found incompatible YAML document":       "parser",
	"found duplicate %TAG directive":         "parser",
}

var syntaxHints = map[string]string{
	"mapping values are not allowed in this context":         "a value containing \": \" must be quoted, and keys must line up",
	"found character that cannot start any token":            "indent with spaces, not tabs, and quote values starting with @ or `",
	"did not find expected key":                              "check the indentation: keys of one item must line up",
	"did not find expected '-' indicator":                    "check the indentation: items of a list must line up",
	"block sequence entries are not allowed in this context": "a list must start on the line after its key",
	"did not find expected ',' or ']'":                       "a [list] is not closed, or an item needs quotes",
	"did not find expected ',' or '}'":                       "a {mapping} is not closed, or a value needs quotes",
}

// firstBadLine returns the first line at or after from whose inclusion
// makes data fail to parse, found by bisection over prefixes of data. It
// parses data some twenty times, so large files keep the line the YAML
// library gave.
func firstBadLine(data []byte, from int) int {
	if len(data) > 1<<20 {
		return from
	}
	ends := []int{} // ends[i] is the offset just past line i+1
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	ends = append(ends, len(data))
	fails := func(line int) bool {
		var n yaml.Node
		return yaml.Unmarshal(data[:ends[line-1]], &n) != nil
	}
	lo, hi := from, len(ends)
	if lo > hi || !fails(hi) {
		return from
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// locate places an error from domain.Plan.Validate, which names parts of
// the plan by their plan-local paths ("tasks.survey.parent",
// "dependencies[3]"), at the line where that part was written, and
// rewrites the path in the file's terms ("tasks.approved.after[1]").
func (d *decoder) locate(err error) error {
	var e *domain.Error
	if !errors.As(err, &e) {
		return d.errAt(1, "", "invalid", "%v", err)
	}
	field := e.Field
	if e.Code == "dependency_cycle" {
		field = d.cycleField()
	}
	out := *e
	out.Err = nil
	line := 1
	for k := field; k != ""; k = parentPath(k) {
		if l, ok := d.locs[k]; ok {
			out.Field = l.path
			if !l.whole {
				out.Field += field[len(k):]
			}
			line = l.line
			break
		}
	}
	out.Detail = fmt.Sprintf("%s:%d: %s", d.file, line, e.Detail)
	return &out
}

// cycleField names one dependency of the cycle Validate found, so that the
// error points at a link the user can remove.
func (d *decoder) cycleField() string {
	p := d.plan
	cyc := domain.FindCycle(p.Tasks, p.Dependencies)
	if len(cyc) < 2 {
		return "dependencies"
	}
	for i, dep := range p.Dependencies {
		if dep.Predecessor == cyc[len(cyc)-2] && dep.Successor == cyc[len(cyc)-1] {
			return fmt.Sprintf("dependencies[%d]", i)
		}
	}
	return "dependencies"
}

// parentPath cuts the last element off a path: "a.b[2].c" → "a.b[2]" →
// "a.b" → "a" → "".
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// suggest returns up to three candidates close to s — a small edit
// distance, or one a prefix of the other — closest first.
func suggest(s string, candidates []string) []string {
	const most = 3
	ls := strings.ToLower(s)
	limit := max(1, len(ls)/3)
	type match struct {
		s    string
		dist int
	}
	var found []match
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if c == s || abs(len(lc)-len(ls)) > limit && !prefixOf(ls, lc) {
			continue
		}
		dist := limit + 1
		if len(ls) <= 100 && len(lc) <= 100 {
			dist = editDistance(ls, lc)
		}
		if dist <= limit || prefixOf(ls, lc) {
			found = append(found, match{c, dist})
		}
	}
	for i := 1; i < len(found); i++ { // insertion sort: the lists are short
		for j := i; j > 0 && (found[j].dist < found[j-1].dist || found[j].dist == found[j-1].dist && found[j].s < found[j-1].s); j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	out := make([]string, 0, most)
	for i := 0; i < len(found) && i < most; i++ {
		out = append(out, found[i].s)
	}
	return out
}

// prefixOf reports whether the shorter of a and b, at least three
// characters long, begins the other.
func prefixOf(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 3 && strings.HasPrefix(b, a)
}

// didYouMean formats suggestions as "; did you mean "x" or "y"?", or "".
func didYouMean(s string, candidates []string) string {
	m := suggest(s, candidates)
	if len(m) == 0 {
		return ""
	}
	q := make([]string, len(m))
	for i, c := range m {
		q[i] = strconv.Quote(c)
	}
	return "; did you mean " + strings.Join(q, " or ") + "?"
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
