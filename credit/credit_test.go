package credit

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestElect(t *testing.T) {
	day := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	copyOf := func(id int64, outlet, wire string, priority int, published time.Time) Copy {
		c := Copy{ID: id, Outlet: outlet, Source: outlet, URL: "https://" + outlet + ".example/1", Wire: wire,
			Line: outlet + " reported that …", Priority: priority, Published: published}
		if wire != "" {
			c.WireLine = wire + " reported that …"
		}
		return c
	}
	a := copyOf(1, "alpha", "", 0, day.Add(time.Hour))
	b := copyOf(2, "beta", "", 0, day)
	c := copyOf(3, "gamma", "", 5, day.Add(2*time.Hour))
	undatedZ, undatedY := copyOf(4, "zulu", "", 0, time.Time{}), copyOf(5, "yankee", "", 0, time.Time{})
	afp1, afp2 := copyOf(6, "harbour", "AFP", 0, day.Add(time.Hour)), copyOf(7, "meridian", "AFP", 0, day)
	reuters := copyOf(8, "north", "Reuters", 0, day.Add(-time.Hour))
	ap := copyOf(9, "east", "AP", 0, day)
	noWireLine := afp1
	noWireLine.WireLine = ""
	tests := []struct {
		name       string
		copies     []Copy
		policy     Policy
		rep        int64
		credit     string
		line       string
		reasonPart string
	}{
		{"the only copy", []Copy{a}, Policy{}, 1, "alpha", "alpha reported that …", "the only copy"},
		{"the earliest published", []Copy{a, b}, Policy{}, 2, "beta", "beta reported that …", "earliest published of 2 copies"},
		{"the highest priority beats the earliest", []Copy{a, b, c}, Policy{}, 3, "gamma", "gamma reported that …", "highest source priority (5) of 3 copies"},
		{"a dated copy beats undated ones", []Copy{undatedZ, a}, Policy{}, 1, "alpha", "alpha reported that …", "earliest published"},
		{"undated copies by source name", []Copy{undatedZ, undatedY}, Policy{}, 5, "yankee", "yankee reported that …", "first by source name of 2 undated copies"},
		{"wire copy credits the agency, linked to its best copy", []Copy{afp1, afp2, a}, Policy{}, 7, "AFP", "AFP reported that …", "2 of 3 copies carry the AFP byline; linked to meridian's copy"},
		{"the agency most copies carry", []Copy{reuters, afp1, afp2}, Policy{}, 7, "AFP", "AFP reported that …", "2 of 3 copies carry the AFP byline"},
		{"agencies tied: the first by name", []Copy{reuters, ap}, Policy{}, 9, "AP", "AP reported that …", "1 of 2 copies carry the AP byline"},
		{"one wire copy", []Copy{afp1}, Policy{}, 6, "AFP", "AFP reported that …", "carries the AFP byline"},
		{"no wire line drafted: the outlet's line", []Copy{noWireLine}, Policy{}, 6, "AFP", "harbour reported that …", "carries the AFP byline"},
		{"the config credits outlets", []Copy{afp1, afp2}, Policy{CreditOutlets: true}, 7, "meridian", "meridian reported that …", "earliest published of 2 copies"},
		{"staff credit the outlet", []Copy{afp1, afp2}, Policy{Staff: Outlet}, 7, "meridian", "meridian reported that …", "(staff chose to credit the outlet)"},
		{"staff credit the agency against the config", []Copy{afp1, afp2}, Policy{CreditOutlets: true, Staff: Agency}, 7, "AFP", "AFP reported that …", "(staff chose to credit the agency)"},
		{"staff credit an agency no copy carries", []Copy{a, b}, Policy{Staff: Agency}, 2, "beta", "beta reported that …", "earliest published of 2 copies (staff chose to credit the agency)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Elect(tt.copies, tt.policy)
			if e.Rep.ID != tt.rep || e.Credit != tt.credit || e.Line != tt.line || !strings.Contains(e.Reason, tt.reasonPart) {
				t.Errorf("got rep %d, credit %q, line %q, reason %q; want %d, %q, %q, a reason with %q",
					e.Rep.ID, e.Credit, e.Line, e.Reason, tt.rep, tt.credit, tt.line, tt.reasonPart)
			}
			// The election never depends on the copies' order.
			for range 10 {
				shuffled := append([]Copy(nil), tt.copies...)
				rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if again := Elect(shuffled, tt.policy); again != e {
					t.Fatalf("another order elects %+v, not %+v", again, e)
				}
			}
		})
	}
}
