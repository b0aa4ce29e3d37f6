package connection

import (
	"context"

	"golang.org/x/oauth2"
)

// TokenSource returns an oauth2.TokenSource for the profile whose every
// token comes through Token: refreshed under the lock and persisted before
// use, which x/oauth2's own refreshing source (memory only) does not do.
// ctx bounds each call.
func (m *Manager) TokenSource(ctx context.Context, name string) oauth2.TokenSource {
	return &tokenSource{ctx: ctx, m: m, name: name}
}

type tokenSource struct {
	ctx  context.Context
	m    *Manager
	name string
}

// Token implements oauth2.TokenSource.
func (ts *tokenSource) Token() (*oauth2.Token, error) {
	_, sec, err := ts.m.token(ts.ctx, ts.name, false)
	if err != nil {
		return nil, err
	}
	return &oauth2.Token{AccessToken: sec.AccessToken, TokenType: "Bearer", Expiry: sec.Expiry}, nil
}
