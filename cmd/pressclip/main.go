// Command pressclip builds the "In the press" section of a newsletter: it
// fetches news outlets, keeps the articles that mention the organization,
// one per story, and drafts one line per story. Run `pressclip --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // CRON_TZ= schedules work on machines without a zoneinfo database
)

// main runs the command line. The first SIGINT or SIGTERM cancels the
// command's context: it stops starting work, lets what is in flight
// finish or roll back, and exits; a second one kills the process at once.
func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // the next signal takes its default action
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
