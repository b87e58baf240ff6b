package main

import (
	"time"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/store"
)

// period is [from, to): when stories were found.
type period struct {
	from, to time.Time
}

// parsePeriod reads --since or --from/--to; since defaults to def.
func parsePeriod(since, from, to, def string, now time.Time) (period, error) {
	if since != "" && (from != "" || to != "") {
		return period{}, usagef("--since cannot be used with --from or --to")
	}
	if from != "" || to != "" {
		var p period
		var err error
		if from != "" {
			if p.from, err = parseDay(from, false); err != nil {
				return period{}, usagef("--from %q: %v", from, err)
			}
		}
		if to != "" {
			if p.to, err = parseDay(to, true); err != nil {
				return period{}, usagef("--to %q: %v", to, err)
			}
		}
		if !p.from.IsZero() && !p.to.IsZero() && !p.to.After(p.from) {
			return period{}, usagef("--to must be after --from")
		}
		return p, nil
	}
	if since == "" {
		since = def
	}
	d, err := parseSince(since)
	if err != nil {
		return period{}, usagef("--since %q: %v", since, err)
	}
	return period{from: now.Add(-d)}, nil
}

// parseSince reads a positive duration, also in days (7d) and weeks (2w).
func parseSince(s string) (time.Duration, error) {
	d, err := config.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, errBadDuration
	}
	return d, nil
}

type periodError string

func (e periodError) Error() string { return string(e) }

const errBadDuration = periodError("want a duration such as 24h, 7d or 2w")

// parseDay reads 2026-11-25 (local midnight; with end set, the midnight
// after, so that --to includes its day) or an RFC 3339 time.
func parseDay(s string, end bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return time.Time{}, periodError("want a date such as 2026-11-25 or an RFC 3339 time")
	}
	if end {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// ranking ranks stories now, with the sources' tiers when the config
// can be read.
func (e *env) ranking() view.Ranking {
	r := view.Ranking{Now: time.Now()}
	if cfg, err := e.loadConfig(); err == nil {
		r.Tiers = view.Tiers(viewSources(cfg))
	}
	return r
}

// items maps stored stories to what exports show, with the sources' tags
// when the config can be read.
func (e *env) items(stories []store.Story) []export.Item {
	var tags map[string]string
	if cfg, err := e.loadConfig(); err == nil {
		tags = view.Tags(viewSources(cfg))
	}
	return view.Items(stories, tags)
}
