package view

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/pressclip/pressclip/store"
)

// roleWeight is what the organization's part in a story adds to its
// importance: a story about it first, then one that quotes it.
var roleWeight = map[string]float64{"subject": 3, "spokesperson": 2, "source": 1.5, "list": 0.5}

// maxCopiesWeight bounds what other outlets carrying a story add.
const maxCopiesWeight = 5

// tierWeight is what an outlet's tier (config: a source's tier, 1 the
// outlets that matter most) adds to its stories' importance.
var tierWeight = map[int]float64{1: 3, 2: 2, 3: 1}

// Ranking ranks stories for the morning review at Now; Tiers are the
// sources' tiers by source name (view.Tiers).
type Ranking struct {
	Now   time.Time
	Tiers map[string]int
}

// Importance ranks a story for the morning review (issue 17): the
// mention's score, the organization's role, the outlet's tier, the
// source's priority, one point per other outlet that carried it (up to
// maxCopiesWeight), less a point per day of age. It returns the rank and
// the reason in words, shown in Why.
func (r Ranking) Importance(st store.Story) (float64, string) {
	rank := st.Score
	parts := []string{fmt.Sprintf("score %.1f", st.Score)}
	if w := roleWeight[st.Role]; w > 0 {
		rank += w
		parts = append(parts, fmt.Sprintf("%s +%g", st.Role, w))
	}
	if tier := r.Tiers[st.Source]; tierWeight[tier] > 0 {
		rank += tierWeight[tier]
		parts = append(parts, fmt.Sprintf("tier %d outlet +%g", tier, tierWeight[tier]))
	}
	if st.Priority != 0 {
		rank += float64(st.Priority)
		parts = append(parts, fmt.Sprintf("source priority %+d", st.Priority))
	}
	if n := min(len(st.AlsoReportedBy()), maxCopiesWeight); n > 0 {
		rank += float64(n)
		parts = append(parts, fmt.Sprintf("%d other %s +%d", n, pluralize(n, "outlet", "outlets"), n))
	}
	if !st.PublishedAt.IsZero() {
		if days := math.Floor(r.Now.Sub(st.PublishedAt).Hours() / 24); days >= 1 {
			rank -= days
			parts = append(parts, fmt.Sprintf("%g %s old −%g", days, pluralize(int(days), "day", "days"), days))
		}
	}
	return rank, fmt.Sprintf("importance %.1f: %s", rank, strings.Join(parts, ", "))
}

// Orders are how a list of stories can be sorted: "found" keeps the
// store's order (the newest found first), "importance" ranks by
// Importance, "outlet" sorts by whom the line credits, "hand" keeps the
// places staff moved stories to (Story.SectionRank), the others after
// them by importance.
var Orders = []string{"found", "importance", "outlet", "hand"}

// Rank is each story's importance and its reason in words, by ID.
func (r Ranking) Rank(stories []store.Story) (rank map[int64]float64, why map[int64]string) {
	rank, why = make(map[int64]float64, len(stories)), make(map[int64]string, len(stories))
	for _, st := range stories {
		rank[st.ID], why[st.ID] = r.Importance(st)
	}
	return rank, why
}

// Sort orders stories by order (one of Orders), stably.
func (r Ranking) Sort(stories []store.Story, order string) {
	var rank map[int64]float64
	if order == "importance" || order == "hand" {
		rank, _ = r.Rank(stories)
	}
	SortRanked(stories, order, rank)
}

// SortRanked is Sort with the importance already ranked (Rank): the
// caller that shows the reasons ranks once.
func SortRanked(stories []store.Story, order string, rank map[int64]float64) {
	slices.SortStableFunc(stories, func(a, b store.Story) int {
		switch order {
		case "hand":
			switch {
			case a.SectionRank > 0 && b.SectionRank > 0:
				return cmp.Compare(a.SectionRank, b.SectionRank)
			case a.SectionRank > 0:
				return -1
			case b.SectionRank > 0:
				return 1
			}
			return cmp.Compare(rank[b.ID], rank[a.ID])
		case "importance":
			return cmp.Compare(rank[b.ID], rank[a.ID])
		case "outlet":
			return cmp.Compare(strings.ToLower(a.Credit), strings.ToLower(b.Credit))
		}
		return 0
	})
}

// TranslationsFirst moves the stories whose line waits for a translation
// to the front, stably: they take staff longest (Today's order).
func TranslationsFirst(stories []store.Story) {
	waiting := func(s store.Story) bool { return s.NeedsTranslation && !s.LineEdited }
	slices.SortStableFunc(stories, func(a, b store.Story) int {
		switch {
		case waiting(a) == waiting(b):
			return 0
		case waiting(a):
			return -1
		}
		return 1
	})
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
