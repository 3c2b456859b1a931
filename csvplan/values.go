package csvplan

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// msUnits maps the unit words MS Project and spreadsheets write to the
// ones domain.ParseDuration reads ("5 days", "3 hrs", "2 wks", "1 mon",
// "4 edays").
var msUnits = strings.NewReplacer("emons", "emo", "mons", "mo", "emon", "emo")

var unitWord = regexp.MustCompile(`(?i)\b(e?mons?)\b`)

// duration reads a duration cell: Cairn's own forms ("5d", "1.5d",
// "3ed") and MS Project's ("5 days", "3 hrs", "2 wks", "1 mon", "5 days?";
// the "?" of an estimated duration is ignored). A decimal comma
// ("1,5d") is read as a point.
func duration(s string, u domain.Units) (domain.Duration, error) {
	return domain.ParseDuration(cleanAmount(s), u)
}

// cleanAmount makes a duration or lag cell readable by the domain
// parsers.
func cleanAmount(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), "?")
	if strings.Contains(strings.ToLower(s), "mon") {
		s = unitWord.ReplaceAllStringFunc(s, func(w string) string { return msUnits.Replace(strings.ToLower(w)) })
	}
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		i := strings.IndexByte(s, ',')
		if i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
			s = s[:i] + "." + s[i+1:]
		}
	}
	return s
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// percent reads "50%", "50" or a fraction such as "0.5" (what a
// spreadsheet holds behind "50%") as a whole percentage.
func percent(s string) (int, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	frac := false
	if rest, ok := strings.CutSuffix(s, "%"); ok {
		s = strings.TrimSpace(rest)
	} else if strings.Contains(s, ".") {
		frac = true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) {
		return 0, errors.New("not a percentage")
	}
	if frac && v <= 1 {
		v *= 100
	}
	if v < 0 || v > 100 {
		return 0, errors.New("out of range")
	}
	return int(math.Round(v)), nil
}

// yes reads a yes/no cell: yes, y, true, 1, x and ✓ are yes.
func yes(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "sí", "si":
		return true, nil
	case "", "no", "n", "false", "0", "nein", "non":
		return false, nil
	}
	return false, errors.New("not yes or no")
}

// mode reads a scheduling mode: auto, manual, or MS Project's "Auto
// Scheduled" and "Manually Scheduled".
func mode(s string) (domain.SchedulingMode, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); {
	case v == "" || strings.HasPrefix(v, "auto"):
		return domain.Auto, nil
	case strings.HasPrefix(v, "manual"):
		return domain.Manual, nil
	}
	return "", errors.New("not a mode")
}

// constraintNames maps MS Project's constraint names to Cairn's types.
var constraintNames = map[string]domain.ConstraintType{
	"as soon as possible": domain.ASAP, "as late as possible": domain.ALAP,
	"start no earlier than": domain.SNET, "start no later than": domain.SNLT,
	"finish no earlier than": domain.FNET, "finish no later than": domain.FNLT,
	"must start on": domain.MSO, "must finish on": domain.MFO,
}

// constraint reads "SNET", "SNET 2027-01-10" or "Start No Earlier Than";
// date is the rest of the cell after the type, "" if none.
func constraint(s string) (domain.ConstraintType, string, error) {
	s = strings.TrimSpace(s)
	if c, ok := constraintNames[strings.ToLower(s)]; ok {
		return c, "", nil
	}
	typ, date, _ := strings.Cut(s, " ")
	c, err := domain.ParseConstraintType(typ)
	return c, strings.TrimSpace(date), err
}

// blankDate reports whether a date cell means "no date": empty, or MS
// Project's "NA".
func blankDate(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || strings.EqualFold(s, "NA") || strings.EqualFold(s, "N/A")
}

// assignee is one entry of a Resource Names cell.
type assignee struct {
	name  string
	units float64
}

// assignees reads "Alice[50%];Bob" or "Alice [50%], Bob": names separated
// by semicolons (or commas when there is no semicolon), each with optional
// units in brackets, a percentage or a number (1 = 100%).
func assignees(s string) ([]assignee, error) {
	sep := ";"
	if !strings.Contains(s, ";") {
		sep = ","
	}
	var out []assignee
	for part := range strings.SplitSeq(s, sep) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		a := assignee{name: part, units: 1}
		if i := strings.LastIndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			a.name = strings.TrimSpace(part[:i])
			u := strings.TrimSpace(strings.ReplaceAll(part[i+1:len(part)-1], ",", "."))
			var v float64
			var err error
			if p, ok := strings.CutSuffix(u, "%"); ok {
				v, err = strconv.ParseFloat(strings.TrimSpace(p), 64)
				v /= 100
			} else {
				v, err = strconv.ParseFloat(u, 64)
			}
			if err != nil || !(v >= 0 && v <= 1000) {
				return nil, errors.New("units of " + strconv.Quote(a.name) + " are not a percentage or a number")
			}
			a.units = v
		}
		if a.name == "" {
			return nil, errors.New("an entry has units but no name")
		}
		out = append(out, a)
	}
	return out, nil
}

// link is one entry of a Predecessors cell before its reference is
// resolved.
type link struct {
	ref string
	typ domain.DependencyType
	lag domain.Lag
}

// predecessors reads "3FS+2d;5SS", "3, 5" or "A1 ff -1 day": entries
// separated by semicolons or commas, each a reference to another row (an
// ID, or a row number when there is no ID column), an optional link type
// and an optional signed lag. known says which references exist; the
// longest known prefix of an entry is its reference, so IDs may contain
// letters and dashes.
func predecessors(s string, known func(string) bool, u domain.Units) ([]link, error) {
	var out []link
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ';' || r == ',' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		l, err := parseLink(part, known, u)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

var linkRest = regexp.MustCompile(`(?i)^\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*(.+))?$`)

func parseLink(part string, known func(string) bool, u domain.Units) (link, error) {
	if known(part) { // the common case: a bare reference, finish-to-start
		return link{ref: part, typ: domain.FS}, nil
	}
	named := false
	for k := len(part); k > 0; k-- {
		ref := strings.TrimSpace(part[:k])
		if !known(ref) {
			continue
		}
		named = true
		m := linkRest.FindStringSubmatch(part[k:])
		if m == nil {
			continue
		}
		l := link{ref: ref, typ: domain.FS}
		if m[1] != "" {
			l.typ = domain.DependencyType(strings.ToUpper(m[1]))
		}
		if m[2] != "" {
			lag, err := domain.ParseLag(m[2]+cleanAmount(m[3]), u)
			if err != nil {
				return l, errors.New(strconv.Quote(part) + " has a lag Cairn cannot read (try 3FS+2d, 5SS-1d or 4FF+50%)")
			}
			l.lag = lag
		}
		return l, nil
	}
	if named {
		return link{}, errors.New(strconv.Quote(part) + " is not a link (write the row, then FS, SS, FF or SF, then a lag: 3FS+2d, 5SS, 7)")
	}
	return link{}, errors.New(strconv.Quote(part) + " does not name another row")
}

// Spreadsheets run a cell that starts with =, +, -, @ as a formula, so
// Write puts a quote mark before such text, as Excel does when one types
// it; Read takes it off again.
func escapeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func unescapeText(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}
