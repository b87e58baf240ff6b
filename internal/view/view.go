// Package view maps stored stories to what exports and pages show: the
// one place where store.Story becomes export.Item, for the command line,
// serve's scheduled exports and the review pages, and how stories rank
// (Ranking). It knows the sources as Source values, not the config.
package view

import (
	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/store"
)

// Items maps stored stories to what exports show; tags are the sources'
// tags by source name (nil for none).
func Items(stories []store.Story, tags map[string]string) []export.Item {
	out := make([]export.Item, 0, len(stories))
	for _, st := range stories {
		it := export.Item{
			ID: st.ID, ClusterID: st.ID, Outlet: st.Outlet, Credit: st.Credit, CreditReason: st.CreditReason,
			MergeReason: st.MergeReason, Title: st.Title, URL: st.URL,
			PublishedAt: st.PublishedAt, FoundAt: st.CreatedAt, UpdatedAt: st.UpdatedAt, Line: st.Line, LineEdited: st.LineEdited,
			Status: st.Status, AlsoReportedBy: st.AlsoReportedBy(), Watches: st.Watches, Snippet: st.Snippet,
			Score: st.Score, Type: st.Type, Language: st.Language, Wire: st.Wire, Partial: st.Partial, LowConfidence: st.LowConfidence,
			SnippetMarks: st.Marks, Role: st.Role, Low: st.Low, Tag: tags[st.Source],
			NeedsTranslation: st.NeedsTranslation, SourceLead: st.SourceLead, Alternatives: st.Alternatives,
		}
		for _, c := range st.Copies {
			it.Copies = append(it.Copies, export.Copy{Outlet: c.Outlet, URL: c.URL, Reason: c.Reason})
		}
		for _, a := range st.Audit {
			it.Audit = append(it.Audit, export.AuditLine{At: a.At, By: a.Actor, Action: a.Action, Detail: a.Detail})
		}
		out = append(out, it)
	}
	return out
}

// Source is what the pages and exports know of a configured source: its
// name, the outlet it names in lines, its tag (grouped sections) and its
// tier (the review's order). cmd builds them from the config.
type Source struct {
	Name, Outlet, Tag string
	Tier              int
}

// Tags maps each source with a tag to it.
func Tags(sources []Source) map[string]string {
	m := map[string]string{}
	for _, s := range sources {
		if s.Tag != "" {
			m[s.Name] = s.Tag
		}
	}
	return m
}

// Tiers maps each source with a tier to it.
func Tiers(sources []Source) map[string]int {
	m := map[string]int{}
	for _, s := range sources {
		if s.Tier != 0 {
			m[s.Name] = s.Tier
		}
	}
	return m
}
