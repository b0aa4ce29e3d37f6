package steps

import (
	"image/color"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/zoomconnect/zoomconnect/page"
)

// ReadingWidth is the widest a screen's body is drawn, in cells: a line
// of about 76 characters is read comfortably, and a body stretched over a
// 200-column terminal is not. The header and the key help may be wider.
const ReadingWidth = 76

// Glyphs of the visual language, the same on every screen: focus and
// outcomes never depend on colour alone.
const (
	glyphCursor = "> " // the focused choice
	glyphBar    = "┃ " // the rows of the focused text field
	glyphOK     = "✓ "
	glyphWarn   = "! "
	glyphFail   = "✗ "
)

// Styles holds every style the wizard draws with, and every colour: no
// other file names one (TestColoursOnlyInStyles). Build it with NewStyles
// or NewStylesFor; the root rebuilds it when the terminal reports its
// background colour or its colour profile. Colour is never the only
// signal: errors, warnings and checks carry a glyph, the focused choice a
// cursor, the focused field a bar.
type Styles struct {
	App      lipgloss.Style // outer frame padding
	Header   lipgloss.Style // product name in the header
	Title    lipgloss.Style // screen title
	Progress lipgloss.Style // "step 3 of 8", and the header's separator
	Text     lipgloss.Style
	Muted    lipgloss.Style // notes, descriptions, hints
	Strong   lipgloss.Style // headings, **strong** spans
	Code     lipgloss.Style // commands, IDs, scope names: copyable text
	Link     lipgloss.Style // URLs
	OK       lipgloss.Style // the "✓" of an outcome line
	Warn     lipgloss.Style // the "!" of an outcome line
	Error    lipgloss.Style // the "✗" of an outcome line
	Cursor   lipgloss.Style // "> " marker of the focused choice
	Selected lipgloss.Style // focused choice text
	Off      lipgloss.Style // a choice that cannot be chosen now
	Bar      lipgloss.Style // "┃" before the focused field's rows
	Label    lipgloss.Style // a field's label while it has no focus
	Spinner  lipgloss.Style // the waiting spinner
	Box      lipgloss.Style // bordered callout
	Help     lipgloss.Style // the key help's descriptions and separators
	HelpKey  lipgloss.Style // the key help's keys

	// input are the text inputs' styles (InputStyles).
	input textinput.Styles
	// cache holds rendered blocks (see Render). A pointer: copies of the
	// Styles (Env copies) share it, and a rebuilt Styles starts afresh.
	cache *renderCache
}

// palette is one colour of the wizard for each background and profile.
type palette struct {
	light, dark shade
}

// shade is a colour in the three depths a terminal may have: the 16 ANSI
// colours (chosen by hand, so that e.g. muted text stays readable where
// bright black is the background colour), the 256-colour cube, truecolor.
type shade struct {
	ansi, ansi256, truecolor color.Color
}

// The wizard's colours. Text keeps the terminal's own foreground.
var (
	accent = palette{ // Zoom blue
		light: shade{lipgloss.Blue, lipgloss.Color("27"), lipgloss.Color("#0B5CFF")},
		dark:  shade{lipgloss.BrightBlue, lipgloss.Color("75"), lipgloss.Color("#6EA8FF")},
	}
	muted = palette{
		light: shade{lipgloss.BrightBlack, lipgloss.Color("242"), lipgloss.Color("#6B6B6B")},
		dark:  shade{lipgloss.White, lipgloss.Color("245"), lipgloss.Color("#8A8A8A")},
	}
	code = palette{
		light: shade{lipgloss.Magenta, lipgloss.Color("97"), lipgloss.Color("#7D3CB5")},
		dark:  shade{lipgloss.BrightMagenta, lipgloss.Color("183"), lipgloss.Color("#D7AFFF")},
	}
	green = palette{
		light: shade{lipgloss.Green, lipgloss.Color("28"), lipgloss.Color("#17803D")},
		dark:  shade{lipgloss.BrightGreen, lipgloss.Color("78"), lipgloss.Color("#4ADE80")},
	}
	yellow = palette{
		light: shade{lipgloss.Yellow, lipgloss.Color("136"), lipgloss.Color("#8A5A00")},
		dark:  shade{lipgloss.BrightYellow, lipgloss.Color("220"), lipgloss.Color("#FACC15")},
	}
	red = palette{
		light: shade{lipgloss.Red, lipgloss.Color("124"), lipgloss.Color("#B91C1C")},
		dark:  shade{lipgloss.BrightRed, lipgloss.Color("210"), lipgloss.Color("#F87171")},
	}
)

// NewStyles returns the styles for a dark or light background on a
// truecolor terminal (the renderer downsamples them for a poorer one).
func NewStyles(isDark bool) *Styles { return NewStylesFor(isDark, colorprofile.TrueColor) }

// NewStylesFor returns the styles for a dark or light background and the
// terminal's colour profile: its own 16 or 256 colours where the profile
// has no more, and under NO_COLOR (colorprofile.ASCII, or NoTTY) no colour
// at all, only bold, faint and underline. An Unknown profile is taken as
// truecolor (the renderer downsamples).
func NewStylesFor(isDark bool, p colorprofile.Profile) *Styles {
	if p == colorprofile.Unknown {
		p = colorprofile.TrueColor
	}
	pick := func(c palette) color.Color {
		s := c.light
		if isDark {
			s = c.dark
		}
		return lipgloss.Complete(p)(s.ansi, s.ansi256, s.truecolor)
	}
	fg := func(c palette) lipgloss.Style { return lipgloss.NewStyle().Foreground(pick(c)) }
	mutedStyle := fg(muted)
	if p <= colorprofile.ANSI {
		// Faint keeps notes apart from text where a grey is either missing
		// or a guess at the user's palette.
		mutedStyle = mutedStyle.Faint(true)
	}
	st := &Styles{
		App:      lipgloss.NewStyle().Padding(0, 1),
		Header:   fg(accent).Bold(true),
		Title:    lipgloss.NewStyle().Bold(true),
		Progress: mutedStyle,
		Text:     lipgloss.NewStyle(),
		Muted:    mutedStyle,
		Strong:   lipgloss.NewStyle().Bold(true),
		Code:     fg(code),
		Link:     fg(accent).Underline(true),
		OK:       fg(green).Bold(true),
		Warn:     fg(yellow).Bold(true),
		Error:    fg(red).Bold(true),
		Cursor:   fg(accent).Bold(true),
		Selected: fg(accent).Bold(true),
		Off:      mutedStyle,
		Bar:      fg(accent),
		Label:    lipgloss.NewStyle(),
		Spinner:  fg(accent),
		Box:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(pick(muted)).Padding(0, 1),
		Help:     mutedStyle,
		HelpKey:  lipgloss.NewStyle().Bold(true),
		cache:    &renderCache{},
	}
	st.input = inputStyles(st)
	return st
}

// inputStyles are the text inputs' styles in the wizard's language: the
// placeholder muted, the cursor in the accent colour, a focused and a
// blurred input told apart by the field's bar (drawn by the layout), not
// by the input.
func inputStyles(st *Styles) textinput.Styles {
	s := textinput.DefaultStyles(true)
	for _, state := range []*textinput.StyleState{&s.Focused, &s.Blurred} {
		state.Text = st.Text
		state.Placeholder = st.Muted
		state.Prompt = st.Muted
		state.Suggestion = st.Muted
	}
	s.Focused.Prompt = st.Cursor
	s.Cursor.Color = st.Cursor.GetForeground() // no colour at all without colour: the cursor is then reverse video alone
	return s
}

// InputStyles are the styles of every text input (a field's, the paste
// box's, the admin console's).
func (s *Styles) InputStyles() textinput.Styles { return s.input }

// HelpStyles are the key help's styles: keys bold, descriptions and
// separators muted, the same on every screen.
func (s *Styles) HelpStyles() help.Styles {
	return help.Styles{
		Ellipsis:       s.Help,
		ShortKey:       s.HelpKey,
		ShortDesc:      s.Help,
		ShortSeparator: s.Help,
		FullKey:        s.HelpKey,
		FullDesc:       s.Help,
		FullSeparator:  s.Help,
	}
}

// Outcome is the glyph and style of an outcome line or mark ("✓ ", "! ",
// "✗ "), the one place that maps an outcome kind to its look; "" for a
// kind that is no outcome.
func (s *Styles) Outcome(k page.Kind) (string, lipgloss.Style) {
	switch k {
	case page.KindOK:
		return glyphOK, s.OK
	case page.KindWarn:
		return glyphWarn, s.Warn
	case page.KindFail:
		return glyphFail, s.Error
	}
	return "", s.Text
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
		return s.Cursor.Render(strings.TrimSpace(glyphCursor)) + " " + s.Selected.Render(label)
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

// renderCache keeps drawn blocks by what they are and the width they were
// drawn at, so a frame redraws only what changed (the elapsed time, the
// spinner) instead of rewrapping every paragraph 60 times a second. It is
// bounded: past cacheLimit entries it starts afresh (a clock line makes a
// new entry every second).
type renderCache struct {
	mu sync.Mutex
	m  map[string]string
}

const cacheLimit = 512

func (c *renderCache) get(k string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *renderCache) put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= cacheLimit {
		c.m = make(map[string]string, 64)
	}
	c.m[k] = v
}

// Theme is what the styles are built for, as the terminal reports it: its
// background (dark until it says otherwise, the safe guess: a terminal
// that answers nothing is most often dark) and its colour profile.
type Theme struct {
	Light   bool
	Profile colorprofile.Profile
}

// Update records what msg reports (tea.BackgroundColorMsg,
// tea.ColorProfileMsg) and says whether the styles must be rebuilt.
func (t *Theme) Update(msg tea.Msg) bool {
	old := *t
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		t.Light = !msg.IsDark()
	case tea.ColorProfileMsg:
		t.Profile = msg.Profile
	}
	return *t != old
}

// Styles are the styles of the theme.
func (t Theme) Styles() *Styles { return NewStylesFor(!t.Light, t.Profile) }

// InputView draws a text input in the current styles (set here, at
// drawing time, so an input never keeps the look of a theme the terminal
// has since corrected; only when they differ, as setting them restarts
// the cursor's blink, and keeping the input's own blink setting). A
// blurred input that fits its width (so shows
// its whole value, not a scrolled part) is drawn once per value: it has
// no cursor to blink, and the input's View costs as much as the rest of
// the credentials screen.
func (s *Styles) InputView(in *textinput.Model) string {
	if cur := in.Styles(); !sameInputLook(cur, s.input) {
		st := s.input
		st.Cursor.Blink = cur.Cursor.Blink
		in.SetStyles(st)
	}
	if in.Focused() || s.cache == nil || lipgloss.Width(in.Value()) >= in.Width() {
		return in.View()
	}
	value := in.Value()
	if in.EchoMode != textinput.EchoNormal {
		// A hidden value draws as its length in echo characters: the
		// cache keeps no secret.
		value = strconv.Itoa(utf8.RuneCountInString(value))
	}
	k := "input\x00" + strconv.Itoa(in.Width()) + "\x00" + strconv.Itoa(int(in.EchoMode)) + string(in.EchoCharacter) +
		"\x00" + in.Prompt + "\x00" + in.Placeholder + "\x00" + value
	if out, ok := s.cache.get(k); ok {
		return out
	}
	out := in.View()
	s.cache.put(k, out)
	return out
}

// SpinnerView draws a spinner's current frame in the wizard's spinner
// style, without the spinner's trailing blank (the text beside it brings
// its own gap). The style is set here, at drawing time, for the same
// reason as InputView's.
func (s *Styles) SpinnerView(sp *spinner.Model) string {
	sp.Style = s.Spinner
	return strings.TrimRight(sp.View(), " ")
}

// sameInputLook reports whether a and b draw an input alike: the colours
// and the faintness NewStylesFor varies between themes.
func sameInputLook(a, b textinput.Styles) bool {
	same := func(x, y lipgloss.Style) bool {
		return x.GetForeground() == y.GetForeground() && x.GetFaint() == y.GetFaint() && x.GetBold() == y.GetBold()
	}
	return a.Cursor.Color == b.Cursor.Color && same(a.Focused.Text, b.Focused.Text) &&
		same(a.Focused.Placeholder, b.Focused.Placeholder) && same(a.Blurred.Placeholder, b.Blurred.Placeholder) &&
		same(a.Focused.Prompt, b.Focused.Prompt)
}

// HelpView is h.View(km), drawn once per set of bindings, width and fold
// (the help bubble styles every key and description of every frame, a
// third of an idle frame's cost). h must have these styles (HelpStyles).
func (s *Styles) HelpView(h help.Model, km help.KeyMap) string {
	if s.cache == nil {
		return h.View(km)
	}
	var b strings.Builder
	b.WriteString("help\x00")
	b.WriteString(strconv.Itoa(h.Width()))
	add := func(bs []key.Binding) {
		b.WriteByte(1)
		for _, k := range bs {
			if k.Enabled() {
				b.WriteString(k.Help().Key)
				b.WriteByte(0)
				b.WriteString(k.Help().Desc)
				b.WriteByte(0)
			}
		}
	}
	if h.ShowAll {
		b.WriteString("all")
		for _, g := range km.FullHelp() {
			add(g)
		}
	} else {
		add(km.ShortHelp())
	}
	k := b.String()
	if out, ok := s.cache.get(k); ok {
		return out
	}
	out := h.View(km)
	s.cache.put(k, out)
	return out
}
