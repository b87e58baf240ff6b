// Package config reads and validates config.yaml: the organization to
// watch, the outlets to fetch, the schedules and the fetcher's limits.
//
// Load decodes strictly (unknown keys are errors) with
// github.com/goccy/go-yaml, then validates every value; each problem is
// reported as "file:line: message" so that a typo in a crontab-run config
// fails loudly instead of being dropped. The package holds no global state:
// cmd reads the file once and hands the values to constructors.
//
// Files: config.go (the types and defaults), load.go (decoding, line
// numbers, overrides, validation), unknown.go (keys nothing takes, with
// their lines), duration.go (YAML durations and byte sizes).
package config

import (
	"net/url"
	"strings"
	"time"

	"github.com/pressclip/pressclip/fetcher"
)

// Source types, the fetcher's (TypeFeed is the default).
const (
	TypeFeed       = fetcher.TypeFeed
	TypePage       = fetcher.TypePage
	TypeSitemap    = fetcher.TypeSitemap
	TypeGoogleNews = fetcher.TypeGoogleNews
)

// Config is the whole of config.yaml after defaults are applied.
type Config struct {
	// Database is the SQLite file. LoadFile takes a relative one from the
	// config file's folder; Load leaves it as written.
	Database string `yaml:"database"`
	// Schedule is the default cron spec for sources without their own.
	Schedule     string       `yaml:"schedule"`
	Organization Organization `yaml:"organization"`
	// Watches are more things to look for (its head, a campaign); the
	// organization is always the first watch.
	Watches []Watch  `yaml:"watches"`
	Sources []Source `yaml:"sources"`
	Fetch   Fetch    `yaml:"fetch"`
	Stories Stories  `yaml:"stories"`
	Lines   Lines    `yaml:"lines"`
	// Retention says how long things are kept; Serve configures
	// `pressclip serve`; Exports are the press sections it writes or
	// mails on a schedule.
	Retention Retention `yaml:"retention"`
	Serve     Serve     `yaml:"serve"`
	Exports   []Export  `yaml:"exports"`
}

// Retention: how long things are kept ("0s": for ever).
type Retention struct {
	// Seen: item URLs that mentioned nothing (or whose page failed), by
	// when a feed last listed them (default 90d).
	Seen Duration `yaml:"seen"`
	// Text: the article text of stories found longer ago (their lines
	// stay; default for ever).
	Text Duration `yaml:"text"`
	// Rejected: rejected stories, by when staff rejected them (default
	// 180d).
	Rejected Duration `yaml:"rejected"`
	// Runs: the run log (default 365d).
	Runs Duration `yaml:"runs"`
}

// Serve configures `pressclip serve`.
type Serve struct {
	// Listen is the address of /healthz, /metrics and the review pages
	// (default 127.0.0.1:8080). Anything but a loopback address needs a
	// password.
	Listen string `yaml:"listen"`
	// PasswordHash is the bcrypt hash of the password of the pages
	// (`pressclip passwd` makes one); PasswordEnv names an environment
	// variable holding the password (or a token) instead. Browsers sign
	// in; machines (a metrics scraper) send it with HTTP basic or bearer
	// authentication.
	PasswordHash string `yaml:"password_hash"`
	PasswordEnv  string `yaml:"password_env"`
	// Users are named reviewers' accounts: each signs in with a name and
	// a password, and every decision is recorded as theirs. `pressclip
	// user add` keeps accounts in the database instead; the shared
	// password works beside them.
	Users []User `yaml:"users"`
	// Jitter delays each scheduled pass by a random time up to this
	// (default 30s), so that sources do not all fire on the same second.
	Jitter Duration `yaml:"jitter"`
	// Prune is when the retention is applied (a cron spec, default
	// "@daily").
	Prune string `yaml:"prune"`
	// Hosts are the names the server answers to besides its IP addresses
	// and localhost: the reverse proxy's public name. Any other Host is
	// refused (421), so that no web page can reach it by DNS rebinding.
	Hosts []string `yaml:"hosts"`
	// TrustedProxies are the reverse proxies (CIDRs, "127.0.0.1/32")
	// whose X-Forwarded-For names the client for the login limits: behind
	// a TLS proxy every client is the proxy, and one would lock out all.
	TrustedProxies []string `yaml:"trusted_proxies"`
	// QuietAlarm: when no new item came from any source for this long,
	// /healthz is degraded and Today says so (default 24h; a long one,
	// 8760h, all but turns it off).
	QuietAlarm Duration `yaml:"quiet_alarm"`
}

// User is a reviewer's account in the config.
type User struct {
	Name string `yaml:"name"`
	// PasswordHash is the bcrypt hash of the password (pressclip passwd).
	PasswordHash string `yaml:"password_hash"`
}

// Export is a press section written or mailed on a schedule.
type Export struct {
	Name     string `yaml:"name"`
	Schedule string `yaml:"schedule"`
	// Since is the period of the job's first run (default 24h); later
	// runs cover the time since the last one went through.
	Since Duration `yaml:"since"`
	// Status says which stories the job sends, as `export --status` and
	// the export page do: "approved" (the default) is the newsletter's
	// section — the approved stories not exported yet, marked exported
	// once sent; "all" is a digest of every story found since the last
	// run, drafts included; "new" a digest of the unreviewed ones.
	Status string `yaml:"status"`
	// Approved is status: approved (the older key); after loading it says
	// whether Status is approved.
	Approved bool `yaml:"approved"`
	// Formats: html, md, text, csv, json, atom (default html and md).
	Formats []string `yaml:"formats"`
	// Dir receives press-<name>-<date>.<ext>; Email sends the section.
	Dir   string `yaml:"dir"`
	Email *Email `yaml:"email"`
	// Group overrides stories.group; Template renders the section with a
	// Go template file instead of the formats (html/template for a file
	// ending in .html, text/template otherwise).
	Group    string `yaml:"group"`
	Template string `yaml:"template"`
}

// Email sends an export through SMTP.
type Email struct {
	To      []string `yaml:"to"`
	From    string   `yaml:"from"`
	Subject string   `yaml:"subject"`
	SMTP    SMTP     `yaml:"smtp"`
}

// SMTP is a mail server.
type SMTP struct {
	Host        string `yaml:"host"`
	Port        int    `yaml:"port"`
	Username    string `yaml:"username"`
	PasswordEnv string `yaml:"password_env"`
	// TLS is "starttls" (the default), "tls" (implicit, port 465) or
	// "none" (a relay on a trusted network).
	TLS string `yaml:"tls"`
}

// What an export job sends (Export.Status).
const (
	ExportApproved = "approved"
	ExportAll      = "all"
	ExportNew      = "new"
)

// ExportStatuses are the values of an export job's status.
var ExportStatuses = []string{ExportApproved, ExportAll, ExportNew}

// Defaults of serve and retention.
const (
	DefaultListen   = "127.0.0.1:8080"
	DefaultJitter   = 30 * time.Second
	DefaultPrune    = "@daily"
	DefaultQuiet    = 24 * time.Hour
	DefaultSeen     = 90 * 24 * time.Hour
	DefaultRejected = 180 * 24 * time.Hour
	DefaultRunsKept = 365 * 24 * time.Hour
)

// ExportFormats are the formats an export job writes.
var ExportFormats = []string{"html", "md", "text", "csv", "json", "atom"}

// Groupings of exported sections.
var Groupings = []string{"none", "watch", "outlet", "tag"}

// Line writers (Lines.Writer).
const (
	WriterExtractive = "extractive"
	WriterLLM        = "llm"
)

// Translators: what writes the lines of articles in other languages than
// the newsletter's (Lines.Translator).
const (
	// TranslatorNone: those lines are marked for staff to translate.
	TranslatorNone = "none"
	// TranslatorLLM: the LLM writer writes them in the newsletter's
	// language.
	TranslatorLLM = "llm"
	// TranslatorLibreTranslate: a LibreTranslate server translates the
	// article and the extractive writer drafts from the translation.
	TranslatorLibreTranslate = "libretranslate"
)

// LineLanguages are the languages a newsletter's lines can be written in.
var LineLanguages = []string{"en", "fr", "es", "de", "pt", "it"}

// Lines says how lines are drafted.
type Lines struct {
	// Language is the newsletter's language, the language of every line
	// ("en" by default; one of LineLanguages).
	Language string `yaml:"language"`
	// Translator writes the lines of articles in other languages:
	// TranslatorNone (the default), TranslatorLLM or
	// TranslatorLibreTranslate.
	Translator     string         `yaml:"translator"`
	LibreTranslate LibreTranslate `yaml:"libretranslate"`
	// Writer is WriterExtractive (the default: no network, deterministic)
	// or WriterLLM.
	Writer string `yaml:"writer"`
	// Glossary maps words to the house's, whole words ("illegal
	// migrants": "irregular migrants"); it replaces the default glossary
	// when set.
	Glossary map[string]string `yaml:"glossary"`
	LLM      LLM               `yaml:"llm"`
}

// LLM configures the LLM writer: any OpenAI-compatible chat-completions
// API. PRESSCLIP_LLM_URL and PRESSCLIP_LLM_MODEL override URL and Model;
// the key is read from the environment variable APIKeyEnv
// (PRESSCLIP_LLM_API_KEY by default), never from the file.
type LLM struct {
	URL       string   `yaml:"url"`
	Model     string   `yaml:"model"`
	APIKeyEnv string   `yaml:"api_key_env"`
	Timeout   Duration `yaml:"timeout"`
	// Retries: -1 never, 0 the default (2).
	Retries     int  `yaml:"retries"`
	Concurrency int  `yaml:"concurrency"`
	Translate   bool `yaml:"translate"`
}

// LibreTranslate configures the translating writer's machine translation
// server (LibreTranslate's HTTP API). PRESSCLIP_LIBRETRANSLATE_URL
// overrides URL; the key, if the server wants one, is read from the
// environment variable APIKeyEnv (PRESSCLIP_LIBRETRANSLATE_API_KEY by
// default).
type LibreTranslate struct {
	URL       string   `yaml:"url"`
	APIKeyEnv string   `yaml:"api_key_env"`
	Timeout   Duration `yaml:"timeout"`
	// Retries: -1 never, 0 the default (2).
	Retries     int `yaml:"retries"`
	Concurrency int `yaml:"concurrency"`
}

// DefaultLibreTranslateKeyEnv is where the LibreTranslate key is read
// from.
const DefaultLibreTranslateKeyEnv = "PRESSCLIP_LIBRETRANSLATE_API_KEY"

// DefaultAPIKeyEnv is where the LLM writer's key is read from.
const DefaultAPIKeyEnv = "PRESSCLIP_LLM_API_KEY"

// Whom a story's line credits (Stories.Credit).
const (
	// CreditAgency credits wire copy to the agency whose byline its
	// copies carry ("AFP reported that…"), anything else to its outlet.
	CreditAgency = "agency"
	// CreditOutlet always credits the outlet where the story appeared.
	CreditOutlet = "outlet"
)

// Stories says how copies of one story are presented.
type Stories struct {
	// Credit is CreditAgency (the default) or CreditOutlet.
	Credit string `yaml:"credit"`
	// Group is how exports group their lines by default: none, watch,
	// outlet or tag (the sources' tags).
	Group string `yaml:"group"`
}

// Organization is the first watch: the names the organization goes by in
// every language, and phrases whose words must not count as a mention
// ("Isle of Man" for IOM).
type Organization struct {
	Name    string   `yaml:"name"`
	Short   string   `yaml:"short"`
	Aliases []string `yaml:"aliases"`
	Exclude []string `yaml:"exclude"`
	// Query, when set, decides what is a mention instead of the aliases
	// (which still tell lines how to shorten the name).
	Query         string  `yaml:"query"`
	MinScore      float64 `yaml:"min_score"`
	StrictAccents bool    `yaml:"strict_accents"`
	// Head is the organization's head as lines name them (SUMMARY-STYLE.md
	// rule 18): "IOM Director General Amy Pope".
	Head Head `yaml:"head"`
}

// Head is a title and a name.
type Head struct {
	Title string `yaml:"title"`
	Name  string `yaml:"name"`
}

// Watch is one more thing to look for: a query, or a list of aliases.
type Watch struct {
	Name          string   `yaml:"name"`
	Query         string   `yaml:"query"`
	Aliases       []string `yaml:"aliases"`
	Exclude       []string `yaml:"exclude"`
	MinScore      float64  `yaml:"min_score"`
	StrictAccents bool     `yaml:"strict_accents"`
}

// AllWatches returns the organization as the first watch, then the
// others.
func (c *Config) AllWatches() []Watch {
	o := c.Organization
	out := []Watch{{Name: o.Name, Query: o.Query, Aliases: o.Aliases, Exclude: o.Exclude, MinScore: o.MinScore, StrictAccents: o.StrictAccents}}
	return append(out, c.Watches...)
}

// ShortName is how lines name the organization: Short if set, else the
// first alias written in capitals (an acronym), else Name.
func (o Organization) ShortName() string {
	if o.Short != "" {
		return o.Short
	}
	for _, a := range o.Aliases {
		if len(a) >= 2 && len(a) <= 6 && strings.ToUpper(a) == a && strings.ToLower(a) != a {
			return a
		}
	}
	return o.Name
}

// Source is one outlet to fetch.
type Source struct {
	Name string `yaml:"name"`
	// Type is "feed" (RSS, Atom, RDF or JSON Feed, or a home page that
	// names one; the default), "page" (an HTML list page read with CSS
	// selectors), "sitemap" (a news sitemap or sitemap index) or
	// "googlenews" (a Google News RSS search built from Query).
	Type string `yaml:"type"`
	URL  string `yaml:"url"`
	// Links, Item, Title and Date are the CSS selectors of a page source:
	// Links picks the article links (inside each Item when Item is set);
	// Title and Date, inside each Item, the headline and the date.
	Links string `yaml:"links"`
	Item  string `yaml:"item"`
	Title string `yaml:"title"`
	Date  string `yaml:"date"`
	// Keywords, when set, keep only items whose title, link or summary
	// contains one of them (for large sitemaps).
	Keywords []string `yaml:"keywords"`
	// Query, Language and Region build the Google News search URL.
	Query    string `yaml:"query"`
	Language string `yaml:"language"`
	Region   string `yaml:"region"`
	// Display is how the newsletter names the outlet ("Thailand's The
	// Nation"); the source name when empty.
	Display string `yaml:"display"`
	// Schedule overrides the config's default schedule.
	Schedule string `yaml:"schedule"`
	// Priority ranks outlets when copies of one story compete to
	// represent it (higher wins).
	Priority int `yaml:"priority"`
	// Tier is the outlet's weight in the morning review's order: 1 for
	// the outlets that matter most, then 2 and 3 (0: none). Today ranks a
	// tier-1 outlet's story above a like one elsewhere, and says so.
	Tier int `yaml:"tier"`
	// Tag groups the source's stories in grouped sections: a region or a
	// country ("Europe", "Nigeria").
	Tag string `yaml:"tag"`
}

// Outlet is the name lines credit for this source.
func (s Source) Outlet() string {
	if s.Display != "" {
		return s.Display
	}
	return s.Name
}

// FeedURL is the URL the fetcher asks for: the configured URL, or the
// Google News search URL built from the query.
func (s Source) FeedURL() string {
	if s.Type != TypeGoogleNews || s.URL != "" {
		return s.URL
	}
	lang, region := s.Language, s.Region
	if lang == "" {
		lang = "en"
	}
	if region == "" {
		region = "US"
	}
	// hl, gl and ceid must agree, or Google News answers with another
	// edition (see corpus/outlets.md).
	v := url.Values{}
	v.Set("q", s.Query)
	v.Set("hl", lang+"-"+region)
	v.Set("gl", region)
	v.Set("ceid", region+":"+lang)
	return "https://news.google.com/rss/search?" + v.Encode()
}

// Fetch holds the fetcher's limits and identity.
type Fetch struct {
	// UserAgent is sent with every request; Contact (a URL or e-mail
	// address) is appended so that outlets can reach whoever runs it.
	UserAgent string `yaml:"user_agent"`
	Contact   string `yaml:"contact"`
	// Timeout bounds one request from dial to the last body byte,
	// retries included; DialTimeout, TLSTimeout and HeaderTimeout bound
	// its first steps.
	Timeout       Duration `yaml:"timeout"`
	DialTimeout   Duration `yaml:"dial_timeout"`
	TLSTimeout    Duration `yaml:"tls_timeout"`
	HeaderTimeout Duration `yaml:"header_timeout"`
	// MaxBodyBytes caps a response after decompression.
	MaxBodyBytes ByteSize `yaml:"max_body_bytes"`
	MaxRedirects int      `yaml:"max_redirects"`
	// MaxItems caps the items taken from one feed in one pass.
	MaxItems int `yaml:"max_items"`
	// MaxAge: items published longer ago are remembered as seen and never
	// become stories (a feed's backlog, a new source's archive); undated
	// items count as published when found. Default 7 days.
	MaxAge Duration `yaml:"max_age"`
	// Concurrency bounds the requests in flight at once (and the sources
	// in progress); PerHost bounds the requests to one host at once, and
	// HostDelay is the least time between two requests to one host.
	Concurrency int      `yaml:"concurrency"`
	PerHost     int      `yaml:"per_host"`
	HostDelay   Duration `yaml:"host_delay"`
	// Retries is how often a request that timed out or got 408, 429 or
	// 5xx is tried again within Timeout (-1: never); MaxRetryWait is the
	// longest Retry-After honoured within a pass.
	Retries      int      `yaml:"retries"`
	MaxRetryWait Duration `yaml:"max_retry_wait"`
	// AllowPrivateNetworks lists CIDRs that may be fetched although they
	// are loopback, private or link-local (intranet feeds, tests).
	AllowPrivateNetworks []string `yaml:"allow_private_networks"`
}

// Defaults for values config.yaml leaves out.
const (
	DefaultDatabase  = "pressclip.db"
	DefaultSchedule  = "*/30 * * * *"
	DefaultUserAgent = "pressclip/0.1 (+https://github.com/pressclip/pressclip)"
	DefaultMaxItems  = 200
	DefaultMaxAge    = 7 * 24 * time.Hour
	// The HTTP client's limits are the fetcher's own defaults (one home
	// for each value; RELIABILITY.md §7).
	DefaultTimeout      = fetcher.DefaultTimeout
	DefaultMaxBodyBytes = fetcher.DefaultMaxBodyBytes
	DefaultMaxRedirects = fetcher.DefaultMaxRedirects
	DefaultConcurrency  = fetcher.DefaultConcurrency
	DefaultPerHost      = fetcher.DefaultPerHost
	DefaultHostDelay    = fetcher.DefaultHostDelay
	DefaultRetries      = fetcher.DefaultMaxRetries
)

// applyDefaults fills what config.yaml leaves out.
// Long: one line per setting with a default, in the order of the file:
// a flat list reads better than one split by section.
func (c *Config) applyDefaults() {
	if c.Database == "" {
		c.Database = DefaultDatabase
	}
	if c.Schedule == "" {
		c.Schedule = DefaultSchedule
	}
	if c.Stories.Credit == "" {
		c.Stories.Credit = CreditAgency
	}
	if c.Lines.Writer == "" {
		c.Lines.Writer = WriterExtractive
	}
	if c.Lines.Language == "" {
		c.Lines.Language = "en"
	}
	if c.Lines.Translator == "" {
		c.Lines.Translator = TranslatorNone
		if c.Lines.LLM.Translate {
			c.Lines.Translator = TranslatorLLM // the older way to ask for it
		}
	}
	if c.Lines.LibreTranslate.APIKeyEnv == "" {
		c.Lines.LibreTranslate.APIKeyEnv = DefaultLibreTranslateKeyEnv
	}
	r := &c.Retention
	for _, d := range []struct {
		v   *Duration
		def time.Duration
	}{{&r.Seen, DefaultSeen}, {&r.Rejected, DefaultRejected}, {&r.Runs, DefaultRunsKept}} {
		if *d.v == 0 {
			*d.v = Duration(d.def)
		}
	}
	if c.Serve.Listen == "" {
		c.Serve.Listen = DefaultListen
	}
	if c.Serve.Jitter == 0 {
		c.Serve.Jitter = Duration(DefaultJitter)
	}
	if c.Serve.Prune == "" {
		c.Serve.Prune = DefaultPrune
	}
	if c.Serve.QuietAlarm == 0 {
		c.Serve.QuietAlarm = Duration(DefaultQuiet)
	}
	for i := range c.Exports {
		x := &c.Exports[i]
		if x.Approved || x.Status == "" {
			x.Status = ExportApproved
		}
		x.Approved = x.Status == ExportApproved
		if x.Since == 0 {
			x.Since = Duration(24 * time.Hour)
		}
		if len(x.Formats) == 0 {
			x.Formats = []string{"html", "md"}
		}
		if x.Email != nil {
			if x.Email.SMTP.TLS == "" {
				x.Email.SMTP.TLS = "starttls"
			}
			if x.Email.SMTP.Port == 0 {
				x.Email.SMTP.Port = 587
				if x.Email.SMTP.TLS == "tls" {
					x.Email.SMTP.Port = 465
				}
			}
			if x.Email.Subject == "" {
				x.Email.Subject = "In the press"
			}
		}
	}
	if c.Lines.LLM.APIKeyEnv == "" {
		c.Lines.LLM.APIKeyEnv = DefaultAPIKeyEnv
	}
	for i := range c.Sources {
		if c.Sources[i].Type == "" {
			c.Sources[i].Type = TypeFeed
		}
	}
	f := &c.Fetch
	if f.UserAgent == "" {
		f.UserAgent = DefaultUserAgent
	}
	if f.Timeout == 0 {
		f.Timeout = Duration(DefaultTimeout)
	}
	if f.MaxBodyBytes == 0 {
		f.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if f.MaxRedirects == 0 {
		f.MaxRedirects = DefaultMaxRedirects
	}
	if f.MaxItems == 0 {
		f.MaxItems = DefaultMaxItems
	}
	if f.MaxAge == 0 {
		f.MaxAge = Duration(DefaultMaxAge)
	}
	if f.Concurrency == 0 {
		f.Concurrency = DefaultConcurrency
	}
	if f.PerHost == 0 {
		f.PerHost = DefaultPerHost
	}
	if f.HostDelay == 0 {
		f.HostDelay = Duration(DefaultHostDelay)
	}
	if f.Retries == 0 {
		f.Retries = DefaultRetries
	}
}

// UserAgentString is the User-Agent header: the configured agent plus the
// contact when one is set and not already part of it.
func (f Fetch) UserAgentString() string {
	if f.Contact == "" || strings.Contains(f.UserAgent, f.Contact) {
		return f.UserAgent
	}
	return f.UserAgent + " (contact: " + f.Contact + ")"
}
