package main

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/cluster"
	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/pipeline"
	"github.com/pressclip/pressclip/serve"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/web"
)

// newWeb builds the review pages with the config's password.
func newWeb(cfg *config.Config, st *store.Store, log *slog.Logger) (*web.Handler, error) {
	o := web.Options{Store: st, Sources: viewSources(cfg), Group: cfg.Stories.Group, Language: cfg.Lines.Language,
		QuietAlarm: cfg.Serve.QuietAlarm.Value(), CheckLine: lineChecker(newSummarizer(cfg)), Logger: log, PasswordHash: cfg.Serve.PasswordHash,
		Users: map[string]string{}, RequireLogin: !config.IsLoopback(cmp.Or(cfg.Serve.Listen, config.DefaultListen))}
	for _, u := range cfg.Serve.Users {
		if err := store.CheckUserName(u.Name); err != nil {
			return nil, usagef("serve.users: %v", err)
		}
		o.Users[u.Name] = u.PasswordHash
	}
	for _, w := range cfg.AllWatches() {
		o.Watches = append(o.Watches, w.Name)
	}
	for _, p := range cfg.Serve.TrustedProxies {
		prefix, err := config.ParsePrefix(p)
		if err != nil {
			return nil, usagef("serve.trusted_proxies: %v", err)
		}
		o.TrustedProxies = append(o.TrustedProxies, prefix)
	}
	if cfg.Serve.PasswordEnv != "" {
		p, err := envPassword(cfg)
		if err != nil {
			return nil, err
		}
		o.Password = p
	}
	return web.New(o)
}

// serveOptions are serve's options from the config: the passes (the
// sources grouped by schedule, their own or the config's), the export
// jobs (SMTP passwords read from the environment here), the retention,
// the listen address and the sections' style.
func serveOptions(cfg *config.Config) serve.Options {
	o := serve.Options{
		Listen: cmp.Or(cfg.Serve.Listen, config.DefaultListen), Hosts: cfg.Serve.Hosts, Jitter: cfg.Serve.Jitter.Value(),
		Prune: cfg.Serve.Prune, Group: cfg.Stories.Group, Language: cfg.Lines.Language, Sources: viewSources(cfg),
		QuietAlarm: cfg.Serve.QuietAlarm.Value(),
		Retention: store.Retention{Seen: cfg.Retention.Seen.Value(), Text: cfg.Retention.Text.Value(),
			Rejected: cfg.Retention.Rejected.Value(), Runs: cfg.Retention.Runs.Value()},
	}
	bySpec := map[string][]string{}
	var specs []string
	for _, src := range cfg.Sources {
		spec := cmp.Or(src.Schedule, cfg.Schedule)
		if _, ok := bySpec[spec]; !ok {
			specs = append(specs, spec)
		}
		bySpec[spec] = append(bySpec[spec], src.Name)
	}
	for _, spec := range specs {
		o.Passes = append(o.Passes, serve.Pass{Spec: spec, Sources: bySpec[spec]})
	}
	for _, x := range cfg.Exports {
		j := serve.Job{Name: x.Name, Schedule: x.Schedule, Since: x.Since.Value(), Status: x.Status, Formats: x.Formats,
			Dir: x.Dir, Group: x.Group, Template: x.Template}
		if e := x.Email; e != nil {
			j.Mail = &serve.Mail{From: e.From, To: e.To, Subject: e.Subject, Host: e.SMTP.Host, Port: e.SMTP.Port, TLS: e.SMTP.TLS,
				Username: e.SMTP.Username}
			if e.SMTP.PasswordEnv != "" {
				j.Mail.Password = os.Getenv(e.SMTP.PasswordEnv)
			}
		}
		o.Exports = append(o.Exports, j)
	}
	return o
}

// sourcesNamed are the config's sources of these names, in the config's
// order.
func sourcesNamed(cfg *config.Config, names []string) []config.Source {
	var out []config.Source
	for _, src := range cfg.Sources {
		if slices.Contains(names, src.Name) {
			out = append(out, src)
		}
	}
	return out
}

// checkListen refuses an address other machines reach unless the pages
// ask a login: the config's password or accounts, or accounts in the
// database.
func checkListen(ctx context.Context, cfg *config.Config, st *store.Store) error {
	addr := cmp.Or(cfg.Serve.Listen, config.DefaultListen)
	if config.IsLoopback(addr) || cfg.Serve.HasLogin() {
		return nil
	}
	has, err := st.HasUsers(ctx)
	if err != nil {
		return err
	}
	if err := cfg.Serve.CheckListen(addr, has); err != nil {
		return usagef("serve: %v", err)
	}
	return nil
}

// Password lengths: bcrypt reads 72 bytes at most; fewer than 8 is a
// guess away. passwd and password_env follow the same rule.
const (
	minPassword = 8
	maxPassword = 72
)

// passwordLengthOK reports whether a password's length is within the rule.
func passwordLengthOK(p string) bool { return len(p) >= minPassword && len(p) <= maxPassword }

// envPassword reads the password serve.password_env names, under the
// same rule as passwd; an empty one is an error unless a hash is set.
func envPassword(cfg *config.Config) (string, error) {
	p := os.Getenv(cfg.Serve.PasswordEnv)
	switch {
	case p == "" && cfg.Serve.PasswordHash != "":
		return "", nil
	case p == "":
		return "", usagef("serve.password_env: %s is empty", cfg.Serve.PasswordEnv)
	case !passwordLengthOK(p):
		return "", usagef("serve.password_env: the password in %s needs %d to %d bytes (bcrypt reads no more)", cfg.Serve.PasswordEnv, minPassword, maxPassword)
	}
	return p, nil
}

func passwdCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "passwd",
		Short: "Print the bcrypt hash of a password read from standard input, for serve.password_hash",
		Args:  noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			h, err := readPasswordHash(e.stdin)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, h)
			return nil
		},
	}
}

// serveCmd is `pressclip serve`: the schedules, the pages, and with
// --worker this process's share of the cluster's passes.
// Long: a cobra command is its flags, their checks and its RunE (the
// store, the fetcher, the pages, the worker, the server wired in order).
func serveCmd(e *env) *cobra.Command {
	var listen string
	var worker bool
	var lease time.Duration
	c := &cobra.Command{
		Use:   "serve",
		Short: "Run the schedules, the daily prune and the scheduled exports; serve /healthz and /metrics",
		Long: "serve runs unattended: each source's schedule (the config's schedule, or its own: 5-field cron,\n" +
			"@every 15m, @hourly, CRON_TZ=Europe/Zurich …) with a random delay up to serve.jitter, a pass at\n" +
			"start for schedules whose last pass is overdue, the retention's prune (serve.prune) and the\n" +
			"exports jobs. A pass never overlaps another: when a fetch from cron holds the pass lock, the pass\n" +
			"is skipped and logged. The review pages, /healthz and /metrics are served on serve.listen\n" +
			"(or --listen; 127.0.0.1:8080 by default; elsewhere a password is needed: serve.password_hash or\n" +
			"serve.password_env).\n" +
			"SIGINT or SIGTERM: no new pass starts, the ones in flight are cancelled, and serve exits 0\n" +
			"within 10 s.\n\n" +
			"With --worker (PostgreSQL only) serve is one of many workers: each schedule's firing opens one\n" +
			"pass for the whole cluster, whose sources every worker takes from a shared queue; a scheduled\n" +
			"export is sent by one worker; /healthz and /metrics add the queue's jobs by state.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := e.checkLogFormat(); err != nil {
				return err
			}
			cfg, err := e.loadConfig()
			if err != nil {
				return err
			}
			if listen != "" {
				if err := config.CheckAddr(listen); err != nil {
					return usagef("--listen %v", err)
				}
				cfg.Serve.Listen = listen
			}
			path := e.database(cfg)
			if worker && !store.IsPostgres(path) {
				return usagef("--worker shares passes through a PostgreSQL database: give --db postgres://… (or %s)", databaseURLVar)
			}
			if lease <= 0 {
				return usagef("--lease %v: must be more than 0", lease)
			}
			if c.Flags().Changed("lease") && !worker {
				return usagef("--lease goes with --worker")
			}
			log := e.logger()
			st, err := openStoreToSave(c.Context(), path, log, cfg)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := checkListen(c.Context(), cfg, st); err != nil {
				return err
			}
			fc, err := newFetcher(cfg.Fetch, log, nil)
			if err != nil {
				return err
			}
			defer fc.Close()
			build, err := passBuilder(cfg, st, log, fc, passOptions{})
			if err != nil {
				return err
			}
			pages, err := newWeb(cfg, st, log)
			if err != nil {
				return err
			}
			o := serveOptions(cfg)
			o.DBPath, o.Store, o.Logger, o.Handler, o.Protect = path, st, log, pages, pages.Protect
			o.NewPass = func(names []string) *pipeline.Pipeline { return build(sourcesNamed(cfg, names)) }
			o.Ready = func(addr string) {
				e.say("pressclip serve: listening on http://"+addr, "pressclip serve: listening", "addr", "http://"+addr)
			}
			if worker {
				w, err := e.newWorker(c.Context(), cfg, path, st, lease, false)
				if err != nil {
					return err
				}
				defer w.close()
				o.Share = func(ctx context.Context, key string, names []string) (serve.SharedPass, error) {
					sp, added, err := w.share(ctx, key, names)
					return serve.SharedPass{RunID: sp.RunID, Opened: sp.Started, Enqueued: added}, err
				}
				o.Jobs = w.cl.Counts
				if err := w.cl.Start(c.Context()); err != nil {
					return err
				}
			}
			srv, err := serve.New(o)
			if err != nil {
				return err
			}
			return srv.Run(c.Context())
		},
	}
	c.Flags().BoolVar(&worker, "worker", false, "be one of many workers sharing passes through a PostgreSQL database")
	c.Flags().DurationVar(&lease, "lease", cluster.DefaultLease, "with --worker: a source's time limit; a dead worker's sources are taken over after it")
	c.Flags().StringVar(&listen, "listen", "", "the address of the review pages, /healthz and /metrics (default: the config's serve.listen, "+config.DefaultListen+")")
	return c
}
