package sandbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/oauth2"

	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// A whole authorization against the sandbox with golang.org/x/oauth2, the
// consent page skipped with ApproveURL as curl would.
func Example() {
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	conf := &oauth2.Config{
		ClientID: sandbox.DemoClientID, ClientSecret: sandbox.DemoClientSecret,
		RedirectURL: "http://127.0.0.1:8123/callback",
		Endpoint: oauth2.Endpoint{AuthURL: srv.URL + "/oauth/authorize", TokenURL: srv.URL + "/oauth/token",
			AuthStyle: oauth2.AuthStyleInHeader},
	}
	verifier := oauth2.GenerateVerifier()
	authURL := conf.AuthCodeURL("example-state", oauth2.S256ChallengeOption(verifier))

	// What `curl -sS -o /dev/null -w '%{redirect_url}' "$APPROVE_URL"` shows.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(srv.ApproveURL(authURL))
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	fmt.Println(resp.StatusCode, loc.Host+loc.Path, "state:", loc.Query().Get("state"))

	ctx := context.Background()
	tok, err := conf.Exchange(ctx, loc.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		panic(err)
	}
	fmt.Println("scope:", tok.Extra("scope"))

	me, err := conf.Client(ctx, tok).Get(srv.URL + "/v2/users/me")
	if err != nil {
		panic(err)
	}
	defer me.Body.Close()
	var user sandbox.User
	_ = json.NewDecoder(me.Body).Decode(&user)
	fmt.Printf("connected as %s <%s>, type %d\n", user.DisplayName, user.Email, user.Type)
	// Output:
	// 302 127.0.0.1:8123/callback state: example-state
	// scope: meeting:write:meeting cloud_recording:read:list_user_recordings user:read:user
	// connected as Sam Sandbox <sam.sandbox@example.com>, type 2
}

// A public client (no secret) refreshing through x/oauth2's TokenSource,
// which sends client_id in the body and no Authorization header.
func Example_publicClientRefresh() {
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	conf := &oauth2.Config{
		ClientID: sandbox.DemoPublicClientID, RedirectURL: "http://127.0.0.1:8123/callback",
		Endpoint: oauth2.Endpoint{AuthURL: srv.URL + "/oauth/authorize", TokenURL: srv.URL + "/oauth/token",
			AuthStyle: oauth2.AuthStyleInParams},
	}
	verifier := oauth2.GenerateVerifier()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(srv.ApproveURL(conf.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier))))
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	ctx := context.Background()
	tok, err := conf.Exchange(ctx, loc.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		panic(err)
	}
	tok.Expiry = time.Now().Add(-time.Minute) // make x/oauth2 refresh
	next, err := conf.TokenSource(ctx, tok).Token()
	if err != nil {
		panic(err)
	}
	fmt.Println("rotated:", next.RefreshToken != tok.RefreshToken, "latest:", next.RefreshToken == srv.LatestRefreshToken())
	_, err = conf.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		fmt.Println("old refresh token:", re.Response.StatusCode, re.ErrorCode, string(re.Body))
	}
	// Output:
	// rotated: true latest: true
	// old refresh token: 400 invalid_grant {"reason":"Invalid Token!","error":"invalid_grant"}
}
