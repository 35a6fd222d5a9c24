// Package wakeup wakes the goroutines of this process that wait for a
// record to change (subscriptions), as soon as this process changes it.
// Changes made by other processes are not seen here: waiters also look
// at the database now and then.
package wakeup

import "sync"

// Hub holds the waiters, each for one record ID or for any.
type Hub struct {
	mu   sync.Mutex
	subs map[chan struct{}]int // channel → the ID it waits for; 0: any
}

// New returns an empty hub.
func New() *Hub { return &Hub{subs: map[chan struct{}]int{}} }

// Notify wakes the waiters for id and those for any record. It never
// blocks: a waiter that has a wake-up pending gets no second one.
func (h *Hub) Notify(id int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch, want := range h.subs {
		if want != 0 && want != id {
			continue
		}
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Subscribe returns a channel woken at each change of record id (0: of any
// record) and the function that stops it.
func (h *Hub) Subscribe(id int) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	h.subs[ch] = id
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}
}
