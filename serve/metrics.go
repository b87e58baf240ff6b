package serve

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/pipeline"
	"github.com/pressclip/pressclip/store"
)

// metrics are what /metrics shows, in a registry of their own (with the
// Go runtime's and the process's: memory, open file descriptors).
type metrics struct {
	reg          *prometheus.Registry
	passes       *prometheus.CounterVec
	passDuration prometheus.Histogram
	failures     *prometheus.CounterVec
	newItems     prometheus.Counter
	newMentions  prometheus.Counter
	exports      *prometheus.CounterVec
	pruned       *prometheus.CounterVec
}

func newMetrics(st *store.Store, jobs func(context.Context) (map[string]int64, error)) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		passes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "pressclip_passes_total",
			Help: "Passes by outcome: done, outage (most sources failed with network errors), failed, skipped_busy (another process held the pass lock), skipped_running."}, []string{"outcome"}),
		passDuration: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "pressclip_pass_duration_seconds",
			Help: "How long passes took.", Buckets: prometheus.ExponentialBuckets(0.5, 2, 12)}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "pressclip_source_failures_total",
			Help: "Failed source fetches by error kind."}, []string{"kind"}),
		newItems: prometheus.NewCounter(prometheus.CounterOpts{Name: "pressclip_new_items_total",
			Help: "Items not seen before."}),
		newMentions: prometheus.NewCounter(prometheus.CounterOpts{Name: "pressclip_new_mentions_total",
			Help: "Articles kept as mentions (new stories and copies)."}),
		exports: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "pressclip_exports_total",
			Help: "Scheduled exports by name and outcome."}, []string{"export", "outcome"}),
		pruned: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "pressclip_pruned_total",
			Help: "Rows removed by the retention, by what they were."}, []string{"what"}),
	}
	// Every label a counter takes exists from the start, at zero, as
	// Prometheus expects (a rate over a series that appears later misses
	// its first increase).
	for _, o := range passOutcomes {
		m.passes.WithLabelValues(o)
	}
	for _, k := range fetcher.Kinds {
		m.failures.WithLabelValues(string(k))
	}
	for _, w := range []string{"seen_urls", "texts", "rejected_stories", "runs"} {
		m.pruned.WithLabelValues(w)
	}
	m.reg.MustRegister(m.passes, m.passDuration, runLog{st}, m.failures, m.newItems, m.newMentions, m.exports, m.pruned,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "pressclip_database_bytes", Help: "Size of the database file and its WAL (on PostgreSQL, of pressclip's tables and their indexes)."},
			func() float64 {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				n, err := st.Size(ctx)
				if err != nil {
					return -1
				}
				return float64(n)
			}))
	if jobs != nil {
		m.reg.MustRegister(clusterJobs{jobs})
	}
	return m
}

// clusterJobs exports the shared passes' jobs by state, cluster-wide,
// from the database at each scrape (serve --worker).
type clusterJobs struct {
	jobs func(context.Context) (map[string]int64, error)
}

var clusterJobsDesc = prometheus.NewDesc("pressclip_cluster_jobs",
	"The workers' source jobs by state (available, running, retryable, completed, discarded, …), cluster-wide.", []string{"state"}, nil)

func (clusterJobs) Describe(ch chan<- *prometheus.Desc) { ch <- clusterJobsDesc }

func (c clusterJobs) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.jobs(ctx)
	if err != nil {
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(clusterJobsDesc, prometheus.GaugeValue, float64(n), state)
	}
}

// passOutcomes are the outcomes of pressclip_passes_total.
var passOutcomes = []string{"done", "outage", "failed", "skipped_busy", "skipped_running", "shared_opened", "shared_joined"}

// initExports starts every export job's counters at zero.
func (m *metrics) initExports(names []string) {
	for _, n := range names {
		for _, o := range []string{"done", "failed", "skipped_busy", "other_worker"} {
			m.exports.WithLabelValues(n, o)
		}
	}
}

// runLog exports the last finished pass from the run log at each scrape:
// whichever process ran it (serve, or cron's fetch), across restarts.
type runLog struct{ st *store.Store }

var (
	lastPassEnd = prometheus.NewDesc("pressclip_last_pass_end_timestamp_seconds",
		"When the last pass that finished ended (Unix time), from the run log.", nil, nil)
	lastPassSources = prometheus.NewDesc("pressclip_last_pass_sources",
		"Sources of the last pass that finished by status (ok, failed, backed_off), from the run log.", []string{"status"}, nil)
)

func (runLog) Describe(ch chan<- *prometheus.Desc) {
	ch <- lastPassEnd
	ch <- lastPassSources
}

func (r runLog) Collect(ch chan<- prometheus.Metric) {
	run, ok, err := r.st.LastFinishedRun(context.Background())
	if err != nil || !ok {
		return
	}
	ch <- prometheus.MustNewConstMetric(lastPassEnd, prometheus.GaugeValue, float64(run.Finished.UnixNano())/1e9)
	for status, n := range map[string]int{"ok": run.SourcesOK, "failed": run.SourcesFailed, "backed_off": run.SourcesSkipped} {
		ch <- prometheus.MustNewConstMetric(lastPassSources, prometheus.GaugeValue, float64(n), status)
	}
}

// observePass records a pass.
func (m *metrics) observePass(rep pipeline.Report, err error, took time.Duration) {
	switch {
	case err != nil:
		m.passes.WithLabelValues("failed").Inc()
	case rep.Outage:
		m.passes.WithLabelValues("outage").Inc()
	default:
		m.passes.WithLabelValues("done").Inc()
	}
	m.passDuration.Observe(took.Seconds())
	t := rep.Totals()
	for _, f := range rep.Failed() {
		m.failures.WithLabelValues(string(f.Kind)).Inc()
	}
	m.newItems.Add(float64(t.NewItems))
	m.newMentions.Add(float64(t.NewMentions))
}

func (m *metrics) observePrune(p store.Pruned) {
	m.pruned.WithLabelValues("seen_urls").Add(float64(p.Seen))
	m.pruned.WithLabelValues("texts").Add(float64(p.Texts))
	m.pruned.WithLabelValues("rejected_stories").Add(float64(p.Rejected))
	m.pruned.WithLabelValues("runs").Add(float64(p.Runs))
}
