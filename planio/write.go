package planio

import (
	"bytes"
	"io"
	"time"

	"github.com/cairnpm/cairn/csvplan"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/ical"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/schedule"
)

// ICal is the iCalendar format: a project's milestones and deadlines. It
// is written, never read.
const ICal Format = "ical"

// WriteFormats are the formats Write knows, in the order a user is
// offered them.
var WriteFormats = []Format{Plan, MSPDI, CSV, ICal}

// ContentType is the media type of a written format.
func ContentType(f Format) string {
	switch f {
	case MSPDI:
		return "application/xml; charset=utf-8"
	case CSV:
		return "text/csv; charset=utf-8"
	case ICal:
		return "text/calendar; charset=utf-8"
	}
	return "application/yaml; charset=utf-8"
}

// Extension is a written format's file name extension.
func Extension(f Format) string {
	return map[Format]string{Plan: ".yaml", MSPDI: ".xml", CSV: ".csv", ICal: ".ics"}[f]
}

// Write writes plan p in format f: a Cairn plan file, MS Project XML with
// the computed schedule and each task's UID, a CSV task list with its
// dates, or an iCalendar of its milestones and deadlines (stamped now,
// with producer as its PRODID). The CLI's export and the API's share it.
func Write(w io.Writer, f Format, p *domain.Plan, now time.Time, producer string) error {
	switch f {
	case Plan:
		data, err := planfile.Write(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	case MSPDI:
		res, err := schedule.Compute(p, schedule.Options{})
		if err != nil {
			return err
		}
		return mspdi.Write(w, p, res)
	case CSV:
		res, err := schedule.Compute(p, schedule.Options{StatusDate: p.Project.StatusDate})
		if err != nil {
			return err
		}
		return csvplan.Write(w, p, csvplan.WriteOptions{Result: res})
	case ICal:
		res, err := schedule.Compute(p, schedule.Options{})
		if err != nil {
			return err
		}
		return ical.Write(w, ical.ProjectCalendar(p, res, producer, now.UTC().Truncate(time.Second)))
	}
	return domain.Invalid("invalid_format", "format", "format %q is not known; use plan, mspdi, csv or ical", f)
}

// WriteBytes is Write into memory, so a failed export writes nothing.
func WriteBytes(f Format, p *domain.Plan, now time.Time, producer string) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, f, p, now, producer); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
