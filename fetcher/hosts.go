package fetcher

import (
	"context"
	"sync"
)

// hostLimit allows at most n requests at once to one host. Slots are
// channels created on first use; the map only grows with the number of
// distinct hosts a process talks to.
type hostLimit struct {
	n     int
	mu    sync.Mutex
	slots map[string]chan struct{}
}

func newHostLimit(n int) *hostLimit {
	if n < 1 {
		n = 1
	}
	return &hostLimit{n: n, slots: map[string]chan struct{}{}}
}

// acquire waits for a slot for host, or for ctx; release frees it.
func (h *hostLimit) acquire(ctx context.Context, host string) (release func(), err error) {
	h.mu.Lock()
	ch, ok := h.slots[host]
	if !ok {
		ch = make(chan struct{}, h.n)
		h.slots[host] = ch
	}
	h.mu.Unlock()
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
