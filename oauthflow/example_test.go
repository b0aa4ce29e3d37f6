package oauthflow_test

import (
	"context"
	"fmt"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// A whole login: start the loopback server, let the user open AuthURL,
// wait, then check who connected and which scopes were granted.
func ExampleFlow() {
	ctx := context.Background()
	client := &oauthflow.Client{App: oauthflow.App{ClientID: "public-client-id", Endpoints: oauthflow.DefaultEndpoints()}}
	session, err := (&oauthflow.Flow{Client: client}).Start(ctx)
	if err != nil {
		fmt.Println(oauthflow.Explain(err).Title)
		return
	}
	defer session.Close()
	fmt.Println("Open", session.AuthURL)
	res, err := session.Wait(ctx)
	if err != nil {
		ex := oauthflow.Explain(err).WithProfile("default")
		fmt.Println(ex.Title, "—", ex.User, "—", ex.Command)
		return
	}
	if review := oauthflow.ReviewScopes(res.Scopes); !review.AllGranted() {
		fmt.Println("missing scopes:", review.Missing)
	}
	user, err := client.Me(ctx, res.Token.AccessToken)
	if err == nil {
		fmt.Println("Connected as", user.Name(), user.Email)
	}
}

// Telling the user what a Zoom failure means and what to run next.
func ExampleExplain() {
	err := &oauthflow.Error{Kind: oauthflow.KindInvalidGrant, Op: oauthflow.OpRefresh,
		ErrorCode: "invalid_grant", Reason: "Invalid Token!"}
	ex := oauthflow.Explain(err).WithProfile("work")
	fmt.Println(err)
	fmt.Println(ex.Key, oauthflow.IsReconnect(err))
	fmt.Println(ex.Command)
	// Output:
	// refresh: Zoom says "Invalid Token!" (invalid_grant)
	// token:invalid_grant true
	// zoomconnect login --profile work
}
