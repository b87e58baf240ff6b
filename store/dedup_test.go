package store

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pressclip/pressclip/dedup"
)

var reasonRe = regexp.MustCompile(`^same story as article \d+ of story 1 \(https://\S+\): \d+% of the shorter text is in the other`)

func TestNearDuplicatesJoinOneStory(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	wire := body("wire", 200)
	paras := strings.Split(wire, "\n\n")
	first, err := s.SaveArticle(ctx, article("Harbour Ledger", "https://harbour.example/a", wire, day))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		text string
		join bool
	}{
		{"a copy with its own intro and outro joins", "A desk's own intro paragraph here.\n\n" + wire + "\n\nRead more: our coverage of migration.", true},
		{"a copy trimmed by a third joins", strings.Join(paras[:len(paras)*2/3], "\n\n"), true},
		{"a follow-up repeating two background paragraphs does not", strings.Join(paras[:2], "\n\n") + "\n\n" + body("followup", 180), false},
		{"another story does not", body("other", 200), false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.advance(time.Minute)
			url := "https://copy.example/" + string(rune('a'+i))
			got, err := s.SaveArticle(ctx, article("Copy", url, tt.text, day.Add(time.Hour)))
			if err != nil {
				t.Fatal(err)
			}
			if tt.join {
				if got.Outcome != SavedJoined || got.StoryID != first.StoryID {
					t.Fatalf("got %s story %d, want joined story %d", got.Outcome, got.StoryID, first.StoryID)
				}
				if !reasonRe.MatchString(got.Reason) {
					t.Errorf("reason %q does not give the similarity and the story", got.Reason)
				}
			} else if got.Outcome != SavedNewStory {
				t.Errorf("got %s (%s), want a new story", got.Outcome, got.Reason)
			}
		})
	}
	stories, err := s.Stories(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stories {
		if st.ID == first.StoryID && len(st.Copies) != 2 {
			t.Errorf("story %d has %d copies, want 2", st.ID, len(st.Copies))
		}
		for _, c := range st.Copies {
			if c.Reason == "" {
				t.Errorf("copy %s has no merge reason", c.URL)
			}
		}
	}
}

func TestWireCopyIsCreditedToTheAgency(t *testing.T) {
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	wire := body("wire", 120)
	copyOf := func(source, url string, priority int, published time.Time, agency string) Article {
		a := article(source, url, wire, published)
		a.Priority, a.Wire = priority, agency
		if agency != "" {
			a.WireLine = agency + " reported that the wire story happened."
		}
		return a
	}
	tests := []struct {
		name         string
		opts         Options
		articles     []Article
		credit, url  string
		reason, also string
		line         string
	}{
		{
			name: "copies carrying the byline credit the agency, linked to the best of them",
			articles: []Article{
				copyOf("Alpha", "https://alpha.example/1", 0, day, ""),
				copyOf("Beta", "https://beta.example/1", 3, day.Add(time.Hour), "AFP"),
				copyOf("Gamma", "https://gamma.example/1", 0, day.Add(-time.Hour), "AFP"),
			},
			credit: "AFP", url: "https://beta.example/1", reason: "2 of 3 copies carry the AFP byline; linked to Beta's copy",
			also: "Beta,Alpha,Gamma", line: "AFP reported that the wire story happened.",
		},
		{
			name: "with outlets credited the highest priority wins",
			opts: Options{CreditOutlets: true},
			articles: []Article{
				copyOf("Alpha", "https://alpha.example/1", 0, day, "AFP"),
				copyOf("Beta", "https://beta.example/1", 3, day.Add(time.Hour), "AFP"),
			},
			credit: "Beta", url: "https://beta.example/1", reason: "highest source priority (3) of 2 copies",
			also: "Alpha", line: "Beta reported that https://beta.example/1.",
		},
		{
			name: "without a byline or priorities the earliest wins",
			articles: []Article{
				copyOf("Alpha", "https://alpha.example/1", 0, day, ""),
				copyOf("Beta", "https://beta.example/1", 0, day.Add(-time.Hour), ""),
			},
			credit: "Beta", url: "https://beta.example/1", reason: "earliest published of 2 copies",
			also: "Alpha", line: "Beta reported that https://beta.example/1.",
		},
		{
			name:     "one copy with a byline is the agency's",
			articles: []Article{copyOf("Alpha", "https://alpha.example/1", 0, day, "Reuters")},
			credit:   "Reuters", url: "https://alpha.example/1", reason: "carries the Reuters byline",
			also: "Alpha", line: "Reuters reported that the wire story happened.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Now = func() time.Time { return day }
			s, err := Open(t.Context(), filepath.Join(t.TempDir(), "t.db"), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for _, a := range tt.articles {
				if _, err := s.SaveArticle(t.Context(), a); err != nil {
					t.Fatal(err)
				}
			}
			stories, err := s.Stories(t.Context(), Filter{})
			if err != nil || len(stories) != 1 {
				t.Fatalf("got %d stories (%v), want 1", len(stories), err)
			}
			st := stories[0]
			if st.Credit != tt.credit || st.URL != tt.url || st.CreditReason != tt.reason {
				t.Errorf("got credit %q, url %s, reason %q; want %q, %s, %q", st.Credit, st.URL, st.CreditReason, tt.credit, tt.url, tt.reason)
			}
			if got := strings.Join(st.AlsoReportedBy(), ","); got != tt.also {
				t.Errorf("got also %q, want %q", got, tt.also)
			}
			if st.Line != tt.line {
				t.Errorf("got line %q, want %q", st.Line, tt.line)
			}
		})
	}
}

func lshRows(t *testing.T, s *Store, articleID int64) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM anchors WHERE article_id = ?`, articleID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestChangedTextIsReindexed(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	a := article("Alpha", "https://alpha.example/1", body("v1-", 150), time.Time{})
	first, err := s.SaveArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if n := lshRows(t, s, first.ArticleID); n == 0 {
		t.Fatal("the article was not indexed")
	}
	c.advance(time.Hour)
	a.Text = body("v2-", 150)
	if _, err := s.SaveArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	// A copy of the first text finds nothing left to join; a copy of the
	// second joins.
	old, err := s.SaveArticle(ctx, article("Beta", "https://beta.example/1", "Intro.\n\n"+body("v1-", 150), time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	if old.Outcome != SavedNewStory {
		t.Errorf("a copy of the replaced text got %s (%s), want a new story", old.Outcome, old.Reason)
	}
	cur, err := s.SaveArticle(ctx, article("Gamma", "https://gamma.example/1", "Intro.\n\n"+body("v2-", 150), time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	if cur.Outcome != SavedJoined || cur.StoryID != first.StoryID {
		t.Errorf("a copy of the new text got %s story %d, want joined story %d", cur.Outcome, cur.StoryID, first.StoryID)
	}
}

func TestOpenIndexesOldArticles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i, seed := range []string{"a", "b", "c"} {
		saved, err := s.SaveArticle(t.Context(), article("Alpha", "https://alpha.example/"+seed, body(seed, 100+i), time.Time{}))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, saved.ArticleID)
	}
	// What a database kept before the index existed looks like.
	for _, q := range []string{`DELETE FROM anchors`, `UPDATE articles SET dedup_keys = NULL`} {
		if _, err := s.db.ExecContext(t.Context(), q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range ids {
		if n := lshRows(t, s, id); n == 0 {
			t.Errorf("article %d was not indexed on open", id)
		}
	}
	var left sql.NullInt64
	if err := s.db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM articles WHERE dedup_keys IS NULL`).Scan(&left); err != nil || left.Int64 != 0 {
		t.Errorf("%d articles left unindexed (%v)", left.Int64, err)
	}
}

func TestACopyOfARejectedStoryStaysRejected(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	wire := body("wire", 150)
	first, err := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/1", wire, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Review(ctx, []int64{first.StoryID}, Review{Status: StatusRejected}); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	copied, err := s.SaveArticle(ctx, article("Beta", "https://beta.example/1", "Our own intro.\n\n"+wire, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	if copied.StoryID != first.StoryID {
		t.Fatalf("the copy started story %d, want it to join rejected story %d", copied.StoryID, first.StoryID)
	}
	left, err := s.Stories(ctx, Filter{ExcludeRejected: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("got %d stories after the rejection, want none: a copy must not bring a rejected story back", len(left))
	}
}

// A crowded anchor (a stock sentence many stories share) must not crowd
// out the real copy: an anchor counts less the more articles hold it,
// and at most maxCandidates are read.
func TestNearDuplicateRanksCrowdedAnchorsLow(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	wire := body("wire", 150)
	var others []int64
	for i := range maxPostings + maxCandidates {
		saved, err := s.SaveArticle(ctx, article("Other", fmt.Sprintf("https://other.example/%d", i), body(fmt.Sprintf("o%d-", i), 150), time.Time{}))
		if err != nil {
			t.Fatal(err)
		}
		others = append(others, saved.ArticleID)
	}
	orig, err := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/1", wire, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	doc := dedup.Read("Intro.\n\n" + wire)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	// Every other article shares the copy's first anchor.
	for _, id := range others {
		if err := indexArticle(ctx, tx, id, doc.Anchors[:1]); err != nil {
			t.Fatal(err)
		}
	}
	ids, err := s.candidates(ctx, tx, &doc, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != maxCandidates+maxByFigures || ids[0] != orig.ArticleID {
		t.Errorf("got candidates %v, want the original %d first of %d", ids, orig.ArticleID, maxCandidates)
	}
	ms, err := s.related(ctx, tx, &doc, 0)
	if err != nil || len(ms) != 1 || ms[0].articleID != orig.ArticleID {
		t.Fatalf("got %+v, err %v; want the original found", ms, err)
	}
}

// TestStaffChooseWhomToCredit: a wire story credited to the agency can be
// credited to the outlet instead and back; the drafted line follows, an
// edited one stays.
func TestStaffChooseWhomToCredit(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	wire := body("wire", 120)
	var id int64
	for i, src := range []string{"Alpha", "Beta"} {
		a := article(src, fmt.Sprintf("https://%s.example/1", strings.ToLower(src)), wire, day.Add(time.Duration(i)*time.Hour))
		a.Wire, a.WireLine = "AFP", "AFP reported that the wire story happened."
		saved, err := s.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		id = saved.StoryID
	}
	story := func() Story {
		t.Helper()
		ss, err := s.StoriesByID(ctx, []int64{id})
		if err != nil || len(ss) != 1 {
			t.Fatalf("story %d: %v", id, err)
		}
		return ss[0]
	}
	credit := func(to string) {
		t.Helper()
		if err := s.Review(ctx, []int64{id}, Review{CreditTo: &to}); err != nil {
			t.Fatal(err)
		}
	}
	if st := story(); st.Credit != "AFP" || st.Agency != "AFP" || st.CreditTo != "" {
		t.Fatalf("before: credit %q, agency %q, credit_to %q", st.Credit, st.Agency, st.CreditTo)
	}
	credit(CreditOutlet)
	if st := story(); st.Credit != "Alpha" || st.Agency != "AFP" || !strings.HasPrefix(st.Line, "Alpha reported that") ||
		!strings.Contains(st.CreditReason, "staff chose to credit the outlet") {
		t.Errorf("credited to the outlet: credit %q, agency %q, line %q, reason %q", st.Credit, st.Agency, st.Line, st.CreditReason)
	}
	edited := "Alpha reported that staff wrote this line."
	if err := s.Review(ctx, []int64{id}, Review{Line: &edited}); err != nil {
		t.Fatal(err)
	}
	credit(CreditAgency)
	if st := story(); st.Credit != "AFP" || st.Line != edited {
		t.Errorf("credited to the agency after an edit: credit %q, line %q (the edited line stays)", st.Credit, st.Line)
	}
	credit("")
	if st := story(); st.Credit != "AFP" || st.CreditTo != "" {
		t.Errorf("back to the config's choice: credit %q, credit_to %q", st.Credit, st.CreditTo)
	}
	bad := "the moon"
	if err := s.Review(ctx, []int64{id}, Review{CreditTo: &bad}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("an unknown credit: %v, want ErrInvalidInput", err)
	}
}

// A wire story carried by more outlets than an anchor's postings are
// read still gathers its next copy: the newest postings are read.
func TestAStoryOfManyCopiesStillGathers(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	wire := body("wire", 150)
	var story int64
	for i := range maxPostings + 5 {
		c.advance(time.Minute)
		saved, err := s.SaveArticle(ctx, article(fmt.Sprint("Outlet ", i), fmt.Sprintf("https://o%d.example/a", i),
			fmt.Sprintf("Desk note number %d of outlet %d.\n\n", i, i)+wire, time.Time{}))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			story = saved.StoryID
		} else if saved.StoryID != story {
			t.Fatalf("copy %d started story %d (%s), want story %d", i, saved.StoryID, saved.Outcome, story)
		}
	}
}
