package dates

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s int) time.Time {
		return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	}
	tests := []struct {
		name string
		in   string
		want time.Time // zero: no date
	}{
		{"RFC 3339 with a positive offset", "2026-11-25T07:45:00+01:00", utc(2026, 11, 25, 6, 45, 0)},
		{"RFC 3339 with a negative half-hour offset", "2026-11-25T07:45:00-03:30", utc(2026, 11, 25, 11, 15, 0)},
		{"RFC 3339 in UTC with fractions", "2026-11-25T07:45:00.123Z", time.Date(2026, 11, 25, 7, 45, 0, 123e6, time.UTC)},
		{"ISO 8601 with an offset without colon", "2026-11-25T07:45:00+0100", utc(2026, 11, 25, 6, 45, 0)},
		{"ISO 8601 without a zone is UTC", "2026-11-25T07:45:00", utc(2026, 11, 25, 7, 45, 0)},
		{"ISO 8601 without seconds, with an offset", "2026-11-25T07:45+05:30", utc(2026, 11, 25, 2, 15, 0)},
		{"ISO 8601 without seconds or zone", "2026-11-25T07:45", utc(2026, 11, 25, 7, 45, 0)},
		{"a space instead of T, with an offset", "2026-11-25 07:45:00+01:00", utc(2026, 11, 25, 6, 45, 0)},
		{"a space instead of T, with a spaced numeric zone", "2026-11-25 07:45:00 -0500", utc(2026, 11, 25, 12, 45, 0)},
		{"a space instead of T, no zone", "2026-11-25 07:45:00", utc(2026, 11, 25, 7, 45, 0)},
		{"a space instead of T, no seconds", "2026-11-25 07:45", utc(2026, 11, 25, 7, 45, 0)},
		{"RFC 1123 with a numeric zone", "Wed, 25 Nov 2026 07:45:00 +0100", utc(2026, 11, 25, 6, 45, 0)},
		{"RFC 1123 in GMT", "Wed, 25 Nov 2026 07:45:00 GMT", utc(2026, 11, 25, 7, 45, 0)},
		{"RFC 1123 in UTC", "Wed, 25 Nov 2026 07:45:00 UTC", utc(2026, 11, 25, 7, 45, 0)},
		{"RFC 822 style with a one-digit day", "Thu, 5 Nov 2026 07:45:00 -0700", utc(2026, 11, 5, 14, 45, 0)},
		{"a wrong weekday is ignored", "Mon, 25 Nov 2026 07:45:00 +0000", utc(2026, 11, 25, 7, 45, 0)},
		{"date only", "2026-11-25", utc(2026, 11, 25, 0, 0, 0)},
		{"date only with slashes", "2026/11/25", utc(2026, 11, 25, 0, 0, 0)},
		{"date only without separators", "20261125", utc(2026, 11, 25, 0, 0, 0)},
		{"day month year", "25 November 2026", utc(2026, 11, 25, 0, 0, 0)},
		{"day month year with a one-digit day", "5 November 2026", utc(2026, 11, 5, 0, 0, 0)},
		{"month day, year", "November 25, 2026", utc(2026, 11, 25, 0, 0, 0)},
		{"short month day, year", "Nov 25, 2026", utc(2026, 11, 25, 0, 0, 0)},
		{"surrounding white space", "\n\t  2026-11-25T07:45:00Z \n", utc(2026, 11, 25, 7, 45, 0)},
		{"the first year accepted", "1990-01-01", utc(1990, 1, 1, 0, 0, 0)},
		{"the last year accepted", "2200-12-31", utc(2200, 12, 31, 0, 0, 0)},

		{"empty", "", time.Time{}},
		{"blank", "   ", time.Time{}},
		{"words", "yesterday-ish", time.Time{}},
		{"all zeros", "0000-00-00", time.Time{}},
		{"all zeros with a time", "0000-00-00 00:00:00", time.Time{}},
		{"year 9999", "9999-12-31T23:59:59Z", time.Time{}},
		{"year 10000 does not overflow", "10000-01-01", time.Time{}},
		{"a negative year", "-9999-01-01", time.Time{}},
		{"year 2201 is out of range", "2201-01-01", time.Time{}},
		{"the Unix epoch is out of range", "1970-01-01T00:00:00Z", time.Time{}},
		{"1989 is out of range", "1989-12-31", time.Time{}},
		{"a Unix timestamp", "1518478934", time.Time{}},
		{"February 30th", "2026-02-30", time.Time{}},
		{"month 13", "2026-13-01", time.Time{}},
		{"hour 25", "2026-11-25T25:00:00Z", time.Time{}},
		{"a European numeric date", "25/11/2026", time.Time{}},
		{"Portuguese day and month names", "Seg, 24 Set 2018 19:42:40 -0300", time.Time{}},
		{"Greek day and month names", "Τρι, 29 Ιούν 2004 12:53:00 GMT", time.Time{}},
		{"a two-digit year", "03 Apr 02 1500 GMT", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.in)
			if !got.Equal(tt.want) || got.IsZero() != tt.want.IsZero() {
				t.Errorf("Parse(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseWithoutZoneIsUTC(t *testing.T) {
	for _, in := range []string{"2026-11-25", "2026-11-25T07:45:00", "25 November 2026"} {
		if loc := Parse(in).Location(); loc != time.UTC {
			t.Errorf("Parse(%q): got location %v, want UTC", in, loc)
		}
	}
}

func TestFromURL(t *testing.T) {
	day := func(y int, mo time.Month, d int) time.Time { return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		url  string
		want time.Time
	}{
		{"slashes in the path", "https://riverside-tribune.example/world/2026/11/25/iom-opens-border-centre", day(2026, 11, 25)},
		{"dashes in the path", "https://canal-times.example/2026-11-24-lock-keepers-strike", day(2026, 11, 24)},
		{"mixed separators", "https://canal-times.example/news/2026/11-03/ferry", day(2026, 11, 3)},
		{"the date ends the path", "https://harbour-ledger.example/archive/2026/01/31", day(2026, 1, 31)},
		{"a query after the date", "https://harbour-ledger.example/2026/11/25/?ref=rss", day(2026, 11, 25)},
		{"the first date wins", "https://x.example/2026/11/25/see-also/2025/01/01/", day(2026, 11, 25)},
		{"no day", "https://harbour-ledger.example/2026/11/ferry", time.Time{}},
		{"month 13", "https://harbour-ledger.example/2026/13/01/ferry", time.Time{}},
		{"day 32", "https://harbour-ledger.example/2026/11/32/ferry", time.Time{}},
		{"February 30th is not March 2nd", "https://harbour-ledger.example/2026/02/30/ferry", time.Time{}},
		{"April 31st is not May 1st", "https://harbour-ledger.example/2026/04/31/ferry", time.Time{}},
		{"February 29th of a leap year", "https://harbour-ledger.example/2028/02/29/ferry", day(2028, 2, 29)},
		{"a year before 2000", "https://harbour-ledger.example/1999/11/25/ferry", time.Time{}},
		{"digits that run on", "https://harbour-ledger.example/2026/11/251/ferry", time.Time{}},
		{"digits inside an id", "https://harbour-ledger.example/story/120261125", time.Time{}},
		{"no date at all", "https://harbour-ledger.example/news/ferry-resumes", time.Time{}},
		{"empty", "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FromURL(tt.url); !got.Equal(tt.want) {
				t.Errorf("FromURL(%q): got %v, want %v", tt.url, got, tt.want)
			}
		})
	}
}
