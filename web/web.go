// Package web is the morning review: the page where staff triage the day's
// mentions (approve, reject, edit a line, undo; keyboard shortcuts, bulk
// actions, filters, full-text search), see why each story matched and why
// its outlet represents it, export the press section (a preview as the
// newsletter prints it, copy, download, mark as exported), check the
// sources' health and see the coverage of the last 30 or 90 days. `pressclip serve` mounts it.
//
// Server-rendered html/template with a little plain JavaScript, all
// embedded in the binary: no build step, no CDN. Every response carries a
// strict Content-Security-Policy; every state-changing request needs the
// CSRF token and a same-origin request (net/http's
// CrossOriginProtection); titles and snippets from the web are escaped
// everywhere. On a loopback address no login is asked; elsewhere the
// config must give a password (bcrypt hash or an environment variable),
// and the browser gets an HttpOnly, SameSite=Strict session cookie
// (Secure over HTTPS).
//
// Files: web.go (Handler, Options, routes, security), auth.go (login,
// accounts, sessions, CSRF), host.go (the Host check), today.go (the
// review page, a story's own page and body, its actions, merge and
// split), exportpage.go (export page, hand order, downloads, sources
// page), coverage.go (the Coverage page and its CSV), view.go (what
// templates show). cmd builds Options from the config: this package
// reads none.
package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure the review pages (cmd builds them from the config).
type Options struct {
	Store *store.Store
	// Sources are the configured sources: their outlets fill the outlet
	// filter, their tags group sections, their tiers rank stories.
	Sources []view.Source
	// Watches are the watches' names, for the watch filter.
	Watches []string
	// Group is the section's grouping by default (stories.group);
	// Language the newsletter's language (lines.language).
	Group, Language string
	// QuietAlarm: with no new item from any source for this long, Today
	// says the fetching may have stopped (0: never).
	QuietAlarm time.Duration
	// CheckLine checks a line staff edited against the house rules and
	// the story's article, and says what it breaks (nil: nothing is
	// checked).
	CheckLine func(line string, article store.StoryText) []string
	Logger    *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// PasswordHash (bcrypt) or Password turn the login on; with neither,
	// anyone who reaches the address may use the pages (127.0.0.1 only:
	// the config refuses anything else).
	PasswordHash string
	Password     string
	// Users are named reviewers' accounts (name → bcrypt hash) besides
	// those `pressclip user add` keeps in the database: each signs in
	// with a name, and every decision is recorded as theirs.
	Users map[string]string
	// RequireLogin keeps the login on even when no password or account
	// is left (serve sets it off loopback): removing the last account
	// locks the pages rather than opening them.
	RequireLogin bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (for the login limits); from anywhere else it is ignored.
	TrustedProxies []netip.Prefix
}

// Handler serves the review pages.
type Handler struct {
	o      Options
	log    *slog.Logger
	tmpl   *template.Template
	mux    *http.ServeMux
	static http.Handler
	// version names the embedded files' content: pages link them with
	// ?v=version, so that browsers never mix an old script with a new page.
	version string
	csrfKey []byte

	limit *limiter
}

// New builds the Handler.
func New(o Options) (*Handler, error) {
	if o.Store == nil {
		return nil, errors.New("web: a store is needed")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	tmpl, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	version, err := staticVersion(static)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	h := &Handler{o: o, log: o.Logger, tmpl: tmpl, csrfKey: key, static: http.FileServerFS(static), version: version,
		limit: &limiter{now: o.Now, fails: map[string][]time.Time{}}}
	h.routes()
	return h, nil
}

func (h *Handler) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", h.today)
	m.HandleFunc("GET /story/{id}", h.story)
	m.HandleFunc("POST /story/{id}/status", h.setStatus)
	m.HandleFunc("POST /story/{id}/line", h.setLine)
	m.HandleFunc("POST /story/{id}/credit", h.setCredit)
	m.HandleFunc("POST /stories/status", h.bulkStatus)
	m.HandleFunc("POST /stories/merge", h.merge)
	m.HandleFunc("POST /article/{id}/split", h.split)
	m.HandleFunc("GET /export", h.exportPage)
	m.HandleFunc("GET /export/download", h.download)
	m.HandleFunc("GET /export/preview", h.preview)
	m.HandleFunc("POST /export/mark", h.markExported)
	m.HandleFunc("POST /export/order", h.moveLines)
	m.HandleFunc("GET /feed.atom", h.feed)
	m.HandleFunc("GET /sources", h.sources)
	m.HandleFunc("GET /coverage", h.coverage)
	m.HandleFunc("GET /coverage.csv", h.coverageCSV)
	m.HandleFunc("GET /login", h.loginPage)
	m.HandleFunc("POST /login", h.login)
	m.HandleFunc("POST /logout", h.logout)
	m.Handle("GET /static/", http.StripPrefix("/static/", h.cacheStatic(h.static)))
	h.mux = m
}

// ServeHTTP serves a request: security headers on everything, the
// login where one is configured, the CSRF checks on every POST.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	secure(w)
	// Every request's database work ends with the request (a client that
	// hangs up stops it) and within requestTimeout.
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	h.guard(h.mux).ServeHTTP(w, r.WithContext(ctx))
}

// requestTimeout bounds the work of one request to the pages.
const requestTimeout = 20 * time.Second

// Protect puts the login in front of another handler (serve's /metrics):
// a session cookie, or HTTP basic or bearer authentication for machines.
func (h *Handler) Protect(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		on, err := h.authOn(r.Context())
		if err != nil {
			h.log.Error("accounts could not be read", "error", err)
			http.Error(w, "the accounts could not be read", http.StatusInternalServerError)
			return
		}
		if !on {
			next.ServeHTTP(w, r)
			return
		}
		id, ok, limited := h.authorized(r)
		if ok {
			next.ServeHTTP(w, r.WithContext(store.WithActor(r.Context(), id.user)))
			return
		}
		if limited {
			w.Header().Set("Retry-After", fmt.Sprint(int(failureWindow.Seconds())))
			http.Error(w, "too many wrong passwords: wait a few minutes", http.StatusTooManyRequests)
			return
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="pressclip", charset="UTF-8"`)
		http.Error(w, "authentication required", http.StatusUnauthorized)
	})
}

// csp allows the page's own scripts, styles and images only, and no
// framing.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

func secure(w http.ResponseWriter) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// staticVersion is a short hash of every embedded file.
func staticVersion(fsys fs.FS) (string, error) {
	sum := sha256.New()
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		sum.Write([]byte(path))
		sum.Write(b)
		return nil
	})
	return hex.EncodeToString(sum.Sum(nil))[:12], err
}

// cacheStatic lets browsers keep the embedded files for an hour.
func (h *Handler) cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// render executes a page template.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, name string, data *page) {
	h.renderStatus(w, r, http.StatusOK, name, data)
}

// renderStatus executes a page template with a status code; a failure
// is logged (the page is already on its way).
func (h *Handler) renderStatus(w http.ResponseWriter, r *http.Request, code int, name string, data *page) {
	data.CSRF = h.csrfToken(r)
	id := h.who(r)
	data.Login, data.User = id.authOn, id.user
	if data.Back == "" {
		data.Back = r.URL.RequestURI()
	}
	data.V = h.version
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if err := h.tmpl.ExecuteTemplate(w, name, data); err != nil {
		h.log.Error("render", "page", name, "error", err)
	}
}

// internal logs an error and answers 500 with msg, without the error's
// details.
func (h *Handler) internal(w http.ResponseWriter, r *http.Request, msg string, err error) {
	h.log.Error(msg, "path", r.URL.Path, "error", err)
	h.fail(w, r, http.StatusInternalServerError, msg)
}

// fail answers an error page (or JSON for scripts).
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if wantsJSON(r) {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	fmt.Fprintln(w, msg)
}
