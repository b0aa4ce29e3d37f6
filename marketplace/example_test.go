package marketplace_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
)

// An admin's session against the sandbox, which plays Zoom: confirm the
// app, see who is waiting, pre-approve people by email and report per
// person.
func Example() {
	srv, err := sandbox.New(sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	ctx := context.Background()
	creds := marketplace.AccountCredentials{
		AccountID: sandbox.DemoAccountID, ClientID: sandbox.DemoAdminClientID,
		ClientSecret: sandbox.DemoAdminClientSecret, AuthBaseURL: srv.URL,
	}
	c := &marketplace.Client{BaseURL: srv.URL, TokenSource: creds.TokenSource(ctx)}

	app, err := c.App(ctx, sandbox.DemoAppID)
	if err != nil {
		panic(err)
	}
	fmt.Println("app:", app.Name)
	reqs, err := c.Requests(ctx, app.ID, marketplace.StatusPending)
	if err != nil {
		panic(err)
	}
	for _, r := range reqs {
		fmt.Printf("waiting: %s <%s>, %s\n", r.Name, r.Email, r.Department)
	}

	people, err := c.ResolveUsers(ctx, []string{"dee.dev@example.com", sandbox.DemoPendingEmail, "nobody@example.com"})
	if err != nil {
		panic(err)
	}
	res, err := c.PreApprove(ctx, app.ID, marketplace.ApproveUsers, people)
	if err != nil {
		panic(err)
	}
	for _, r := range res {
		fmt.Println(r.Input, r.Outcome)
	}
	// Output:
	// app: zoomconnect Sandbox App
	// waiting: Dee Developer <dee.dev@example.com>, Engineering
	// waiting: Mo Marketing <mo.marketing@example.com>, Marketing
	// dee.dev@example.com done
	// pat.pending@example.com pending_user
	// nobody@example.com not_found
}

// A group name that two groups share is refused before anything is sent;
// the error explains itself through the one error table.
func ExampleClient_ResolveGroups() {
	srv, err := sandbox.New(sandbox.Options{Scenario: sandbox.ScenarioPreapproval})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	ctx := context.Background()
	creds := marketplace.AccountCredentials{
		AccountID: sandbox.DemoAccountID, ClientID: sandbox.DemoAdminClientID,
		ClientSecret: sandbox.DemoAdminClientSecret, AuthBaseURL: srv.URL,
	}
	c := &marketplace.Client{BaseURL: srv.URL, TokenSource: creds.TokenSource(ctx)}

	res, err := c.ResolveGroups(ctx, []string{"engineering", sandbox.DemoAmbiguousGroup})
	fmt.Println(errors.Is(err, marketplace.ErrGroupNames))
	for _, r := range res {
		fmt.Printf("%s %s [%s]\n", r.Input, r.Outcome, r.ID)
	}
	_, err = c.PreApprove(ctx, sandbox.DemoAdminOnlyAppID, marketplace.ApproveGroups, res[:1])
	fmt.Println(oauthflow.Explain(err).Title)
	// Output:
	// true
	// engineering resolved [sbxGrp0Engineering0001]
	// Marketing ambiguous []
	// Zoom will not pre-approve this app (1500)
}

func ExampleParseAppID() {
	id, err := marketplace.ParseAppID("https://marketplace.zoom.us/develop/applications/HwSqvKE3RX6fR_k_nOqi7g/scopes")
	fmt.Println(id, err)
	// Output: HwSqvKE3RX6fR_k_nOqi7g <nil>
}
