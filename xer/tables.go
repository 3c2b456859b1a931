package xer

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// MaxSize is the largest XER file Read accepts: 512 MiB, far above any
// real export, so that a hostile file cannot exhaust memory.
const MaxSize = 512 << 20

// maxFields bounds the fields of one table; P6's widest has about 150.
const maxFields = 4096

// wanted are the tables Read uses. Rows of other tables are counted, so
// that File.Dropped can say what was not read, but not kept.
var wanted = map[string]bool{
	"PROJECT": true, "CALENDAR": true, "PROJWBS": true, "TASK": true,
	"TASKPRED": true, "RSRC": true, "RSRCRATE": true, "TASKRSRC": true,
	"CURRTYPE": true, "TASKMEMO": true,
}

// table is one %T section: its field names and the rows kept.
type table struct {
	name   string
	line   int // of the %T line
	fields []string
	cols   map[string]int
	rows   []row
}

// row is one %R line: its line number and its values, in field order.
type row struct {
	line int
	vals []string
}

// col returns the index of field name, or -1 when the table lacks it.
func (t *table) col(name string) int {
	if t == nil {
		return -1
	}
	if i, ok := t.cols[name]; ok {
		return i
	}
	return -1
}

// at returns the value in column c, "" when the column is missing.
func (r row) at(c int) string {
	if c < 0 || c >= len(r.vals) {
		return ""
	}
	return r.vals[c]
}

// document is an XER file split into tables.
type document struct {
	version string            // from the ERMHDR line, e.g. "8.3"
	tables  map[string]*table // wanted tables, by name
	skipped map[string]int    // rows of tables not read, by table name
	charset string            // "UTF-8" or "Windows-1252"
}

// decode turns the raw bytes into text: UTF-8 as is (a byte order mark is
// dropped), UTF-16 with a byte order mark converted, and anything else
// read as Windows-1252, the code page P6 writes on Western Windows.
func decode(data []byte, f *failer) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		if len(data)%2 != 0 {
			return "", "", f.At(1, "encoding", "the file starts like UTF-16 but has an odd number of bytes; export it again from P6")
		}
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", f.At(1, "encoding", "the file starts like UTF-16 but is not valid UTF-16: %v; export it again from P6", err)
		}
		return string(out), "UTF-16", nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		line := 1 + bytes.Count(data[:bytes.IndexByte(data, 0)], []byte{'\n'})
		return "", "", f.At(line, "encoding", "the file contains NUL bytes, so it is not an XER text file (is it UTF-16 without a byte order mark, or a binary file?)")
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", f.At(1, "encoding", "the file is neither UTF-8 nor Windows-1252: %v", err)
	}
	return string(out), "Windows-1252", nil
}

// split reads the tables of an XER text. Every line is one record:
// "ERMHDR" first, then "%T" (a table), "%F" (its fields), "%R" (a row) and
// "%E" (the end); values are separated by tabs.
func split(text string, f *failer) (*document, error) {
	doc := &document{tables: map[string]*table{}, skipped: map[string]int{}}
	var cur *table
	curName, curFields := "", false
	line := 0
	for len(text) > 0 {
		line++
		var ln string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			ln, text = text[:i], text[i+1:]
		} else {
			ln, text = text, ""
		}
		ln = strings.TrimSuffix(ln, "\r")
		if line == 1 {
			if !strings.HasPrefix(ln, "ERMHDR") {
				return nil, f.At(1, "not_xer", "this is not an XER file: it should start with ERMHDR (export the project from P6 with File → Export → Primavera PM/XER)")
			}
			if parts := strings.Split(ln, "\t"); len(parts) > 1 {
				doc.version = strings.TrimSpace(parts[1])
			}
			continue
		}
		if strings.TrimSpace(ln) == "" {
			continue
		}
		tag, rest, _ := strings.Cut(ln, "\t")
		switch tag {
		case "%T":
			name := strings.TrimSpace(strings.SplitN(rest, "\t", 2)[0])
			if name == "" {
				return nil, f.At(line, "syntax", "%%T without a table name")
			}
			curName, curFields, cur = name, false, nil
			if wanted[name] {
				if doc.tables[name] != nil {
					return nil, f.At(line, "syntax", "table %s appears twice; an XER file has each table once", name)
				}
				cur = &table{name: name, line: line}
				doc.tables[name] = cur
			} else if _, seen := doc.skipped[name]; seen {
				return nil, f.At(line, "syntax", "table %s appears twice; an XER file has each table once", name)
			} else {
				doc.skipped[name] = 0
			}
		case "%F":
			if curName == "" {
				return nil, f.At(line, "syntax", "%%F (field names) before any %%T (table)")
			}
			if curFields {
				return nil, f.At(line, "syntax", "table %s has a second %%F line", curName)
			}
			curFields = true
			if cur != nil {
				if err := cur.setFields(rest, line, f); err != nil {
					return nil, err
				}
			}
		case "%R":
			if !curFields {
				return nil, f.At(line, "syntax", "%%R (a row) before the %%F line that names its fields")
			}
			if cur == nil {
				doc.skipped[curName]++
				continue
			}
			vals := strings.Split(rest, "\t")
			if len(vals) > len(cur.fields) {
				for _, v := range vals[len(cur.fields):] {
					if strings.TrimSpace(v) != "" {
						return nil, f.At(line, "syntax", "table %s: the row has %d values but the table has %d fields", curName, len(vals), len(cur.fields))
					}
				}
				vals = vals[:len(cur.fields)]
			}
			cur.rows = append(cur.rows, row{line: line, vals: vals})
		case "%E":
			return doc, nil
		default:
			return nil, f.At(line, "syntax", "the line starts with %q; XER lines start with %%T, %%F, %%R or %%E (was the file edited in a text editor that wrapped long lines?)", clip(tag))
		}
	}
	return doc, nil
}

// setFields records the field names of t from the rest of a %F line.
func (t *table) setFields(rest string, line int, f *failer) error {
	t.fields = strings.Split(rest, "\t")
	for len(t.fields) > 0 && strings.TrimSpace(t.fields[len(t.fields)-1]) == "" {
		t.fields = t.fields[:len(t.fields)-1]
	}
	if len(t.fields) > maxFields {
		return f.At(line, "syntax", "table %s has %d fields; at most %d are allowed", t.name, len(t.fields), maxFields)
	}
	t.cols = make(map[string]int, len(t.fields))
	for i, name := range t.fields {
		name = strings.TrimSpace(name)
		if _, dup := t.cols[name]; dup {
			return f.At(line, "syntax", "table %s names field %s twice", t.name, name)
		}
		t.cols[name] = i
	}
	return nil
}

// skippedSummary says which tables were not read, largest first:
// "ACTVCODE (12 rows), UDFVALUE (3 rows)".
func (d *document) skippedSummary() string {
	names := make([]string, 0, len(d.skipped))
	for n := range d.skipped {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := d.skipped[names[i]], d.skipped[names[j]]
		return a > b || a == b && names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, n := range names {
		unit := "rows"
		if d.skipped[n] == 1 {
			unit = "row"
		}
		parts[i] = fmt.Sprintf("%s (%d %s)", n, d.skipped[n], unit)
	}
	return strings.Join(parts, ", ")
}
