// Command pressclip builds the "In the press" section of a newsletter: it
// fetches news outlets, keeps the articles that mention the organization,
// one per story, and drafts one line per story. Run `pressclip --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
