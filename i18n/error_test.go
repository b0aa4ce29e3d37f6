package i18n

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorSaysItselfInALanguage(t *testing.T) {
	sentinel := errors.New("inner")
	e := NewError(sentinel, "explain.run", "Command", "zoomconnect login")
	if got := e.Error(); got != "Run: zoomconnect login" {
		t.Errorf("Error() = %q: want the English text without markup", got)
	}
	wrapped := fmt.Errorf("context: %w", e)
	if !errors.Is(wrapped, sentinel) {
		t.Error("the wrapped error is lost")
	}
	got, ok := Say(New(French), wrapped)
	if !ok || got != "Commande\u00a0: `zoomconnect login`" {
		t.Errorf("Say = %q, %v", got, ok)
	}
	if _, ok := Say(nil, sentinel); ok {
		t.Error("a plain error said itself")
	}
}

func TestMessageArgumentIsSaidInTheSameLanguage(t *testing.T) {
	e := NewError(nil, "time.ago", "Duration", Msg("list.and"))
	if got := e.Say(New(French)); got != "il y a et" {
		t.Errorf("French = %q", got)
	}
	if got := e.Error(); got != "and ago" {
		t.Errorf("English = %q", got)
	}
}

func TestErrorArgumentSaysItselfInTheSameLanguage(t *testing.T) {
	inner := NewError(nil, "list.and")
	outer := NewError(inner, "time.ago", "Duration", inner)
	if got := outer.Say(New(French)); got != "il y a et" {
		t.Errorf("French = %q", got)
	}
	plainErr := NewError(nil, "time.ago", "Duration", errors.New("a `b`\nc"))
	if got := plainErr.Error(); got != "a 'b' c ago" {
		t.Errorf("a plain error argument is not cleaned: %q", got)
	}
}
