package serve

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/export"
)

// extensions of the export formats.
var extensions = map[string]string{"html": "html", "md": "md", "text": "txt", "json": "json", "atom": "atom"}

// export runs one scheduled export: the stories of the period in each
// format, written to the folder and mailed.
func (s *Server) export(ctx context.Context, x config.Export) {
	if err := s.runExport(ctx, x); err != nil {
		s.log.Error("export failed", "export", x.Name, "error", err)
		s.metrics.exports.WithLabelValues(x.Name, "failed").Inc()
		return
	}
	s.metrics.exports.WithLabelValues(x.Name, "done").Inc()
}

// RunExport runs an export job now (the `pressclip export --job` path and
// tests use it).
func (s *Server) RunExport(ctx context.Context, name string) error {
	for _, x := range s.cfg.Exports {
		if x.Name == name {
			return s.runExport(ctx, x)
		}
	}
	return fmt.Errorf("no export named %q", name)
}

func (s *Server) runExport(ctx context.Context, x config.Export) error {
	if s.o.Section == nil {
		return fmt.Errorf("export %s: no section source", x.Name)
	}
	now := s.o.Now()
	items, err := s.o.Section(ctx, now.Add(-x.Since.Value()), now, x.Approved)
	if err != nil {
		return fmt.Errorf("export %s: %w", x.Name, err)
	}
	group := x.Group
	if group == "" {
		group = s.cfg.Stories.Group
	}
	rendered := map[string][]byte{}
	formats := x.Formats
	if x.Template != "" {
		t, err := export.ParseTemplate(x.Template)
		if err != nil {
			return fmt.Errorf("export %s: %w", x.Name, err)
		}
		var b bytes.Buffer
		if err := t.Execute(&b, export.TemplateData{Items: items, From: now.Add(-x.Since.Value()), To: now}); err != nil {
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
			if err := export.Section(&b, f, items, export.SectionOptions{Group: group}); err != nil {
				return fmt.Errorf("export %s: %w", x.Name, err)
			}
			rendered[f] = b.Bytes()
		}
	}
	stamp := now.Format("2006-01-02-1504")
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
	if x.Email != nil {
		if err := s.mail(ctx, x, now, rendered, len(items)); err != nil {
			return fmt.Errorf("export %s: %w", x.Name, err)
		}
	}
	return nil
}

// mail sends the section: the text (or Markdown) as the plain part, the
// HTML as its alternative.
func (s *Server) mail(ctx context.Context, x config.Export, now time.Time, rendered map[string][]byte, n int) error {
	e := x.Email
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
	opts := []mail.Option{mail.WithPort(e.SMTP.Port), mail.WithTimeout(30 * time.Second)}
	switch e.SMTP.TLS {
	case "tls":
		opts = append(opts, mail.WithSSL())
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if e.SMTP.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(e.SMTP.Username),
			mail.WithPassword(os.Getenv(e.SMTP.PasswordEnv)))
	}
	c, err := mail.NewClient(e.SMTP.Host, opts...)
	if err != nil {
		return fmt.Errorf("mail client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, m); err != nil {
		return fmt.Errorf("send mail through %s:%d: %w", e.SMTP.Host, e.SMTP.Port, err)
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
