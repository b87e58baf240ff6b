package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CoverageRow is one story's mention of one watch, as the Coverage page
// counts it.
type CoverageRow struct {
	StoryID int64
	// Found is when the story was first kept.
	Found                  time.Time
	Title, Credit, Outlet  string
	Language, Wire         string
	Watch, Role            string
	Approved, LowRelevance bool
}

// maxCoverageRows bounds one Coverage read: 90 days of a busy watch
// (a variable for its test).
var maxCoverageRows = 50000

// Coverage returns the mentions of the stories kept in [from, to), each
// story once per watch, rejected stories left out, oldest first.
func (s *Store) Coverage(ctx context.Context, from, to time.Time) ([]CoverageRow, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT s.id, s.created_at, a.title, s.credit, a.outlet, a.language, a.wire, m.watch, m.role, s.status, m.low
		FROM stories s JOIN articles a ON a.id = s.representative_id JOIN mentions m ON m.article_id = a.id
		WHERE s.created_at >= ? AND s.created_at < ? AND s.status <> 'rejected'
		ORDER BY s.created_at, s.id, m.watch LIMIT ?`, fmtTime(from), fmtTime(to), maxCoverageRows)
	if err != nil {
		return nil, fmt.Errorf("coverage: %w", err)
	}
	defer rows.Close()
	var out []CoverageRow
	for rows.Next() {
		var r CoverageRow
		var found sql.NullString
		var status string
		var low int
		if err := rows.Scan(&r.StoryID, &found, &r.Title, &r.Credit, &r.Outlet, &r.Language, &r.Wire, &r.Watch, &r.Role, &status, &low); err != nil {
			return nil, fmt.Errorf("coverage: %w", err)
		}
		r.Found, r.Approved, r.LowRelevance = parseTime(found), status == StatusApproved, low != 0
		if r.Credit == "" {
			r.Credit = r.Outlet
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
