// Package planio reads a plan in any format Cairn imports — its own YAML
// plan files, MS Project XML, Primavera P6 XER and CSV task lists — telling
// them apart by the file's name and, for MS Project XML, its content. The
// CLI and the server both read uploads and files through it, so a format
// works the same everywhere.
package planio

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cairnpm/cairn/csvplan"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/schedule"
	"github.com/cairnpm/cairn/xer"
)

// Format names a plan file format.
type Format string

// The formats Read knows.
const (
	Plan  Format = "plan"  // Cairn's YAML plan file
	MSPDI Format = "mspdi" // MS Project XML
	XER   Format = "xer"   // Primavera P6 export
	CSV   Format = "csv"   // a task list
)

// File is a plan read from a file, with how to schedule it the way the
// tool that wrote it would, and notes on what the file held that the plan
// does not, or read in a way the user may not expect.
type File struct {
	Format  Format
	Plan    *domain.Plan
	Options schedule.Options
	Notes   []string
}

// Detect tells a file's format from its name and its first bytes.
func Detect(name string, head []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xer":
		return XER
	case ".csv":
		return CSV
	case ".xml":
		return MSPDI
	}
	if bytes.Contains(head[:min(len(head), 512)], []byte("schemas.microsoft.com/project")) {
		return MSPDI
	}
	return Plan
}

// Read reads data, named name in errors. A CSV task list that gives no
// dates starts on today's date.
func Read(name string, data []byte, today time.Time) (*File, error) {
	switch Detect(name, data) {
	case XER:
		f, err := xer.ReadNamed(bytes.NewReader(data), name)
		if err != nil {
			return nil, err
		}
		return &File{Format: XER, Plan: f.Plan, Options: xer.ScheduleOptions(f), Notes: f.Dropped}, nil
	case CSV:
		f, err := csvplan.Read(bytes.NewReader(data), name, csvplan.Options{DefaultStart: dateOf(today)})
		if err != nil {
			return nil, err
		}
		return &File{Format: CSV, Plan: f.Plan, Notes: f.Warnings}, nil
	case MSPDI:
		f, err := mspdi.ReadNamed(bytes.NewReader(data), name)
		if err != nil {
			return nil, err
		}
		return fromMSPDI(f), nil
	}
	p, err := planfile.Parse(name, data)
	if err != nil {
		return nil, err
	}
	return &File{Format: Plan, Plan: p}, nil
}

// ReadFile reads the file at path through each format's own file reader,
// which checks the file's size before reading it all.
func ReadFile(path string, today time.Time) (*File, error) {
	format, err := DetectFile(path)
	if err != nil {
		return nil, err
	}
	switch format {
	case XER:
		f, err := xer.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return &File{Format: XER, Plan: f.Plan, Options: xer.ScheduleOptions(f), Notes: f.Dropped}, nil
	case CSV:
		f, err := csvplan.ReadFile(path, csvplan.Options{DefaultStart: dateOf(today)})
		if err != nil {
			return nil, err
		}
		return &File{Format: CSV, Plan: f.Plan, Notes: f.Warnings}, nil
	case MSPDI:
		f, err := mspdi.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return fromMSPDI(f), nil
	}
	p, err := planfile.ParseFile(path)
	if err != nil {
		return nil, err
	}
	return &File{Format: Plan, Plan: p}, nil
}

// DetectFile tells the format of the file at path from its name and its
// first bytes.
func DetectFile(path string) (Format, error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	head := make([]byte, 512)
	n, _ := fh.Read(head)
	return Detect(path, head[:n]), nil
}

// MSPDIOptions schedule an MS Project file the way the MS Project that
// saved it would: with its critical-slack limit, and with the pre-2016
// rule for SS/SF predecessors when the file says an older version saved
// it.
func MSPDIOptions(f *mspdi.File) schedule.Options {
	return schedule.Options{CriticalSlack: f.CriticalSlackLimit, LegacyStartLinkSlack: f.SavedBefore2016()}
}

func fromMSPDI(f *mspdi.File) *File {
	return &File{Format: MSPDI, Plan: f.Plan, Options: MSPDIOptions(f), Notes: f.Dropped}
}

// dateOf is the date of t, at midnight UTC, as plan dates are kept.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
