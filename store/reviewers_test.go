package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestUserNames(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"Amal", true},
		{"Amal Haddad", true},
		{"Łucja", true},
		{"", false},
		{" Amal", false},
		{"Amal ", false},
		{"Am\x00al", false},
		{"Am\nal", false},
		{"Am\u200bal", false},
		{strings.Repeat("a", MaxUserName), true},
		{strings.Repeat("a", MaxUserName+1), false},
		{"\xff", false},
	}
	for _, tt := range tests {
		err := CheckUserName(tt.name)
		if (err == nil) != tt.ok {
			t.Errorf("CheckUserName(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidInput) {
			t.Errorf("CheckUserName(%q) = %v, not ErrInvalidInput", tt.name, err)
		}
	}
}

func TestUsers(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	if has, err := s.HasUsers(ctx); err != nil || has {
		t.Fatalf("HasUsers on a new database = %v, %v", has, err)
	}
	created, err := s.SetUser(ctx, "Amal", "$2a$hash1")
	if err != nil || !created {
		t.Fatalf("SetUser = %v, %v; want created", created, err)
	}
	if _, err := s.SetUser(ctx, "Omar", "$2a$hash2"); err != nil {
		t.Fatal(err)
	}
	if has, err := s.HasUsers(ctx); err != nil || !has {
		t.Fatalf("HasUsers = %v, %v", has, err)
	}
	// Names match without regard to case; the name keeps its spelling.
	name, hash, ok, err := s.UserHash(ctx, "amal")
	if err != nil || !ok || name != "Amal" || hash != "$2a$hash1" {
		t.Fatalf("UserHash(amal) = %q, %q, %v, %v", name, hash, ok, err)
	}
	// A session of Amal's ends with a new password.
	if err := s.CreateSession(ctx, "tok-amal", Session{User: "Amal", Cred: "shared:x"}, c.now(), c.now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, "tok-omar", Session{User: "Omar", Cred: "shared:x"}, c.now(), c.now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	created, err = s.SetUser(ctx, "AMAL", "$2a$hash3")
	if err != nil || created {
		t.Fatalf("SetUser of an existing account = %v, %v; want updated", created, err)
	}
	if _, ok, _ := s.Session(ctx, "tok-amal", c.now()); ok {
		t.Error("Amal's session outlived the new password")
	}
	if se, ok, _ := s.Session(ctx, "tok-omar", c.now()); !ok || se.User != "Omar" || se.Cred != "shared:x" {
		t.Errorf("Omar's session = %+v, %v: another account's new password signed him out", se, ok)
	}
	if _, hash, _, _ := s.UserHash(ctx, "Amal"); hash != "$2a$hash3" {
		t.Errorf("hash after SetUser = %q", hash)
	}
	users, err := s.Users(ctx)
	if err != nil || len(users) != 2 || users[0].Name != "Amal" || users[1].Name != "Omar" || users[0].CreatedAt.IsZero() {
		t.Fatalf("Users = %+v, %v", users, err)
	}
	// Names fold in any script: "élodie" is Élodie's account, and a
	// shared-password session that named itself so ends when she is made.
	if err := s.CreateSession(ctx, "tok-shared-elodie", Session{User: "élodie", Cred: "shared:x"}, c.now(), c.now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetUser(ctx, "Élodie", "$2a$hash4"); err != nil {
		t.Fatal(err)
	}
	if created, err := s.SetUser(ctx, "élodie", "$2a$hash5"); err != nil || created {
		t.Errorf("élodie made a second account beside Élodie: %v %v", created, err)
	}
	if name, _, ok, _ := s.UserHash(ctx, "ÉLODIE"); !ok || name != "Élodie" {
		t.Errorf("UserHash(ÉLODIE) = %q, %v", name, ok)
	}
	if _, ok, _ := s.Session(ctx, "tok-shared-elodie", c.now()); ok {
		t.Error("a shared-password session under a new account's name lives on")
	}
	if err := s.RemoveUser(ctx, "élodie"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveUser(ctx, "omar"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Session(ctx, "tok-omar", c.now()); ok {
		t.Error("a removed account's session still signs in")
	}
	if err := s.RemoveUser(ctx, "Omar"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing a removed user = %v, want ErrNotFound", err)
	}
	for _, bad := range []struct{ name, hash string }{{"", "$2a$x"}, {"Zoë", ""}, {"a\tb", "$2a$x"}} {
		if _, err := s.SetUser(ctx, bad.name, bad.hash); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("SetUser(%q, %q) = %v, want ErrInvalidInput", bad.name, bad.hash, err)
		}
	}
}

// Sessions are kept in the database: a reopened store (a restarted
// server) still knows them until they expire; only the token's hash is
// stored.
func TestSessionsOutliveARestart(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)}
	path := filepath.Join(t.TempDir(), "s.db")
	ctx := t.Context()
	s, err := Open(ctx, path, Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, "secret-token", Session{User: "Amal", Cred: "shared:x"}, c.now(), c.now().Add(12*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, "", Session{User: "Amal", Cred: "shared:x"}, c.now(), c.now().Add(time.Hour)); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("a session without a token = %v", err)
	}
	if err := s.CreateSession(ctx, "t", Session{User: "Amal"}, c.now(), c.now().Add(time.Hour)); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("a session without a credential = %v", err)
	}
	s.Close()

	s, err = Open(ctx, path, Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if se, ok, err := s.Session(ctx, "secret-token", c.now()); err != nil || !ok || se.User != "Amal" {
		t.Fatalf("after a restart Session = %+v, %v, %v", se, ok, err)
	}
	var stored string
	if err := s.rdb.QueryRowContext(ctx, `SELECT token_hash FROM sessions`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored == "secret-token" || len(stored) != 64 {
		t.Errorf("the stored session is %q: want the token's SHA-256", stored)
	}
	if _, ok, _ := s.Session(ctx, "other-token", c.now()); ok {
		t.Error("an unknown token signs in")
	}
	if _, ok, _ := s.Session(ctx, "", c.now()); ok {
		t.Error("an empty token signs in")
	}
	c.advance(12 * time.Hour)
	if _, ok, _ := s.Session(ctx, "secret-token", c.now()); ok {
		t.Error("an expired session signs in")
	}
	// Expired sessions are swept when the next one starts.
	if err := s.CreateSession(ctx, "next", Session{User: "", Cred: "shared:x"}, c.now(), c.now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions`).Scan(&n); err != nil || n != 1 {
		t.Errorf("sessions after the sweep = %d, %v; want 1", n, err)
	}
	if err := s.DeleteSession(ctx, "next"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Session(ctx, "next", c.now()); ok {
		t.Error("a signed-out session signs in")
	}
}

// Every staff decision leaves an audit line naming who made it; a merge
// keeps both stories' lines, a split notes itself on both, an export
// notes the stories it took, a pruned story takes its lines along.
func TestAuditTrail(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	a, err := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/1", body("alpha", 300), day))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveArticle(ctx, article("Beta", "https://beta.example/1", body("beta", 300), day))
	if err != nil {
		t.Fatal(err)
	}
	amal, omar := WithActor(ctx, "Amal"), WithActor(ctx, "Omar")
	line := "Alpha reported  that IOM counted 18,000 arrivals."
	if err := s.Review(amal, []int64{a.StoryID}, Review{Status: StatusApproved}); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Minute)
	if err := s.Review(omar, []int64{a.StoryID}, Review{Line: &line}); err != nil {
		t.Fatal(err)
	}
	agency := CreditAgency
	if err := s.Review(omar, []int64{a.StoryID}, Review{CreditTo: &agency, Status: StatusNew}); err != nil {
		t.Fatal(err)
	}
	if err := s.Review(amal, []int64{b.StoryID}, Review{Status: StatusRejected}); err != nil {
		t.Fatal(err)
	}
	if err := s.Review(ctx, []int64{a.StoryID}, Review{ResetLine: true}); err != nil {
		t.Fatal(err)
	}
	// Decisions that change nothing leave no line: sending a story back
	// to review that is there (its ID twice), the same credit again, the
	// draft back when it is the draft.
	if err := s.Review(amal, []int64{a.StoryID, a.StoryID}, Review{Status: StatusNew}); err != nil {
		t.Fatal(err)
	}
	if err := s.Review(omar, []int64{a.StoryID}, Review{CreditTo: &agency}); err != nil {
		t.Fatal(err)
	}
	if err := s.Review(ctx, []int64{a.StoryID}, Review{ResetLine: true}); err != nil {
		t.Fatal(err)
	}
	type row struct{ actor, action, detail string }
	got := func(id int64) []row {
		t.Helper()
		var out []row
		for _, e := range storyByID(t, s, id).Audit {
			if e.At.IsZero() {
				t.Errorf("story %d: audit line %+v has no time", id, e)
			}
			out = append(out, row{e.Actor, e.Action, e.Detail})
		}
		return out
	}
	wantA := []row{
		{"Amal", AuditApproved, ""},
		{"Omar", AuditLineEdited, "Alpha reported that IOM counted 18,000 arrivals."},
		{"Omar", AuditReopened, ""},
		{"Omar", AuditCredit, "agency"},
		{"", AuditLineReset, ""},
	}
	if g := got(a.StoryID); !slices.Equal(g, wantA) {
		t.Errorf("story A audit:\n got %v\nwant %v", g, wantA)
	}
	if e := storyByID(t, s, a.StoryID).Audit; !e[1].At.Equal(e[0].At.Add(time.Minute)) {
		t.Errorf("audit times %v, %v: want a minute apart", e[0].At, e[1].At)
	}

	into, err := s.MergeStories(amal, []int64{a.StoryID, b.StoryID})
	if err != nil {
		t.Fatal(err)
	}
	// Both stories' lines, in the order they were made, then the merge.
	wantMerged := append(append(slices.Clone(wantA[:4]), row{"Amal", AuditRejected, ""}, wantA[4]),
		row{"Amal", AuditMerged, fmt.Sprintf("story %d joined this story", b.StoryID)})
	if g := got(into); !slices.Equal(g, wantMerged) {
		t.Errorf("merged story's audit:\n got %v\nwant %v", g, wantMerged)
	}
	newID, err := s.SplitArticle(omar, b.ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	if g := got(newID); len(g) != 1 || g[0].action != AuditSplit || g[0].actor != "Omar" {
		t.Errorf("split-out story's audit = %v", g)
	}
	if g := got(into); g[len(g)-1].action != AuditSplit {
		t.Errorf("the story split from has no split line: %v", g)
	}

	if err := s.Review(amal, []int64{into}, Review{Status: StatusApproved}); err != nil {
		t.Fatal(err)
	}
	e, err := s.MarkExported(amal, []int64{into}, Export{Format: "html"})
	if err != nil {
		t.Fatal(err)
	}
	if g := got(into); g[len(g)-1].action != AuditExported || !strings.Contains(g[len(g)-1].detail, "html") {
		t.Errorf("export not in the audit: %v", g)
	}
	// Exporting it again records nothing: it went out once.
	before := len(got(into))
	if _, err := s.MarkExported(amal, []int64{into}, Export{Format: "html"}); err != nil {
		t.Fatal(err)
	}
	if after := len(got(into)); after != before {
		t.Errorf("a second export of story %d (first in export %d) added %d audit lines", into, e.ID, after-before)
	}

	// A pruned story's audit goes with it.
	if err := s.Review(amal, []int64{newID}, Review{Status: StatusRejected}); err != nil {
		t.Fatal(err)
	}
	c.advance(400 * 24 * time.Hour)
	if _, err := s.Prune(ctx, Retention{Rejected: 24 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit WHERE story_id = ?`, newID).Scan(&n); err != nil || n != 0 {
		t.Errorf("a pruned story left %d audit lines (%v)", n, err)
	}
}

// TestSectionOrderLimits: at most 10,000 stories, none twice, none
// unknown; a refused order changes nothing.
func TestSectionOrderLimits(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	a, err := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/1", body("alpha", 300), day))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveArticle(ctx, article("Beta", "https://beta.example/1", body("beta", 300), day))
	if err != nil {
		t.Fatal(err)
	}
	tooMany := make([]int64, 10001)
	for i := range tooMany {
		tooMany[i] = int64(i + 1)
	}
	for name, ids := range map[string][]int64{"none": nil, "over 10,000": tooMany, "a story twice": {a.StoryID, a.StoryID}} {
		if err := s.SetSectionOrder(ctx, ids); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: %v, want ErrInvalidInput", name, err)
		}
	}
	if err := s.SetSectionOrder(ctx, []int64{b.StoryID, 999999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown story: %v, want ErrNotFound", err)
	}
	if st := storyByID(t, s, b.StoryID); st.SectionRank != 0 {
		t.Errorf("a refused order placed story %d at %d", b.StoryID, st.SectionRank)
	}
	if err := s.SetSectionOrder(ctx, []int64{b.StoryID, a.StoryID}); err != nil {
		t.Fatal(err)
	}
	if ra, rb := storyByID(t, s, a.StoryID).SectionRank, storyByID(t, s, b.StoryID).SectionRank; rb != 1 || ra != 2 {
		t.Errorf("places: a %d, b %d; want b 1, a 2", ra, rb)
	}
}
