// Package credit decides, for a story carried by several outlets, which
// copy represents it and whom its line credits — "why does this line say
// AFP?" is answered here and nowhere else. It is pure: the store reads
// the copies and writes the Election; config and staff set the Policy.
//
// Wire copy is credited to the agency whose byline most copies carry
// (the agency first by name on a tie), linked to the best copy carrying
// it; otherwise, or when the policy credits outlets, the best copy's
// outlet. The best copy: the highest source priority, then the earliest
// published (dated before undated), then by source name and URL, so that
// the choice never depends on the order in which copies arrived.
package credit

import (
	"fmt"
	"time"
)

// Copy is one article of a story, as the election reads it.
type Copy struct {
	ID                        int64
	Outlet, Source, URL, Wire string
	// Line is the copy's drafted line crediting its outlet; WireLine the
	// same crediting its wire agency ("" when none was drafted).
	Line, WireLine string
	Priority       int
	Published      time.Time
}

// Whom staff chose to credit a story's line.
const (
	// Configured: as the policy says.
	Configured = ""
	// Outlet: the representative's outlet, even for wire copy.
	Outlet = "outlet"
	// Agency: the wire agency, when a copy carries one.
	Agency = "agency"
)

// Policy is whom lines credit: CreditOutlets (the config's
// stories.credit: outlet) credits the outlet even for wire copy; Staff,
// when not Configured, is staff's choice for this story and wins.
type Policy struct {
	CreditOutlets bool
	Staff         string
}

// Election is a story's representative, whom its line credits, the line
// that follows, and why, in words.
type Election struct {
	Rep    Copy
	Credit string
	Line   string
	Reason string
}

// Better reports whether a should represent a story rather than b.
func Better(a, b Copy) bool {
	switch {
	case a.Priority != b.Priority:
		return a.Priority > b.Priority
	case a.Published.IsZero() != b.Published.IsZero():
		return !a.Published.IsZero()
	case !a.Published.Equal(b.Published):
		return a.Published.Before(b.Published)
	case a.Source != b.Source:
		return a.Source < b.Source
	}
	return a.URL < b.URL
}

// Elect chooses among a story's copies (at least one).
func Elect(copies []Copy, p Policy) Election {
	outlets := p.CreditOutlets
	switch p.Staff {
	case Outlet:
		outlets = true
	case Agency:
		outlets = false
	}
	e := elect(copies, outlets)
	if p.Staff != Configured {
		e.Reason += " (staff chose to credit the " + p.Staff + ")"
	}
	return e
}

func elect(copies []Copy, outlets bool) Election {
	best := func(keep func(Copy) bool) (Copy, int) {
		var b Copy
		n := 0
		for _, c := range copies {
			if keep(c) {
				if n == 0 || Better(c, b) {
					b = c
				}
				n++
			}
		}
		return b, n
	}
	if !outlets {
		agency, carried := "", 0
		count := map[string]int{}
		for _, c := range copies {
			if c.Wire != "" {
				count[c.Wire]++
			}
		}
		for a, n := range count {
			if n > carried || (n == carried && a < agency) {
				agency, carried = a, n
			}
		}
		if agency != "" {
			rep, _ := best(func(c Copy) bool { return c.Wire == agency })
			e := Election{Rep: rep, Credit: agency, Line: rep.WireLine}
			if e.Line == "" {
				e.Line = rep.Line
			}
			if len(copies) == 1 {
				e.Reason = fmt.Sprintf("carries the %s byline", agency)
			} else {
				e.Reason = fmt.Sprintf("%d of %d copies carry the %s byline; linked to %s's copy", carried, len(copies), agency, rep.Outlet)
			}
			return e
		}
	}
	rep, _ := best(func(Copy) bool { return true })
	e := Election{Rep: rep, Credit: rep.Outlet, Line: rep.Line}
	_, top := best(func(c Copy) bool { return c.Priority == rep.Priority })
	switch {
	case len(copies) == 1:
		e.Reason = "the only copy"
	case top < len(copies):
		e.Reason = fmt.Sprintf("highest source priority (%d) of %d copies", rep.Priority, len(copies))
	case rep.Published.IsZero():
		e.Reason = fmt.Sprintf("first by source name of %d undated copies", len(copies))
	default:
		e.Reason = fmt.Sprintf("earliest published of %d copies", len(copies))
	}
	return e
}
