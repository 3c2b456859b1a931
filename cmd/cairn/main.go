// Command cairn is Cairn's single binary: the web server (cairn serve) and
// a CLI that schedules, imports and exports plan files with no server.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones work on hosts without zoneinfo
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch: its streams and the environment. Tests
// pass their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() []command {
	return []command{
		{"serve", "run the web UI and REST API", runServe},
		{"schedule", "schedule a plan file and print the result", runSchedule},
		{"gantt", "draw a plan file as an SVG Gantt chart", runGantt},
		{"load", "show resource load and over-allocations of a plan file", runLoad},
		{"simulate", "run a plan's schedule many times with uncertain durations and risks (Monte Carlo)", runSimulate},
		{"level", "level the resources of a plan file and show what moved and why", runLevel},
		{"evm", "measure earned value and earned schedule of a plan file at a status date", runEVM},
		{"psplib", "level PSPLIB benchmark instances and report how close they come", runPSPLIB},
		{"report", "draft a project's status report with red/amber/green status in plain language", runReport},
		{"import", "import a plan file into a database", runImport},
		{"export", "export a project from a database to a file", runExport},
		{"migrate", "create or upgrade a database's schema", runMigrate},
		{"backup", "write a whole database to a JSON backup file", runBackup},
		{"restore", "restore a backup file into a database", runRestore},
		{"user", "manage accounts: add, list, disable, enable", runUser},
		{"token", "create personal API tokens", runToken},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes one command line and returns the process exit code:
// 0 success, 1 failure, 2 usage error.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case err == errHelp:
			return 0
		case isUsage(err):
			fmt.Fprintf(e.stderr, "cairn %s: %v\nRun 'cairn %s --help' for usage.\n", c.name, err, c.name)
			return 2
		default:
			fmt.Fprintf(e.stderr, "cairn %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "cairn: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Cairn — project management for IT projects: plans, schedules, budgets, risks, reports.")
	fmt.Fprintln(w, "\nUsage: cairn <command> [flags] [arguments]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'cairn <command> --help' for a command's flags. Flags may come before or after file arguments.")
}

func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags("version", "", "Print Cairn's version.")
	if _, err := parse(fs, e, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "cairn", version)
	return nil
}
