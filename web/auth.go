package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/pressclip/pressclip/store"
)

// Sessions and login limits.
const (
	sessionCookie = "pressclip_session"
	sessionTTL    = 12 * time.Hour
	maxFailures   = 5
	failureWindow = 5 * time.Minute
	// maxForm bounds a POST body: a thousand story IDs fit many times.
	maxForm = 256 << 10
)

// identity is who a request is by, worked out once by the guard.
type identity struct {
	// authOn: the pages ask a login (a shared password or accounts).
	authOn bool
	// token is the request's valid session token ("" none); user the
	// reviewer it or the basic credential names ("" for the shared
	// password given without a name).
	token, user string
}

type identityKey struct{}

// who returns who r is by: the guard's finding, or a fresh one for a
// request that did not pass the guard.
func (h *Handler) who(r *http.Request) identity {
	if id, ok := r.Context().Value(identityKey{}).(identity); ok {
		return id
	}
	on, _ := h.authOn(r.Context())
	id := identity{authOn: on}
	if id.authOn {
		id.token, id.user = h.session(r)
	}
	return id
}

// authOn: a shared password or an account in the config or the
// database. When the accounts cannot be read, it says so and is on: the
// guard then answers 500 rather than open the pages.
func (h *Handler) authOn(ctx context.Context) (bool, error) {
	if h.o.RequireLogin || h.o.PasswordHash != "" || h.o.Password != "" || len(h.o.Users) > 0 {
		return true, nil
	}
	has, err := h.o.Store.HasUsers(ctx)
	if err != nil {
		return true, err
	}
	return has, nil
}

// sharedPasswordOK checks a password against the configured shared hash
// or password.
func (h *Handler) sharedPasswordOK(p string) bool {
	if p == "" {
		return false
	}
	if h.o.PasswordHash != "" {
		return bcrypt.CompareHashAndPassword([]byte(h.o.PasswordHash), []byte(p)) == nil
	}
	if h.o.Password == "" {
		return false
	}
	// Compare hashes, not the passwords: the comparison's time says
	// nothing of the password's length.
	got, want := sha256.Sum256([]byte(p)), sha256.Sum256([]byte(h.o.Password))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// dummyHash is a bcrypt hash of a random password, made once: a name
// that is no account's is checked against it, so that the answer's time
// does not tell account names from others.
var dummyHash = sync.OnceValue(func() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	h, _ := bcrypt.GenerateFromPassword([]byte(hex.EncodeToString(b)), bcrypt.DefaultCost)
	return h
})

// checkLogin checks a name and password and says whom they sign in, and
// with which credential (cred). A name of an account (config or
// database, in any case) needs its password and signs in its name as
// the account spells it; any other name, or none, needs the shared
// password and is recorded as given (staff who share a password still
// say who decided). A login with a name costs one account compare
// (against a dummy hash when the name is no account's) and one shared
// compare, so that the answer's time says nothing of which names are
// accounts.
func (h *Handler) checkLogin(ctx context.Context, name, password string) (user, cred string, ok bool, err error) {
	name = strings.TrimSpace(name)
	if password == "" {
		return "", "", false, nil
	}
	valid := name == "" || store.CheckUserName(name) == nil
	var canonical, hash string
	var found bool
	if name != "" && valid {
		canonical, hash, found = h.configUser(name)
		if !found {
			if canonical, hash, found, err = h.o.Store.UserHash(ctx, name); err != nil {
				return "", "", false, err
			}
		}
	}
	accountOK := false
	if name != "" {
		against := dummyHash()
		if found {
			against = []byte(hash)
		}
		accountOK = bcrypt.CompareHashAndPassword(against, []byte(password)) == nil
	}
	sharedOK := h.sharedPasswordOK(password)
	switch {
	case found:
		return canonical, accountCred(hash), accountOK, nil
	case !valid:
		return "", "", false, nil
	}
	return name, h.sharedCred(), sharedOK, nil
}

// accountCred and sharedCred name the credential a session was signed in
// with: a short fingerprint (24 bits: it tells a changed password from
// the old one, and next to nothing about either).
func accountCred(hash string) string { return "account:" + fingerprint(hash) }

func (h *Handler) sharedCred() string {
	return "shared:" + fingerprint(h.o.PasswordHash+"\x00"+h.o.Password)
}

func fingerprint(s string) string {
	sum := sha256.Sum256([]byte("pressclip session credential\x00" + s))
	return hex.EncodeToString(sum[:3])
}

// configUser finds an account of the config by name (NameKey).
func (h *Handler) configUser(name string) (canonical, hash string, ok bool) {
	key := store.NameKey(name)
	for n, hash := range h.o.Users {
		if store.NameKey(n) == key {
			return n, hash, true
		}
	}
	return "", "", false
}

// session returns the request's valid session token and its reviewer,
// or "". A session is valid while its credential is still the one that
// signed it in: a new password, a removed account, or an account made
// under a name a shared-password session gave itself, ends it.
func (h *Handler) session(r *http.Request) (token, user string) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > 128 {
		return "", ""
	}
	se, ok, err := h.o.Store.Session(r.Context(), c.Value, h.o.Now())
	if err == nil && ok {
		ok, err = h.credStillGood(r.Context(), se)
	}
	if err != nil {
		h.log.Error("session could not be read", "error", err)
		return "", ""
	}
	if !ok {
		return "", ""
	}
	return c.Value, se.User
}

// credStillGood reports whether a session's credential is the current
// one.
func (h *Handler) credStillGood(ctx context.Context, se store.Session) (bool, error) {
	_, hash, found := h.configUser(se.User)
	if !found && se.User != "" {
		var err error
		if _, hash, found, err = h.o.Store.UserHash(ctx, se.User); err != nil {
			return false, err
		}
	}
	if found {
		return se.Cred == accountCred(hash), nil
	}
	return (h.o.PasswordHash != "" || h.o.Password != "") && se.Cred == h.sharedCred(), nil
}

// authorized: a session, or basic authentication with an account's or
// the shared password, or bearer authentication with the shared password
// (for machines: a metrics scraper, a feed reader). limited: the client
// failed too often lately and its password was not even checked.
func (h *Handler) authorized(r *http.Request) (id identity, ok, limited bool) {
	id = identity{authOn: true}
	if id.token, id.user = h.session(r); id.token != "" {
		return id, true, false
	}
	name, p, given := "", "", false
	if bu, bp, isBasic := r.BasicAuth(); isBasic {
		name, p, given = bu, bp, true
	} else if tok, isBearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); isBearer {
		p, given = strings.TrimSpace(tok), true
	}
	if !given {
		return id, false, false
	}
	done, allowed := h.attempt(r)
	if !allowed {
		return id, false, true
	}
	user, _, ok, err := h.checkLogin(r.Context(), name, p)
	if err != nil {
		h.log.Error("login could not be checked", "error", err)
		ok = false
	}
	done(ok)
	id.user = user
	return id, ok, false
}

// attempt reserves a password attempt for r's client and for the account:
// allowed is false when either must wait.
func (h *Handler) attempt(r *http.Request) (done func(success bool), allowed bool) {
	key := clientKey(r, h.o.TrustedProxies)
	client, ok := h.limit.attempt(key, maxFailures)
	if !ok {
		return func(bool) {}, false
	}
	if _, ok := h.limit.attempt(accountKey, maxAccountFailures); !ok {
		h.limit.release(key) // refused for the account, not for this client's guess
		return func(bool) {}, false
	}
	return func(success bool) {
		client(success)
		if success {
			// This attempt was no failure; the others' stay counted.
			h.limit.release(accountKey)
		}
	}, true
}

// release takes back key's newest reserved attempt.
func (l *limiter) release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ts := l.fails[key]; len(ts) > 0 {
		l.fails[key] = ts[:len(ts)-1]
	}
}

// limiter counts the wrong passwords of each client over failureWindow;
// a client with maxFailures of them waits. An attempt counts before its
// password is checked, so that parallel guesses cannot slip through
// while bcrypt runs.
type limiter struct {
	mu    sync.Mutex
	now   func() time.Time
	fails map[string][]time.Time
}

// maxClients bounds the clients the limiter remembers.
const maxClients = 10000

// attempt reserves an attempt for key; allowed is false when it has had
// limit failures lately and must wait. done(true) forgets its failures.
func (l *limiter) attempt(key string, limit int) (done func(success bool), allowed bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.fails) >= maxClients {
		// Forget the stale clients, and when too many are recent, any
		// down to half the bound: the sweep runs once in maxClients/2
		// attempts at most.
		for k, ts := range l.fails {
			if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= failureWindow || len(l.fails) > maxClients/2 {
				delete(l.fails, k)
			}
		}
	}
	recent := l.fails[key][:0]
	for _, t := range l.fails[key] {
		if now.Sub(t) < failureWindow {
			recent = append(recent, t)
		}
	}
	if len(recent) >= limit {
		l.fails[key] = recent
		return func(bool) {}, false
	}
	l.fails[key] = append(recent, now)
	return func(success bool) {
		if success {
			l.mu.Lock()
			delete(l.fails, key)
			l.mu.Unlock()
		}
	}, true
}

// clientKey names the client for the limiter: its IP address, an IPv6
// one by its /64 (one host holds a whole /64). Behind a reverse proxy
// listed in trusted, the client is the address the proxy says it serves
// (the last X-Forwarded-For hop not itself a trusted proxy); from any
// other address X-Forwarded-For is ignored (anyone can send it).
func clientKey(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if inPrefixes(ip, trusted) {
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for k := len(hops) - 1; k >= 0; k-- {
			hop, err := netip.ParseAddr(strings.TrimSpace(hops[k]))
			if err != nil {
				break
			}
			if hop = hop.Unmap(); !inPrefixes(hop, trusted) {
				ip = hop
				break
			}
		}
	}
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

func inPrefixes(ip netip.Addr, prefixes []netip.Prefix) bool {
	for _, p := range prefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// accountKey is the limiter's key for every client at once: a guessing
// spread over many addresses meets maxAccountFailures.
const accountKey = "account"

// maxAccountFailures bounds the wrong passwords of all clients together
// over failureWindow; each client still has its own maxFailures. It is
// high: reaching it refuses logins to everyone (signed-in sessions stay)
// until the window passes, a lockout an attacker with many addresses
// could cause, traded for a bound on guessing spread over them.
const maxAccountFailures = 1000

// csrfToken is the token the page's forms and scripts send back: an HMAC
// of what the request is someone by — its session; else the credential a
// machine sends (basic or bearer), so that a token read from a public
// page is no good with it; else the browser's own random secret (the
// csrfCookie, even without a login). With none of them there is no token
// that passes.
func (h *Handler) csrfToken(r *http.Request) string {
	scope := "session:" + h.who(r).token
	switch {
	case scope != "session:":
	case r.Header.Get("Authorization") != "":
		sum := sha256.Sum256([]byte(r.Header.Get("Authorization")))
		scope = "credential:" + hex.EncodeToString(sum[:])
	default:
		secret := browserSecret(r)
		if secret == "" {
			return ""
		}
		scope = "browser:" + secret
	}
	m := hmac.New(sha256.New, h.csrfKey)
	m.Write([]byte(scope))
	return hex.EncodeToString(m.Sum(nil))
}

// csrfCookie holds a browser's own CSRF secret.
const csrfCookie = "pressclip_csrf"

type csrfSecretKey struct{}

// browserSecret is the browser's CSRF secret: its cookie, or the one the
// guard just made for it (set on this response).
func browserSecret(r *http.Request) string {
	if v, ok := r.Context().Value(csrfSecretKey{}).(string); ok {
		return v
	}
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 64 {
		return c.Value
	}
	return ""
}

// withBrowserSecret gives a browser without a CSRF secret one (a cookie
// on the response, and in the request's context for the page it gets).
func withBrowserSecret(w http.ResponseWriter, r *http.Request) *http.Request {
	if browserSecret(r) != "" {
		return r
	}
	b := make([]byte, 32)
	rand.Read(b)
	v := hex.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil})
	return r.WithContext(context.WithValue(r.Context(), csrfSecretKey{}, v))
}

func (h *Handler) csrfOK(r *http.Request) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	want := h.csrfToken(r)
	return got != "" && want != "" && hmac.Equal([]byte(got), []byte(want))
}

// crossOrigin rejects state-changing requests from other origins (by
// Sec-Fetch-Site and Origin), before the CSRF token is even read.
var crossOrigin = http.NewCrossOriginProtection()

// guard puts the login before every page but the login page and the
// static files, and the CSRF checks before every POST.
func (h *Handler) guard(next http.Handler) http.Handler {
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		open := r.URL.Path == "/login" || strings.HasPrefix(r.URL.Path, "/static/")
		on, err := h.authOn(r.Context())
		if err != nil {
			h.internal(w, r, "the accounts could not be read", err)
			return
		}
		id := identity{authOn: on}
		if id.authOn && !open {
			got, ok, limited := h.authorized(r)
			switch {
			case limited:
				w.Header().Set("Retry-After", fmt.Sprint(int(failureWindow.Seconds())))
				h.fail(w, r, http.StatusTooManyRequests, "too many wrong passwords: wait a few minutes")
				return
			case !ok && !wantsJSON(r) && r.Header.Get("Authorization") == "":
				// A browser (a page, or a form posted after the session
				// ended): to the login page.
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			case !ok:
				h.fail(w, r, http.StatusUnauthorized, "authentication required")
				return
			}
			id = got
		} else if id.authOn {
			id.token, id.user = h.session(r)
		}
		// Every decision made with this request is the reviewer's.
		r = r.WithContext(store.WithActor(context.WithValue(r.Context(), identityKey{}, id), id.user))
		if r.Method != http.MethodPost && id.token == "" && r.Header.Get("Authorization") == "" {
			r = withBrowserSecret(w, r)
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxForm)
			if err := r.ParseForm(); err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					h.fail(w, r, http.StatusRequestEntityTooLarge, "the form is too large")
					return
				}
				h.fail(w, r, http.StatusBadRequest, "a bad form")
				return
			}
		}
		if r.Method == http.MethodPost && !h.csrfOK(r) {
			h.fail(w, r, http.StatusForbidden, "the form has expired or did not come from this page: reload it and try again")
			return
		}
		next.ServeHTTP(w, r)
	})
	return crossOrigin.Handler(inner)
}

func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request) {
	if !h.who(r).authOn {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	h.render(w, r, "login", &page{Title: "Sign in"})
}

// login checks the name and password, at most maxFailures failures per
// address in failureWindow, and starts a session kept in the database
// (a restarted server keeps it).
func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	if !h.who(r).authOn {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	done, allowed := h.attempt(r)
	if !allowed {
		w.Header().Set("Retry-After", fmt.Sprint(int(failureWindow.Seconds())))
		h.renderStatus(w, r, http.StatusTooManyRequests, "login", &page{Title: "Sign in", Error: "Too many attempts: wait a few minutes."})
		return
	}
	user, cred, ok, err := h.checkLogin(r.Context(), r.PostFormValue("name"), r.PostFormValue("password"))
	if err != nil {
		done(false)
		h.internal(w, r, "the login could not be checked", err)
		return
	}
	done(ok)
	if !ok {
		h.renderStatus(w, r, http.StatusUnauthorized, "login", &page{Title: "Sign in", Error: "Wrong name or password."})
		return
	}
	b := make([]byte, 32)
	rand.Read(b)
	tok := hex.EncodeToString(b)
	now := h.o.Now()
	if err := h.o.Store.CreateSession(r.Context(), tok, store.Session{User: user, Cred: cred}, now, now.Add(sessionTTL)); err != nil {
		h.internal(w, r, "the session could not be started", err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https", MaxAge: int(sessionTTL.Seconds())})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if tok := h.who(r).token; tok != "" {
		if err := h.o.Store.DeleteSession(r.Context(), tok); err != nil {
			h.internal(w, r, "the session could not be ended", err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
