package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/cairnpm/cairn/backup"
)

func runBackup(ctx context.Context, e *env, args []string) error {
	f := newFlags("backup", "", "Write everything in a database to one JSON file: users (with password hashes), projects,\n"+
		"members, baselines and audit history. Sessions and API tokens are not backed up.\n"+
		"Restore the file with cairn restore.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	out := f.String("o", "", "output file, - for standard output (required)")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (the output file goes after -o)", pos[0])
	}
	if *out == "" {
		return usagef("-o is required, e.g. cairn backup --db ./cairn.db -o cairn-backup.json")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "-" {
		return backup.Write(ctx, st, e.stdout)
	}
	// Write beside the target and rename, so that a failed backup never
	// leaves a half-written file under the name of a good one.
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil { // password hashes inside
		tmp.Close()
		return fmt.Errorf("backup: %w", err)
	}
	if err := backup.Write(ctx, st, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(e.stderr, "backed up %s to %s\n", redactDB(*db), *out)
	return nil
}

func runRestore(ctx context.Context, e *env, args []string) error {
	f := newFlags("restore", "FILE", "Restore a backup made by cairn backup into a database, in one transaction:\n"+
		"if anything in the file is wrong, the database is left as it was. FILE - reads standard input.\n"+
		"The database must be empty (no projects, no users) unless --force is given.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	force := f.Bool("force", false, "replace: delete every project in the database, update users with the backup's e-mails, keep other users")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one backup file, e.g. cairn restore --db ./cairn.db cairn-backup.json")
	}
	var in io.Reader = e.stdin
	if pos[0] != "-" {
		file, err := os.Open(pos[0])
		if err != nil {
			return err
		}
		defer file.Close()
		in = file
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := backup.Restore(ctx, st, in, *force)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing was restored)", pos[0], err)
	}
	fmt.Fprintf(e.stdout, "restored %d users, %d projects (%d tasks) and %d audit events into %s\n",
		sum.Users, sum.Projects, sum.Tasks, sum.AuditEvents, redactDB(*db))
	return nil
}
