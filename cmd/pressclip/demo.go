package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/demo"
	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/web"
)

// demoCmd is `pressclip demo`: a pass over the bundled outlets, offline.
// Long: a cobra command is its flags, their checks and its RunE (the
// outlets served on loopback, the pass, the section, the pages).
func demoCmd(e *env) *cobra.Command {
	var serveReview bool
	var listen string
	c := &cobra.Command{
		Use:   "demo",
		Short: "Run the whole pipeline offline on bundled sample outlets and print the press section",
		Long: "demo serves the bundled sample outlets on 127.0.0.1, makes one pass over them into a fresh\n" +
			"database (a temporary one unless --db is given) and prints the press section. One sample\n" +
			"source is broken on purpose: it shows up as a failed source. With --serve, the review pages\n" +
			"then show the demo's stories on --listen until Ctrl-C.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx := c.Context()
			// The review pages' address is checked and taken before the
			// pass, so that a port in use fails at once, not after it.
			var ln net.Listener
			if serveReview {
				var err error
				if ln, err = listenLoopback(listen); err != nil {
					return err
				}
				defer ln.Close()
			}
			sites, err := demo.Start(ctx)
			if err != nil {
				return err
			}
			defer sites.Close()
			raw, err := sites.Config()
			if err != nil {
				return err
			}
			cfg, err := config.Load(bytes.NewReader(raw), "demo/config.yaml", envOverrides)
			if err != nil {
				return err
			}
			path := e.dbPath
			if path == "" {
				dir, err := os.MkdirTemp("", "pressclip-demo-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				path = filepath.Join(dir, "demo.db")
			} else if _, err := os.Stat(path); err == nil {
				return usagef("--db %s exists: the demo wants a fresh database", path)
			}
			log := e.logger()
			st, err := openStoreToSave(ctx, path, log, cfg)
			if err != nil {
				return err
			}
			defer st.Close()
			p, closeFetcher, err := newPipeline(cfg, st, log, passOptions{force: true})
			if err != nil {
				return err
			}
			defer closeFetcher()
			fmt.Fprintf(e.stdout, "pressclip demo: %d sample outlets served on 127.0.0.1\n", len(cfg.Sources))
			rep, err := p.Run(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, describe(rep))
			for _, f := range rep.Failed() {
				fmt.Fprintf(e.stdout, "failed source: %s (%s): %v\n", f.Name, f.Kind, f.Err)
			}
			stories, err := st.Stories(ctx, store.Filter{From: time.Now().Add(-time.Hour), ExcludeRejected: true})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "\nIn the press (%d stories)\n\n", len(stories))
			if err := export.Section(e.stdout, "text", e.items(stories), export.SectionOptions{}); err != nil {
				return err
			}
			if !serveReview {
				return nil
			}
			pages, err := newWeb(cfg, st, log)
			if err != nil {
				return err
			}
			return serveUntilDone(ctx, ln, pages, func(addr string) {
				fmt.Fprintf(e.stdout, "\nThe review pages: http://%s (Ctrl-C stops)\n", addr)
			})
		},
	}
	c.Flags().BoolVar(&serveReview, "serve", false, "then serve the review pages on the demo's stories until Ctrl-C")
	c.Flags().StringVar(&listen, "listen", config.DefaultListen, "the address of the review pages with --serve (loopback only)")
	return c
}

// listenLoopback listens on addr, which must be a loopback address.
func listenLoopback(addr string) (net.Listener, error) {
	if !config.IsLoopback(addr) {
		return nil, usagef("--listen %s: want a loopback address such as %s", addr, config.DefaultListen)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// serveUntilDone serves h on ln until ctx ends.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, ready func(string)) error {
	srv := web.NewServer(web.HostGuard(web.HostAllowed(nil), h), nil)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	ready(ln.Addr().String())
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(stop); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
