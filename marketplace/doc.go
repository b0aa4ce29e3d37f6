// Package marketplace is a client for the Zoom APIs an account admin uses to
// let people through the pre-approval wall: the Marketplace app-request and
// pre-approval calls, and the Users and Groups calls that turn emails and
// group names into Zoom IDs. It imports no UI package and reads like
// golang.org/x/oauth2: a plain [Client] struct, every call takes a
// context.Context first, the HTTP client and the clock are injectable.
//
// The calls need account-wide (:admin) scopes, which a user-managed app
// cannot have. [AccountCredentials] gets tokens for a Server-to-Server OAuth
// app of the admin's account; any oauth2.TokenSource with those scopes works.
//
//	creds := marketplace.AccountCredentials{AccountID: "…", ClientID: "…", ClientSecret: "…"}
//	c := &marketplace.Client{TokenSource: creds.TokenSource(ctx)}
//	reqs, err := c.Requests(ctx, appID, marketplace.StatusPending)
//
// Facts, limits and open questions behind every call:
// /work/shared/reference/zoom-marketplace-admin.md. Where that reference says
// a behaviour is uncertain, the doc comment here says how the code hedges.
//
// # Errors
//
// Every call fails with a [*Error]: the call, Zoom's status, code, words and
// tracking ID, Retry-After and missing scopes. Its Key names its row of the
// one error table (assets/content/errors.json, keys "marketplace:…"), so
// oauthflow.Explain explains it like any other Zoom error. 429 honours
// Retry-After (seconds or a date) up to MaxRetryWait; 5xx and network
// failures are retried with backoff, and so is 1505 ("Internal server
// error, please try again.", which List apps answers with HTTP 400); other
// 4xx are never retried. A 401 gets one new token first (see Invalidator).
//
// # Pagination
//
// Listings follow next_page_token until it is empty. Zoom keeps a page token
// 15 minutes; when Zoom refuses one as expired, the listing starts again from
// the first page once, and a second expiry fails with an *Error whose
// PageTokenExpired reports true.
package marketplace
