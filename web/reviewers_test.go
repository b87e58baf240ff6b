package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/pressclip/pressclip/store"
)

func hash(t *testing.T, p string) string {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte(p), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

// restart serves the fixture's store with a new Handler built from o,
// as a restarted server would.
func (f *fixture) restart(t *testing.T, o Options) {
	t.Helper()
	base := testOptions(f.st)
	base.Password, base.PasswordHash, base.Users, base.RequireLogin = o.Password, o.PasswordHash, o.Users, o.RequireLogin
	h, err := New(base)
	if err != nil {
		t.Fatal(err)
	}
	f.h = h
	f.srv = httptest.NewServer(h)
	t.Cleanup(f.srv.Close)
}

// signIn posts the login form and says how it answered.
func (f *fixture) signIn(t *testing.T, c *http.Client, name, password string) int {
	t.Helper()
	m := csrfMeta.FindStringSubmatch(f.get(t, c, "/login").body)
	if m == nil {
		t.Fatal("the login page has no token")
	}
	return f.post(t, c, "/login", url.Values{"csrf": {m[1]}, "name": {name}, "password": {password}}, false).code
}

// TestNamedReviewers: accounts from the database and the config sign in
// by name; an account's name needs its own password (the shared one
// does not open it); the shared password records the name typed; every
// decision is shown in Why and carried in the JSON and CSV exports with
// who made it; sessions outlive a restart and end at sign-out.
func TestNamedReviewers(t *testing.T) {
	const shared = "correct horse battery"
	f := newFixture(t, 4, "")
	ctx := context.Background()
	if _, err := f.st.SetUser(ctx, "Amal", hash(t, "amal's own password")); err != nil {
		t.Fatal(err)
	}
	opts := Options{Password: shared, Users: map[string]string{"Omar": hash(t, "omar's own password")}}
	f.restart(t, opts)

	tests := []struct {
		name, user, password string
		want                 int
	}{
		{"a database account", "amal", "amal's own password", 303},
		{"a config account", "OMAR", "omar's own password", 303},
		{"an account's name with the shared password", "Amal", shared, 401},
		{"an account's name with another's password", "Omar", "amal's own password", 401},
		{"a name with the shared password", "Guest Reviewer", shared, 303},
		{"no name with the shared password", "", shared, 303},
		{"a name with a wrong password", "Guest Reviewer", "wrong password", 401},
		{"a name that does not print", "Am\x07al", shared, 401},
	}
	for _, tt := range tests {
		if got := f.signIn(t, f.client(t), tt.user, tt.password); got != tt.want {
			t.Errorf("%s: sign-in %d, want %d", tt.name, got, tt.want)
		}
	}

	decide := func(user, password string, id int64, form url.Values) *http.Client {
		t.Helper()
		c := f.client(t)
		if code := f.signIn(t, c, user, password); code != 303 {
			t.Fatalf("%s: sign-in %d", user, code)
		}
		form.Set("csrf", f.token(t, c))
		path := fmt.Sprintf("/story/%d/status", id)
		if form.Has("line") {
			path = fmt.Sprintf("/story/%d/line", id)
		}
		if res := f.post(t, c, path, form, true); res.code != 200 {
			t.Fatalf("%s on story %d: %d %s", user, id, res.code, res.body)
		}
		return c
	}
	amal := decide("amal", "amal's own password", f.ids[0], url.Values{"status": {"approved"}})
	decide("Omar", "omar's own password", f.ids[1], url.Values{"line": {"IOM said 18,000 people arrived, the Meridian Post reported."}})
	decide("Guest Reviewer", shared, f.ids[2], url.Values{"status": {"rejected"}})
	decide("", shared, f.ids[3], url.Values{"status": {"approved"}})

	page := f.get(t, amal, "/?status=all").body
	for _, want := range []string{`<span class="user">Amal</span>`, "approved by Amal at ", "line edited by Omar at ", "rejected by Guest Reviewer at "} {
		if !strings.Contains(page, want) {
			t.Errorf("Today does not show %q", want)
		}
	}
	sts, err := f.st.StoriesByID(ctx, []int64{f.ids[3]})
	if err != nil || len(sts) != 1 || len(sts[0].Audit) != 1 || sts[0].Audit[0].Actor != "" {
		t.Errorf("an anonymous shared-password decision: %+v, %v", sts, err)
	}

	// The exports carry the decisions.
	for format, want := range map[string]string{"json": `"by": "Amal"`, "csv": "approved by Amal at "} {
		res := f.get(t, amal, "/export/download?format="+format)
		if res.code != 200 || !strings.Contains(res.body, want) {
			t.Errorf("export %s: %d, lacks %q", format, res.code, want)
		}
	}

	// A restart keeps Amal signed in.
	f.restart(t, opts)
	if res := f.get(t, amal, "/"); res.code != 200 || !strings.Contains(res.body, `<span class="user">Amal</span>`) {
		t.Errorf("after a restart: %d, want Amal still signed in", res.code)
	}
	// Machines may send an account's name and password.
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/sources", nil)
	req.SetBasicAuth("Amal", "amal's own password")
	if res := do(t, http.DefaultClient, req); res.code != 200 {
		t.Errorf("basic authentication with an account: %d", res.code)
	}
	req.SetBasicAuth("Amal", shared)
	if res := do(t, http.DefaultClient, req); res.code != 401 {
		t.Errorf("basic authentication with an account's name and the shared password: %d", res.code)
	}

	// Signing out ends the session in the database: the old cookie is
	// no good any more.
	u, _ := url.Parse(f.srv.URL)
	cookies := amal.Jar.Cookies(u)
	if res := f.post(t, amal, "/logout", url.Values{"csrf": {f.token(t, amal)}}, false); res.code != 303 {
		t.Fatalf("logout: %d", res.code)
	}
	req, _ = http.NewRequest(http.MethodGet, f.srv.URL+"/", nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	if res := do(t, f.client(t), req); res.code != 303 {
		t.Errorf("the signed-out session's cookie: %d, want the login", res.code)
	}
	// Removing the account signs it out too.
	bob := f.client(t)
	if _, err := f.st.SetUser(ctx, "Bob", hash(t, "bob's own password")); err != nil {
		t.Fatal(err)
	}
	if code := f.signIn(t, bob, "Bob", "bob's own password"); code != 303 {
		t.Fatalf("Bob's sign-in: %d", code)
	}
	if err := f.st.RemoveUser(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	if res := f.get(t, bob, "/"); res.code != 303 {
		t.Errorf("a removed account's session: %d, want the login", res.code)
	}
}

// TestAccountsInTheDatabaseTurnTheLoginOn: pages with no password and no
// account are open (loopback); the first account made turns the login
// on without a restart.
func TestAccountsInTheDatabaseTurnTheLoginOn(t *testing.T) {
	f := newFixture(t, 1, "")
	c := f.client(t)
	if res := f.get(t, c, "/"); res.code != 200 {
		t.Fatalf("open pages: %d", res.code)
	}
	if _, err := f.st.SetUser(context.Background(), "Amal", hash(t, "amal's own password")); err != nil {
		t.Fatal(err)
	}
	if res := f.get(t, c, "/"); res.code != 303 || res.head.Get("Location") != "/login" {
		t.Errorf("with an account: %d %s, want the login", res.code, res.head.Get("Location"))
	}
	if code := f.signIn(t, c, "Amal", "amal's own password"); code != 303 {
		t.Fatalf("sign-in: %d", code)
	}
	tok := f.token(t, c)
	if res := f.post(t, c, fmt.Sprintf("/story/%d/status", f.ids[0]), url.Values{"csrf": {tok}, "status": {"rejected"}}, true); res.code != 200 {
		t.Fatalf("reject: %d", res.code)
	}
	sts, _ := f.st.StoriesByID(context.Background(), f.ids[:1])
	if len(sts) != 1 || len(sts[0].Audit) != 1 || sts[0].Audit[0].Actor != "Amal" || sts[0].Audit[0].Action != store.AuditRejected {
		t.Errorf("audit = %+v", sts)
	}
}

// TestLoginStaysOnOffLoopback: pages that must ask a login (serve off
// loopback) stay locked when the last account is removed, rather than
// open.
func TestLoginStaysOnOffLoopback(t *testing.T) {
	f := newFixture(t, 1, "")
	ctx := context.Background()
	if _, err := f.st.SetUser(ctx, "Amal", hash(t, "amal's own password")); err != nil {
		t.Fatal(err)
	}
	f.restart(t, Options{RequireLogin: true})
	c := f.client(t)
	if code := f.signIn(t, c, "Amal", "amal's own password"); code != 303 {
		t.Fatalf("sign-in: %d", code)
	}
	if err := f.st.RemoveUser(ctx, "Amal"); err != nil {
		t.Fatal(err)
	}
	for _, cl := range []*http.Client{c, f.client(t)} {
		if res := f.get(t, cl, "/"); res.code != 303 || res.head.Get("Location") != "/login" {
			t.Errorf("no account left: %d %s, want the login", res.code, res.head.Get("Location"))
		}
	}
	if code := f.signIn(t, f.client(t), "", "anything at all"); code != 401 {
		t.Errorf("a sign-in with no account: %d", code)
	}
}

// TestSessionsEndWithTheirCredential: a session is no good once the
// password that signed it in changed — the shared one, a config
// account's — or once an account takes the name a shared-password
// session gave itself; names fold in any script.
func TestSessionsEndWithTheirCredential(t *testing.T) {
	const shared = "correct horse battery"
	f := newFixture(t, 1, "")
	opts := Options{Password: shared, Users: map[string]string{"Omar": hash(t, "omar's own password")}}
	f.restart(t, opts)
	ctx := context.Background()
	guest, omar, elodie := f.client(t), f.client(t), f.client(t)
	for _, s := range []struct {
		c              *http.Client
		name, password string
	}{{guest, "Guest", shared}, {omar, "Omar", "omar's own password"}, {elodie, "élodie", shared}} {
		if code := f.signIn(t, s.c, s.name, s.password); code != 303 {
			t.Fatalf("%s: sign-in %d", s.name, code)
		}
	}
	signedIn := func(c *http.Client) bool { return f.get(t, c, "/").code == 200 }

	// An account "Élodie" is made: the shared session named "élodie" ends,
	// and her name no longer opens with the shared password.
	if _, err := f.st.SetUser(ctx, "Élodie", hash(t, "élodie's own password")); err != nil {
		t.Fatal(err)
	}
	if signedIn(elodie) {
		t.Error("a shared-password session named like a new account lives on")
	}
	if code := f.signIn(t, f.client(t), "ÉLODIE", shared); code != 401 {
		t.Errorf("ÉLODIE with the shared password: %d, want 401", code)
	}
	if !signedIn(guest) || !signedIn(omar) {
		t.Fatal("other sessions ended")
	}

	// Omar's hash changes in the config; the shared password changes.
	opts.Users = map[string]string{"Omar": hash(t, "omar's new password")}
	f.restart(t, opts)
	if signedIn(omar) {
		t.Error("a session of Omar's old password lives on")
	}
	if !signedIn(guest) {
		t.Error("the shared session ended with Omar's password")
	}
	opts.Password = "a new shared password"
	f.restart(t, opts)
	if signedIn(guest) {
		t.Error("a session of the old shared password lives on")
	}
}

// TestBodyFormsGoBackToThePage: a body fetched for a row sends its forms
// back to the page that fetched it (a path of this site only).
func TestBodyFormsGoBackToThePage(t *testing.T) {
	f := newFixture(t, 1, "")
	c := f.client(t)
	id := fmt.Sprint(f.ids[0])
	for back, want := range map[string]string{"/?status=all": "/?status=all", "//evil.example/": "/", "https://evil.example/": "/", "": "/"} {
		res := f.get(t, c, "/story/"+id+"?part=body&back="+url.QueryEscape(back))
		if !strings.Contains(res.body, `name="back" value="`+html.EscapeString(want)+`"`) {
			t.Errorf("back %q: the forms do not go back to %q", back, want)
		}
	}
}
