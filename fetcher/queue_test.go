package fetcher

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// TestTimeoutExcludesTheQueue: requests that wait their host's turn far
// longer than the timeout still succeed; the timeout bounds the request.
// A request still queued when its caller's context ends is not reached:
// kind canceled, not a timeout of the outlet.
func TestTimeoutExcludesTheQueue(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	defer srv.Close()
	c := newClient(t, Options{Timeout: 100 * time.Millisecond, PerHost: 1, HostDelay: 80 * time.Millisecond, MaxRetries: -1})
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() { _, errs[i] = c.Get(t.Context(), srv.URL+"/", "*/*") })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("request %d: %v (queued about %v, timeout 100ms)", i, err, time.Duration(i)*80*time.Millisecond)
		}
	}

	// The queue is 6 requests long; a caller that gives up after 150 ms
	// is not reached, and that is no timeout of the outlet.
	ctx, cancel := context.WithTimeout(t.Context(), 150*time.Millisecond)
	defer cancel()
	var mu sync.Mutex
	var last error
	for range 6 {
		wg.Go(func() {
			if _, err := c.Get(ctx, srv.URL+"/", "*/*"); err != nil {
				mu.Lock()
				last = err
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if !errors.Is(last, ErrNotReached) || KindOf(last) != KindCanceled {
		t.Errorf("a request the caller stopped waiting for: %v (kind %s), want not reached (canceled)", last, KindOf(last))
	}
}

// TestSlowOutletStillTimesOut: the budget still bounds a slow response.
func TestSlowOutletStillTimesOut(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	c := newClient(t, Options{Timeout: 150 * time.Millisecond, MaxRetries: -1})
	start := time.Now()
	_, err := c.Get(t.Context(), srv.URL+"/", "*/*")
	if KindOf(err) != KindTimeout {
		t.Errorf("a slow outlet: %v (kind %s), want a timeout", err, KindOf(err))
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v, want about the 150 ms timeout", d)
	}
}
