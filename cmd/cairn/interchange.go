package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/mspdi"
	"github.com/cairnpm/cairn/planfile"
	"github.com/cairnpm/cairn/schedule"
)

func runImport(ctx context.Context, e *env, args []string) error {
	f := newFlags("import", "FILE", "Import a plan file into a database as a new project.\nPrints the new project's key on its last line.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one file to import, e.g. cairn import plan.yaml --db ./cairn.db")
	}
	plan, _, err := loadPlanFile(pos[0])
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := app.New(st, nil).ImportPlan(app.WithActor(ctx, "cli"), plan)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "imported %d tasks into %s\n", len(plan.Tasks), *db)
	fmt.Fprintln(e.stdout, p.Key)
	return nil
}

func runExport(ctx context.Context, e *env, args []string) error {
	f := newFlags("export", "", "Export a project from a database to a file.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	key := f.String("project", "", "key of the project to export (required)")
	format := f.String("format", "plan", "file format: plan (YAML plan file) or mspdi (MS Project XML)")
	out := f.String("o", "-", "output file, - for standard output")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (the output file goes after -o)", pos[0])
	}
	if *key == "" {
		return usagef("--project is required, e.g. --project NET")
	}
	export, ok := exporters[*format]
	if !ok {
		return usagef("--format %q is not supported; use plan or mspdi", *format)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	plan, err := app.New(st, nil).Plan(ctx, *key)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export(&buf, plan); err != nil {
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

// exporters write a project's plan in each --format of cairn export.
var exporters = map[string]func(io.Writer, *domain.Plan) error{
	"plan": func(w io.Writer, p *domain.Plan) error {
		data, err := planfile.Write(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	},
	// MS Project XML carries the computed schedule too, for readers that
	// show the dates as they are.
	"mspdi": func(w io.Writer, p *domain.Plan) error {
		res, err := schedule.Compute(p, schedule.Options{})
		if err != nil {
			return err
		}
		return mspdi.Write(w, p, res)
	},
}

func runMigrate(ctx context.Context, e *env, args []string) error {
	f := newFlags("migrate", "", "Create the database if missing and bring its schema up to date.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "schema up to date:", *db)
	return st.Close()
}
