package accessible

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/charmbracelet/x/term"
	"github.com/muesli/cancelreader"
)

// errStop is what a read returns when the user left: end of input (ctrl+d,
// a closed pipe) or the context ended (ctrl+c). Run maps it to the outcome.
var errStop = errors.New("input ended")

// lineResult is one line read, or why none was.
type lineResult struct {
	line string
	err  error
}

// lineReader reads stdin one line at a time on its own goroutine, so a
// prompt can wait for a line and for the browser's callback at once. A
// line is read only when asked for (next), so a secret can be read without
// echo. A read still outstanding when a prompt returns early is kept for
// the next prompt, and so is a line put back with hold.
type lineReader struct {
	in      io.Reader
	cancel  func() bool // cancels a blocked read of a file (nil: none)
	fd      uintptr     // stdin's descriptor when it is a terminal
	tty     bool
	reqs    chan bool // true: read a secret
	lines   chan lineResult
	waiting bool // a request is outstanding
	ended   bool // input ended: every later read returns errStop
	// held is a line read ahead of its question (see hold), nil when none.
	held *string

	mu      sync.Mutex
	restore func() // turns echo back on while a secret is read
}

// newLineReader starts the reading goroutine; close stops it once the
// outstanding read (if any) returns.
func newLineReader(in io.Reader) *lineReader {
	r := &lineReader{in: in, reqs: make(chan bool), lines: make(chan lineResult, 1)}
	if f, ok := in.(*os.File); ok {
		r.fd, r.tty = f.Fd(), term.IsTerminal(f.Fd())
		// A read left blocked on stdin would take input meant for whatever
		// reads it next (the CLI's terminal queries); close cancels it.
		if cr, err := cancelreader.NewReader(f); err == nil {
			r.in, r.cancel = cr, cr.Cancel
		}
	}
	go r.loop()
	return r
}

func (r *lineReader) loop() {
	br := bufio.NewReader(r.in)
	for secret := range r.reqs {
		res := r.read(br, secret)
		r.lines <- res
		if res.err != nil {
			return
		}
	}
}

// read reads one line; a secret from a terminal is read without echo.
func (r *lineReader) read(br *bufio.Reader, secret bool) lineResult {
	if secret && r.tty {
		restore, err := echoOff(r.fd)
		if err != nil {
			return r.readPassword()
		}
		r.setRestore(restore)
		defer r.setRestore(nil)
		defer restore()
	}
	s, err := br.ReadString('\n')
	if err != nil && (s == "" || !errors.Is(err, io.EOF)) {
		return lineResult{err: errStop}
	}
	return lineResult{line: strings.TrimRight(s, "\r\n")}
}

// readPassword is the fallback where echo cannot be turned off by hand.
func (r *lineReader) readPassword() lineResult {
	b, err := term.ReadPassword(r.fd)
	if err != nil {
		return lineResult{err: errStop}
	}
	return lineResult{line: string(b)}
}

func (r *lineReader) setRestore(f func()) {
	r.mu.Lock()
	r.restore = f
	r.mu.Unlock()
}

// next returns the next line (a held one first), or errStop when input
// ended or ctx did.
func (r *lineReader) next(ctx context.Context, secret bool) (string, error) {
	if r.held != nil {
		line := *r.held
		r.held = nil
		return line, nil
	}
	if err := r.ask(ctx, secret); err != nil {
		return "", err
	}
	select {
	case res := <-r.lines:
		r.waiting, r.ended = false, res.err != nil
		return res.line, res.err
	case <-ctx.Done():
		return "", errStop
	}
}

// hold puts line back: the next question gets it instead of reading.
func (r *lineReader) hold(line string) { r.held = &line }

// ask starts a read unless one is outstanding.
func (r *lineReader) ask(ctx context.Context, secret bool) error {
	if r.ended {
		return errStop
	}
	if r.waiting {
		return nil
	}
	select {
	case r.reqs <- secret:
		r.waiting = true
		return nil
	case <-ctx.Done():
		return errStop
	}
}

// close stops the goroutine (canceling an outstanding read of a file)
// and turns the terminal's echo back on if a secret read was cut short.
func (r *lineReader) close() {
	close(r.reqs)
	if r.cancel != nil {
		r.cancel()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.restore != nil {
		r.restore()
	}
}
