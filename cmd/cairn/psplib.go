package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/cairnpm/cairn/psplib"
)

func runPSPLIB(ctx context.Context, e *env, args []string) error {
	f := newFlags("psplib", "DIR", "Level every PSPLIB single-mode instance (.sm) in DIR with Cairn's resource levelling,\nwithin a budget of generated schedules per instance, and report the deviation from the\noptimum (J30, from ../solutions/j30opt.sm) or from the critical-path bound (J60, J120).")
	schedules := f.Int("schedules", 1000, "schedules generated per instance (each forward or backward pass counts)")
	format := f.String("format", "text", "output: text or json")
	seed := f.Uint64("seed", 1, "random seed; the same seed gives the same schedules")
	workers := f.Int("workers", 0, "instances solved at once (0: one per core)")
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one directory of .sm files, e.g. cairn psplib testdata/psplib/j30")
	}
	if *schedules < 1 {
		return usagef("--schedules must be at least 1")
	}
	if *format != "text" && *format != "json" {
		return usagef("--format %q is not text or json", *format)
	}
	if *workers <= 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	rep, err := psplib.Bench(ctx, pos[0], *schedules, *seed, *workers)
	if err != nil {
		return fmt.Errorf("psplib: %w", err)
	}
	if *format == "json" {
		return rep.WriteJSON(e.stdout)
	}
	return rep.WriteText(e.stdout)
}
