package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func checkCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Validate the config file",
		Long:  "check validates the config: unknown keys, bad URLs, bad cron specs and duplicate source\nnames are reported as file:line: message, with exit status 2.",
		Args:  noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			cfg, err := e.loadConfig()
			if err != nil {
				return err
			}
			if _, err := newMatcher(cfg); err != nil {
				return err
			}
			if cfg.Serve.PasswordEnv != "" {
				// The pages' password, under passwd's rule.
				if _, err := envPassword(cfg); err != nil {
					return err
				}
			}
			fmt.Fprintf(e.stdout, "%s: ok (%d sources, %d names for %s)\n", e.configPath, len(cfg.Sources), len(cfg.Organization.Aliases), cfg.Organization.ShortName())
			return nil
		},
	}
}
