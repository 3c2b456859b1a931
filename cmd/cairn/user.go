package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/store"
)

// subcommand is one verb of a command with verbs (cairn user add).
type subcommand struct {
	name, summary string
	run           func(ctx context.Context, e *env, args []string) error
}

// runVerbs dispatches to the verb named by args[0].
func runVerbs(ctx context.Context, e *env, name, about string, verbs []subcommand, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprintf(e.stdout, "Usage: cairn %s <command> [flags]\n\n%s\n\nCommands:\n", name, about)
		for _, v := range verbs {
			fmt.Fprintf(e.stdout, "  %-10s %s\n", v.name, v.summary)
		}
		fmt.Fprintf(e.stdout, "\nRun 'cairn %s <command> --help' for a command's flags.\n", name)
		return errHelp
	}
	var names []string
	for _, v := range verbs {
		if len(args) > 0 && v.name == args[0] {
			return v.run(ctx, e, args[1:])
		}
		names = append(names, v.name)
	}
	if len(args) == 0 {
		return usagef("give a command: %s", strings.Join(names, ", "))
	}
	return usagef("unknown command %q; use one of %s", args[0], strings.Join(names, ", "))
}

func runUser(ctx context.Context, e *env, args []string) error {
	return runVerbs(ctx, e, "user", "Manage accounts. Until the first account exists, the server needs no sign-in.", []subcommand{
		{"add", "create an account (the password is read from standard input)", runUserAdd},
		{"list", "list the accounts", runUserList},
		{"disable", "stop an account from signing in and end its sessions", runUserDisable},
		{"enable", "let a disabled account sign in again", runUserEnable},
	}, args)
}

func runToken(ctx context.Context, e *env, args []string) error {
	return runVerbs(ctx, e, "token", "Manage personal API tokens (Authorization: Bearer cairn_…).", []subcommand{
		{"create", "create a token for a user and print it on the last line", runTokenCreate},
	}, args)
}

// withApp opens the database and runs fn with an app acting as the CLI.
func withApp(ctx context.Context, db string, fn func(ctx context.Context, a *app.App) error) error {
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(app.WithActor(ctx, "cli"), app.New(st, nil))
}

func runUserAdd(ctx context.Context, e *env, args []string) error {
	f := newFlags("user add", "", "Create an account. The password is read from standard input, so that it stays out of\n"+
		"the process list and shell history:\n\n"+
		"  printf '%s' \"$PASSWORD\" | cairn user add --db ./cairn.db --email ann@example.com --admin --password-stdin")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	email := f.String("email", "", "the account's email address (required)")
	name := f.String("name", "", "the person's name (default: the email's local part)")
	tz := f.String("time-zone", "UTC", "the person's IANA time zone, e.g. Europe/London")
	admin := f.Bool("admin", false, "make the account a site administrator: every project, every action")
	stdin := f.Bool("password-stdin", false, "read the password from standard input (required)")
	if err := noArgs(f, e, args); err != nil {
		return err
	}
	if *email == "" {
		return usagef("--email is required")
	}
	if !*stdin {
		return usagef("give the password on standard input with --password-stdin, e.g. printf '%%s' \"$PASSWORD\" | cairn user add … --password-stdin")
	}
	pw, err := readPassword(e.stdin)
	if err != nil {
		return err
	}
	if err := domain.ValidatePassword(pw); err != nil {
		return err
	}
	return withApp(ctx, *db, func(ctx context.Context, a *app.App) error {
		u, err := a.AddUser(ctx, app.NewUser{Email: *email, Name: *name, TimeZone: *tz, Password: pw, SiteAdmin: *admin})
		if err != nil {
			return err
		}
		role := "user"
		if u.SiteAdmin {
			role = "site administrator"
		}
		fmt.Fprintf(e.stdout, "added %s %s (%s)\n", role, u.Email, u.Name)
		return nil
	})
}

// readPassword reads a password from r: everything up to the end, less
// one trailing newline (echo and here-strings add one).
func readPassword(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, domain.MaxPasswordLength+3))
	if err != nil {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	s := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	return s, nil
}

func runUserList(ctx context.Context, e *env, args []string) error {
	f := newFlags("user list", "", "List the accounts.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	if err := noArgs(f, e, args); err != nil {
		return err
	}
	return withApp(ctx, *db, func(ctx context.Context, a *app.App) error {
		us, err := a.Users(ctx, store.Page{})
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "EMAIL\tNAME\tTIME ZONE\tADMIN\tDISABLED\tCREATED")
		for _, u := range us {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", u.Email, u.Name, u.TimeZone, yes(u.SiteAdmin), yes(u.Disabled),
				u.CreatedAt.Format("2006-01-02 15:04"))
		}
		return tw.Flush()
	})
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "-"
}

func runUserDisable(ctx context.Context, e *env, args []string) error {
	return setDisabled(ctx, e, args, true)
}

func runUserEnable(ctx context.Context, e *env, args []string) error {
	return setDisabled(ctx, e, args, false)
}

func setDisabled(ctx context.Context, e *env, args []string, disabled bool) error {
	verb, about := "enable", "Let a disabled account sign in again; its API tokens work again."
	if disabled {
		verb, about = "disable", "Stop an account from signing in. Its sessions end at once; its API tokens stop working\nwhile it is disabled."
	}
	f := newFlags("user "+verb, "", about)
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	email := f.String("email", "", "the account's email address (required)")
	if err := noArgs(f, e, args); err != nil {
		return err
	}
	if *email == "" {
		return usagef("--email is required")
	}
	return withApp(ctx, *db, func(ctx context.Context, a *app.App) error {
		u, err := a.SetUserDisabled(ctx, *email, disabled)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%sd %s\n", verb, u.Email)
		return nil
	})
}

func runTokenCreate(ctx context.Context, e *env, args []string) error {
	f := newFlags("token create", "", "Create a personal API token for a user. The token is printed on the last line of the\n"+
		"output and cannot be shown again; send it as Authorization: Bearer <token>.")
	db := f.String("db", "./cairn.db", dbHelp)
	f.fromEnv("db", "CAIRN_DB")
	email := f.String("email", "", "the email of the user the token acts for (required)")
	name := f.String("name", "", "what the token is for, e.g. \"CI deploy\" (required)")
	expires := f.String("expires", "", "lifetime, e.g. 90d, 2w or 12h (default: never expires)")
	readOnly := f.Bool("read-only", false, "the token may only read")
	if err := noArgs(f, e, args); err != nil {
		return err
	}
	if *email == "" || *name == "" {
		return usagef("--email and --name are required")
	}
	var expiresAt time.Time
	if *expires != "" {
		d, err := domain.ParseLifetime(*expires)
		if err != nil {
			return usagef("--expires: %v", err)
		}
		expiresAt = time.Now().Add(d)
	}
	return withApp(ctx, *db, func(ctx context.Context, a *app.App) error {
		secret, k, err := a.CreateToken(ctx, *email, app.NewToken{Name: *name, ExpiresAt: expiresAt, ReadOnly: *readOnly})
		if err != nil {
			return err
		}
		what := "read-write"
		if k.ReadOnly {
			what = "read-only"
		}
		until := "never expires"
		if !k.ExpiresAt.IsZero() {
			until = "expires " + k.ExpiresAt.Format(time.RFC3339)
		}
		fmt.Fprintf(e.stdout, "created %s token %d %q for %s; it %s and is shown only now:\n", what, k.ID, k.Name, domain.NormalizeEmail(*email), until)
		fmt.Fprintln(e.stdout, secret)
		return nil
	})
}

// noArgs parses flags and refuses positional arguments.
func noArgs(f *flags, e *env, args []string) error {
	pos, err := parse(f, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return nil
}
