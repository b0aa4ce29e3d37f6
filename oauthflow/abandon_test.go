package oauthflow

import (
	"context"
	"net"
	"testing"
	"time"
)

// A caller that gives up before Wait (a wizard screen left while Start was
// running, whose "started" message is then dropped) must not leave the
// loopback port open: ending Start's context closes the session.
func TestSessionClosesWhenStartContextEnds(t *testing.T) {
	fz := newFakeZoom(t)
	ctx, cancel := context.WithCancel(context.Background())
	f := &Flow{Client: fz.client(false), Timeout: time.Minute}
	s, err := f.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	waitPortClosed(t, s)
	if _, err := s.Wait(context.Background()); KindOf(err) != KindCanceled {
		t.Errorf("Wait after the caller gave up: %v, want canceled", err)
	}
}

// Nobody waits and nobody cancels: the port still closes at the deadline.
func TestSessionClosesAtDeadlineWithoutWait(t *testing.T) {
	fz := newFakeZoom(t)
	f := &Flow{Client: fz.client(false), Timeout: 200 * time.Millisecond}
	s, err := f.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	waitPortClosed(t, s)
	if _, err := s.Wait(context.Background()); KindOf(err) != KindTimeout {
		t.Errorf("Wait after the deadline: %v, want a timeout", err)
	}
}

// waitPortClosed polls until dialing the session's port fails, for up to
// 10 s (a wait, not a speed target).
func waitPortClosed(t *testing.T, s *Session) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", s.host, time.Second)
		if err != nil {
			return
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatalf("port %s still open", s.host)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
