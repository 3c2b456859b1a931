package evm

import (
	"io"
	"math"
	"strconv"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// WriteJSON writes r as the JSON document of `cairn evm --format json`:
// the status date, the baseline, the EAC method, a "project" object, a
// "tasks" list in WBS order (each with the task's uid) and, when series is
// not empty, the project's time-phased "periods". Money is a JSON number
// in units of currency, written exactly from minor units ("1250.50");
// dates are project-local YYYY-MM-DDTHH:MM:SS; times are working days;
// measures that divide by zero are null.
func (r *Result) WriteJSON(w io.Writer, currency string, series []Point) error {
	j := jsonWriter{cur: currency, b: make([]byte, 0, 64<<10)}
	b := append(j.b, `{"status_date":`...)
	b = appendDate(b, r.StatusDate)
	b = append(b, `,"baseline":`...)
	b = strconv.AppendInt(b, int64(r.Baseline), 10)
	b = append(b, `,"currency":`...)
	b = strconv.AppendQuote(b, currency)
	b = append(b, `,"eac_method":`...)
	b = strconv.AppendQuote(b, string(r.Method))
	b = append(b, `,"project":`...)
	b = j.measures(b, &r.Project, false)
	b = append(b, `,"tasks":[`...)
	for i := range r.Tasks {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = j.measures(b, &r.Tasks[i], true)
		if len(b) > 60<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	b = append(b, "\n]"...)
	if len(series) > 0 {
		b = append(b, `,"periods":[`...)
		for i, p := range series {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n"+`{"date":`...)
			b = strconv.AppendQuote(b, domain.FormatDate(p.Date))
			b = j.money(b, "pv", p.PV)
			if p.Measured {
				b = j.money(b, "ev", p.EV)
				b = j.money(b, "ac", p.AC)
			} else {
				b = append(b, `,"ev":null,"ac":null`...)
			}
			b = append(b, '}')
		}
		b = append(b, "\n]"...)
	}
	b = append(b, "}\n"...)
	_, err := w.Write(b)
	return err
}

type jsonWriter struct {
	cur string
	b   []byte
}

// measures appends one Measures object; task adds the task's identity.
func (j *jsonWriter) measures(b []byte, m *Measures, task bool) []byte {
	b = append(b, '{')
	if task {
		b = append(b, `"uid":`...)
		b = strconv.AppendInt(b, m.UID, 10)
		b = append(b, `,"id":`...)
		b = strconv.AppendInt(b, m.ID, 10)
		b = append(b, `,"outline":`...)
		b = strconv.AppendQuote(b, m.Outline)
		b = append(b, `,"name":`...)
		b = strconv.AppendQuote(b, m.Name)
		b = append(b, `,"summary":`...)
		b = strconv.AppendBool(b, m.Summary)
		b = append(b, ',')
	} else {
		b = append(b, `"name":`...)
		b = strconv.AppendQuote(b, m.Name)
		b = append(b, ',')
	}
	b = append(b, `"in_baseline":`...)
	b = strconv.AppendBool(b, m.InBaseline)
	b = j.money(b, "bac", m.BAC)
	b = j.money(b, "pv", m.PV)
	b = j.money(b, "ev", m.EV)
	b = j.money(b, "ac", m.AC)
	b = j.money(b, "sv", m.SV)
	b = j.money(b, "cv", m.CV)
	b = number(b, "spi", m.SPI, 4)
	b = number(b, "cpi", m.CPI, 4)
	b = j.estimate(b, "eac", m.EAC)
	b = j.estimate(b, "etc", m.ETC)
	b = j.estimate(b, "vac", m.VAC)
	b = number(b, "tcpi", m.TCPI, 4)
	b = append(b, `,"eac_methods":{`...)
	for i, meth := range Methods {
		e := m.Forecasts[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, string(meth))
		b = append(b, ':')
		b = j.amount(b, e)
	}
	b = append(b, '}')
	b = date(b, "es", m.ES, !math.IsNaN(m.ESDays))
	b = number(b, "sv_t", m.SVt, 2)
	b = number(b, "spi_t", m.SPIt, 4)
	b = date(b, "ieac_t", m.IEACt, !m.IEACt.IsZero())
	b = number(b, "es_days", m.ESDays, 2)
	b = number(b, "at_days", m.ATDays, 2)
	b = number(b, "pd_days", m.PDDays, 2)
	b = number(b, "ieac_t_days", m.IEACtDays, 2)
	return append(b, '}')
}

func key(b []byte, k string) []byte {
	b = append(b, `,"`...)
	b = append(b, k...)
	return append(b, `":`...)
}

func (j *jsonWriter) money(b []byte, k string, v int64) []byte {
	return append(key(b, k), domain.FormatMoney(v, j.cur)...)
}

func (j *jsonWriter) estimate(b []byte, k string, e Estimate) []byte {
	return j.amount(key(b, k), e)
}

func (j *jsonWriter) amount(b []byte, e Estimate) []byte {
	if !e.Defined {
		return append(b, "null"...)
	}
	return append(b, domain.FormatMoney(e.Amount, j.cur)...)
}

// number appends a ratio or a number of days rounded to decimals, or
// null when it is undefined.
func number(b []byte, k string, v float64, decimals int) []byte {
	b = key(b, k)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	p := math.Pow10(decimals)
	v = math.Round(v*p) / p
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

func date(b []byte, k string, t time.Time, ok bool) []byte {
	b = key(b, k)
	if !ok || t.IsZero() {
		return append(b, "null"...)
	}
	return appendDate(b, t)
}

func appendDate(b []byte, t time.Time) []byte {
	return strconv.AppendQuote(b, domain.FormatDateTime(t))
}
