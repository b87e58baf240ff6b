package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/config"
)

// Exit codes (DESIGN.md).
const (
	exitOK    = 0
	exitFatal = 1
	exitUsage = 2
)

// usageError is unusable input: bad flags or arguments (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// env is what every subcommand shares: its streams and global flags.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	configPath     string
	dbPath         string
	logFormat      string
	verbose        bool
	root           *cobra.Command
	// progress is the terminal's progress bar, which log lines go around.
	progress progress
	// cfg and cfgErr are the config as loadConfig read it, once a run.
	cfg    *config.Config
	cfgErr error
	loaded bool
}

// progress keeps log lines and a progress bar on one terminal apart: a
// log line clears the bar, is written, and the bar is drawn again below
// it, so that neither breaks the other.
type progress struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

// show makes bar the one log lines go around (nil: none).
func (p *progress) show(bar *progressbar.ProgressBar) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar = bar
	if bar != nil {
		bar.RenderBlank() // at once, before any source is done
	}
}

// do runs fn (a change to the bar) apart from log lines.
func (p *progress) do(fn func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fn()
}

// writer returns w with the bar cleared before each write and drawn
// again after it.
func (p *progress) writer(w io.Writer) io.Writer {
	return writerFunc(func(b []byte) (int, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.bar != nil {
			p.bar.Clear()
		}
		n, err := w.Write(b)
		if p.bar != nil {
			p.bar.RenderBlank()
		}
		return n, err
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// run executes one command line and returns the exit code; tests call it
// without a process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "pressclip",
		Short:         "Media monitoring for a newsletter's press section",
		Long:          "pressclip fetches news outlets, keeps the articles that mention the organization (one per story)\nand drafts one line per story for the newsletter's \"In the press\" section.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
		Args:          noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			c.Help()
			return usagef("no command given")
		},
	}
	e.root = root
	root.SetVersionTemplate("pressclip {{.Version}}\n")
	root.SuggestionsMinimumDistance = 2
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&e.configPath, "config", "config.yaml", "config file")
	pf.StringVar(&e.dbPath, "db", "", "database file, or postgres:// URL (default: $PRESSCLIP_DATABASE_URL, else the config's database)")
	pf.StringVar(&e.logFormat, "log-format", "text", "log format: text or json")
	pf.BoolVarP(&e.verbose, "verbose", "v", false, "log more")
	root.AddCommand(
		fetchCmd(e), mentionsCmd(e), reviewCmd(e), exportCmd(e), sourcesCmd(e),
		extractCmd(e), checkCmd(e), demoCmd(e), runsCmd(e), pruneCmd(e), backupCmd(e), serveCmd(e), passwdCmd(e),
		userCmd(e),
	)
	c, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	code := exitCode(err)
	if e.jsonLogs() {
		// Under cron with --log-format json, the failure too is a record.
		name := "pressclip"
		if c != nil {
			name = c.Name()
		}
		slog.New(slog.NewJSONHandler(stderr, nil)).Error("command failed", "command", name, "error", err.Error(), "exit_code", code)
		return code
	}
	fmt.Fprintln(stderr, "pressclip:", err)
	return code
}

func exitCode(err error) int {
	var ue usageError
	var ce *config.Error
	switch {
	case errors.As(err, &ue), errors.As(err, &ce):
		return exitUsage
	case strings.HasPrefix(err.Error(), "unknown command"), strings.HasPrefix(err.Error(), "unknown flag"),
		strings.HasPrefix(err.Error(), "unknown shorthand flag"):
		return exitUsage
	}
	return exitFatal
}

// completeValues offers values as the shell completion of a flag
// (pressclip completion bash|zsh|fish|powershell).
func completeValues(c *cobra.Command, flag string, values []string) {
	if err := c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)); err != nil {
		panic(err) // a flag the command does not have: a programming error
	}
}

func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		if s := c.SuggestionsFor(args[0]); len(s) > 0 {
			return usagef("unknown command %q for %q: did you mean %s?", args[0], c.CommandPath(), strings.Join(s, " or "))
		}
		return usagef("unknown command %q for %q", args[0], c.CommandPath())
	}
	return nil
}

// version is the binary's module version and the VCS revision it was
// built from ("(devel)" from a work tree; "+dirty" when it had changes).
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	var rev, at string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" {
		v += ", revision " + rev[:min(len(rev), 12)]
		if dirty {
			v += "+dirty"
		}
		if at != "" {
			v += " of " + at
		}
	}
	return v + ", " + bi.GoVersion
}

// logger logs to stderr: warnings only on a terminal (where progress is
// shown instead), everything from Info up under cron.
func (e *env) logger() *slog.Logger {
	level := slog.LevelInfo
	if e.isTerminal() {
		level = slog.LevelWarn
	}
	if e.verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	if e.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.progress.writer(e.stderr), opts))
}

// jsonLogs: --log-format json. Then every line a command writes about its
// work, on stdout as on stderr, is one JSON object (issue 14), so that a
// log collector reads cron's output whole.
func (e *env) jsonLogs() bool { return e.logFormat == "json" }

// say tells the user what the command did, on stdout: the line of text, or
// with --log-format json a record of msg and args.
func (e *env) say(text, msg string, args ...any) {
	if e.jsonLogs() {
		slog.New(slog.NewJSONHandler(e.stdout, nil)).Info(msg, args...)
		return
	}
	fmt.Fprintln(e.stdout, text)
}

func (e *env) isTerminal() bool {
	f, ok := e.stderr.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func (e *env) checkLogFormat() error {
	if e.logFormat != "text" && e.logFormat != "json" {
		return usagef("--log-format %q: want text or json", e.logFormat)
	}
	return nil
}

// loadConfig reads --config with the environment's overrides
// (envOverrides), once a run: a command and its helpers (the export's
// tags and tiers, the rule checker) share one reading.
func (e *env) loadConfig() (*config.Config, error) {
	if !e.loaded {
		e.cfg, e.cfgErr = config.LoadFile(e.configPath, envOverrides)
		e.loaded = true
	}
	return e.cfg, e.cfgErr
}

// envOverrides applies the environment to a config before it is
// validated, the one place it is read for the config:
// PRESSCLIP_ALLOW_PRIVATE_NETWORKS (CIDRs, comma-separated) adds to
// fetch.allow_private_networks; PRESSCLIP_LLM_URL and PRESSCLIP_LLM_MODEL
// replace lines.llm's url and model; PRESSCLIP_LIBRETRANSLATE_URL
// lines.libretranslate.url.
func envOverrides(cfg *config.Config) error {
	if v := os.Getenv("PRESSCLIP_ALLOW_PRIVATE_NETWORKS"); v != "" {
		for _, c := range strings.Split(v, ",") {
			if strings.TrimSpace(c) == "" {
				continue
			}
			if _, err := config.ParsePrefix(c); err != nil {
				return fmt.Errorf("PRESSCLIP_ALLOW_PRIVATE_NETWORKS: %v", err)
			}
			cfg.Fetch.AllowPrivateNetworks = append(cfg.Fetch.AllowPrivateNetworks, strings.TrimSpace(c))
		}
	}
	// The lines' services' variables count only where the config uses the
	// service (an unused one was never read); a URL is checked here, so
	// that a bad one is blamed on its variable, not on a line of the file.
	llm := cfg.Lines.Writer == config.WriterLLM || cfg.Lines.Translator == config.TranslatorLLM
	libre := cfg.Lines.Translator == config.TranslatorLibreTranslate
	for _, o := range []struct {
		env   string
		field *string
		used  bool
		url   bool
	}{
		{"PRESSCLIP_LLM_URL", &cfg.Lines.LLM.URL, llm, true},
		{"PRESSCLIP_LLM_MODEL", &cfg.Lines.LLM.Model, llm, false},
		{"PRESSCLIP_LIBRETRANSLATE_URL", &cfg.Lines.LibreTranslate.URL, libre, true},
	} {
		v := os.Getenv(o.env)
		if v == "" || !o.used {
			continue
		}
		if o.url {
			if err := config.CheckURL(v); err != nil {
				return fmt.Errorf("%s %q: %v", o.env, v, err)
			}
		}
		*o.field = v
	}
	return nil
}

// databaseURLVar names the database in the environment (a postgres://
// URL, usually without its password: PGPASSWORD or ~/.pgpass give it),
// between --db and the config's database.
const databaseURLVar = "PRESSCLIP_DATABASE_URL"

// database is the database a command that loaded cfg uses: --db, else
// PRESSCLIP_DATABASE_URL, else the config's.
func (e *env) database(cfg *config.Config) string {
	if e.dbPath != "" {
		return e.dbPath
	}
	if u := os.Getenv(databaseURLVar); u != "" {
		return u
	}
	return cfg.Database
}

// databasePath is --db, else PRESSCLIP_DATABASE_URL, else the config's
// database, else the default. A
// command that only reads the database needs no config file.
func (e *env) databasePath() (string, error) {
	if e.dbPath != "" {
		return e.dbPath, nil
	}
	if u := os.Getenv(databaseURLVar); u != "" {
		return u, nil
	}
	if _, err := os.Stat(e.configPath); err != nil && !e.root.PersistentFlags().Changed("config") {
		return config.DefaultDatabase, nil
	}
	cfg, err := e.loadConfig()
	if err != nil {
		return "", err
	}
	return cfg.Database, nil
}
