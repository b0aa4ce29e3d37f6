package oauthflow

import (
	"context"
	"math/rand/v2"
	"time"
)

const (
	defaultMaxRetries   = 3
	defaultMaxRetryWait = 30 * time.Second
	baseBackoff         = 500 * time.Millisecond
)

// retryable reports whether a failure may be retried (see Kind.Retryable).
func retryable(e *Error) bool { return e.Kind.Retryable() }

// Retryable reports whether a failure of this kind may be retried: rate
// limits, server errors and network failures. Never invalid_grant or any
// other 4xx.
func (k Kind) Retryable() bool {
	switch k {
	case KindRateLimited, KindServer, KindNetwork:
		return true
	}
	return false
}

// retry runs call until it succeeds, fails for good, or the attempts run
// out. A Retry-After longer than MaxRetryWait is not waited for: the error
// is returned so the caller can tell the user when to try again.
func (c *Client) retry(ctx context.Context, op string, call func() *Error) error {
	maxRetries := c.MaxRetries
	if maxRetries <= 0 {
		maxRetries = defaultMaxRetries
	}
	for attempt := 0; ; attempt++ {
		e := call()
		if e == nil {
			return nil
		}
		if !retryable(e) || attempt >= maxRetries {
			return e
		}
		wait, ok := c.backoff(attempt, e.RetryAfter)
		if !ok {
			return e
		}
		if !c.sleep(ctx, wait) {
			return &Error{Kind: KindCanceled, Op: op, Err: context.Cause(ctx)}
		}
	}
}

// backoff is the wait before retry number attempt+1 (see RetryWait).
func (c *Client) backoff(attempt int, retryAfter time.Duration) (time.Duration, bool) {
	return RetryWait(attempt, retryAfter, c.MaxRetryWait)
}

// RetryWait is the wait before retry number attempt+1 of a Zoom call, the
// policy Client uses: the server's Retry-After when given, else capped
// exponential backoff with jitter. maxWait caps a wait (zero means 30s); a
// Retry-After longer than that gives false: do not wait, report the error
// so the user can be told when to try again.
func RetryWait(attempt int, retryAfter, maxWait time.Duration) (time.Duration, bool) {
	if maxWait <= 0 {
		maxWait = defaultMaxRetryWait
	}
	if retryAfter > 0 {
		return retryAfter, retryAfter <= maxWait
	}
	ceiling := min(baseBackoff<<min(attempt, 16), maxWait)
	return ceiling/2 + rand.N(ceiling/2+1), true
}

func (c *Client) sleep(ctx context.Context, d time.Duration) bool { return SleepCtx(ctx, d, c.Sleep) }

// SleepCtx waits d or until ctx ends and reports whether the whole wait
// passed; fake, when set, stands in for the clock (tests), as Client.Sleep
// does. Every client that retries (this one, the Marketplace's) waits
// with it.
func SleepCtx(ctx context.Context, d time.Duration, fake func(ctxDone <-chan struct{}, d time.Duration) bool) bool {
	if fake != nil {
		return fake(ctx.Done(), d) && ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
