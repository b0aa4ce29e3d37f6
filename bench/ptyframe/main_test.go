package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	s := summarize([]float64{5, 1, 4, 2, 3})
	if s.Median != 3 || s.Min != 1 || s.Max != 5 || s.P10 != 1 || s.P90 != 5 {
		t.Errorf("summary %+v", s)
	}
	if s.Samples[0] != 5 {
		t.Error("summarize reordered the samples it reports")
	}
}

func TestAnswererRepliesOncePerQuery(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	a := newAnswerer()
	out := "\x1b[?25l\x1b]11;?\x07frame"
	a.answer(w, out)
	a.answer(w, out) // the same output again: nothing new to answer
	a.answer(w, out+"\x1b[c")
	w.Close()
	b := make([]byte, 256)
	n, _ := r.Read(b)
	if got, want := string(b[:n]), "\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c"; got != want {
		t.Errorf("replies %q, want %q", got, want)
	}
}

func TestOnceFindsTheTextThroughEscapes(t *testing.T) {
	c := config{until: "ready now", cols: 40, rows: 10, timeout: 10 * time.Second, answerQueries: true,
		argv: []string{"sh", "-c", `printf 'x \033[1mready\033[m now'; sleep 30`}}
	d, err := once(c)
	if err != nil {
		t.Fatal(err)
	}
	if d <= 0 {
		t.Errorf("duration %v", d)
	}
}

func TestOnceSaysWhatTheScreenShowedWhenTheTextNeverComes(t *testing.T) {
	c := config{until: "never shown", cols: 40, rows: 10, timeout: 300 * time.Millisecond,
		argv: []string{"sh", "-c", `printf 'something else'; sleep 30`}}
	_, err := once(c)
	if err == nil || !strings.Contains(err.Error(), "something else") {
		t.Errorf("error %v; want the screen's text in it", err)
	}
}

func TestOpenPTYSetsTheSize(t *testing.T) {
	c := config{until: "12 34", cols: 34, rows: 12, timeout: 10 * time.Second,
		argv: []string{"sh", "-c", `stty size; sleep 30`}}
	if _, err := once(c); err != nil {
		t.Fatal(err)
	}
}
