package backup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// Parse reads a backup file: its JSON, format and version, and every
// object in it, refusing fields it does not know. Errors name the place,
// as a JSON path (projects[0].tasks[3].duration) or a line and column.
// Parse does not check references; Restore does, before it writes.
func Parse(data []byte) (*File, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, syntaxError(data, err)
	}
	if top == nil {
		return nil, invalid("", "the file holds null, not a Cairn backup")
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError("", err)
	}
	if head.Format != Format {
		return nil, invalid("format", "this is not a Cairn backup: format is %q, want %q", head.Format, Format)
	}
	if head.Version != Version {
		return nil, invalid("version", "backup format version %d is not supported; this Cairn reads version %d", head.Version, Version)
	}
	var raw struct {
		Format   string            `json:"format"`
		Version  int               `json:"version"`
		Created  string            `json:"created"`
		Users    []json.RawMessage `json:"users"`
		Projects []json.RawMessage `json:"projects"`
		Audit    []json.RawMessage `json:"audit"`
	}
	if err := decodeStrict("", data, &raw); err != nil {
		return nil, err
	}
	f := &File{Format: raw.Format, Version: raw.Version, Created: raw.Created}
	var err error
	if f.Users, err = decodeList[User]("users", raw.Users); err != nil {
		return nil, err
	}
	if f.Audit, err = decodeList[Event]("audit", raw.Audit); err != nil {
		return nil, err
	}
	for i, rp := range raw.Projects {
		p, err := parseProject(fmt.Sprintf("projects[%d]", i), rp)
		if err != nil {
			return nil, err
		}
		f.Projects = append(f.Projects, p)
	}
	return f, nil
}

func parseProject(path string, data json.RawMessage) (Project, error) {
	var raw struct {
		Project      json.RawMessage   `json:"project"`
		Calendars    []json.RawMessage `json:"calendars"`
		Tasks        []json.RawMessage `json:"tasks"`
		Dependencies []json.RawMessage `json:"dependencies"`
		Resources    []json.RawMessage `json:"resources"`
		Assignments  []json.RawMessage `json:"assignments"`
		Baselines    []json.RawMessage `json:"baselines"`
		RateChanges  []json.RawMessage `json:"rate_changes"`
		Reports      []json.RawMessage `json:"reports"`
		TimeEntries  []json.RawMessage `json:"time_entries"`
		Expenses     []json.RawMessage `json:"expenses"`
		TaskBudgets  []json.RawMessage `json:"task_budgets"`
		RiskMatrix   *RiskMatrix       `json:"risk_matrix"`
		Risks        []json.RawMessage `json:"risks"`
		Estimates    []json.RawMessage `json:"estimates"`
		Groups       []json.RawMessage `json:"correlation_groups"`
		Members      []json.RawMessage `json:"members"`
		Audit        []json.RawMessage `json:"audit"`
	}
	var p Project
	if err := decodeStrict(path, data, &raw); err != nil {
		return p, err
	}
	if len(raw.Project) == 0 {
		return p, invalid(path+".project", "a project needs its fields (key, name, start, …)")
	}
	if err := decodeStrict(path+".project", raw.Project, &p.Project); err != nil {
		return p, err
	}
	var err error
	if p.Calendars, err = decodeList[Calendar](path+".calendars", raw.Calendars); err != nil {
		return p, err
	}
	if p.Tasks, err = decodeList[Task](path+".tasks", raw.Tasks); err != nil {
		return p, err
	}
	if p.Dependencies, err = decodeList[Dependency](path+".dependencies", raw.Dependencies); err != nil {
		return p, err
	}
	if p.Resources, err = decodeList[Resource](path+".resources", raw.Resources); err != nil {
		return p, err
	}
	if p.Assignments, err = decodeList[Assignment](path+".assignments", raw.Assignments); err != nil {
		return p, err
	}
	if p.Baselines, err = decodeList[Baseline](path+".baselines", raw.Baselines); err != nil {
		return p, err
	}
	if p.RateChanges, err = decodeList[RateChange](path+".rate_changes", raw.RateChanges); err != nil {
		return p, err
	}
	if p.Reports, err = decodeList[Report](path+".reports", raw.Reports); err != nil {
		return p, err
	}
	if p.TimeEntries, err = decodeList[TimeEntry](path+".time_entries", raw.TimeEntries); err != nil {
		return p, err
	}
	if p.Expenses, err = decodeList[Expense](path+".expenses", raw.Expenses); err != nil {
		return p, err
	}
	if p.TaskBudgets, err = decodeList[TaskBudget](path+".task_budgets", raw.TaskBudgets); err != nil {
		return p, err
	}
	p.RiskMatrix = raw.RiskMatrix
	if p.Risks, err = decodeList[Risk](path+".risks", raw.Risks); err != nil {
		return p, err
	}
	if p.Estimates, err = decodeList[Estimate](path+".estimates", raw.Estimates); err != nil {
		return p, err
	}
	if p.CorrelationGroups, err = decodeList[CorrelationGroup](path+".correlation_groups", raw.Groups); err != nil {
		return p, err
	}
	if p.Members, err = decodeList[Member](path+".members", raw.Members); err != nil {
		return p, err
	}
	p.Audit, err = decodeList[Event](path+".audit", raw.Audit)
	return p, err
}

// decodeList decodes each element of a list on its own, so that an
// error names its index.
func decodeList[T any](path string, raws []json.RawMessage) ([]T, error) {
	out := make([]T, len(raws))
	for i, raw := range raws {
		if err := decodeStrict(fmt.Sprintf("%s[%d]", path, i), raw, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// decodeStrict decodes one JSON value into v, refusing unknown fields.
func decodeStrict(path string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(path, err)
	}
	return nil
}

// jsonError says where in the backup a decoding error happened.
func jsonError(path string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		where := join(path, te.Field)
		return invalid(where, "got a JSON %s, want %s", te.Value, jsonType(te.Type.Kind().String()))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field, _ := strconv.Unquote(name)
		return invalid(join(path, field), "unknown field %s (a backup from a newer Cairn? this one reads format version %d)", name, Version)
	}
	return invalid(path, "%v", err)
}

// syntaxError says where the JSON of a whole file goes wrong.
func syntaxError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineColumn(data, se.Offset)
		msg := se.Error()
		if strings.Contains(msg, "unexpected end") || se.Offset >= int64(len(data)) {
			msg += " (is the file truncated?)"
		}
		return invalid("", "line %d, column %d: the file is not valid JSON: %s", line, col, msg)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return invalid("", "the file holds a JSON %s, not a Cairn backup (a JSON object)", te.Value)
	}
	return invalid("", "the file is not valid JSON: %v", err)
}

func lineColumn(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

func join(path, field string) string {
	switch {
	case path == "":
		return field
	case field == "":
		return path
	}
	return path + "." + field
}

// jsonType names a Go kind as the JSON type that decodes into it.
func jsonType(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "an integer"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "true or false"
	case kind == "slice", kind == "array":
		return "a list"
	}
	return "an object"
}

// invalid is a backup error at path.
func invalid(path, format string, args ...any) error {
	return domain.Invalid("invalid_backup", path, format, args...)
}
