package connection

import (
	"context"
	"time"
)

// lock takes the profile's cross-process lock. When another process holds
// it, OnLockWait is told once, then the wait lasts until ctx ends, or at
// most limit when limit > 0 (the error then wraps storage.ErrLockTimeout;
// a canceled ctx gives an error wrapping context.Canceled).
func (m *Manager) lock(ctx context.Context, name string, limit time.Duration) (unlock func(), err error) {
	unlock, ok, err := m.Store.TryLock(name)
	if err != nil || ok {
		return unlock, err
	}
	if m.OnLockWait != nil {
		m.OnLockWait(name, m.Store.LockHolder(name))
	}
	if limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	return m.Store.Lock(ctx, name)
}
