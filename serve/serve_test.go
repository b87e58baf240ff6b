package serve

import (
	"cmp"
	"slices"
	_ "time/tzdata" // the zones of the tests, on any machine

	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	smtp "github.com/emersion/go-smtp"
	"github.com/robfig/cron/v3"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/internal/dbtest"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/passlock"
	"github.com/pressclip/pressclip/pipeline"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// outlet serves a feed of n articles mentioning IOM, each page taking
// delay.
func outlet(t *testing.T, n int, delay time.Duration) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			var b strings.Builder
			b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>`)
			for i := range n {
				fmt.Fprintf(&b, `<item><title>Story %d</title><link>%s/story/%d.html</link></item>`, i, srv.URL, i)
			}
			b.WriteString(`</channel></rss>`)
			w.Write([]byte(b.String()))
			return
		}
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/story/%d.html", &i); err != nil {
			http.NotFound(w, r)
			return
		}
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		fmt.Fprintf(w, `<html><head><title>Story %[1]d</title></head><body><article>
<p>Story %[1]d: on day %[1]d, %[2]d people were counted at crossing %[1]d this week, according to the International Organization for Migration (IOM).</p>
<p>Officials at crossing %[1]d said arrivals had grown %[1]d weeks running, with family groups %[2]d strong.</p>
</article></body></html>`, i, 100+i)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// fixture is a serve setup on a real SQLite file.
type fixture struct {
	cfg  *config.Config
	db   string
	st   *store.Store
	logs *syncBuffer
	srv  *Server
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newFixture(t *testing.T, yaml string) *fixture {
	t.Helper()
	cfg, err := config.Load(strings.NewReader(yaml), "config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{cfg: cfg, db: dbtest.Target(t, "p.db"), logs: &syncBuffer{}}
	f.st, err = store.Open(t.Context(), f.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.st.Close() })
	fc := fetcher.New(fetcher.Options{AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, Timeout: 10 * time.Second, MaxRetries: -1})
	t.Cleanup(fc.Close)
	m, err := mention.New([]mention.Watch{{Name: "IOM", Aliases: []string{"IOM", "International Organization for Migration"}}})
	if err != nil {
		t.Fatal(err)
	}
	w := summarizer.New(summarizer.Options{Org: "IOM", OrgNames: []string{"International Organization for Migration"}})
	log := slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	o := optionsFrom(cfg)
	o.DBPath, o.Store, o.Logger = f.db, f.st, log
	o.NewPass = func(names []string) *pipeline.Pipeline {
		var srcs []config.Source
		for _, src := range cfg.Sources {
			if slices.Contains(names, src.Name) {
				srcs = append(srcs, src)
			}
		}
		return pipeline.New(pipeline.Options{Sources: srcs, Fetch: cfg.Fetch, Fetcher: fc, Store: f.st, Matcher: m, Writer: w, Logger: log})
	}
	f.srv, err = New(o)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// optionsFrom is what cmd makes of a test's config: the fixture's YAML
// reads as a user's would (the test's own, short copy of cmd's
// serveOptions: serve reads no config).
func optionsFrom(cfg *config.Config) Options {
	o := Options{Listen: cfg.Serve.Listen, Hosts: cfg.Serve.Hosts, Jitter: cfg.Serve.Jitter.Value(), Prune: cfg.Serve.Prune,
		Group: cfg.Stories.Group, Language: cfg.Lines.Language, QuietAlarm: cfg.Serve.QuietAlarm.Value(),
		Retention: store.Retention{Seen: cfg.Retention.Seen.Value(), Text: cfg.Retention.Text.Value(),
			Rejected: cfg.Retention.Rejected.Value(), Runs: cfg.Retention.Runs.Value()}}
	for _, src := range cfg.Sources {
		spec := cmp.Or(src.Schedule, cfg.Schedule)
		i := slices.IndexFunc(o.Passes, func(p Pass) bool { return p.Spec == spec })
		if i < 0 {
			o.Passes, i = append(o.Passes, Pass{Spec: spec}), len(o.Passes)
		}
		o.Passes[i].Sources = append(o.Passes[i].Sources, src.Name)
	}
	for _, x := range cfg.Exports {
		j := Job{Name: x.Name, Schedule: x.Schedule, Since: x.Since.Value(), Status: x.Status,
			Formats: x.Formats, Dir: x.Dir, Group: x.Group, Template: x.Template}
		if e := x.Email; e != nil {
			j.Mail = &Mail{From: e.From, To: e.To, Subject: e.Subject, Host: e.SMTP.Host, Port: e.SMTP.Port, TLS: e.SMTP.TLS,
				Username: e.SMTP.Username, Password: os.Getenv(e.SMTP.PasswordEnv)}
		}
		o.Exports = append(o.Exports, j)
	}
	return o
}

func configYAML(feed, schedule, extra string) string {
	return fmt.Sprintf(`organization:
  name: International Organization for Migration
  aliases: [IOM]
schedule: '%s'
sources:
  - name: Outlet
    url: %s
fetch:
  host_delay: 0s
serve:
  listen: 127.0.0.1:0
  jitter: 0s
%s`, schedule, feed, extra)
}

// start runs the server until the test ends (or stop is called) and
// returns its address.
func (f *fixture) start(t *testing.T) (addr string, stop func() time.Duration) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	ready := make(chan string, 1)
	f.srv.o.Ready = func(a string) { ready <- a }
	done := make(chan error, 1)
	go func() { done <- f.srv.Run(ctx) }()
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve ended: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not start")
	}
	var once sync.Once
	var took time.Duration
	stop = func() time.Duration {
		once.Do(func() {
			start := time.Now()
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(ShutdownTimeout + 2*time.Second):
				t.Error("serve did not stop")
			}
			took = time.Since(start)
		})
		return took
	}
	t.Cleanup(func() { stop() })
	return addr, stop
}

// waitFor polls cond for up to d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

func runs(t *testing.T, st *store.Store) []store.Run {
	r, err := st.Runs(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSchedulesFire(t *testing.T) {
	o := outlet(t, 3, 0)
	f := newFixture(t, configYAML(o.URL+"/feed.xml", "@every 1s", ""))
	f.start(t)
	waitFor(t, 6*time.Second, "three passes", func() bool { return len(runs(t, f.st)) >= 3 })
	stories, err := f.st.Stories(t.Context(), store.Filter{})
	if err != nil || len(stories) != 3 {
		t.Errorf("got %d stories (%v), want 3, each once", len(stories), err)
	}
}

func TestCatchUpAtStart(t *testing.T) {
	o := outlet(t, 2, 0)
	// Once a year: only the catch-up pass can run during the test.
	f := newFixture(t, configYAML(o.URL+"/feed.xml", "0 0 1 1 *", ""))
	f.start(t)
	waitFor(t, 5*time.Second, "the catch-up pass", func() bool { return len(runs(t, f.st)) == 1 })
	if !strings.Contains(f.logs.String(), "catch-up pass") {
		t.Errorf("the log does not say why: %s", f.logs.String())
	}
}

func TestNoCatchUpWhenNotDue(t *testing.T) {
	o := outlet(t, 2, 0)
	f := newFixture(t, configYAML(o.URL+"/feed.xml", "0 0 1 1 *", ""))
	// A pass a moment ago: the yearly schedule is not due.
	f.st.SyncSources(t.Context(), []store.Source{{Name: "Outlet", URL: o.URL + "/feed.xml", Type: "feed"}})
	f.st.RecordSource(t.Context(), store.SourceResult{Name: "Outlet", Attempted: time.Now()})
	f.start(t)
	time.Sleep(time.Second)
	if n := len(runs(t, f.st)); n != 0 {
		t.Errorf("got %d passes, want none", n)
	}
}

func TestABusyLockSkipsThePass(t *testing.T) {
	o := outlet(t, 2, 0)
	f := newFixture(t, configYAML(o.URL+"/feed.xml", "@every 1s", ""))
	lock, err := passlock.Acquire(t.Context(), f.db, "fetch", false)
	if err != nil {
		t.Fatal(err)
	}
	addr, _ := f.start(t)
	waitFor(t, 5*time.Second, "a skipped pass", func() bool {
		return strings.Contains(f.logs.String(), "pass skipped: another pass is running (pid")
	})
	if n := len(runs(t, f.st)); n != 0 {
		t.Errorf("%d passes ran while another process held the lock", n)
	}
	if m := get(t, "http://"+addr+"/metrics", ""); !strings.Contains(m, `pressclip_passes_total{outcome="skipped_busy"}`) {
		t.Errorf("metrics do not count the skipped pass")
	}
	lock.Release()
	waitFor(t, 5*time.Second, "a pass once the lock is free", func() bool { return len(runs(t, f.st)) >= 1 })
}

func get(t *testing.T, url, auth string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if auth != "" {
		u, p, _ := strings.Cut(auth, ":")
		req.SetBasicAuth(u, p)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return fmt.Sprintf("%d %s", resp.StatusCode, b)
}

func TestHealthzAndMetrics(t *testing.T) {
	o := outlet(t, 2, 0)
	f := newFixture(t, configYAML(o.URL+"/feed.xml", "@every 1s", ""))
	addr, _ := f.start(t)
	waitFor(t, 5*time.Second, "a pass", func() bool { return len(runs(t, f.st)) >= 1 })
	waitFor(t, 5*time.Second, "healthz to report the pass", func() bool {
		return strings.Contains(get(t, "http://"+addr+"/healthz", ""), "last_pass_end")
	})
	if h := get(t, "http://"+addr+"/healthz", ""); !strings.HasPrefix(h, `200 {"database":"ok"`) || !strings.Contains(h, `"last_pass_sources_ok":1`) ||
		!strings.Contains(h, `"status":"ok"`) {
		t.Errorf("healthz: %s", h)
	}
	m := get(t, "http://"+addr+"/metrics", "")
	for _, want := range []string{`pressclip_passes_total{outcome="done"}`, "pressclip_pass_duration_seconds_bucket", "pressclip_new_mentions_total 2",
		"process_open_fds", "process_resident_memory_bytes", "pressclip_database_bytes"} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestMetricsAreProtected(t *testing.T) {
	o := outlet(t, 1, 0)
	f := newFixture(t, configYAML(o.URL+"/feed.xml", "0 0 1 1 *", ""))
	f.srv.o.Protect = func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Bearer ok" {
				http.Error(w, "no", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	addr, _ := f.start(t)
	req := func(path, auth string) int {
		r, _ := http.NewRequest("GET", "http://"+addr+path, nil)
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tt := range []struct {
		path, auth string
		code       int
	}{{"/healthz", "", 200}, {"/metrics", "", 401}, {"/metrics", "Bearer ok", 200}} {
		if got := req(tt.path, tt.auth); got != tt.code {
			t.Errorf("%s with %q: got %d, want %d", tt.path, tt.auth, got, tt.code)
		}
	}
}

// mailbox is an SMTP server on 127.0.0.1 that keeps what it receives.
type mailbox struct {
	mu   sync.Mutex
	msgs []string
	addr string
}

type session struct{ box *mailbox }

func (s session) Reset()                                         {}
func (s session) Logout() error                                  { return nil }
func (s session) Mail(from string, _ *smtp.MailOptions) error    { return nil }
func (s session) Rcpt(to string, _ *smtp.RcptOptions) error      { return nil }
func (s session) AuthMechanisms() []string                       { return nil }
func (s session) Auth(string) (interface{ Next([]byte) }, error) { return nil, nil }
func (s session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.box.mu.Lock()
	s.box.msgs = append(s.box.msgs, string(b))
	s.box.mu.Unlock()
	return err
}

func newMailbox(t *testing.T) *mailbox {
	t.Helper()
	box := &mailbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return session{box}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	box.addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return box
}

func (b *mailbox) received() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.msgs...)
}

func TestScheduledExportWritesFilesAndMails(t *testing.T) {
	o := outlet(t, 2, 0)
	box := newMailbox(t)
	host, port, _ := net.SplitHostPort(box.addr)
	out := filepath.Join(t.TempDir(), "exports")
	f := newFixture(t, configYAML(o.URL+"/feed.xml", "0 0 1 1 *", "")+fmt.Sprintf(`exports:
  - name: Morning Brief
    schedule: '@every 1s'
    status: all
    formats: [html, md, text]
    dir: %s
    email:
      to: [comms@iom.example]
      from: pressclip@iom.example
      subject: In the press
      smtp: {host: %s, port: %s, tls: none}
`, out, host, port))
	f.start(t)
	defer func() {
		if t.Failed() {
			t.Logf("log:\n%s\nmails: %q", f.logs.String(), box.received())
		}
	}()
	subject := func(m string) string {
		msg, err := mail.ReadMessage(strings.NewReader(m))
		if err != nil {
			return ""
		}
		s, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		return s
	}
	// Each run mails the stories found since the last one: however the
	// runs fall around the pass, the mails carry its two stories once.
	var msg string
	waitFor(t, 8*time.Second, "the catch-up pass and mailed exports with its stories", func() bool {
		total := 0
		for _, m := range box.received() {
			var n int
			var unit string
			s := subject(m)
			if i := strings.LastIndex(s, "("); i >= 0 {
				fmt.Sscanf(s[i:], "(%d %s", &n, &unit)
			}
			if n > 0 {
				msg = m
			}
			total += n
		}
		return total == 2
	})
	if s := subject(msg); !strings.HasPrefix(s, "In the press — ") {
		t.Errorf("subject %q", s)
	}
	for _, want := range []string{"To: <comms@iom.example>", "text/plain", "text/html", "Outlet reported that"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the mail lacks %q:\n%s", want, msg)
		}
	}
	files, _ := filepath.Glob(filepath.Join(out, "press-morning-brief-*"))
	exts := map[string]bool{}
	for _, p := range files {
		exts[filepath.Ext(p)] = true
	}
	if !exts[".html"] || !exts[".md"] || !exts[".txt"] {
		t.Errorf("files %v: want .html, .md and .txt", files)
	}
}

func TestStopCancelsAPassInFlight(t *testing.T) {
	o := outlet(t, 40, 3*time.Second)
	f := newFixture(t, configYAML(o.URL+"/feed.xml", "0 0 1 1 *", ""))
	_, stop := f.start(t)
	waitFor(t, 5*time.Second, "the pass to start", func() bool { return len(runs(t, f.st)) == 1 })
	time.Sleep(200 * time.Millisecond)
	if took := stop(); took > ShutdownTimeout {
		t.Errorf("stopping took %s, want under %s", took, ShutdownTimeout)
	}
	if err := f.st.Check(t.Context()); err != nil {
		t.Error(err)
	}
	if _, err := passlock.Acquire(t.Context(), f.db, "test", false); err != nil {
		t.Errorf("the pass lock is still held after the stop: %v", err)
	}
}

func TestJitterStaysWithinItsBound(t *testing.T) {
	s := &Server{o: Options{Jitter: 200 * time.Millisecond}}
	var maxSeen atomic.Int64
	for range 1000 {
		j := s.jitter()
		if j < 0 || j >= 200*time.Millisecond {
			t.Fatalf("jitter %s outside [0, 200ms)", j)
		}
		if int64(j) > maxSeen.Load() {
			maxSeen.Store(int64(j))
		}
	}
	if time.Duration(maxSeen.Load()) < 100*time.Millisecond {
		t.Errorf("jitter never went past %s: not spread", time.Duration(maxSeen.Load()))
	}
	s.o.Jitter = -1 // "0s": off
	if j := s.jitter(); j != 0 {
		t.Errorf("jitter off gave %s", j)
	}
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}

// TestHealthzSaysDegradedWhenEverySourceFails: the network is down.
func TestHealthzSaysDegradedWhenEverySourceFails(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	f := newFixture(t, configYAML(dead.URL+"/feed.xml", "0 0 1 1 *", ""))
	addr, _ := f.start(t)
	waitFor(t, 5*time.Second, "healthz to report the pass", func() bool {
		return strings.Contains(get(t, "http://"+addr+"/healthz", ""), "last_pass_end")
	})
	if h := get(t, "http://"+addr+"/healthz", ""); !strings.HasPrefix(h, "200 ") || !strings.Contains(h, `"status":"degraded"`) ||
		!strings.Contains(h, `"last_pass_sources_failed":1`) {
		t.Errorf("healthz after a pass where every source failed: %s", h)
	}
}

func TestHealthChecksAtMostOncePerInterval(t *testing.T) {
	var h health
	calls := 0
	check := func(context.Context) error { calls++; return nil }
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 5; i++ {
		h.check(t.Context(), check, now.Add(time.Duration(i)*time.Second))
	}
	if calls != 1 {
		t.Errorf("5 requests in 5 s ran the check %d times, want 1", calls)
	}
	h.check(t.Context(), check, now.Add(healthEvery))
	if calls != 2 {
		t.Errorf("after %s the check ran %d times, want 2", healthEvery, calls)
	}
}

// TestMissedReadsLocalSchedulesInLocalTime: a daily 07:00 schedule in
// Zurich, last run yesterday 08:30 local (stored in UTC), serve back at
// 07:30 today: today's 07:00 was missed.
func TestMissedReadsLocalSchedulesInLocalTime(t *testing.T) {
	zurich, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		t.Fatal(err)
	}
	parser := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	daily, _ := parser.Parse("0 7 * * *")
	tokyo, _ := parser.Parse("CRON_TZ=Asia/Tokyo 0 7 * * *")
	last := time.Date(2026, 11, 26, 8, 30, 0, 0, zurich).UTC()
	for _, tc := range []struct {
		name  string
		sched cron.Schedule
		last  time.Time
		now   time.Time
		want  bool
	}{
		{"never ran", daily, time.Time{}, time.Date(2026, 11, 27, 7, 30, 0, 0, zurich), true},
		{"today's 07:00 missed", daily, last, time.Date(2026, 11, 27, 7, 30, 0, 0, zurich), true},
		{"before today's 07:00", daily, last, time.Date(2026, 11, 27, 6, 59, 0, 0, zurich), false},
		{"a CRON_TZ schedule in its own zone", tokyo, last, time.Date(2026, 11, 27, 7, 30, 0, 0, zurich), true},
		{"a CRON_TZ schedule not yet due", tokyo, time.Date(2026, 11, 27, 0, 0, 0, 0, zurich), time.Date(2026, 11, 27, 7, 30, 0, 0, zurich), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := missed(tc.sched, tc.last, tc.now, zurich); got != tc.want {
				t.Errorf("missed = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestHealthzReadsTheRunLog: /healthz says what the last finished pass in
// the run log says, whichever process ran it (cron's fetch writes the
// same log): an outage and a pass that attempted nothing are degraded, a
// pass that went through is ok.
func TestHealthzReadsTheRunLog(t *testing.T) {
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", ""))
	addr, _ := f.start(t)
	ctx := t.Context()
	// serve's own catch-up pass first, so that the runs below are the newest.
	waitFor(t, 5*time.Second, "the catch-up pass", func() bool {
		return strings.Contains(get(t, "http://"+addr+"/healthz", ""), "last_pass_end")
	})
	for _, tt := range []struct {
		desc   string
		totals store.RunTotals
		want   string
	}{
		{"an outage", store.RunTotals{SourcesOK: 1, SourcesFailed: 9, Outage: true}, `"status":"degraded","why":"network outage`},
		{"nothing attempted", store.RunTotals{SourcesSkipped: 10}, `"status":"degraded","why":"no source was attempted`},
		{"a pass that went through", store.RunTotals{SourcesOK: 9, SourcesFailed: 1, NewItems: 3}, `"status":"ok"`},
	} {
		id, err := f.st.StartRun(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.st.FinishRun(ctx, id, tt.totals); err != nil {
			t.Fatal(err)
		}
		if h := get(t, "http://"+addr+"/healthz", ""); !strings.Contains(h, tt.want) {
			t.Errorf("%s: healthz %s, want %s", tt.desc, h, tt.want)
		}
	}
}

// TestCountersStartAtZero: every label of the counters exists from the
// start, before anything happened, as Prometheus expects.
func TestCountersStartAtZero(t *testing.T) {
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", `exports:
  - name: Morning Brief
    schedule: '0 7 * * *'
    status: all
    formats: [text]
    dir: `+t.TempDir()+`
`))
	f.srv.o.Protect = nil
	rec := httptest.NewRecorder()
	f.srv.handler().ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`pressclip_passes_total{outcome="outage"} 0`,
		`pressclip_passes_total{outcome="failed"} 0`,
		`pressclip_source_failures_total{kind="timeout"} 0`,
		`pressclip_source_failures_total{kind="dns"} 0`,
		`pressclip_exports_total{export="Morning Brief",outcome="failed"} 0`,
		`pressclip_pruned_total{what="runs"} 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestHealthzQuietAlarm: no new item from any source for longer than
// serve.quiet_alarm makes /healthz degraded and says why.
func TestHealthzQuietAlarm(t *testing.T) {
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", ""))
	id, err := f.st.StartRun(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.FinishRun(t.Context(), id, store.RunTotals{SourcesOK: 1}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		after time.Duration
		want  string
	}{
		{time.Hour, `"status":"ok"`},
		{30 * time.Hour, `"why":"no new item from any source since`},
	} {
		now := time.Now().Add(tt.after)
		f.srv.o.Now = func() time.Time { return now }
		rec := httptest.NewRecorder()
		f.srv.handler().ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/healthz", nil))
		if !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%v after the pass: %s, want %s", tt.after, rec.Body.String(), tt.want)
		}
	}
}

// TestMetricsReadTheRunLog: the last pass's gauges come from the run log
// at each scrape, so a pass cron's fetch ran is seen, and a restart
// forgets nothing.
func TestMetricsReadTheRunLog(t *testing.T) {
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", ""))
	id, err := f.st.StartRun(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.FinishRun(t.Context(), id, store.RunTotals{SourcesOK: 7, SourcesFailed: 2, SourcesSkipped: 1}); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	f.srv.handler().ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{`pressclip_last_pass_sources{status="ok"} 7`, `pressclip_last_pass_sources{status="failed"} 2`,
		`pressclip_last_pass_sources{status="backed_off"} 1`, "pressclip_last_pass_end_timestamp_seconds 1."} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestHealthzSeesPastUnfinishedPasses: passes that never finished (killed,
// or ended by a store failure) do not hide the last one that did.
func TestHealthzSeesPastUnfinishedPasses(t *testing.T) {
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", ""))
	id, _ := f.st.StartRun(t.Context())
	f.st.FinishRun(t.Context(), id, store.RunTotals{SourcesFailed: 4})
	for range 5 {
		f.st.StartRun(t.Context()) // never finished
	}
	rec := httptest.NewRecorder()
	f.srv.handler().ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/healthz", nil))
	if body := rec.Body.String(); !strings.Contains(body, `"last_pass_sources_failed":4`) || !strings.Contains(body, `"status":"degraded"`) {
		t.Errorf("healthz after five unfinished passes: %s", body)
	}
}
