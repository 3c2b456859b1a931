package mspdi

import (
	"bytes"
	"errors"
	"io"
)

// Limits that keep a hostile or broken file from exhausting memory or time.
const (
	// MaxSize is the largest document Read accepts, in bytes.
	MaxSize = 512 << 20
	// MaxDepth is the deepest element nesting Read accepts. MSPDI needs 6.
	MaxDepth = 64
	// MaxText is the longest single text value, tag, comment or CDATA
	// section Read accepts, in bytes.
	MaxText = 1 << 20
)

const initialBuffer = 64 << 10

// token is what lexer.next found.
type token uint8

const (
	tokEOF   token = iota
	tokStart       // a start tag, or a self-closing tag
	tokEnd         // an end tag, or the end of a self-closing tag
)

// lexer is a streaming XML tokenizer over an io.Reader. It keeps only the
// token being read in memory (at most MaxText bytes plus what one read
// returns), checks that tags nest and match, and refuses DOCTYPE
// declarations, unknown entities and anything over the limits above.
//
// It is not a general XML parser: namespaces are reduced to local names,
// attribute values are checked for syntax but not kept, and text is
// decoded only where the caller asks for it.
type lexer struct {
	rd   io.Reader
	buf  []byte
	r, w int // the unread input is buf[r:w]
	eof  bool
	rerr error // a read error other than io.EOF
	read int64 // bytes read from rd so far
	line int
	f    *failer

	name      []byte // local name of the current start or end tag
	tokLine   int    // line where the current token started
	text      []byte // decoded text, appended to by next(true)
	selfClose bool   // the current start tag was <name/>; its end comes next
	// pending is set when quick read a whole leaf element, <Name>text</Name>,
	// at once; pendingText is its text, valid until the next call.
	pending     bool
	pendingText []byte
	started     bool // the root element has been seen
	done        bool // the root element has ended

	// open elements, innermost last, their raw names back to back in
	// stack
	open  []element
	stack []byte
}

// element is an open element: its raw name is stack[start:end], its local
// name stack[local:end], and its start tag is on line.
type element struct {
	start, local, end, line int
}

func newLexer(rd io.Reader, f *failer) *lexer {
	return &lexer{rd: rd, buf: make([]byte, initialBuffer), line: 1, f: f}
}

// depth is the number of open elements.
func (l *lexer) depth() int { return len(l.open) }

// rawName is the name of open element e as written, prefix included.
func (l *lexer) rawName(e element) []byte { return l.stack[e.start:e.end] }

// fill reads more input into the buffer, keeping buf[r:w], and reports
// whether any arrived. The buffer grows when the unread bytes fill it;
// callers refuse tokens over MaxText before it grows past twice that.
func (l *lexer) fill() bool {
	if l.eof || l.rerr != nil {
		return false
	}
	if l.r > 0 {
		n := copy(l.buf, l.buf[l.r:l.w])
		l.r, l.w = 0, n
	}
	if l.w == len(l.buf) {
		if len(l.buf) >= 2*MaxText+initialBuffer {
			return false // callers refuse the token before it gets here
		}
		nb := make([]byte, 2*len(l.buf))
		copy(nb, l.buf[:l.w])
		l.buf = nb
	}
	for range 100 {
		n, err := l.rd.Read(l.buf[l.w:])
		l.w += n
		l.read += int64(n)
		if l.read > sizeLimit {
			l.rerr = errTooLarge
			return false
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				l.eof = true
			} else {
				l.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	l.rerr = io.ErrNoProgress
	return false
}

var errTooLarge = errors.New("too large")

// sizeLimit is MaxSize, lowered by tests.
var sizeLimit int64 = MaxSize

// inputError reports why input stopped: a read error, the size limit, or
// the end of the file in the middle of something.
func (l *lexer) inputError(inside string) error {
	switch {
	case l.rerr == errTooLarge:
		return l.f.At(l.line, "too_large", "the file is larger than %d MiB, far beyond any real plan", sizeLimit>>20)
	case l.rerr != nil:
		return l.f.Wrap(l.line, l.rerr)
	}
	return l.f.At(l.line, "truncated", "the file ends inside %s: it is cut short or not well-formed XML", inside)
}

// find returns the offset from buf[r] of the first occurrence of sep at or
// after offset from, reading more input as needed, or -1 at the end of the
// input. More than limit bytes without sep is an error naming what.
func (l *lexer) find(sep []byte, from int, what string) (int, error) {
	for {
		if l.r+from <= l.w {
			if i := bytes.Index(l.buf[l.r+from:l.w], sep); i >= 0 {
				if from+i > MaxText {
					return 0, l.f.At(l.tokLine, "too_long", "%s is longer than %d KiB", what, MaxText>>10)
				}
				return from + i, nil
			}
			from = max(from, l.w-l.r-len(sep)+1)
		}
		if l.w-l.r > MaxText {
			return 0, l.f.At(l.tokLine, "too_long", "%s is longer than %d KiB", what, MaxText>>10)
		}
		if !l.fill() {
			return -1, l.inputError(what)
		}
	}
}

// ensure makes at least n unread bytes available if the input has them.
func (l *lexer) ensure(n int) bool {
	for l.w-l.r < n {
		if !l.fill() {
			return false
		}
	}
	return true
}

var (
	sepTagEnd   = []byte(">")
	sepComment  = []byte("-->")
	sepCDATA    = []byte("]]>")
	sepPI       = []byte("?>")
	openCDATA   = []byte("<![CDATA[")
	openComment = []byte("<!--")
	openDoctype = []byte("<!DOCTYPE")
)

// next reads up to the next start or end tag. Text and CDATA on the way
// are decoded and appended to l.text with keep, and only scanned without;
// comments and processing instructions are skipped. After the root
// element ends, next returns tokEOF without reading further.
func (l *lexer) next(keep bool) (token, error) {
	if l.pending { // the end of a leaf quick read whole
		l.pending = false
		return tokEnd, nil
	}
	if l.selfClose {
		l.selfClose = false
		return tokEnd, l.pop()
	}
	for {
		if l.done {
			return tokEOF, nil
		}
		if l.r == l.w && !l.fill() {
			if l.rerr != nil || l.depth() > 0 {
				return tokEOF, l.inputError(l.openName())
			}
			if !l.started {
				return tokEOF, l.f.At(l.line, "empty", "the file holds no XML element; is it an MS Project XML file?")
			}
			return tokEOF, nil
		}
		l.tokLine = l.line
		if l.buf[l.r] != '<' {
			if err := l.scanText(keep); err != nil {
				return tokEOF, err
			}
			continue
		}
		if !l.ensure(2) {
			return tokEOF, l.inputError("a tag")
		}
		switch l.buf[l.r+1] {
		case '/':
			return tokEnd, l.endTag()
		case '?':
			if err := l.skipTo(sepPI, 2, "a processing instruction"); err != nil {
				return tokEOF, err
			}
		case '!':
			if err := l.bang(keep); err != nil {
				return tokEOF, err
			}
		default:
			return tokStart, l.startTag()
		}
	}
}

// openName names the innermost open element for messages.
func (l *lexer) openName() string {
	if l.depth() == 0 {
		return "the prolog"
	}
	e := l.open[len(l.open)-1]
	return "<" + sanitize(l.rawName(e)) + "> (opened at line " + itoa(e.line) + ")"
}

// skipTo consumes everything up to and including sep, which is searched
// for from offset from.
func (l *lexer) skipTo(sep []byte, from int, what string) error {
	i, err := l.find(sep, from, what)
	if err != nil {
		return err
	}
	end := i + len(sep)
	l.line += bytes.Count(l.buf[l.r:l.r+end], nl)
	l.r += end
	return nil
}

// bang handles markup starting "<!": a comment, a CDATA section (decoded
// into l.text when keep) or a DOCTYPE, which is refused.
func (l *lexer) bang(keep bool) error {
	l.ensure(12) // enough to tell the kinds apart, and to quote
	rest := l.buf[l.r:l.w]
	switch {
	case bytes.HasPrefix(rest, openComment):
		return l.skipTo(sepComment, len(openComment), "a comment")
	case bytes.HasPrefix(rest, openCDATA):
		if !l.started || l.depth() == 0 {
			return l.f.At(l.line, "not_xml", "CDATA outside the root element")
		}
		i, err := l.find(sepCDATA, len(openCDATA), "a CDATA section")
		if err != nil {
			return err
		}
		body := l.buf[l.r+len(openCDATA) : l.r+i]
		if keep {
			if len(l.text)+len(body) > MaxText {
				return l.f.At(l.tokLine, "too_long", "a text value is longer than %d KiB", MaxText>>10)
			}
			l.text = appendNewlines(l.text, body)
		}
		l.line += bytes.Count(body, nl)
		l.r += i + len(sepCDATA)
		return nil
	case bytes.HasPrefix(rest, openDoctype):
		return l.f.At(l.line, "doctype", "DOCTYPE declarations are not allowed: they can define entities that expand without limit or read other files, and MS Project never writes one")
	}
	return l.f.At(l.line, "bad_markup", "unexpected markup %q; expected a comment, CDATA section or element", sanitize(rest[:min(len(rest), 12)]))
}
