package view

import (
	"slices"
	"testing"
	"time"

	"github.com/pressclip/pressclip/store"
)

func TestImportance(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	copies := []store.Copy{{Outlet: "B"}, {Outlet: "C"}, {Outlet: "D"}}
	tests := []struct {
		name string
		st   store.Story
		rank float64
		why  string
	}{
		{"a plain mention", store.Story{Score: 2, Role: "mention", Outlet: "A", Credit: "A", PublishedAt: now.Add(-time.Hour)}, 2, "importance 2.0: score 2.0"},
		{"about the organization, from a priority source, carried by three more, two days old",
			store.Story{Score: 6, Role: "subject", Priority: 2, Outlet: "A", Credit: "A", Copies: copies, PublishedAt: now.Add(-50 * time.Hour)}, 12,
			"importance 12.0: score 6.0, subject +3, source priority +2, 3 other outlets +3, 2 days old −2"},
		{"undated", store.Story{Score: 1, Role: "source", Outlet: "A", Credit: "A"}, 2.5, "importance 2.5: score 1.0, source +1.5"},
		{"a tier-1 outlet", store.Story{Score: 2, Source: "Tier One", Outlet: "T", Credit: "T", PublishedAt: now}, 5, "importance 5.0: score 2.0, tier 1 outlet +3"},
		{"a tier-3 outlet", store.Story{Score: 2, Source: "Tier Three", Outlet: "T", Credit: "T", PublishedAt: now}, 3, "importance 3.0: score 2.0, tier 3 outlet +1"},
		{"an outlet without a tier", store.Story{Score: 2, Source: "Elsewhere", Outlet: "T", Credit: "T", PublishedAt: now}, 2, "importance 2.0: score 2.0"},
	}
	for _, tt := range tests {
		rank, why := Ranking{Now: now, Tiers: map[string]int{"Tier One": 1, "Tier Three": 3}}.Importance(tt.st)
		if rank != tt.rank || why != tt.why {
			t.Errorf("%s: got %v %q, want %v %q", tt.name, rank, why, tt.rank, tt.why)
		}
	}
}

func TestSort(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	stories := func() []store.Story {
		return []store.Story{
			{ID: 1, Score: 2, Credit: "The Tiber Post", PublishedAt: now},
			{ID: 2, Score: 9, Role: "subject", Credit: "AFP", PublishedAt: now},
			{ID: 3, Score: 1, Credit: "harbour Ledger", PublishedAt: now, NeedsTranslation: true},
		}
	}
	for _, tt := range []struct {
		order string
		want  []int64
	}{{"found", []int64{3, 1, 2}}, {"importance", []int64{3, 2, 1}}, {"outlet", []int64{3, 2, 1}}} {
		ss := stories()
		Ranking{Now: now}.Sort(ss, tt.order)
		TranslationsFirst(ss)
		var got []int64
		for _, s := range ss {
			got = append(got, s.ID)
		}
		if len(got) != 3 || got[0] != tt.want[0] || got[1] != tt.want[1] || got[2] != tt.want[2] {
			t.Errorf("%s, translations first: got %v, want %v", tt.order, got, tt.want)
		}
	}
}

func TestSortKeepsTheSectionsOrder(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	ss := []store.Story{{ID: 1, Credit: "B"}, {ID: 2, Credit: "A", NeedsTranslation: true}}
	Ranking{Now: now}.Sort(ss, "found")
	if ss[0].ID != 1 {
		t.Error("found moved a line to translate first: the section keeps the store's order")
	}
}

// TestSortByHand: placed stories first in their places, the others after
// them by importance.
func TestSortByHand(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	ss := []store.Story{
		{ID: 1, Score: 9, PublishedAt: now},
		{ID: 2, Score: 1, SectionRank: 2, PublishedAt: now},
		{ID: 3, Score: 5, PublishedAt: now},
		{ID: 4, Score: 0, SectionRank: 1, PublishedAt: now},
	}
	Ranking{Now: now}.Sort(ss, "hand")
	var got []int64
	for _, s := range ss {
		got = append(got, s.ID)
	}
	if want := []int64{4, 2, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("by hand: %v, want %v", got, want)
	}
}
