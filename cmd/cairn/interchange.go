package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planio"
)

func runImport(ctx context.Context, e *env, args []string) error {
	f := newFlags("import", "FILE", "Import a plan file (YAML plan, MS Project XML, Primavera P6 .xer or .csv task list)\n"+
		"into a database as a new project, in one transaction.\nPrints the new project's key on its last line.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	dryRun := f.Bool("dry-run", false, "read and check the file and print what would be created, without opening the database")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one file to import, e.g. cairn import plan.yaml --db ./cairn.db")
	}
	in, err := planio.ReadFile(pos[0], time.Now())
	if err != nil {
		return err
	}
	plan, notes := in.Plan, in.Notes
	if *dryRun {
		return previewImport(e.stdout, pos[0], in)
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
	for _, n := range notes {
		fmt.Fprintln(e.stderr, "note:", n)
	}
	fmt.Fprintf(e.stderr, "imported %d tasks into %s\n", len(plan.Tasks), *db)
	fmt.Fprintln(e.stdout, p.Key)
	return nil
}

// previewImport prints what importing the file would create, after the
// checks the import itself makes, and the key it would get on the last line.
func previewImport(w io.Writer, path string, in *planio.File) error {
	pv, err := in.Preview()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	p := pv.Project
	fmt.Fprintf(w, "dry run: nothing was imported\n")
	fmt.Fprintf(w, "would create project %s %q starting %s\n", p.Key, p.Name, short(domain.FormatDateTime(p.Start)))
	fmt.Fprintf(w, "  %d tasks (%d summaries, %d milestones), %d links, %d resources, %d assignments, %d calendars\n",
		pv.Tasks, pv.Summaries, pv.Milestones, pv.Links, pv.Resources, pv.Assignments, pv.Calendars)
	fmt.Fprintf(w, "  scheduled from %s to %s\n", short(domain.FormatDateTime(pv.Start)), short(domain.FormatDateTime(pv.Finish)))
	for _, n := range pv.Notes {
		fmt.Fprintln(w, "note:", n)
	}
	fmt.Fprintln(w, p.Key)
	return nil
}

func runExport(ctx context.Context, e *env, args []string) error {
	f := newFlags("export", "", "Export a project from a database to a file.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	key := f.String("project", "", "key of the project to export (required)")
	format := f.String("format", "plan", "file format: plan (YAML plan file), mspdi (MS Project XML), csv (task list) or ical (milestones and deadlines)")
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
	if !slices.Contains(planio.WriteFormats, planio.Format(*format)) {
		return usagef("--format %q is not supported; use plan, mspdi, csv or ical", *format)
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
	data, err := planio.WriteBytes(planio.Format(*format), plan, time.Now(), "-//Cairn//Cairn "+version+"//EN")
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = e.stdout.Write(data)
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	return nil
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
