// Package page describes what a screen or a report says, in order, for any
// front end: the full-screen wizard draws it with styles, the accessible
// wizard reads it out line by line, and the command line prints it. A page
// is a title and a list of blocks (a paragraph, a heading, an outcome line,
// a copyable command, a list, a menu of choices, an input); a block's text
// carries a small inline markup (see Spans). The words come from package
// i18n; page itself has none. It imports no UI package.
package page

// Kind is what a block is; front ends draw each kind their own way.
type Kind uint8

// The kinds of block.
const (
	// KindPara is a paragraph, wrapped at spaces.
	KindPara Kind = iota
	// KindHeading is a strong line that starts a part of the page.
	KindHeading
	// KindNote is secondary text (muted on screen).
	KindNote
	// KindOK, KindWarn and KindFail are outcome lines: something that
	// succeeded, something to know, something that failed. Front ends put
	// their glyph (✓ ! ✗) or word before the text, never colour alone.
	KindOK
	KindWarn
	KindFail
	// KindCode is copyable text (a URL, a command, a path) on rows of its
	// own, never broken at its spaces.
	KindCode
	// KindList is a bulleted list of Items.
	KindList
	// KindSteps is a numbered list of Items, numbered from Start (1 when 0).
	KindSteps
	// KindChoices is a menu: Items, with Cursor the focused one.
	KindChoices
	// KindField is a text input named ID; Items[0] holds its label (Text),
	// its placeholder (Detail) and, in Note, a validation message.
	KindField
	// KindRows are label/value rows (Items: Text the label, Detail the
	// value), aligned in a column.
	KindRows
)

// Block is one part of a page.
type Block struct {
	Kind Kind
	// Text is the block's text, in inline markup (see Spans).
	Text string
	// Items are a list's, a menu's, a field's or the rows' entries.
	Items []Item
	// Cursor is the focused item of a menu.
	Cursor int
	// Start numbers KindSteps (0 means 1).
	Start int
	// ID names the block for a front end that attaches something to it:
	// a field's input, the authorize screen's spinner.
	ID string
	// Focused marks the field that has the focus.
	Focused bool
	// Tight puts the block right under the one before it, with no blank
	// line between (a list under its heading, fields under each other).
	Tight bool
}

// Under returns b marked Tight: it follows the block before it with no
// blank line between.
func (b Block) Under() Block {
	b.Tight = true
	return b
}

// Item is one entry of a list, a menu, a field or the rows.
type Item struct {
	Text string
	// Detail is a menu item's description, a field's placeholder, a row's
	// value.
	Detail string
	// Note is a field's validation message, "" when its value is fine.
	Note string
	// Mark is an outcome kind (KindOK, KindWarn, KindFail) for an item
	// that reports one; 0 (KindPara) for none.
	Mark Kind
	// Off marks a menu item that cannot be chosen now.
	Off bool
	// Secret marks a field whose value is not shown as typed.
	Secret bool
}

// Page is a titled list of blocks.
type Page struct {
	Title  string
	Blocks []Block
}

// Add appends blocks and returns the page, for building one in a row.
func (p *Page) Add(blocks ...Block) *Page {
	p.Blocks = append(p.Blocks, blocks...)
	return p
}

// Para is a paragraph.
func Para(text string) Block { return Block{Kind: KindPara, Text: text} }

// Heading is a heading line.
func Heading(text string) Block { return Block{Kind: KindHeading, Text: text} }

// Note is secondary text.
func Note(text string) Block { return Block{Kind: KindNote, Text: text} }

// OK is a line for something that succeeded.
func OK(text string) Block { return Block{Kind: KindOK, Text: text} }

// Warn is a line for something the person should know.
func Warn(text string) Block { return Block{Kind: KindWarn, Text: text} }

// Fail is a line for something that failed.
func Fail(text string) Block { return Block{Kind: KindFail, Text: text} }

// Code is copyable text on rows of its own.
func Code(text string) Block { return Block{Kind: KindCode, Text: text} }

// List is a bulleted list.
func List(items ...string) Block { return Block{Kind: KindList, Items: texts(items)} }

// Steps is a numbered list, from start.
func Steps(start int, items ...string) Block {
	return Block{Kind: KindSteps, Items: texts(items), Start: start}
}

// Choices is a menu whose focused item is cursor.
func Choices(cursor int, items ...Item) Block {
	return Block{Kind: KindChoices, Items: items, Cursor: cursor}
}

// Field is a text input named id, with its label, placeholder and
// validation message ("" when the value is fine).
func Field(id, label, placeholder, problem string, secret bool) Block {
	return Block{Kind: KindField, ID: id, Items: []Item{{Text: label, Detail: placeholder, Note: problem, Secret: secret}}}
}

// Rows are label/value rows.
func Rows(items ...Item) Block { return Block{Kind: KindRows, Items: items} }

func texts(items []string) []Item {
	out := make([]Item, len(items))
	for i, s := range items {
		out[i] = Item{Text: s}
	}
	return out
}
