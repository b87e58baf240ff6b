package export

import (
	"encoding/json"
	"io"
	"time"
	"unicode/utf8"
)

// jsonItem is the stable JSON shape (DESIGN.md): snake_case keys, times
// in RFC 3339 or null, lists never null.
type jsonItem struct {
	ID             int64      `json:"id"`
	ClusterID      int64      `json:"cluster_id"`
	Outlet         string     `json:"outlet"`
	Credit         string     `json:"credit"`
	CreditReason   string     `json:"credit_reason"`
	MergeReason    string     `json:"merge_reason"`
	Title          string     `json:"title"`
	URL            string     `json:"url"`
	PublishedAt    *string    `json:"published_at"`
	FoundAt        *string    `json:"found_at"`
	Line           string     `json:"line"`
	LineEdited     bool       `json:"line_edited"`
	Status         string     `json:"status"`
	AlsoReportedBy []string   `json:"also_reported_by"`
	Copies         []jsonCopy `json:"copies"`
	Watches        []string   `json:"watches"`
	Snippet        string     `json:"snippet"`
	SnippetMarks   [][2]int   `json:"snippet_marks"`
	Score          float64    `json:"score"`
	Role           string     `json:"role"`
	LowRelevance   bool       `json:"low_relevance"`
	Type           string     `json:"type"`
	Language       string     `json:"language"`
	Wire           string     `json:"wire"`
	Partial        bool       `json:"partial"`
	LowConfidence  bool       `json:"low_confidence"`
	// NeedsTranslation: Line is the marked headline of an article in
	// another language; SourceLead its lead to translate from.
	NeedsTranslation bool     `json:"needs_translation"`
	SourceLead       string   `json:"source_lead"`
	Alternatives     []string `json:"alternatives"`
	// Audit: staff's decisions, oldest first.
	Audit []jsonAudit `json:"audit"`
}

type jsonAudit struct {
	At     *string `json:"at"`
	By     string  `json:"by"`
	Action string  `json:"action"`
	Detail string  `json:"detail"`
}

type jsonCopy struct {
	Outlet string `json:"outlet"`
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

func writeJSON(w io.Writer, items []Item) error {
	out := make([]jsonItem, 0, len(items))
	for _, it := range items {
		j := jsonItem{
			ID: it.ID, ClusterID: it.ClusterID, Outlet: clean(it.Outlet), Credit: clean(it.Credit), CreditReason: it.CreditReason,
			MergeReason: it.MergeReason,
			Title:       clean(it.Title), URL: it.URL,
			PublishedAt: rfc3339(it.PublishedAt), FoundAt: rfc3339(it.FoundAt), Line: clean(it.Line),
			LineEdited: it.LineEdited, Status: it.Status, AlsoReportedBy: nonNil(it.AlsoReportedBy),
			Copies: []jsonCopy{}, Watches: nonNil(it.Watches), Snippet: clean(it.Snippet), SnippetMarks: marks(it), Score: it.Score,
			Role: it.Role, LowRelevance: it.Low,
			Type: it.Type, Language: it.Language, Wire: it.Wire, Partial: it.Partial, LowConfidence: it.LowConfidence,
			NeedsTranslation: it.NeedsTranslation && !it.LineEdited, SourceLead: clean(it.SourceLead), Alternatives: nonNil(it.Alternatives),
		}
		for _, c := range it.Copies {
			j.Copies = append(j.Copies, jsonCopy{Outlet: clean(c.Outlet), URL: c.URL, Reason: c.Reason})
		}
		j.Audit = []jsonAudit{}
		for _, a := range it.Audit {
			j.Audit = append(j.Audit, jsonAudit{At: rfc3339(a.At), By: clean(a.By), Action: a.Action, Detail: clean(a.Detail)})
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// marks are the snippet's marks in characters (Unicode code points, as
// a reader of the JSON counts them; Item.SnippetMarks are byte offsets),
// when the snippet is clean text (cleaning would shift them), else none.
func marks(it Item) [][2]int {
	if it.SnippetMarks == nil || clean(it.Snippet) != it.Snippet {
		return [][2]int{}
	}
	out := make([][2]int, 0, len(it.SnippetMarks))
	for _, m := range it.SnippetMarks {
		if m[0] < 0 || m[0] > m[1] || m[1] > len(it.Snippet) {
			continue
		}
		start := utf8.RuneCountInString(it.Snippet[:m[0]])
		out = append(out, [2]int{start, start + utf8.RuneCountInString(it.Snippet[m[0]:m[1]])})
	}
	return out
}

func rfc3339(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
