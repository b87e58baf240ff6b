package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// twoCuts returns a wire text and two copies that carry different parts
// of it: they share nothing with each other, each shares all its words
// with the wire.
func twoCuts() (wire, head, tail string) {
	paras := strings.Split(strings.TrimSpace(body("wire", 360)), "\n\n")
	third := len(paras) / 3
	return strings.Join(paras, "\n\n"), strings.Join(paras[:third], "\n\n"), strings.Join(paras[len(paras)-third:], "\n\n")
}

func storyByID(t *testing.T, s *Store, id int64) Story {
	t.Helper()
	sts, err := s.StoriesByID(t.Context(), []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1 {
		t.Fatalf("story %d: got %d stories", id, len(sts))
	}
	return sts[0]
}

// A copy that links two stories merges them: two cuts of different parts
// of one wire story are one story once the full copy arrives, and staff's
// decisions are reconciled as the merge reason says.
func TestACopyLinkingTwoStoriesMergesThem(t *testing.T) {
	tests := []struct {
		name             string
		headStatus       string
		tailStatus       string
		editTail         bool
		wantStatus       string
		wantEdited, note bool
	}{
		{"both new", StatusNew, StatusNew, false, StatusNew, false, false},
		{"an approved story keeps its edited line", StatusNew, StatusApproved, true, StatusApproved, true, true},
		{"a rejected story joins an approved one, which stays approved", StatusRejected, StatusApproved, false, StatusApproved, false, true},
		{"a rejected story and a new one stay rejected", StatusRejected, StatusNew, false, StatusRejected, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := openTest(t)
			ctx := t.Context()
			day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
			wire, head, tail := twoCuts()
			h, err := s.SaveArticle(ctx, article("Head", "https://head.example/1", head, day))
			if err != nil {
				t.Fatal(err)
			}
			tl, err := s.SaveArticle(ctx, article("Tail", "https://tail.example/1", tail, day))
			if err != nil {
				t.Fatal(err)
			}
			if h.StoryID == tl.StoryID {
				t.Fatal("two cuts of different parts joined without the full copy")
			}
			if err := s.Review(ctx, []int64{h.StoryID}, Review{Status: tt.headStatus}); err != nil {
				t.Fatal(err)
			}
			r := Review{Status: tt.tailStatus}
			edited := "Tail Daily reported that staff wrote this line."
			if tt.editTail {
				r.Line = &edited
			}
			if err := s.Review(ctx, []int64{tl.StoryID}, r); err != nil {
				t.Fatal(err)
			}
			c.advance(time.Hour)
			full, err := s.SaveArticle(ctx, article("Full", "https://full.example/1", wire, day))
			if err != nil {
				t.Fatal(err)
			}
			into := min(h.StoryID, tl.StoryID)
			if full.Outcome != SavedJoined || full.StoryID != into {
				t.Fatalf("the full copy: %s story %d, want joined story %d", full.Outcome, full.StoryID, into)
			}
			all, err := s.Stories(ctx, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(all) != 1 {
				t.Fatalf("got %d stories, want 1", len(all))
			}
			st := all[0]
			if st.Status != tt.wantStatus || st.LineEdited != tt.wantEdited {
				t.Errorf("got status %s, edited %v; want %s, %v", st.Status, st.LineEdited, tt.wantStatus, tt.wantEdited)
			}
			if tt.wantEdited && st.Line != edited {
				t.Errorf("line %q, want staff's %q", st.Line, edited)
			}
			reasons := []string{st.MergeReason}
			for _, c := range st.Copies {
				reasons = append(reasons, c.Reason)
			}
			joined := strings.Join(reasons, " | ")
			if !strings.Contains(joined, fmt.Sprintf("story %d merged into story %d", max(h.StoryID, tl.StoryID), into)) {
				t.Errorf("no merge in the reasons: %s", joined)
			}
			if tt.note != strings.Contains(joined, "the story stays "+tt.wantStatus) {
				t.Errorf("reasons %q: want a note of the decision kept: %v", joined, tt.note)
			}
		})
	}
}

// The final stories do not depend on the order in which copies arrive.
func TestStoriesDoNotDependOnArrivalOrder(t *testing.T) {
	wire, head, tail := twoCuts()
	other := body("other", 300)
	otherHead := strings.Join(strings.Split(other, "\n\n")[:6], "\n\n")
	texts := map[string]string{
		"full": wire, "head": head, "tail": tail, "teaser": strings.SplitN(wire, "\n\n", 3)[0] + "\n\n" + strings.SplitN(wire, "\n\n", 3)[1],
		"other": other, "other-head": otherHead, "lone": body("lone", 200),
	}
	want := map[string]string{"full": "w", "head": "w", "tail": "w", "teaser": "w", "other": "o", "other-head": "o", "lone": "l"}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range texts {
			if !yield(k) {
				return
			}
		}
	})
	rnd := rand.New(rand.NewPCG(16, 16))
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	for run := range 12 {
		order := slices.Clone(names)
		rnd.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		t.Run(strings.Join(order, ","), func(t *testing.T) {
			s, _ := openTest(t)
			story := map[string]int64{}
			for _, n := range order {
				saved, err := s.SaveArticle(t.Context(), article(n, "https://"+n+".example/"+fmt.Sprint(run), texts[n], day))
				if err != nil {
					t.Fatal(err)
				}
				story[n] = saved.ArticleID
			}
			all, err := s.Stories(t.Context(), Filter{})
			if err != nil {
				t.Fatal(err)
			}
			of := map[string]int64{}
			for _, st := range all {
				of[st.Outlet] = st.ID
				for _, c := range st.Copies {
					of[c.Outlet] = st.ID
				}
			}
			for _, a := range names {
				for _, b := range names {
					if (want[a] == want[b]) != (of[a] == of[b]) {
						t.Errorf("%s and %s: same story %v, want %v", a, b, of[a] == of[b], want[a] == want[b])
					}
				}
			}
		})
	}
}

// Staff merge two stories and split a copy out; the split copy never
// rejoins and a later copy does not merge the two again, while a merge
// holds when more copies arrive.
func TestStaffMergeAndSplit(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	wire, head, tail := twoCuts()
	a, err := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/1", wire, day))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveArticle(ctx, article("Beta", "https://beta.example/1", "A desk intro.\n\n"+wire, day))
	if err != nil {
		t.Fatal(err)
	}
	if b.StoryID != a.StoryID {
		t.Fatal("the copy did not join")
	}
	if _, err := s.SplitArticle(ctx, a.ArticleID+1000); !errors.Is(err, ErrNotFound) {
		t.Errorf("split of a missing article: %v, want ErrNotFound", err)
	}
	split, err := s.SplitArticle(ctx, b.ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	if split == a.StoryID {
		t.Fatal("split kept the story")
	}
	if _, err := s.SplitArticle(ctx, b.ArticleID); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("split of an only copy: %v, want ErrInvalidInput", err)
	}
	if st := storyByID(t, s, split); st.Status != StatusNew || !strings.Contains(st.MergeReason, "split out of story") {
		t.Errorf("split story: status %s, reason %q", st.Status, st.MergeReason)
	}
	// A third copy links both: it joins one, and the two stay apart.
	c.advance(time.Hour)
	third, err := s.SaveArticle(ctx, article("Gamma", "https://gamma.example/1", wire+"\n\nRead more on our site.", day))
	if err != nil {
		t.Fatal(err)
	}
	if n := countStories(t, s); n != 2 {
		t.Fatalf("after a copy linking both: %d stories, want the split to hold (2)", n)
	}
	// Re-fetched with a changed text, the split copy stays where staff put it.
	if saved, err := s.SaveArticle(ctx, article("Beta", "https://beta.example/1", "A new desk intro.\n\n"+wire, day)); err != nil || saved.StoryID != split {
		t.Fatalf("re-fetched split copy: story %d, %v; want %d", saved.StoryID, err, split)
	}

	// Staff merge: the story holds, and more copies join it.
	if _, err := s.MergeStories(ctx, []int64{split}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("merge of one story: %v, want ErrInvalidInput", err)
	}
	if _, err := s.MergeStories(ctx, []int64{split, 9999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("merge with a missing story: %v, want ErrNotFound", err)
	}
	h, err := s.SaveArticle(ctx, article("Head", "https://head.example/1", head+"\n\nA local line.", day))
	if err != nil {
		t.Fatal(err)
	}
	unrelated, err := s.SaveArticle(ctx, article("Lone", "https://lone.example/1", body("lone", 200), day))
	if err != nil {
		t.Fatal(err)
	}
	into, err := s.MergeStories(ctx, []int64{unrelated.StoryID, a.StoryID, split})
	if err != nil {
		t.Fatal(err)
	}
	if into != min(a.StoryID, split, unrelated.StoryID) {
		t.Errorf("merged into %d, want the oldest", into)
	}
	if n := countStories(t, s); n != 1 {
		t.Fatalf("after staff merged everything: %d stories, want 1", n)
	}
	tl, err := s.SaveArticle(ctx, article("Tail", "https://tail.example/1", tail, day))
	if err != nil {
		t.Fatal(err)
	}
	for _, saved := range []Saved{third, h, tl} {
		if got := storyOfArticle(t, s, saved.ArticleID); got != into {
			t.Errorf("article %d in story %d, want the merged %d", saved.ArticleID, got, into)
		}
	}
}

func countStories(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM stories`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func storyOfArticle(t *testing.T, s *Store, id int64) int64 {
	t.Helper()
	var st int64
	if err := s.db.QueryRowContext(t.Context(), `SELECT story_id FROM articles WHERE id = ?`, id).Scan(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

// A copy that links three stories, two of which staff split apart,
// merges what it may and saves: the two stay apart.
func TestALinkAcrossASplitSavesAndKeepsItApart(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	var texts []string
	var saved []Saved
	for _, seed := range []string{"pe", "qu", "ro"} {
		text := body(seed, 90)
		texts = append(texts, text)
		sv, err := s.SaveArticle(ctx, article(seed, "https://"+seed+".example/1", text, day))
		if err != nil {
			t.Fatal(err)
		}
		saved = append(saved, sv)
	}
	q, r := saved[1].ArticleID, saved[2].ArticleID
	if _, err := s.db.ExecContext(ctx, `INSERT INTO apart (a, b) VALUES (?, ?)`, min(q, r), max(q, r)); err != nil {
		t.Fatal(err)
	}
	// The first story is the best match (all of it is in the copy), so
	// that the other two are both taken against it.
	copied := texts[0] + "\n\n" + texts[1][:len(texts[1])*9/10] + "\n\n" + texts[2][:len(texts[2])*9/10]
	all, err := s.SaveArticle(ctx, article("All", "https://all.example/1", copied, day))
	if err != nil {
		t.Fatalf("a copy linking stories split apart: %v", err)
	}
	if storyOfArticle(t, s, q) == storyOfArticle(t, s, r) {
		t.Error("the stories staff split apart were merged")
	}
	if got := storyOfArticle(t, s, all.ArticleID); got != storyOfArticle(t, s, saved[0].ArticleID) && got != storyOfArticle(t, s, q) && got != storyOfArticle(t, s, r) {
		t.Errorf("the copy started story %d, want one of those it copies", got)
	}
}
