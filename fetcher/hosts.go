package fetcher

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// hosts keeps the politeness rules per host: at most n requests at once,
// and request starts at least delay apart (plus up to a quarter of it in
// random jitter, so that sources on one host never fire in lockstep).
type hosts struct {
	n     int
	delay time.Duration
	turns Turns // shared turns (nil: this process's own)
	mu    sync.Mutex
	state map[string]*hostState
}

// Turns hands out request turns per host shared by several processes.
type Turns interface {
	// HostTurn reserves the next turn on host, gap after the turn before
	// it, and returns how long to wait for it.
	HostTurn(ctx context.Context, host string, gap time.Duration) (time.Duration, error)
}

type hostState struct {
	slots chan struct{}
	mu    sync.Mutex
	next  time.Time // earliest start of the next request
}

func newHosts(n int, delay time.Duration, turns Turns) *hosts {
	if n < 1 {
		n = 1
	}
	return &hosts{n: n, delay: delay, turns: turns, state: map[string]*hostState{}}
}

// acquire waits for a slot for host and for its turn after the previous
// request's start; release frees the slot.
func (h *hosts) acquire(ctx context.Context, host string) (release func(), err error) {
	h.mu.Lock()
	st, ok := h.state[host]
	if !ok {
		st = &hostState{slots: make(chan struct{}, h.n)}
		h.state[host] = st
	}
	h.mu.Unlock()
	select {
	case st.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = func() { <-st.slots }
	if h.delay <= 0 {
		return release, nil
	}
	gap := h.delay + time.Duration(rand.Int64N(int64(h.delay)/4+1))
	var wait time.Duration
	shared := false
	if h.turns != nil {
		// A turn the database cannot give (it is down, or slow) is not
		// the outlet's failure: this process's own turn holds instead.
		if wait, err = h.turns.HostTurn(ctx, host, gap); err == nil {
			shared = true
		} else if ctx.Err() != nil {
			release()
			return nil, ctx.Err()
		}
	}
	if !shared {
		st.mu.Lock()
		now := time.Now()
		start := st.next
		if start.Before(now) {
			start = now
		}
		st.next = start.Add(gap)
		st.mu.Unlock()
		wait = time.Until(start)
	}
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			release()
			return nil, ctx.Err()
		}
	}
	return release, nil
}
