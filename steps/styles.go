package steps

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Styles holds every style the wizard draws with. Build it with NewStyles;
// the root rebuilds it when the terminal reports its background colour.
// Colour is never the only signal: errors, warnings and checks also carry a
// text marker.
type Styles struct {
	App      lipgloss.Style // outer frame padding
	Header   lipgloss.Style // product name in the header
	Title    lipgloss.Style // screen title
	Progress lipgloss.Style // "step 3 of 8"
	Text     lipgloss.Style
	Muted    lipgloss.Style
	Strong   lipgloss.Style
	Code     lipgloss.Style // URLs, commands, IDs: copyable text
	OK       lipgloss.Style // "✓ ..."
	Warn     lipgloss.Style // "! ..."
	Error    lipgloss.Style // "✗ ..."
	Cursor   lipgloss.Style // "> " marker of the focused choice
	Selected lipgloss.Style // focused choice text
	Box      lipgloss.Style // bordered callout
	Help     lipgloss.Style
}

// NewStyles returns the styles for a dark or light background.
func NewStyles(isDark bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#0B5CFF"), lipgloss.Color("#6EA8FF")) // Zoom blue
	muted := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	green := ld(lipgloss.Color("#17803D"), lipgloss.Color("#4ADE80"))
	yellow := ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#FACC15"))
	red := ld(lipgloss.Color("#B91C1C"), lipgloss.Color("#F87171"))
	return &Styles{
		App:      lipgloss.NewStyle().Padding(0, 1),
		Header:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		Title:    lipgloss.NewStyle().Bold(true),
		Progress: lipgloss.NewStyle().Foreground(muted),
		Text:     lipgloss.NewStyle(),
		Muted:    lipgloss.NewStyle().Foreground(muted),
		Strong:   lipgloss.NewStyle().Bold(true),
		Code:     lipgloss.NewStyle().Foreground(accent),
		OK:       lipgloss.NewStyle().Foreground(green),
		Warn:     lipgloss.NewStyle().Foreground(yellow),
		Error:    lipgloss.NewStyle().Foreground(red),
		Cursor:   lipgloss.NewStyle().Foreground(accent).Bold(true),
		Selected: lipgloss.NewStyle().Bold(true),
		Box:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(muted).Padding(0, 1),
		Help:     lipgloss.NewStyle().Foreground(muted),
	}
}

// Paragraph wraps text to width terminal cells, keeping ANSI styles intact.
// A width below 1 leaves the text as it is (size not known yet).
func Paragraph(text string, width int) string {
	if width < 1 {
		return text
	}
	return lipgloss.Wrap(text, width, " ")
}

// Clip keeps at most height lines of s. When lines were cut, the last kept
// line becomes "…" so the reader knows there is more (the root shows the
// full text once the window grows). A height below 1 means no limit.
func Clip(s string, height int) string {
	if height < 1 {
		return s
	}
	lines := strings.Split(s, "\n")
	if len(lines) <= height {
		return s
	}
	lines = lines[:height]
	lines[height-1] = "…"
	return strings.Join(lines, "\n")
}

// Choice renders one line of a menu: "> " before the focused choice (so
// focus never depends on colour alone) and two spaces before the others.
func (s *Styles) Choice(focused bool, label string) string {
	if focused {
		return s.Cursor.Render(">") + " " + s.Selected.Render(label)
	}
	return "  " + s.Text.Render(label)
}

// ChoiceWrap is Choice for a label that may be longer than width: it wraps
// the label with the continuation lines indented under its first letter.
func (s *Styles) ChoiceWrap(focused bool, label string, width int) string {
	if width > 3 {
		label = strings.ReplaceAll(Paragraph(label, width-2), "\n", "\n  ")
	}
	return s.Choice(focused, label)
}

// Bullet renders "• text" wrapped to width with a hanging indent, so the
// continuation lines start under the text, not under the bullet.
func Bullet(text string, width int) string {
	if width < 3 {
		return "• " + text
	}
	return "• " + strings.ReplaceAll(Paragraph(text, width-2), "\n", "\n  ")
}
