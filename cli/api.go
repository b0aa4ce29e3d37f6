package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/schema"
	"github.com/zoomconnect/zoomconnect/zoomapi"
)

// apiFlags are the flags of `zoomconnect api`.
type apiFlags struct {
	method   string
	raw      []string
	typed    []string
	input    string
	paginate bool
	include  bool
}

const apiLong = `Make an authenticated request to Zoom's REST API with the saved connection
(--profile), like gh api: PATH is relative to https://api.zoom.us/v2 (or
the profile's API host): users/me, /users/me/recordings, v2/users/me all
work. An absolute URL is refused: the token goes only to that API host.

The token is refreshed first when it is due, and once more when Zoom answers
401; a 429 is retried after Zoom's Retry-After (at most 30 s). -f key=value
adds a text field, -F key=value a typed one (true, false, null, integers);
key[sub]=value nests, key[]=value appends. Fields are the query of a GET and
a JSON body otherwise; with fields or --input and no -X, the method is POST.
--input FILE (- for stdin) sends the file as the body; the fields then go to
the query. --paginate follows next_page_token and merges the pages' lists.

Zoom's JSON goes to stdout (--jq filters it; -i prints the status line and
headers first). On failure, stdout gets {"schema":1,"ok":false,"error":…,
"response":…} and stderr the explanation.

Exit status: 0 Zoom answered 2xx; 1 Zoom refused the request (4xx) or --jq
failed; 2 usage (bad path, field or --jq); 5 network or Zoom server error;
6 rate limited beyond the wait; 7 storage; 8 reconnect needed (4741, 4738, a
refresh Zoom refused, or a 401 after a refresh); 130 canceled.`

func newAPICmd(opts *rootOptions) *cobra.Command {
	var f apiFlags
	cmd := &cobra.Command{
		Use:   "api PATH",
		Short: "Make an authenticated Zoom API request",
		Long:  apiLong,
		Example: `  zoomconnect api users/me
  zoomconnect api users/me --jq .email
  zoomconnect api users/me/recordings --paginate -f page_size=300 -X GET \
    --jq '.meetings[].topic'
  zoomconnect api users/me/meetings -f topic=Standup -F type=2
  zoomconnect api -X PATCH meetings/85746065432 --input changes.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return opts.runAPI(cmd, args[0], f)
		},
	}
	opts.addProfileFlag(cmd)
	fl := cmd.Flags()
	fl.StringVarP(&f.method, "method", "X", "", "the HTTP `METHOD` (default GET, or POST with fields)")
	fl.StringArrayVarP(&f.raw, "raw-field", "f", nil, "add a text field `key=value`")
	fl.StringArrayVarP(&f.typed, "field", "F", nil, "add a typed field `key=value` (true, 7, null)")
	fl.StringVar(&f.input, "input", "", "send `FILE` as the body (- for stdin)")
	fl.BoolVar(&f.paginate, "paginate", false, "follow next_page_token; merge the pages")
	fl.BoolVarP(&f.include, "include", "i", false, "print the status line and headers first")
	fl.String("jq", "", "filter the JSON with jq `EXPR`")
	return cmd
}

// runAPI sends the request and prints Zoom's answer.
func (o *rootOptions) runAPI(cmd *cobra.Command, path string, f apiFlags) error {
	spec, err := o.apiSpec(path, f)
	if err != nil {
		return err
	}
	req, err := spec.Build()
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if _, err := zoomapi.URL("https://api.zoom.us", req.Path, nil); err != nil {
		return &ExitError{Code: ExitUsage, Err: err} // before any storage or network
	}
	m, err := o.onDemandManager()
	if err != nil {
		return err
	}
	m.OnLockWait = o.lockWaitNotice(cmd.ErrOrStderr())
	p, err := m.Store.LoadProfile(o.Profile)
	if err != nil {
		return err
	}
	c := &zoomapi.Client{BaseURL: o.profileEndpoints(p).APIBaseURL, HTTPClient: m.HTTPClient, Now: o.Now,
		Tokens: connection.APITokens{M: m, Name: o.Profile}}
	if isSandboxProfile(p) {
		if err := o.svc.sandbox.TakeErr(); err != nil {
			return err
		}
	}
	resp, err := c.Do(cmd.Context(), req)
	out := cmd.OutOrStdout()
	if err != nil {
		return o.apiFailed(out, f.include, err)
	}
	if f.include {
		for _, pg := range resp.Pages {
			writeHead(out, pg)
		}
	}
	if len(bytes.TrimSpace(resp.Body)) == 0 {
		return nil // 204: nothing to print
	}
	if !json.Valid(resp.Body) {
		_, err := out.Write(resp.Body) // not JSON: as Zoom sent it
		return err
	}
	return o.writeJSONBytes(out, resp.Body)
}

// apiSpec reads the flags into a request.
func (o *rootOptions) apiSpec(path string, f apiFlags) (zoomapi.Spec, error) {
	spec := zoomapi.Spec{Method: f.method, Path: path, Paginate: f.paginate}
	for _, group := range []struct {
		vals  []string
		typed bool
	}{{f.raw, false}, {f.typed, true}} {
		for _, v := range group.vals {
			fld, err := zoomapi.ParseField(v, group.typed)
			if err != nil {
				return spec, &ExitError{Code: ExitUsage, Err: err}
			}
			spec.Fields = append(spec.Fields, fld)
		}
	}
	if f.input != "" {
		b, err := o.readInput(f.input)
		if err != nil {
			return spec, err
		}
		spec.Input, spec.HasInput = b, true
	}
	return spec, nil
}

// readInput reads --input: a file, or stdin for "-".
func (o *rootOptions) readInput(name string) ([]byte, error) {
	var r io.Reader = o.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, &ExitError{Code: ExitUsage, Err: i18n.NewError(err, "api.input_failed", "Path", name, "Cause", err.Error())}
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, 32<<20))
	if err != nil {
		return nil, &ExitError{Code: ExitUsage, Err: i18n.NewError(err, "api.input_failed", "Path", name, "Cause", err.Error())}
	}
	return b, nil
}

// apiDoc is the document a failed api request prints on stdout: the
// contract's failure, with Zoom's answer when one came.
type apiDoc struct {
	schema.Failure
	Response json.RawMessage `json:"response,omitempty"`
}

// apiFailed prints the failure document (and, with -i, the answer's status
// and headers) and returns err with its exit status: a 401 after a
// refresh needs a new sign-in (8).
func (o *rootOptions) apiFailed(out io.Writer, include bool, err error) error {
	doc := apiDoc{Failure: schema.FailureOf(err, o.selectedProfile())}
	var ae *zoomapi.Error
	if errors.As(err, &ae) {
		if include && ae.Page != nil {
			writeHead(out, *ae.Page)
		}
		if json.Valid(ae.Body) {
			doc.Response = ae.Body
		}
	}
	b, jerr := json.Marshal(doc)
	if jerr == nil {
		var pretty bytes.Buffer
		_ = json.Indent(&pretty, b, "", "  ")
		fmt.Fprintln(out, pretty.String())
	}
	if ae != nil && ae.AfterRefresh {
		return &ExitError{Code: ExitReconnect, Err: err}
	}
	return err
}

// writeHead prints an answer's status line and headers, then a blank
// line, as gh api -i does.
func writeHead(w io.Writer, pg zoomapi.Page) {
	fmt.Fprintf(w, "%s %s\n", pg.Proto, pg.Status)
	keys := make([]string, 0, len(pg.Header))
	for k := range pg.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range pg.Header[k] {
			fmt.Fprintf(w, "%s: %s\n", k, clean(v))
		}
	}
	fmt.Fprintln(w)
}
