package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// The JSON output of every command that has --json, in one place: --json
// prints the command's document (schema.Version), --jq EXPR filters it
// with jq (github.com/itchyny/gojq, the jq gh uses) and implies --json.
// A jq expression that does not parse is a usage error found before the
// command does anything.

// addJSONFlag registers --json and --jq on a command that prints JSON.
func addJSONFlag(cmd *cobra.Command, asJSON *bool) {
	cmd.Flags().BoolVar(asJSON, "json", false, "print JSON")
	cmd.Flags().String("jq", "", "filter the JSON with jq `EXPR` (implies --json)")
}

// completeJSON compiles the command's --jq, if given, and turns on its
// --json. complete calls it; commands that skip complete (version) call it
// themselves.
func (o *rootOptions) completeJSON(cmd *cobra.Command) error {
	f := cmd.Flags().Lookup("jq")
	if f == nil || !f.Changed {
		return nil
	}
	code, err := compileJQ(f.Value.String())
	if err != nil {
		return err
	}
	o.jsonOut = jsonState{jq: code, ctx: cmd.Context()}
	if j := cmd.Flags().Lookup("json"); j != nil {
		return j.Value.Set("true")
	}
	return nil
}

// compileJQ parses and compiles a jq expression.
func compileJQ(expr string) (*gojq.Code, error) {
	q, err := gojq.Parse(expr)
	if err == nil {
		var code *gojq.Code
		if code, err = gojq.Compile(q); err == nil {
			return code, nil
		}
	}
	return nil, &ExitError{Code: ExitUsage, Err: i18n.NewError(err, "jsonout.jq_invalid", "Expr", expr, "Cause", err.Error())}
}

// writeJSON prints v as indented JSON and a newline, or, with --jq, the
// filter's results: one per line, strings as they are (like jq -r, as gh
// does), anything else as indented JSON.
func (o *rootOptions) writeJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode JSON: %w", err)
	}
	return o.writeJSONBytes(w, b)
}

// writeJSONBytes is writeJSON for a JSON document already encoded (Zoom's
// answer to `zoomconnect api`), whose keys keep their order.
func (o *rootOptions) writeJSONBytes(w io.Writer, b []byte) error {
	if o.jsonOut.jq == nil {
		var out bytes.Buffer
		if err := json.Indent(&out, b, "", "  "); err != nil {
			return fmt.Errorf("format JSON: %w", err)
		}
		out.WriteByte('\n')
		_, err := w.Write(out.Bytes())
		return err
	}
	ctx := o.jsonOut.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return runJQ(ctx, o.jsonOut.jq, b, w)
}

// jsonState is the running command's --jq: the compiled filter (nil
// without --jq) and the command's context, which bounds it.
type jsonState struct {
	jq  *gojq.Code
	ctx context.Context
}

// runJQ runs code on the JSON document b and writes its results.
func runJQ(ctx context.Context, code *gojq.Code, b []byte, w io.Writer) error {
	in, err := decodeForJQ(b)
	if err != nil {
		return fmt.Errorf("read JSON for --jq: %w", err)
	}
	var out bytes.Buffer
	iter := code.RunWithContext(ctx, in)
	for {
		v, ok := iter.Next()
		if !ok {
			break
		}
		if err, isErr := v.(error); isErr {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				break // halt: stop with what was printed
			}
			_, _ = w.Write(out.Bytes())
			return &ExitError{Code: ExitFailure, Err: i18n.NewError(err, "jsonout.jq_failed", "Cause", err.Error())}
		}
		if s, isStr := v.(string); isStr {
			out.WriteString(s + "\n")
			continue
		}
		enc, err := gojq.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode a --jq result: %w", err)
		}
		if err := json.Indent(&out, enc, "", "  "); err != nil {
			out.Write(enc) // gojq's own encoding of a value JSON cannot indent (NaN)
		}
		out.WriteByte('\n')
	}
	_, err = w.Write(out.Bytes())
	return err
}

// decodeForJQ reads JSON as gojq takes it: numbers as int when integral
// (IDs of Zoom meetings exceed float64's exact integers only past 2^53),
// else float64.
func decodeForJQ(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return normalizeNumbers(v), nil
}

func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return int(n)
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalizeNumbers(e)
		}
	}
	return v
}
