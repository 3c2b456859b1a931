package main

import (
	"time"

	"errors"
	"flag"
	"fmt"
	"github.com/cairnpm/cairn/domain"
	"io"
	"strings"
)

// errHelp is returned when a command printed its help.
var errHelp = errors.New("help requested")

// usageError marks a mistake in how the command was called.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

// flags is a command's flag set with its usage text.
type flags struct {
	*flag.FlagSet
	synopsis, about string
	env             map[string]string // flag name → environment variable
}

func newFlags(name, synopsis, about string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flags{FlagSet: fs, synopsis: synopsis, about: about, env: map[string]string{}}
}

// fromEnv makes flag name default to the environment variable v.
func (f *flags) fromEnv(name, v string) { f.env[name] = v }

func (f *flags) usage(w io.Writer) {
	fmt.Fprintf(w, "Usage: cairn %s [flags] %s\n\n%s\n\nFlags:\n", f.Name(), f.synopsis, f.about)
	f.VisitAll(func(fl *flag.Flag) {
		name, help := flag.UnquoteUsage(fl)
		line := "  --" + fl.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(w, "%-28s %s", line, help)
		if fl.DefValue != "" && fl.DefValue != "false" {
			fmt.Fprintf(w, " (default %s)", fl.DefValue)
		}
		if v, ok := f.env[fl.Name]; ok {
			fmt.Fprintf(w, " [$%s]", v)
		}
		fmt.Fprintln(w)
	})
}

// parse reads flags from the environment and then from args, where flags
// may come before or after positional arguments ("cairn schedule plan.yaml
// --format json" and "cairn schedule --format json plan.yaml" both work).
// It returns the positional arguments.
func parse(f *flags, e *env, args []string) ([]string, error) {
	for name, v := range f.env {
		if val := e.getenv(v); val != "" {
			if err := f.Set(name, val); err != nil {
				return nil, usagef("$%s: %v", v, err)
			}
		}
	}
	var tail []string
	for i, a := range args {
		if a == "--" { // everything after "--" is positional
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.usage(e.stdout)
				return nil, errHelp
			}
			return nil, usagef("%s", strings.TrimPrefix(err.Error(), "flag provided but not defined: "))
		}
		args = f.Args()
		if len(args) == 0 {
			return append(pos, tail...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseDateFlag reads a date flag, naming the flag in the error.
func parseDateFlag(name, v string) (time.Time, error) {
	t, err := domain.ParseDate(v)
	if err != nil {
		return time.Time{}, usagef("%s %q is not a date (use YYYY-MM-DD)", name, v)
	}
	return t, nil
}
