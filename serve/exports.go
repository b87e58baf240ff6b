package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
	mail "github.com/wneessen/go-mail"

	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/store"
)

// extensions of the export formats.
var extensions = map[string]string{"html": "html", "md": "md", "text": "txt", "csv": "csv", "json": "json", "atom": "atom"}

// export runs one scheduled export: the stories of the period in each
// format, written to the folder and mailed.
//
// A worker among many (Options.Share) first claims the firing named key
// for the cluster: the first worker to claim it sends the section.
func (s *Server) export(ctx context.Context, x Job, key string) {
	if s.o.Share != nil {
		first, err := s.o.Store.ClaimOnce(ctx, "export "+x.Name+" "+key)
		if err != nil {
			s.log.Error("export failed", "export", x.Name, "error", err)
			s.metrics.exports.WithLabelValues(x.Name, "failed").Inc()
			return
		}
		if !first {
			s.log.Info("export left to another worker", "export", x.Name, "firing", key)
			s.metrics.exports.WithLabelValues(x.Name, "other_worker").Inc()
			return
		}
	}
	err := s.runExclusive(ctx, x)
	switch {
	case errors.Is(err, errExportBusy):
		s.log.Warn("export skipped: the previous run is still going", "export", x.Name)
		s.metrics.exports.WithLabelValues(x.Name, "skipped_busy").Inc()
	case err != nil:
		s.log.Error("export failed", "export", x.Name, "error", err)
		s.metrics.exports.WithLabelValues(x.Name, "failed").Inc()
	default:
		s.metrics.exports.WithLabelValues(x.Name, "done").Inc()
	}
}

// errExportBusy: the job's previous run is still going.
var errExportBusy = errors.New("the previous run is still going")

// runExclusive runs an export job unless it is running already: a
// catch-up and its schedule, or a slow SMTP server, never send the
// section twice.
func (s *Server) runExclusive(ctx context.Context, x Job) error {
	running, _ := s.exporting.LoadOrStore(x.Name, &sync.Mutex{})
	if !running.(*sync.Mutex).TryLock() {
		return fmt.Errorf("export %s: %w", x.Name, errExportBusy)
	}
	defer running.(*sync.Mutex).Unlock()
	return s.runExport(ctx, x)
}

// RunExport runs the export job name now, as its schedule would.
func (s *Server) RunExport(ctx context.Context, name string) error {
	for _, x := range s.o.Exports {
		if x.Name == name {
			return s.runExclusive(ctx, x)
		}
	}
	return fmt.Errorf("no export named %q", name)
}

// section selects an export job's stories. A job of approved stories
// is the newsletter's section: every approved story not exported yet,
// whenever found (as the review page's Today has them); the run marks
// them exported. Any other job is a digest of the stories found since
// its last run went through (a weekend, a daylight-saving day or a
// stopped serve leaves no gap), or over `since` the first time. "Since"
// goes by story ID, not found time: a story's time is taken before it
// commits, so a pass saving while the run reads could slip between two
// periods by time. through is the ID the next digest starts after (-1 for
// a job of approved stories, which keeps none).
func (s *Server) section(ctx context.Context, x Job, now time.Time) (from time.Time, items []export.Item, through int64, err error) {
	f := store.Filter{ExcludeRejected: true}
	if x.Status == JobApproved {
		// No watermark: should the job become a digest, its first run
		// goes by time, not from the first story ever stored.
		through = -1
		f.Status, f.Pending = store.StatusApproved, true
	} else {
		if x.Status == JobNew {
			f.Status = store.StatusNew
		}
		last, ok, err := s.o.Store.ExportJobRun(ctx, x.Name)
		if err != nil {
			return from, nil, 0, err
		}
		// Read the watermark first: what commits after it is the next
		// digest's.
		if through, err = s.o.Store.LastStoryID(ctx); err != nil {
			return from, nil, 0, err
		}
		f.ThroughID = through
		switch {
		case ok && last.Through >= 0:
			f.AfterID = last.Through
			from = last.At
		case ok && last.At.Before(now):
			// Recorded before the store kept IDs: by time, this once.
			f.From = last.At
			from = f.From
		default:
			f.From = now.Add(-x.Since)
			from = f.From
		}
		if through <= f.AfterID {
			return from, nil, through, nil
		}
	}
	stories, err := s.o.Store.Stories(ctx, f)
	if err != nil {
		return from, nil, through, err
	}
	return from, view.Items(stories, view.Tags(s.o.Sources)), through, nil
}

func (s *Server) runExport(ctx context.Context, x Job) error {
	now := s.o.Now().In(s.location(x.Schedule))
	from, items, through, err := s.section(ctx, x, now)
	if err != nil {
		return fmt.Errorf("export %s: %w", x.Name, err)
	}
	group := x.Group
	if group == "" {
		group = s.o.Group
	}
	rendered := map[string][]byte{}
	formats := x.Formats
	if x.Template != "" {
		t, err := export.ParseTemplate(x.Template)
		if err != nil {
			return fmt.Errorf("export %s: %w", x.Name, err)
		}
		var b bytes.Buffer
		if err := t.Execute(&b, export.TemplateData{Items: items, From: from, To: now}); err != nil {
			return fmt.Errorf("export %s: template: %w", x.Name, err)
		}
		f := "text"
		if p := strings.ToLower(x.Template); strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".htm") {
			f = "html"
		}
		formats, rendered[f] = []string{f}, b.Bytes()
	} else {
		for _, f := range formats {
			var b bytes.Buffer
			if err := export.Section(&b, f, items, export.SectionOptions{Group: group, Lang: s.o.Language, Authority: export.HostAuthority()}); err != nil {
				return fmt.Errorf("export %s: %w", x.Name, err)
			}
			rendered[f] = b.Bytes()
		}
	}
	stamp := now.Format("2006-01-02-150405")
	if x.Dir != "" {
		if err := os.MkdirAll(x.Dir, 0o755); err != nil {
			return fmt.Errorf("export %s: %w", x.Name, err)
		}
		for _, f := range formats {
			path := filepath.Join(x.Dir, fmt.Sprintf("press-%s-%s.%s", slug(x.Name), stamp, extensions[f]))
			if err := export.WriteFile(path, rendered[f]); err != nil {
				return fmt.Errorf("export %s: %w", x.Name, err)
			}
			s.log.Info("export written", "export", x.Name, "file", path, "stories", len(items))
		}
	}
	if x.Mail != nil {
		if err := s.mail(ctx, x, now, rendered, len(items)); err != nil {
			return fmt.Errorf("export %s: %w", x.Name, err)
		}
	}
	// It went through: the section's stories are exported (the next
	// Today starts after them), and the next digest starts here.
	if x.Status == JobApproved && len(items) > 0 {
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		if _, err := s.o.Store.MarkExported(store.WithActor(context.WithoutCancel(ctx), "scheduled export "+x.Name), ids, store.Export{At: now, From: from, To: now, Format: formats[0]}); err != nil {
			return fmt.Errorf("export %s: sent, but not marked: %w", x.Name, err)
		}
	}
	if err := s.o.Store.RecordExportJob(context.WithoutCancel(ctx), x.Name, store.ExportJob{At: now, Through: through}); err != nil {
		return fmt.Errorf("export %s: %w", x.Name, err)
	}
	return nil
}

// location is where a schedule's times are read: its CRON_TZ (or TZ),
// as robfig/cron's parser resolves it, else the local zone. Files and
// subjects are stamped in it.
func (s *Server) location(spec string) *time.Location {
	if sched, err := s.parser.Parse(spec); err == nil {
		if spec, ok := sched.(*cron.SpecSchedule); ok && spec.Location != nil {
			return spec.Location
		}
	}
	return time.Local
}

// mail sends the section: the text (or Markdown) as the plain part, the
// HTML as its alternative.
func (s *Server) mail(ctx context.Context, x Job, now time.Time, rendered map[string][]byte, n int) error {
	e := x.Mail
	m := mail.NewMsg()
	if err := m.From(e.From); err != nil {
		return fmt.Errorf("mail from %q: %w", e.From, err)
	}
	if err := m.To(e.To...); err != nil {
		return fmt.Errorf("mail to %v: %w", e.To, err)
	}
	m.Subject(fmt.Sprintf("%s — %s (%d %s)", e.Subject, now.Format("2 January 2006"), n, plural(n, "story", "stories")))
	m.SetDate()
	m.SetMessageID()
	plain := rendered["text"]
	if plain == nil {
		plain = rendered["md"]
	}
	if plain == nil {
		var b bytes.Buffer
		export.Section(&b, "text", nil, export.SectionOptions{})
		plain = b.Bytes()
	}
	m.SetBodyString(mail.TypeTextPlain, string(plain))
	if h := rendered["html"]; h != nil {
		m.AddAlternativeString(mail.TypeTextHTML, string(h))
	}
	opts := []mail.Option{mail.WithPort(e.Port), mail.WithTimeout(30 * time.Second)}
	switch e.TLS {
	case "tls":
		opts = append(opts, mail.WithSSL())
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if e.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(e.Username), mail.WithPassword(e.Password))
	}
	c, err := mail.NewClient(e.Host, opts...)
	if err != nil {
		return fmt.Errorf("mail client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, m); err != nil {
		return fmt.Errorf("send mail through %s:%d: %w", e.Host, e.Port, err)
	}
	s.log.Info("export mailed", "export", x.Name, "to", strings.Join(e.To, ", "), "stories", n)
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// slug is a name fit for a file name.
func slug(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}
