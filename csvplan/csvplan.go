package csvplan

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// File is what a CSV task list holds.
type File struct {
	// Plan is the task list as a validated plan. Tasks are numbered from
	// 1 in row order; a whole-number ID column gives their UIDs (the
	// number in the task key), other IDs become their handles (Ref).
	Plan *domain.Plan
	// Estimates holds the three-point estimates of the tasks that have
	// them, by task ID. The domain has no place for them yet.
	Estimates map[int64]Estimate
	// Delimiter is the field separator found: ',', ';', '\t' or '|'.
	Delimiter rune
	// Encoding is what the file was read as: "UTF-8", "UTF-16" or
	// "Windows-1252".
	Encoding string
	// Warnings says what was read in a way the user may not expect, such
	// as columns that were not recognised and so not read.
	Warnings []string
}

// Estimate is a task's three-point estimate, for PERT and Monte Carlo
// simulation. A zero duration means the column was empty.
type Estimate struct {
	Optimistic, MostLikely, Pessimistic domain.Duration
}

// Options say what the file itself cannot.
type Options struct {
	// Key and Name are the project's; by default they come from the file
	// name ("office-move.csv" → "OM", "office-move").
	Key, Name string
	// DefaultStart is the project start when no row gives a start date;
	// otherwise the project starts at the earliest start in the file.
	DefaultStart time.Time
	// Units turn days and weeks into working minutes (default 8-hour
	// days, 40-hour weeks).
	Units domain.Units
	// DateOrder says how dates with slashes read; see DateOrder.
	DateOrder DateOrder
}

// maxErrors is how many problems one read reports before it stops.
const maxErrors = 10

// Read reads a CSV task list. name is used in errors and for the default
// project key and name. Nothing is returned when any row is wrong: the
// error lists up to ten problems, one a line, each "FILE:LINE:COLUMN:
// what is wrong; how to fix it". It is a *domain.Error of kind invalid.
func Read(r io.Reader, name string, opt Options) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &domain.Error{Kind: domain.KindInvalid, Code: "csv_read",
			Detail: fmt.Sprintf("%s:1:1: cannot read the file: %v", name, err), Err: err}
	}
	if len(data) > MaxSize {
		return nil, invalid(fmt.Sprintf("%s:1:1: the file is over %d MiB; split the task list", name, MaxSize>>20))
	}
	text, enc, err := decode(data)
	if err != nil {
		return nil, invalid(fmt.Sprintf("%s:1:1: the file is not valid UTF-16: %v; save it as CSV UTF-8", name, err))
	}
	delim, skip := delimiter(text)
	rd := &reader{name: name, opt: opt, units: opt.Units.OrDefault(), delim: delim}
	skipLines := 0
	if skip > 0 {
		skipLines = 1 // Excel's "sep=" line
	}
	rd.pos = newPositions(text, skipLines)
	if err := rd.records(text[skip:]); err != nil {
		return nil, err
	}
	out, err := rd.build()
	if err != nil {
		return nil, err
	}
	out.Delimiter, out.Encoding = delim, enc
	if enc == "Windows-1252" {
		out.Warnings = append(out.Warnings, "the file is not UTF-8 and was read as Windows-1252 (Excel's \"CSV\" on Western Windows); save as \"CSV UTF-8\" to be sure of accents")
	}
	return out, nil
}

// ReadFile reads the CSV file at path.
func ReadFile(path string, opt Options) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	defer fh.Close()
	return Read(fh, path, opt)
}

func invalid(detail string) *domain.Error {
	return &domain.Error{Kind: domain.KindInvalid, Code: "csv_invalid", Detail: detail}
}

// reader holds the state of one Read.
type reader struct {
	name   string
	opt    Options
	units  domain.Units
	delim  rune
	pos    *positions
	header []string
	col    [numColumns]int // field index of each column, -1 when absent
	rows   []record
	errs   []string
	warn   []string
	order  DateOrder
}

// record is one row of the file with where each field starts.
type record struct {
	fields []string
	at     [][2]int // line and character column of each field
}

// cell returns the value of column c in rec, trimmed.
func (rd *reader) cell(rec record, c column) string {
	return strings.TrimSpace(rd.raw(rec, c))
}

// raw returns the value of column c in rec as written, "" when absent.
func (rd *reader) raw(rec record, c column) string {
	if i := rd.col[c]; i >= 0 && i < len(rec.fields) {
		return rec.fields[i]
	}
	return ""
}

// fail records a problem with column c of rec (the row's start when the
// row lacks the column).
func (rd *reader) fail(rec record, c column, format string, args ...any) {
	line, col := rec.at[0][0], 1
	if i := rd.col[c]; i >= 0 && i < len(rec.at) {
		line, col = rec.at[i][0], rec.at[i][1]
	}
	rd.failAt(line, col, format, args...)
}

func (rd *reader) failAt(line, col int, format string, args ...any) {
	if len(rd.errs) < maxErrors {
		rd.errs = append(rd.errs, fmt.Sprintf("%s:%d:%d: ", rd.name, line, col)+fmt.Sprintf(format, args...))
	}
}

// failed returns the problems found as one error, or nil.
func (rd *reader) failed() error {
	if len(rd.errs) == 0 {
		return nil
	}
	msg := strings.Join(rd.errs, "\n")
	if len(rd.errs) == maxErrors {
		msg += "\n(stopped after " + fmt.Sprint(maxErrors) + " problems)"
	}
	return invalid(msg)
}

// label names column c as the file's header does.
func (rd *reader) label(c column) string {
	if i := rd.col[c]; i >= 0 && i < len(rd.header) {
		return strings.TrimSpace(rd.header[i])
	}
	return headers[c]
}

// records reads the header and the rows of text.
func (rd *reader) records(text string) error {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = rd.delim
	cr.FieldsPerRecord = -1
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			rd.csvError(err)
			return rd.failed()
		}
		rec := record{fields: fields, at: make([][2]int, len(fields))}
		for i := range fields {
			line, col := cr.FieldPos(i)
			rec.at[i] = [2]int{line + rd.pos.skip, rd.pos.column(line, col)}
		}
		if rd.header == nil {
			rd.header = fields
			rd.columns(rec)
			if err := rd.failed(); err != nil {
				return err
			}
			continue
		}
		if blankRow(fields) {
			continue
		}
		if len(rd.rows) == MaxRows {
			rd.failAt(rec.at[0][0], 1, "more than %d rows; split the task list", MaxRows)
			return rd.failed()
		}
		rd.rows = append(rd.rows, rec)
	}
	if rd.header == nil {
		rd.failAt(1, 1, "the file is empty; its first line should name the columns, such as Name,Duration,Predecessors")
	}
	return rd.failed()
}

// csvError reports a syntax error of encoding/csv with a hint.
func (rd *reader) csvError(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		rd.failAt(1, 1, "cannot read the file as CSV: %v", err)
		return
	}
	hint := "check the quotes on this line"
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		hint = `a field with a quote in it must be quoted as a whole, with the quote doubled: "say ""hi"""`
	case errors.Is(pe.Err, csv.ErrQuote):
		hint = "a quoted field is not closed, or text follows its closing quote; close it with \" before the next " + delimName(rd.delim)
	}
	rd.failAt(pe.Line+rd.pos.skip, rd.pos.column(pe.Line, pe.Column), "%v; %s", pe.Err, hint)
}

func delimName(d rune) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return string(d)
}

func blankRow(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// columns maps the header to the columns Cairn reads.
func (rd *reader) columns(rec record) {
	for c := range rd.col {
		rd.col[c] = -1
	}
	var unknown []string
	for i, h := range rec.fields {
		key := normalise(h)
		if strings.TrimSpace(h) == "#" {
			key = "id"
		}
		if key == "" {
			continue
		}
		c, ok := synonyms[key]
		if !ok {
			unknown = append(unknown, strings.TrimSpace(h))
			continue
		}
		if j := rd.col[c]; j >= 0 {
			rd.failAt(rec.at[i][0], rec.at[i][1], "column %q repeats column %q (both are %s); remove or rename one", strings.TrimSpace(h), strings.TrimSpace(rec.fields[j]), headers[c])
			continue
		}
		rd.col[c] = i
	}
	if rd.col[colName] < 0 {
		rd.failAt(rec.at[0][0], 1, "no column names the tasks; call one Name (or Task, Task Name, Title)")
	}
	if len(unknown) > 0 {
		rd.warn = append(rd.warn, fmt.Sprintf("columns not read: %s (see docs/csv-format.md for the names Cairn reads)", strings.Join(unknown, ", ")))
	}
}

// keyFromName derives a project key from a name: the initials of its
// words in capitals ("office-move" → "OM"), or the word itself, up to 10
// letters or digits and starting with a letter; "CSV" when nothing fits.
func keyFromName(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	var key string
	if len(words) == 1 {
		key = words[0]
	} else {
		for _, w := range words {
			key += w[:1]
		}
	}
	key = strings.TrimLeft(strings.ToUpper(key), "0123456789")
	if len(key) > 10 {
		key = key[:10]
	}
	if len(key) < 2 {
		return "CSV"
	}
	return key
}

// baseName is a file name without its directory and extension.
func baseName(name string) string {
	b := filepath.Base(name)
	return strings.TrimSuffix(b, filepath.Ext(b))
}
