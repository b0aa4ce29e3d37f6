// Command ptyframe measures how long a terminal program takes from exec to
// its first screen: it starts the command on a fresh pseudo-terminal of the
// given size, reads the terminal side as the bytes arrive, and stops the
// clock at the read that completes the text given with -until (matched
// after removing escape sequences). It answers the few queries a terminal
// program sends at start-up (background colour, device attributes, cursor
// position, mode reports) as a terminal emulator would, so no program waits
// for an answer that never comes.
//
//	ptyframe -until TEXT [-runs 30] [-warmup 3] [-cols 100] [-rows 30] [-json FILE] -- COMMAND [ARG...]
//
// Precision: the start is taken just before fork/exec, the end when the
// read of the master side returns (a goroutine blocked in read(2) on it);
// both on the monotonic clock. What it adds to a run is the read wake-up and
// the scan of at most a few kilobytes, well under 0.1 ms: far below the
// run-to-run noise of a shared machine. The pty comes from internal/pty;
// it is Linux-only.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/internal/pty"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ptyframe:", err)
		os.Exit(1)
	}
}

type config struct {
	until         string
	runs, warmup  int
	cols, rows    int
	timeout       time.Duration
	answerQueries bool
	jsonPath      string
	argv          []string
}

func run() error {
	var c config
	flag.StringVar(&c.until, "until", "", "text of the first screen to wait for (required)")
	flag.IntVar(&c.runs, "runs", 30, "measured runs")
	flag.IntVar(&c.warmup, "warmup", 3, "runs before the measured ones (page cache, binary)")
	flag.IntVar(&c.cols, "cols", 100, "terminal columns")
	flag.IntVar(&c.rows, "rows", 30, "terminal rows")
	flag.DurationVar(&c.timeout, "timeout", 10*time.Second, "give up on a run after this long")
	flag.BoolVar(&c.answerQueries, "answer", true, "answer start-up terminal queries like a terminal emulator")
	flag.StringVar(&c.jsonPath, "json", "", "also write the samples (ms) and the summary to this JSON file")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: ptyframe -until TEXT [-runs N] [-warmup N] [-cols N] [-rows N] [-json FILE] -- COMMAND [ARG...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	c.argv = flag.Args()
	if c.until == "" || len(c.argv) == 0 || c.runs < 1 {
		flag.Usage()
		os.Exit(2)
	}
	var samples []float64
	for i := range c.warmup + c.runs {
		d, err := once(c)
		if err != nil {
			return fmt.Errorf("run %d of %s: %w", i+1, c.argv[0], err)
		}
		if i >= c.warmup {
			samples = append(samples, float64(d.Microseconds())/1000)
		}
	}
	s := summarize(samples)
	fmt.Printf("median %.1f ms  p10 %.1f  p90 %.1f  min %.1f  max %.1f  (%d runs, %dx%d)\n",
		s.Median, s.P10, s.P90, s.Min, s.Max, len(samples), c.cols, c.rows)
	if c.jsonPath != "" {
		b, _ := json.MarshalIndent(s, "", "  ")
		if err := os.WriteFile(c.jsonPath, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", c.jsonPath, err)
		}
	}
	return nil
}

// summary is what -json writes; times in milliseconds.
type summary struct {
	Median, P10, P90, Min, Max float64
	Samples                    []float64
}

func summarize(xs []float64) summary {
	s := slices.Clone(xs)
	slices.Sort(s)
	q := func(p float64) float64 { return s[int(p*float64(len(s)-1)+0.5)] }
	return summary{Median: q(0.5), P10: q(0.1), P90: q(0.9), Min: s[0], Max: s[len(s)-1], Samples: xs}
}

// once runs the command on a new pty and returns the time from exec to
// the read that completed c.until. The command is then stopped (SIGTERM to
// its process group, SIGKILL after 5 s) and waited for, so runs do not
// overlap.
func once(c config) (time.Duration, error) {
	master, slave, err := pty.Open(c.cols, c.rows)
	if err != nil {
		return 0, err
	}
	defer master.Close()
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		slave.Close()
		return 0, fmt.Errorf("start: %w", err)
	}
	slave.Close()
	found := make(chan time.Duration, 1)
	drained := make(chan string, 1)
	go read(master, c, start, found, drained)
	var d time.Duration
	select {
	case d = <-found:
	case <-time.After(c.timeout):
		err = fmt.Errorf("%q did not appear within %s", c.until, c.timeout)
	}
	stop(cmd)
	master.Close()
	if out := <-drained; err != nil {
		err = fmt.Errorf("%w; the screen said:\n%s", err, tail(ansi.Strip(out), 600))
	}
	return d, err
}

// read copies the master side into memory until the command goes away,
// answering terminal queries, and reports once when c.until appears.
func read(master *os.File, c config, start time.Time, found chan<- time.Duration, drained chan<- string) {
	var out strings.Builder
	ans := newAnswerer()
	buf := make([]byte, 32<<10)
	reported := false
	for {
		n, err := master.Read(buf)
		at := time.Since(start)
		out.Write(buf[:n])
		if n > 0 && c.answerQueries {
			ans.answer(master, out.String())
		}
		if !reported && strings.Contains(ansi.Strip(out.String()), c.until) {
			found <- at
			reported = true
		}
		if err != nil {
			drained <- out.String()
			return
		}
	}
}

func stop(cmd *exec.Cmd) {
	pgid := cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-done
	}
}

// answerer replies to start-up queries as a dark xterm-like terminal does.
type answerer struct {
	queries []query
	seen    map[string]int
}

type query struct{ ask, reply string }

func newAnswerer() *answerer {
	return &answerer{seen: map[string]int{}, queries: []query{
		{"\x1b]11;?", "\x1b]11;rgb:0000/0000/0000\x1b\\"}, // background colour
		{"\x1b]10;?", "\x1b]10;rgb:ffff/ffff/ffff\x1b\\"}, // foreground colour
		{"\x1b[c", "\x1b[?62;22c"},                        // primary device attributes
		{"\x1b[0c", "\x1b[?62;22c"},
		{"\x1b[6n", "\x1b[1;1R"},              // cursor position
		{"\x1b[?u", "\x1b[?0u"},               // kitty keyboard flags
		{"\x1b[?2026$p", "\x1b[?2026;0$y"},    // synchronized output: not recognized
		{"\x1b[?2027$p", "\x1b[?2027;0$y"},    // grapheme clusters: not recognized
		{"\x1b[>0q", "\x1bP>|ptyframe\x1b\\"}, // terminal name and version
	}}
}

// answer writes one reply for every query in out not answered yet.
func (a *answerer) answer(w *os.File, out string) {
	for _, q := range a.queries {
		n := strings.Count(out, q.ask)
		for ; a.seen[q.ask] < n; a.seen[q.ask]++ {
			if _, err := w.WriteString(q.reply); err != nil && !errors.Is(err, os.ErrClosed) {
				return
			}
		}
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
