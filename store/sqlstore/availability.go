package sqlstore

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// availabilityJSON is how a resource's availability periods are stored: a
// JSON array in one column, since they are read and written with the
// resource and never queried on their own.
type availabilityJSON struct {
	From  string  `json:"from"`
	To    string  `json:"to,omitempty"`
	Units float64 `json:"units"`
}

// availabilityValue stores periods as JSON text.
type availabilityValue []domain.Availability

func (v availabilityValue) Value() (driver.Value, error) {
	out := make([]availabilityJSON, len(v))
	for i, a := range v {
		out[i] = availabilityJSON{From: a.From.Format(domain.DateTimeLayout), Units: a.Units}
		if !a.To.IsZero() {
			out[i].To = a.To.Format(domain.DateTimeLayout)
		}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// availabilityScan reads the JSON text back.
type availabilityScan struct{ dst *[]domain.Availability }

func (s availabilityScan) Scan(src any) error {
	var text []byte
	switch v := src.(type) {
	case string:
		text = []byte(v)
	case []byte:
		text = v
	case nil:
		*s.dst = nil
		return nil
	default:
		return fmt.Errorf("availability: unexpected %T", src)
	}
	var rows []availabilityJSON
	if err := json.Unmarshal(text, &rows); err != nil {
		return fmt.Errorf("availability: %w", err)
	}
	if len(rows) == 0 {
		*s.dst = nil
		return nil
	}
	out := make([]domain.Availability, len(rows))
	for i, r := range rows {
		from, err := time.Parse(domain.DateTimeLayout, r.From)
		if err != nil {
			return fmt.Errorf("availability: %w", err)
		}
		out[i] = domain.Availability{From: from, Units: r.Units}
		if r.To != "" {
			if out[i].To, err = time.Parse(domain.DateTimeLayout, r.To); err != nil {
				return fmt.Errorf("availability: %w", err)
			}
		}
	}
	*s.dst = out
	return nil
}
