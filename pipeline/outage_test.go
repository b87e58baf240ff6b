package pipeline

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pressclip/pressclip/config"
)

// TestOutageBacksNothingOff: every source refused (the network is down):
// the pass is an outage, recorded as such, and no source is backed off;
// the first pass after the network returns fetches every source. A
// single source that fails alone is still backed off (the other tests).
func TestOutageBacksNothingOff(t *testing.T) {
	const n = 5
	st := openStore(t)
	var down []config.Source
	for i := range n {
		srv := httptest.NewServer(http.NotFoundHandler())
		u := srv.URL
		srv.Close() // refused from now on
		down = append(down, config.Source{Name: fmt.Sprintf("Outlet %d", i), Type: config.TypeFeed, URL: u + "/feed.xml"})
	}
	rep, err := newPipeline(t, st, down).Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Outage || len(rep.Failed()) != n {
		t.Fatalf("outage %v, %d failed; want an outage of all %d", rep.Outage, len(rep.Failed()), n)
	}
	runs, err := st.Runs(t.Context(), 1)
	if err != nil || len(runs) != 1 || !runs[0].Outage || runs[0].SourcesFailed != n {
		t.Errorf("the run log: %+v, %v; want the outage recorded", runs, err)
	}
	hs, err := st.Sources(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.ConsecutiveFailures != 0 || !h.NextAttempt.IsZero() || h.LastError == "" {
			t.Errorf("%s after the outage: %d failures, next attempt %v, error %q; want no backoff, the error kept",
				h.Name, h.ConsecutiveFailures, h.NextAttempt, h.LastError)
		}
	}
	// The network returns: the next pass fetches every source.
	o := newOutlet(t)
	var up []config.Source
	for _, s := range down {
		s.URL = o.srv.URL + "/feed.xml"
		up = append(up, s)
	}
	rep, err = newPipeline(t, st, up).Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Outage || len(rep.Failed()) != 0 || rep.Totals().SourcesSkipped != 0 || rep.Totals().SourcesOK != n {
		t.Errorf("after the return: outage %v, totals %+v; want all %d fetched and ok", rep.Outage, rep.Totals(), n)
	}
}

// TestOneOutletDownIsNoOutage: two section feeds of one outlet refused is
// that outlet's failure, not the network's: both are backed off.
func TestOneOutletDownIsNoOutage(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close()
	st := openStore(t)
	rep, err := newPipeline(t, st, []config.Source{
		{Name: "Section A", Type: config.TypeFeed, URL: u + "/a.xml"},
		{Name: "Section B", Type: config.TypeFeed, URL: u + "/b.xml"},
	}).Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Outage {
		t.Error("one outlet's two feeds down made an outage")
	}
	hs, _ := st.Sources(t.Context(), nil)
	for _, h := range hs {
		if h.ConsecutiveFailures != 1 || h.NextAttempt.IsZero() {
			t.Errorf("%s: %d failures, next attempt %v; want backed off", h.Name, h.ConsecutiveFailures, h.NextAttempt)
		}
	}
}
