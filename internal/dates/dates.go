// Package dates reads the dates that feeds, sitemaps and pages write, in
// the many formats they use. It is shared by the fetcher and the
// extractor; it knows nothing else.
package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the formats pages write dates in, most common first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 January 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	"2006-01-02",
	"2006/01/02",
	"20060102",
}

// Parse reads a date in any of the layouts pages use; dates without a zone
// are taken as UTC. Garbage and years outside 1990–2200 give the zero
// time.
func Parse(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1990 || t.Year() > 2200 {
				return time.Time{}
			}
			return t
		}
	}
	return time.Time{}
}

var urlDate = regexp.MustCompile(`/(20\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(/|-|$)`)

// FromURL reads /2026/11/25/ style dates in a URL path, the last signal
// for the published day.
func FromURL(u string) time.Time {
	m := urlDate.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{} // 2026/02/30: time.Date would make it March 2
	}
	return t
}
