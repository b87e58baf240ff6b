package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/robfig/cron/v3"

	"github.com/pressclip/pressclip/query"

	"github.com/pressclip/pressclip/parse"
)

// Limits that keep a config sane (RELIABILITY.md K10).
const (
	maxConfigBytes = 4 << 20
	maxAliases     = 500
	maxPhraseLen   = 200
	maxSources     = 10000
)

// Problem is one thing wrong with a config file, at a line (0 when the
// problem is the file itself).
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Error is an unusable config: every problem found, in file order.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// LoadFile reads and validates the config at path. A relative database
// is taken from the config file's folder, not from the working directory,
// so that every command finds the same file wherever cron or a user runs
// it (issue 14).
func LoadFile(path string, overrides ...Override) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Problems: []Problem{{File: path, Msg: describeOpenError(err)}}}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, &Error{Problems: []Problem{{File: path, Msg: "is a directory, not a config file"}}}
	}
	cfg, err := Load(f, path, overrides...)
	if err != nil {
		return nil, err
	}
	cfg.Database = resolveDatabase(cfg.Database, filepath.Dir(path))
	return cfg, nil
}

// resolveDatabase is db taken from the folder dir: a relative file name
// is joined to dir; an absolute one, or a URL (postgres://…), is kept.
func resolveDatabase(db, dir string) string {
	if db == "" || filepath.IsAbs(db) || strings.Contains(db, "://") {
		return db
	}
	return filepath.Join(dir, db)
}

func describeOpenError(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file (pass --config FILE, or copy the config.yaml from the repository)"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// Override changes a decoded config before it is validated: the
// command line's environment (PRESSCLIP_LLM_URL, …), applied in cmd. Its
// error is a problem of the config.
type Override func(*Config) error

// Load decodes and validates a config; name is the file name used in
// problems ("config.yaml:12: …"). The overrides are applied in order
// between the two: Load itself reads no environment.
func Load(r io.Reader, name string, overrides ...Override) (*Config, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxConfigBytes+1))
	if err != nil {
		return nil, &Error{Problems: []Problem{{File: name, Msg: "read: " + err.Error()}}}
	}
	if len(data) > maxConfigBytes {
		return nil, &Error{Problems: []Problem{{File: name, Msg: fmt.Sprintf("larger than %d bytes", maxConfigBytes)}}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{Problems: []Problem{{File: name, Msg: "is empty: it needs an organization and sources"}}}
	}
	var cfg Config
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, &Error{Problems: []Problem{decodeProblem(name, err)}}
	}
	// Every mistake at once: the keys nothing takes, then, when the rest
	// decodes, what the validation finds.
	unknown := unknownKeys(file, reflect.TypeOf(cfg), name)
	if err := yaml.UnmarshalWithOptions(data, &cfg, yaml.DisallowUnknownField()); err != nil {
		var ue *yaml.UnknownFieldError
		if !errors.As(err, &ue) || len(unknown) == 0 {
			return nil, &Error{Problems: append(unknown, decodeProblem(name, err))}
		}
		cfg = Config{}
		if err := yaml.Unmarshal(data, &cfg); err != nil {
			return nil, &Error{Problems: append(unknown, decodeProblem(name, err))}
		}
	}
	v := validator{file: file, name: name, problems: unknown}
	for _, o := range overrides {
		if err := o(&cfg); err != nil {
			v.problems = append(v.problems, Problem{File: name, Msg: err.Error()})
		}
	}
	v.check(&cfg)
	if len(v.problems) > 0 {
		slices.SortStableFunc(v.problems, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
		return nil, &Error{Problems: v.problems}
	}
	cfg.applyDefaults()
	return &cfg, nil
}

func decodeProblem(name string, err error) Problem {
	var ne *nodeError
	if errors.As(err, &ne) {
		return Problem{File: name, Line: ne.line, Msg: ne.msg}
	}
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		msg := ye.GetMessage()
		var ue *yaml.UnknownFieldError
		if errors.As(err, &ue) {
			msg = strings.Replace(msg, "unknown field", "unknown key", 1)
		}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			msg = fmt.Sprintf("%q has the wrong type: %s", ye.GetToken().Value, msg)
		}
		return Problem{File: name, Line: ye.GetToken().Position.Line, Msg: msg}
	}
	return Problem{File: name, Msg: err.Error()}
}

// validator collects problems with the line of the YAML node they concern.
type validator struct {
	file     *ast.File
	name     string
	problems []Problem
}

// addf records a problem at path (a YAML path such as "$.sources[2].url"),
// or at the nearest parent that exists in the file.
func (v *validator) addf(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: v.name, Line: v.line(path), Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) line(path string) int {
	for path != "" && path != "$" {
		if p, err := yaml.PathString(path); err == nil {
			if n, err := p.FilterFile(v.file); err == nil && n != nil && n.GetToken() != nil {
				return n.GetToken().Position.Line
			}
		}
		i := strings.LastIndexAny(path, ".[")
		if i <= 0 {
			break
		}
		path = path[:i]
	}
	return 1
}

func (v *validator) check(c *Config) {
	if c.Schedule != "" {
		v.schedule("$.schedule", c.Schedule)
	}
	v.organization(&c.Organization)
	v.watches(c)
	if len(c.Sources) == 0 {
		v.addf("$.sources", "sources: at least one source is needed")
	}
	if len(c.Sources) > maxSources {
		v.addf("$.sources", "sources: %d sources, at most %d", len(c.Sources), maxSources)
	}
	seen := map[string]int{}
	for i := range c.Sources {
		s := &c.Sources[i]
		at := fmt.Sprintf("$.sources[%d]", i)
		v.source(at, s)
		key := strings.ToLower(strings.TrimSpace(s.Name))
		if first, dup := seen[key]; dup && key != "" {
			v.addf(at+".name", "duplicate source name %q (first at line %d): names identify sources in the database", s.Name, v.line(fmt.Sprintf("$.sources[%d].name", first)))
		} else {
			seen[key] = i
		}
	}
	v.fetch(&c.Fetch)
	switch c.Stories.Credit {
	case "", CreditAgency, CreditOutlet:
	default:
		v.addf("$.stories.credit", "stories.credit: %q: want %s or %s", c.Stories.Credit, CreditAgency, CreditOutlet)
	}
	v.lines(&c.Lines)
	if g := c.Stories.Group; g != "" && !slices.Contains(Groupings, g) {
		v.addf("$.stories.group", "stories.group %q: want one of %s", g, strings.Join(Groupings, ", "))
	}
	v.serve(&c.Serve)
	v.exports(c.Exports)
	if h := c.Organization.Head; (h.Title == "") != (h.Name == "") {
		v.addf("$.organization.head", "organization.head: both a title and a name are needed")
	}
}

func (v *validator) serve(s *Serve) {
	if s.Listen != "" {
		if err := CheckAddr(s.Listen); err != nil {
			v.addf("$.serve.listen", "serve.listen %v", err)
		}
	}
	if s.Prune != "" {
		v.schedule("$.serve.prune", s.Prune)
	}
	for i, h := range s.Hosts {
		if h == "" || strings.ContainsAny(h, ":/ ") {
			v.addf(fmt.Sprintf("$.serve.hosts[%d]", i), "serve.hosts: %q: want a bare host name, without scheme or port", h)
		}
	}
	for i, p := range s.TrustedProxies {
		if _, err := ParsePrefix(p); err != nil {
			v.addf(fmt.Sprintf("$.serve.trusted_proxies[%d]", i), "serve.trusted_proxies: %v", err)
		}
	}
	if h := s.PasswordHash; h != "" && !isBcrypt(h) {
		v.addf("$.serve.password_hash", "serve.password_hash: not a bcrypt hash (make one with pressclip passwd)")
	}
	seen := map[string]bool{}
	for i, u := range s.Users {
		at := fmt.Sprintf("$.serve.users[%d]", i)
		switch key := strings.ToLower(u.Name); {
		case strings.TrimSpace(u.Name) == "":
			v.addf(at+".name", "serve.users: an account without a name")
		case seen[key]:
			v.addf(at+".name", "serve.users: %q twice (names match without regard to case)", u.Name)
		default:
			seen[key] = true
		}
		if !isBcrypt(u.PasswordHash) {
			v.addf(at+".password_hash", "serve.users: %q: password_hash is not a bcrypt hash (make one with pressclip passwd)", u.Name)
		}
	}
}

func isBcrypt(h string) bool {
	return strings.HasPrefix(h, "$2a$") || strings.HasPrefix(h, "$2b$") || strings.HasPrefix(h, "$2y$")
}

// CheckAddr says what is wrong with a listen address (host:port).
// Whether it may be reached from other machines is serve's decision,
// when it knows the accounts (CheckListen).
func CheckAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q: want host:port (%s)", addr, DefaultListen)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q: the port must be a number from 0 to 65535", addr)
	}
	return nil
}

// HasLogin reports whether the config asks a login: a shared password
// or accounts.
func (s Serve) HasLogin() bool {
	return s.PasswordHash != "" || s.PasswordEnv != "" || len(s.Users) > 0
}

// CheckListen says whether serve may listen on addr (host:port): a
// loopback address, or any other when a login is asked (the config's,
// or accounts kept in the database: dbAccounts).
func (s Serve) CheckListen(addr string, dbAccounts bool) error {
	if err := CheckAddr(addr); err != nil {
		return err
	}
	if !IsLoopback(addr) && !s.HasLogin() && !dbAccounts {
		return fmt.Errorf("%q is not a loopback address: add an account (pressclip user add NAME) or set serve.users, serve.password_hash (pressclip passwd) or serve.password_env", addr)
	}
	return nil
}

// IsLoopback: addr (host:port) is an address only this machine reaches.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (v *validator) exports(xs []Export) {
	names := map[string]bool{}
	for i, x := range xs {
		at := fmt.Sprintf("$.exports[%d]", i)
		switch key := strings.ToLower(strings.TrimSpace(x.Name)); {
		case key == "":
			v.addf(at, "export without a name")
		case names[key]:
			v.addf(at+".name", "duplicate export name %q", x.Name)
		default:
			names[key] = true
		}
		if x.Schedule == "" {
			v.addf(at, "export %q: a schedule is needed", x.Name)
		} else {
			v.schedule(at+".schedule", x.Schedule)
		}
		for j, f := range x.Formats {
			if !slices.Contains(ExportFormats, f) {
				v.addf(fmt.Sprintf("%s.formats[%d]", at, j), "export %q: format %q: want one of %s", x.Name, f, strings.Join(ExportFormats, ", "))
			}
		}
		if x.Status != "" && !slices.Contains(ExportStatuses, x.Status) {
			v.addf(at+".status", "export %q: status %q: want one of %s", x.Name, x.Status, strings.Join(ExportStatuses, ", "))
		}
		if x.Approved && x.Status != "" && x.Status != ExportApproved {
			v.addf(at+".status", "export %q: approved: true and status %q disagree", x.Name, x.Status)
		}
		if x.Group != "" && !slices.Contains(Groupings, x.Group) {
			v.addf(at+".group", "export %q: group %q: want one of %s", x.Name, x.Group, strings.Join(Groupings, ", "))
		}
		if x.Template != "" {
			if _, err := os.Stat(x.Template); err != nil {
				v.addf(at+".template", "export %q: template %v", x.Name, err)
			}
		}
		if x.Dir == "" && x.Email == nil {
			v.addf(at, "export %q: a dir or an email is needed", x.Name)
		}
		if e := x.Email; e != nil {
			if len(e.To) == 0 || e.From == "" {
				v.addf(at+".email", "export %q: email needs from and to", x.Name)
			}
			for j, a := range append([]string{e.From}, e.To...) {
				if a != "" {
					if _, err := mail.ParseAddress(a); err != nil {
						v.addf(at+".email", "export %q: address %d %q: %v", x.Name, j, a, err)
					}
				}
			}
			if e.SMTP.Host == "" {
				v.addf(at+".email.smtp", "export %q: email.smtp.host is needed", x.Name)
			}
			if e.SMTP.Port < 0 || e.SMTP.Port > 65535 {
				v.addf(at+".email.smtp.port", "export %q: email.smtp.port %d", x.Name, e.SMTP.Port)
			}
			switch e.SMTP.TLS {
			case "", "starttls", "tls", "none":
			default:
				v.addf(at+".email.smtp.tls", "export %q: email.smtp.tls %q: want starttls, tls or none", x.Name, e.SMTP.TLS)
			}
		}
	}
}

func (v *validator) lines(l *Lines) {
	needLLM := false
	switch l.Writer {
	case "", WriterExtractive:
	case WriterLLM:
		needLLM = true
	default:
		v.addf("$.lines.writer", "lines.writer: %q: want %s or %s", l.Writer, WriterExtractive, WriterLLM)
	}
	if l.Language != "" && !slices.Contains(LineLanguages, l.Language) {
		v.addf("$.lines.language", "lines.language: %q: want one of %s", l.Language, strings.Join(LineLanguages, ", "))
	}
	switch l.Translator {
	case "", TranslatorNone:
	case TranslatorLLM:
		needLLM = true
	case TranslatorLibreTranslate:
		if l.LibreTranslate.URL == "" {
			v.addf("$.lines.libretranslate", "lines.libretranslate.url: the libretranslate translator needs the server's URL (or PRESSCLIP_LIBRETRANSLATE_URL)")
		}
	default:
		v.addf("$.lines.translator", "lines.translator: %q: want %s, %s or %s", l.Translator, TranslatorNone, TranslatorLLM, TranslatorLibreTranslate)
	}
	if needLLM {
		if l.LLM.URL == "" {
			v.addf("$.lines.llm", "lines.llm.url: the llm writer needs the URL of an OpenAI-compatible API (or PRESSCLIP_LLM_URL)")
		}
		if l.LLM.Model == "" {
			v.addf("$.lines.llm", "lines.llm.model: the llm writer needs a model (or PRESSCLIP_LLM_MODEL)")
		}
	}
	if lt := l.LibreTranslate; lt.URL != "" {
		if err := CheckURL(lt.URL); err != nil {
			v.addf("$.lines.libretranslate.url", "lines.libretranslate.url %q: %v", lt.URL, err)
		}
	}
	if lt := l.LibreTranslate; lt.Timeout < 0 || lt.Retries < -1 || lt.Retries > 10 || lt.Concurrency < 0 || lt.Concurrency > 64 {
		v.addf("$.lines.libretranslate", "lines.libretranslate: timeout more than 0s, retries -1 (never) to 10, concurrency 0 (the default) to 64")
	}
	if l.LLM.URL != "" {
		if err := CheckURL(l.LLM.URL); err != nil {
			v.addf("$.lines.llm.url", "lines.llm.url %q: %v", l.LLM.URL, err)
		}
	}
	if l.LLM.Timeout < 0 {
		v.addf("$.lines.llm.timeout", "lines.llm.timeout: must be more than 0s")
	}
	if l.LLM.Retries < -1 || l.LLM.Retries > 10 {
		v.addf("$.lines.llm.retries", "lines.llm.retries: want -1 (never) to 10")
	}
	if l.LLM.Concurrency < 0 || l.LLM.Concurrency > 64 {
		v.addf("$.lines.llm.concurrency", "lines.llm.concurrency: want 0 (the default) to 64")
	}
	for from := range l.Glossary {
		if strings.TrimSpace(from) == "" {
			v.addf("$.lines.glossary", "lines.glossary: an empty word")
		}
	}
}

func (v *validator) organization(o *Organization) {
	if strings.TrimSpace(o.Name) == "" && len(o.Aliases) == 0 {
		v.addf("$.organization", "organization: a name or aliases are needed, or nothing can match")
		return
	}
	if len(o.Aliases) > maxAliases {
		v.addf("$.organization.aliases", "organization.aliases: %d aliases, at most %d", len(o.Aliases), maxAliases)
	}
	for _, list := range []struct {
		key   string
		items []string
	}{{"aliases", o.Aliases}, {"exclude", o.Exclude}} {
		for i, a := range list.items {
			at := fmt.Sprintf("$.organization.%s[%d]", list.key, i)
			switch {
			case strings.TrimSpace(a) == "":
				v.addf(at, "organization.%s: empty entry", list.key)
			case len(a) > maxPhraseLen:
				v.addf(at, "organization.%s: entry longer than %d bytes", list.key, maxPhraseLen)
			}
		}
	}
}

func (v *validator) watches(c *Config) {
	if c.Organization.Query != "" {
		v.query("$.organization.query", c.Organization.Query)
	}
	if c.Organization.MinScore < 0 {
		v.addf("$.organization.min_score", "organization.min_score: must not be negative")
	}
	names := map[string]bool{strings.ToLower(c.Organization.Name): true}
	for i, w := range c.Watches {
		at := fmt.Sprintf("$.watches[%d]", i)
		switch key := strings.ToLower(strings.TrimSpace(w.Name)); {
		case key == "":
			v.addf(at, "watch without a name")
		case names[key]:
			v.addf(at+".name", "duplicate watch name %q", w.Name)
		default:
			names[key] = true
		}
		if strings.TrimSpace(w.Query) == "" && len(w.Aliases) == 0 {
			v.addf(at, "watch %q: a query or aliases are needed", w.Name)
		}
		if w.Query != "" {
			v.query(at+".query", w.Query)
		}
		if w.MinScore < 0 {
			v.addf(at+".min_score", "watch %q: min_score must not be negative", w.Name)
		}
	}
}

// query checks a query's syntax: "query: unexpected ")" at 23".
func (v *validator) query(at, src string) {
	if _, err := query.Parse(src); err != nil {
		v.addf(at, "query: %v", err)
	}
}

func (v *validator) source(at string, s *Source) {
	if strings.TrimSpace(s.Name) == "" {
		v.addf(at, "source without a name")
	}
	if s.Tier < 0 || s.Tier > 3 {
		v.addf(at+".tier", "source %q: tier %d: want 1 (the outlets that matter most), 2 or 3, or none", s.Name, s.Tier)
	}
	switch s.Type {
	case "", TypeFeed, TypeSitemap:
		if s.URL == "" {
			v.addf(at, "source %q: url is required", s.Name)
		}
	case TypePage:
		if s.URL == "" {
			v.addf(at, "source %q: url is required", s.Name)
		}
		for _, p := range (parse.Selectors{Item: s.Item, Links: s.Links, Title: s.Title, Date: s.Date}).Problems() {
			path := at
			if p.Field != "" {
				path += "." + p.Field
			}
			v.addf(path, "source %q: %s", s.Name, p.Msg)
		}
	case TypeGoogleNews:
		if s.Query == "" && s.URL == "" {
			v.addf(at, "source %q: a googlenews source needs a query", s.Name)
		}
	default:
		v.addf(at+".type", "source %q: unknown type %q (want feed, page, sitemap or googlenews)", s.Name, s.Type)
	}
	if s.Type != TypePage {
		for _, sel := range []struct{ key, val string }{{"links", s.Links}, {"item", s.Item}, {"title", s.Title}, {"date", s.Date}} {
			if sel.val != "" {
				v.addf(at+"."+sel.key, "source %q: %s is for page sources only", s.Name, sel.key)
			}
		}
	}
	if s.URL != "" {
		if err := CheckURL(s.URL); err != nil {
			v.addf(at+".url", "source %q: url %q: %v", s.Name, s.URL, err)
		}
	}
	if s.Schedule != "" {
		v.schedule(at+".schedule", s.Schedule)
	}
}

func (v *validator) schedule(at, spec string) {
	if _, err := cron.ParseStandard(spec); err != nil {
		v.addf(at, "schedule %q: %v", spec, err)
		return
	}
	if err := checkSteps(spec); err != nil {
		v.addf(at, "schedule %q: %v", spec, err)
	}
}

// cronFields are the five fields of a cron spec and how many values each
// takes.
var cronFields = []struct {
	name   string
	values int
}{{"minute", 60}, {"hour", 24}, {"day of the month", 31}, {"month", 12}, {"day of the week", 7}}

// checkSteps refuses a step that a field's values cannot take twice
// ("*/61" or "*/60" minutes): the parser accepts it, and the job then runs
// at the field's first value only, not every 61 minutes as written.
func checkSteps(spec string) error {
	fields := strings.Fields(spec)
	if len(fields) > 0 && (strings.HasPrefix(fields[0], "CRON_TZ=") || strings.HasPrefix(fields[0], "TZ=")) {
		fields = fields[1:]
	}
	if len(fields) != len(cronFields) {
		return nil // a descriptor (@daily, @every 1h)
	}
	for i, f := range fields {
		for _, part := range strings.Split(f, ",") {
			_, step, ok := strings.Cut(part, "/")
			if !ok {
				continue
			}
			if n, err := strconv.Atoi(step); err == nil && n >= cronFields[i].values {
				return fmt.Errorf("%s step %d: the field has %d values, so it would run once (at its first), not every %d", cronFields[i].name, n, cronFields[i].values, n)
			}
		}
	}
	return nil
}

func (v *validator) fetch(f *Fetch) {
	for i, cidr := range f.AllowPrivateNetworks {
		if _, err := ParsePrefix(cidr); err != nil {
			v.addf(fmt.Sprintf("$.fetch.allow_private_networks[%d]", i), "fetch.allow_private_networks: %v", err)
		}
	}
	for _, n := range []struct {
		key string
		val int
	}{{"max_redirects", f.MaxRedirects}, {"max_items", f.MaxItems}, {"concurrency", f.Concurrency}, {"per_host", f.PerHost}} {
		if n.val < 0 {
			v.addf("$.fetch."+n.key, "fetch.%s: must not be negative", n.key)
		}
	}
	for _, d := range []struct {
		key string
		val Duration
	}{{"timeout", f.Timeout}, {"dial_timeout", f.DialTimeout}, {"tls_timeout", f.TLSTimeout}, {"header_timeout", f.HeaderTimeout}} {
		if d.val < 0 {
			v.addf("$.fetch."+d.key, "fetch.%s: must be more than 0s", d.key)
		}
	}
	if f.Retries < -1 || f.Retries > 10 {
		v.addf("$.fetch.retries", "fetch.retries: want -1 (never) to 10")
	}
	if f.MaxRedirects > 30 {
		v.addf("$.fetch.max_redirects", "fetch.max_redirects: at most 30")
	}
	if f.Concurrency > 256 {
		v.addf("$.fetch.concurrency", "fetch.concurrency: at most 256")
	}
}

// CheckURL accepts absolute http and https URLs only: the fetcher never
// touches file:, ftp: or anything else.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return errors.New("only http and https URLs can be fetched")
	}
	if u.Host == "" || u.Hostname() == "" {
		return errors.New("no host")
	}
	return nil
}

// ParsePrefix reads a CIDR ("10.0.0.0/8") or a single address.
func ParsePrefix(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), nil
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	return netip.Prefix{}, fmt.Errorf("%q is not a CIDR such as 127.0.0.1/32", s)
}
