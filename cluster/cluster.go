// Package cluster shares passes among fetch workers on many machines
// (issue 19) through River, a job queue kept in the same PostgreSQL
// database as the store.
//
// A pass becomes one job per source (kind "pressclip_source", unique by
// run and source: a second worker enqueuing the same pass adds nothing).
// Each job is fetched by exactly one worker at a time; a worker that dies
// mid-source leaves its job running until its lease (River's job timeout
// and stuck-job rescue) runs out, and another worker takes it over. The
// work itself (fetch, record, finish the run) is the caller's Work.
package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

// SourceJob is one source of one pass.
type SourceJob struct {
	Run    int64  `json:"run"`
	Source string `json:"source"`
}

// Kind names the job kind in River's table.
func (SourceJob) Kind() string { return "pressclip_source" }

// maxAttempts: a source job is tried this many times (a worker killed
// mid-source costs one attempt) before River discards it.
const maxAttempts = 5

// InsertOpts make a pass's source jobs unique by run and source.
func (SourceJob) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: maxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// DefaultLease is how long a source may take before its job is
// considered abandoned (its worker dead) and given to another.
const DefaultLease = 10 * time.Minute

// Options configure a worker.
type Options struct {
	// URL is the PostgreSQL database (the store's).
	URL    string
	Logger *slog.Logger
	// Workers is how many sources this process fetches at once.
	Workers int
	// Lease bounds one source's fetch (DefaultLease when 0): its context
	// ends then, and a job whose worker died is taken over after it.
	Lease time.Duration
	// ID names this worker in River's tables (its default when "").
	ID string
	// Work fetches one source of a pass and records it; an error makes
	// River try the job again later (up to five attempts; last is set on
	// the last, when Work should record the source as failed rather than
	// leave its pass unfinished).
	Work func(ctx context.Context, run int64, source string, last bool) error
}

// Cluster is this process's membership: a River client on the store's
// database.
type Cluster struct {
	pool   *pgxpool.Pool
	client *river.Client[pgx.Tx]
	log    *slog.Logger
}

// migrateLock serializes River's migrations across processes starting
// together (River takes no lock of its own), keyed by the schema as the
// store's locks are.
const migrateLock int64 = 0x72697665726d6967

// Open connects to the database, brings River's tables up to date (in
// the schema first on the URL's search path, beside the store's) and
// builds the client; Start starts working.
func Open(ctx context.Context, o Options) (*Cluster, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Work == nil {
		return nil, errors.New("cluster: no Work")
	}
	cfg, err := pgxpool.ParseConfig(o.URL)
	if err != nil {
		return nil, errors.New("cluster: the database URL does not parse")
	}
	// River's own: its listener, elector, producer and completer (the
	// jobs' work goes through the store's connections).
	cfg.MaxConns = 8
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	if err := migrate(ctx, pool, o.Logger); err != nil {
		pool.Close()
		return nil, err
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &sourceWorker{work: o.Work, lease: o.Lease})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		ID:         o.ID,
		Queues:     map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: o.Workers}},
		Workers:    workers,
		JobTimeout: o.Lease,
		// A job still running after its lease and a half is a dead
		// worker's: the half is the margin for a job that ran out its
		// lease and is recording, and for the hosts' clocks (River's
		// leader compares its own with the job's start).
		RescueStuckJobsAfter: o.Lease + o.Lease/2,
		MaxAttempts:          maxAttempts,
		FetchCooldown:        20 * time.Millisecond,
		FetchPollInterval:    time.Second,
		Logger:               o.Logger.With("component", "river"),
	})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("cluster: %w", err)
	}
	return &Cluster{pool: pool, client: client, log: o.Logger}, nil
}

// migrate applies River's migrations under migrateLock.
func migrate(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtextextended(current_schema(), $1))`, migrateLock); err != nil {
		return fmt.Errorf("cluster: migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtextextended(current_schema(), $1))`, migrateLock)
	m, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: log.With("component", "river")})
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("cluster: River's migrations: %w", err)
	}
	for _, v := range res.Versions {
		log.Info("job queue migrated", "version", v.Version, "name", v.Name)
	}
	return nil
}

// Enqueue adds a job per source of run; those already enqueued (by this
// or another worker) are not added again. It returns how many it added.
func (c *Cluster) Enqueue(ctx context.Context, run int64, sources []string) (int, error) {
	added := 0
	for start := 0; start < len(sources); start += 500 {
		batch := sources[start:min(start+500, len(sources))]
		params := make([]river.InsertManyParams, len(batch))
		for i, s := range batch {
			params[i] = river.InsertManyParams{Args: SourceJob{Run: run, Source: s}}
		}
		res, err := c.client.InsertMany(ctx, params)
		if err != nil {
			return added, fmt.Errorf("enqueue run %d: %w", run, err)
		}
		for _, r := range res {
			if !r.UniqueSkippedAsDuplicate {
				added++
			}
		}
	}
	return added, nil
}

// Start starts taking jobs. Jobs outlive ctx: Stop ends them.
func (c *Cluster) Start(ctx context.Context) error {
	if err := c.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	return nil
}

// Stop stops taking jobs and waits for those running until ctx ends;
// then, or at once with cancel, their contexts are cancelled and River
// gives them back to the queue for another worker. It closes the
// connections.
func (c *Cluster) Stop(ctx context.Context, cancel bool) error {
	var err error
	if !cancel {
		err = c.client.Stop(ctx)
	}
	if cancel || err != nil {
		hard, done := context.WithTimeout(context.Background(), 10*time.Second)
		err = c.client.StopAndCancel(hard)
		done()
	}
	c.pool.Close()
	return err
}

// Counts are the source jobs by River state (available, running,
// retryable; completed, discarded and cancelled in the last day),
// cluster-wide.
func (c *Cluster) Counts(ctx context.Context) (map[string]int64, error) {
	rows, err := c.pool.Query(ctx, `SELECT state::text, COUNT(*) FROM river_job WHERE kind = $1
		AND (finalized_at IS NULL OR finalized_at > now() - interval '24 hours') GROUP BY state`, SourceJob{}.Kind())
	if err != nil {
		return nil, fmt.Errorf("job counts: %w", err)
	}
	out := map[string]int64{}
	var state string
	var n int64
	_, err = pgx.ForEachRow(rows, []any{&state, &n}, func() error {
		out[state] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("job counts: %w", err)
	}
	return out, nil
}

// sourceWorker works SourceJobs.
type sourceWorker struct {
	river.WorkerDefaults[SourceJob]
	work  func(ctx context.Context, run int64, source string, last bool) error
	lease time.Duration
}

func (w *sourceWorker) Timeout(*river.Job[SourceJob]) time.Duration { return w.lease }

func (w *sourceWorker) Work(ctx context.Context, job *river.Job[SourceJob]) error {
	return w.work(ctx, job.Args.Run, job.Args.Source, job.Attempt >= job.MaxAttempts)
}
