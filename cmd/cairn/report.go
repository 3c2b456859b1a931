package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
)

func runReport(ctx context.Context, e *env, args []string) error {
	f := newFlags("report", "", "Draft a project's status report: red/amber/green status for schedule, cost, scope and risk\n"+
		"with the reasons, a plain-language summary, milestones, work finished and starting, risks and decisions.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	key := f.String("project", "", "key of the project to report on (required)")
	end := f.String("period-end", "", "last day of the reporting period (YYYY-MM-DD); default: the project's status date, else today")
	days := f.Int("period-days", 7, "length of the reporting period in days")
	baseline := f.Int("baseline", 0, "baseline to compare with (0–10)")
	format := f.String("format", "md", "output: md (Markdown), html (printable page) or json")
	out := f.String("o", "-", "output file, - for standard output")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *key == "" {
		return usagef("--project is required, e.g. --project NET")
	}
	if *format != "md" && *format != "html" && *format != "json" {
		return usagef("--format %q is not md, html or json", *format)
	}
	if err := domain.ValidateBaselineNumber(*baseline); err != nil {
		return usagef("--baseline %d: use 0 to 10", *baseline)
	}
	if *days < 1 {
		return usagef("--period-days must be at least 1")
	}
	var periodEnd time.Time
	if *end != "" {
		if periodEnd, err = parseDateFlag("--period-end", *end); err != nil {
			return err
		}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	a := app.New(st, nil)
	if periodEnd.IsZero() {
		p, err := a.Project(ctx, *key)
		if err != nil {
			return err
		}
		periodEnd = p.StatusDate
		if periodEnd.IsZero() {
			now := time.Now()
			periodEnd = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	r, err := a.DraftReportDocument(ctx, *key, app.ReportPeriod{End: periodEnd, Days: *days, Baseline: *baseline})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch *format {
	case "json":
		err = r.WriteJSON(&buf)
	case "html":
		err = r.WriteHTML(&buf)
	default:
		err = r.WriteMarkdown(&buf)
	}
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	return nil
}
