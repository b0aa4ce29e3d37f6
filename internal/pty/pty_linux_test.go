package pty

import (
	"testing"

	"golang.org/x/sys/unix"
)

func TestOpenGivesATerminalOfTheSize(t *testing.T) {
	master, slave, err := Open(34, 12)
	if err != nil {
		t.Fatal(err)
	}
	defer master.Close()
	defer slave.Close()
	ws, err := unix.IoctlGetWinsize(int(slave.Fd()), unix.TIOCGWINSZ)
	if err != nil || ws.Col != 34 || ws.Row != 12 {
		t.Fatalf("size %+v, %v; want 34x12", ws, err)
	}
	if _, err := slave.WriteString("hi"); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 8)
	if n, err := master.Read(buf); err != nil || string(buf[:n]) != "hi" {
		t.Fatalf("master read %q, %v", buf[:n], err)
	}
}
