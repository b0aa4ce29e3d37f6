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

func newAPICmd(opts *rootOptions) *cobra.Command {
	var f apiFlags
	cmd := &cobra.Command{
		Use:  "api PATH",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return opts.runAPI(cmd, args[0], f)
		},
	}
	opts.describe(cmd, "api")
	opts.addProfileFlag(cmd)
	fl, u := cmd.Flags(), opts.flagUsage
	fl.StringVarP(&f.method, "method", "X", "", u("api_method"))
	fl.StringArrayVarP(&f.raw, "raw-field", "f", nil, u("api_raw_field"))
	fl.StringArrayVarP(&f.typed, "field", "F", nil, u("api_field"))
	fl.StringVar(&f.input, "input", "", u("api_input"))
	fl.BoolVar(&f.paginate, "paginate", false, u("api_paginate"))
	fl.BoolVarP(&f.include, "include", "i", false, u("api_include"))
	fl.String("jq", "", u("api_jq"))
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
