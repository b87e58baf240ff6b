package main

import (
	"errors"
	"fmt"
	"io"
	"os/user"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/crypto/bcrypt"

	"github.com/pressclip/pressclip/store"
)

// userCmd manages the reviewers' accounts kept in the database.
func userCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "user",
		Short: "Add, list or remove the reviewers' accounts of the review pages",
		Long: "Each reviewer signs in to the review pages with a name and a password, and every decision\n" +
			"(approve, reject, a line edited, a merge, an export) is recorded with the name and shown in Why\n" +
			"and in the JSON and CSV exports. Accounts live in the database (these commands) or in the\n" +
			"config (serve.users, with hashes from pressclip passwd); the shared password (serve.password_hash)\n" +
			"keeps working beside them, recording the name typed at sign-in.",
		Args: noArgs,
	}
	c.AddCommand(userAddCmd(e), userListCmd(e), userRemoveCmd(e))
	return c
}

// userAddCmd adds an account or gives it a new password.
func userAddCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "add NAME",
		Short: "Add an account, or give it a new password (read from standard input); it is signed out everywhere",
		Args:  oneName,
		RunE: func(c *cobra.Command, args []string) error {
			name := args[0]
			if err := store.CheckUserName(name); err != nil {
				return usageError{err}
			}
			// One name, one account: a config account is changed in
			// the config.
			if cfg, err := e.loadConfig(); err == nil {
				for _, u := range cfg.Serve.Users {
					if store.NameKey(u.Name) == store.NameKey(name) {
						return usagef("%q is an account of the config (serve.users): change its password_hash there", u.Name)
					}
				}
			}
			hash, err := readPasswordHash(e.stdin)
			if err != nil {
				return err
			}
			path, err := e.databasePath()
			if err != nil {
				return err
			}
			// An account may come before the first fetch: the
			// database is made when missing.
			st, err := store.Open(c.Context(), path, store.Options{Logger: e.logger()})
			if err != nil {
				return err
			}
			defer st.Close()
			created, err := st.SetUser(c.Context(), name, hash)
			if err != nil {
				return err
			}
			if created {
				fmt.Fprintf(e.stdout, "added %s\n", name)
			} else {
				fmt.Fprintf(e.stdout, "new password for %s (signed out everywhere)\n", name)
			}
			return nil
		},
	}
}

// userListCmd lists the accounts kept in the database.
func userListCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the accounts kept in the database",
		Args:  noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			st, err := e.openToRead(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			users, err := st.Users(c.Context())
			if err != nil {
				return err
			}
			for _, u := range users {
				fmt.Fprintf(e.stdout, "%s\tadded %s\n", u.Name, u.CreatedAt.UTC().Format("2006-01-02 15:04 UTC"))
			}
			if len(users) == 0 {
				fmt.Fprintln(e.stdout, "no accounts (pressclip user add NAME makes one)")
			}
			return nil
		},
	}
}

// userRemoveCmd removes an account and signs it out.
func userRemoveCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an account and sign it out (its decisions stay on record)",
		Args:  oneName,
		RunE: func(c *cobra.Command, args []string) error {
			st, err := e.openToRead(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.RemoveUser(c.Context(), args[0]); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return usageError{err}
				}
				return err
			}
			fmt.Fprintf(e.stdout, "removed %s\n", args[0])
			return nil
		},
	}
}

// readPasswordHash reads a password from r (its first line) under the
// password rule and returns its bcrypt hash.
func readPasswordHash(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, 1024))
	if err != nil {
		return "", err
	}
	p := strings.TrimRight(string(b), "\r\n")
	if !passwordLengthOK(p) {
		return "", usagef("the password needs %d to %d bytes (bcrypt reads no more)", minPassword, maxPassword)
	}
	h, err := bcrypt.GenerateFromPassword([]byte(p), bcrypt.DefaultCost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// reviewer is whom the command line's decisions are recorded as: --by,
// else the system account running it.
func reviewer(by string) string {
	if by = strings.TrimSpace(by); by != "" {
		return by
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username + " (command line)"
	}
	return "command line"
}

// oneName takes an account's name, one argument.
func oneName(c *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usagef("%s takes one account name (quote a name with spaces)", c.CommandPath())
	}
	return nil
}
