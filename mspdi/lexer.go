package mspdi

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
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
	started   bool   // the root element has been seen
	done      bool   // the root element has ended

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
// whether any arrived. keep is how many unread bytes the caller still
// needs; the buffer grows for them up to MaxText plus slack.
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
		if l.read > MaxSize {
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

// inputError reports why input stopped: a read error, the size limit, or
// the end of the file in the middle of something.
func (l *lexer) inputError(inside string) error {
	switch {
	case l.rerr == errTooLarge:
		return l.f.at(l.line, "too_large", "the file is larger than %d MiB; MS Project files of 10,000 tasks are about 20 MiB", MaxSize>>20)
	case l.rerr != nil:
		return l.f.wrap(l.line, l.rerr)
	}
	return l.f.at(l.line, "truncated", "the file ends inside %s: it is cut short or not well-formed XML", inside)
}

// find returns the offset from buf[r] of the first occurrence of sep at or
// after offset from, reading more input as needed, or -1 at the end of the
// input. More than limit bytes without sep is an error naming what.
func (l *lexer) find(sep []byte, from int, what string) (int, error) {
	for {
		if l.r+from <= l.w {
			if i := bytes.Index(l.buf[l.r+from:l.w], sep); i >= 0 {
				if from+i > MaxText {
					return 0, l.f.at(l.tokLine, "too_long", "%s is longer than %d KiB", what, MaxText>>10)
				}
				return from + i, nil
			}
			from = max(from, l.w-l.r-len(sep)+1)
		}
		if l.w-l.r > MaxText {
			return 0, l.f.at(l.tokLine, "too_long", "%s is longer than %d KiB", what, MaxText>>10)
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
				return tokEOF, l.f.at(l.line, "empty", "the file holds no XML element; is it an MS Project XML file?")
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

// quick handles the usual case of next(false) without its generality:
// white space, then a start tag without attributes or the end tag of the
// innermost element, all in the buffer. It reports false, consuming
// nothing, for anything else.
func (l *lexer) quick() (token, bool) {
	if l.selfClose || l.done {
		return tokEOF, false
	}
	b := l.buf[l.r:l.w]
	i, lines := 0, 0
	for ; i < len(b) && i < 32; i++ {
		switch b[i] {
		case ' ', '\t', '\r':
			continue
		case '\n':
			lines++
			continue
		}
		break
	}
	if i+2 >= len(b) || b[i] != '<' {
		return tokEOF, false
	}
	rest := b[i+1:]
	if c := rest[0]; nameChars[c]&1 != 0 {
		n, seen := 1, nameChars[c]
		for n < len(rest) && nameChars[rest[n]]&2 != 0 {
			seen |= nameChars[rest[n]]
			n++
		}
		if n == len(rest) || rest[n] != '>' || seen&4 != 0 || l.depth() >= MaxDepth || !l.started {
			return tokEOF, false
		}
		l.line += lines
		l.tokLine = l.line
		name := rest[:n]
		// A leaf, <Name>text</Name>, is read whole and left pending
		// rather than opened and closed.
		body := rest[n+1:]
		j, textLines := 0, 0
		for ; j < len(body) && j < 64; j++ {
			c := body[j]
			if c == '<' || c == '&' || c == '\r' {
				break
			}
			if c == '\n' {
				textLines++
			}
		}
		if end := body[min(j, len(body)):]; len(end) > n+2 && end[0] == '<' && end[1] == '/' && end[n+2] == '>' && string(end[2:n+2]) == string(name) {
			l.name = name
			l.pending, l.pendingText = true, body[:j]
			l.line += textLines
			l.r += i + 1 + n + 1 + j + n + 3
			return tokStart, true
		}
		l.push(name, 0)
		l.r += i + n + 2
		return tokStart, true
	}
	d := l.depth()
	if rest[0] != '/' || d == 0 {
		return tokEOF, false
	}
	name := l.rawName(l.open[d-1])
	rest = rest[1:]
	if len(rest) <= len(name) || rest[len(name)] != '>' || string(rest[:len(name)]) != string(name) {
		return tokEOF, false
	}
	l.line += lines
	l.tokLine = l.line
	l.r += i + len(name) + 3
	l.pop()
	return tokEnd, true
}

// leaf consumes the rest of the current element when it is plain text
// followed by its end tag, all in the buffer — the usual case — and
// returns the text. It reports false, consuming nothing, otherwise; the
// caller then goes the long way through next. The text is valid until the
// next call into the lexer.
func (l *lexer) leaf() ([]byte, bool) {
	if l.selfClose {
		l.selfClose = false
		l.pop()
		return nil, true
	}
	d := l.depth()
	if d == 0 {
		return nil, false
	}
	b := l.buf[l.r:l.w]
	i, lines := 0, 0
	for ; i < len(b) && i < 64; i++ { // values are short: scan inline
		c := b[i]
		if c == '<' || c == '&' || c == '\r' {
			break
		}
		if c == '\n' {
			lines++
		}
	}
	if i == len(b) || i == 64 || b[i] != '<' {
		return nil, false // long, with references, or running past the buffer
	}
	name := l.rawName(l.open[d-1])
	rest := b[i:]
	if len(rest) < len(name)+3 || rest[1] != '/' || rest[len(name)+2] != '>' || string(rest[2:2+len(name)]) != string(name) {
		return nil, false
	}
	text := b[:i]
	l.tokLine = l.line
	l.line += lines
	l.r += i + len(name) + 3
	l.pop()
	return text, true
}

// openName names the innermost open element for messages.
func (l *lexer) openName() string {
	if l.depth() == 0 {
		return "the prolog"
	}
	e := l.open[len(l.open)-1]
	return "<" + sanitize(l.rawName(e)) + "> (opened at line " + itoa(e.line) + ")"
}

// scanText consumes character data up to the next '<'.
func (l *lexer) scanText(keep bool) error {
	if !keep {
		n := 0
		for {
			seg := l.buf[l.r:l.w]
			i, lines := scanLT(seg)
			end := i
			if i < 0 {
				end = len(seg)
			}
			if !l.started || l.depth() == 0 {
				if err := l.outsideText(seg[:end]); err != nil {
					return err
				}
			}
			l.line += lines
			l.r += end
			n += end
			if n > MaxText {
				return l.f.at(l.tokLine, "too_long", "a text value is longer than %d KiB", MaxText>>10)
			}
			if i >= 0 || !l.fill() {
				return nil
			}
		}
	}
	i, lines := scanLT(l.buf[l.r:l.w])
	var err error
	if i < 0 {
		i, err = l.find(lt, 0, "a text value")
		if err != nil {
			if l.rerr != nil || !l.eof {
				return err
			}
			i = l.w - l.r // text running to the end of the input
		}
		lines = bytes.Count(l.buf[l.r:l.r+i], nl)
	}
	raw := l.buf[l.r : l.r+i]
	if !l.started || l.depth() == 0 {
		if err := l.outsideText(raw); err != nil {
			return err
		}
	}
	err = l.decodeText(raw)
	l.line += lines
	l.r += i
	return err
}

// scanLT finds the next '<' in b (-1 if none) and counts the line feeds
// before it (or in all of b). The short runs of white space between tags
// are scanned inline.
func scanLT(b []byte) (at, lines int) {
	for i := 0; i < len(b) && i < 32; i++ {
		switch b[i] {
		case '<':
			return i, lines
		case '\n':
			lines++
		}
	}
	if len(b) <= 32 {
		return -1, lines
	}
	i := bytes.IndexByte(b[32:], '<')
	if i < 0 {
		return -1, lines + bytes.Count(b[32:], nl)
	}
	return i + 32, lines + bytes.Count(b[32:32+i], nl)
}

var (
	nl = []byte("\n")
	lt = []byte("<")
)

// outsideText refuses anything but white space outside the root element.
func (l *lexer) outsideText(b []byte) error {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			if !l.started {
				return l.f.at(l.line, "not_xml", "the file does not start with XML markup; is it an MS Project XML file?")
			}
			return nil // after the root: next stops reading anyway
		}
	}
	return nil
}

// decodeText appends raw with its entity and character references
// resolved and its line ends normalized to l.text.
func (l *lexer) decodeText(raw []byte) error {
	if len(l.text)+len(raw) > MaxText {
		return l.f.at(l.tokLine, "too_long", "a text value is longer than %d KiB", MaxText>>10)
	}
	plain := true
	for _, c := range raw {
		if c == '&' || c == '\r' {
			plain = false
			break
		}
	}
	if plain {
		l.text = append(l.text, raw...)
		return nil
	}
	line := l.line
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if i < 0 {
			l.text = append(l.text, raw...)
			return nil
		}
		l.text = append(l.text, raw[:i]...)
		line += bytes.Count(raw[:i], nl)
		if raw[i] == '\r' {
			l.text = append(l.text, '\n')
			raw = raw[i+1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
				line++
			}
			continue
		}
		raw = raw[i:]
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 || semi > 12 {
			return l.f.at(line, "bad_entity", "a bare '&' in text; write it as &amp;")
		}
		var ok bool
		l.text, ok = appendEntity(l.text, raw[1:semi])
		if !ok {
			return l.f.at(line, "bad_entity", "unknown entity or bad character reference &%s; (only &amp; &lt; &gt; &quot; &apos; and &#N; are allowed)", sanitize(raw[1:semi]))
		}
		raw = raw[semi+1:]
	}
	return nil
}

// appendEntity appends what the reference &name; stands for.
func appendEntity(dst, name []byte) ([]byte, bool) {
	switch string(name) {
	case "amp":
		return append(dst, '&'), true
	case "lt":
		return append(dst, '<'), true
	case "gt":
		return append(dst, '>'), true
	case "quot":
		return append(dst, '"'), true
	case "apos":
		return append(dst, '\''), true
	}
	if len(name) < 2 || name[0] != '#' {
		return dst, false
	}
	var r rune
	digits := name[1:]
	base := rune(10)
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 || len(digits) > 8 {
		return dst, false
	}
	for _, c := range digits {
		var v rune
		switch {
		case c >= '0' && c <= '9':
			v = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			v = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			v = rune(c-'A') + 10
		default:
			return dst, false
		}
		r = r*base + v
	}
	if !xmlChar(r) {
		return dst, false
	}
	return utf8.AppendRune(dst, r), true
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
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
			return l.f.at(l.line, "not_xml", "CDATA outside the root element")
		}
		i, err := l.find(sepCDATA, len(openCDATA), "a CDATA section")
		if err != nil {
			return err
		}
		body := l.buf[l.r+len(openCDATA) : l.r+i]
		if keep {
			if len(l.text)+len(body) > MaxText {
				return l.f.at(l.tokLine, "too_long", "a text value is longer than %d KiB", MaxText>>10)
			}
			l.text = appendNewlines(l.text, body)
		}
		l.line += bytes.Count(body, nl)
		l.r += i + len(sepCDATA)
		return nil
	case bytes.HasPrefix(rest, openDoctype):
		return l.f.at(l.line, "doctype", "DOCTYPE declarations are not allowed: they can define entities that expand without limit or read other files, and MS Project never writes one")
	}
	return l.f.at(l.line, "bad_markup", "unexpected markup %q; expected a comment, CDATA section or element", sanitize(rest[:min(len(rest), 12)]))
}

// appendNewlines appends b to dst with CR LF and lone CR turned into LF.
func appendNewlines(dst, b []byte) []byte {
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(append(dst, b[:i]...), '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
}

// startTag reads "<name attr='v' ...>" or "<name .../>".
func (l *lexer) startTag() error {
	// Fast path: "<Name>" or "<Name/>" wholly in the buffer, as nearly
	// every MSPDI tag is.
	b := l.buf[l.r+1 : l.w]
	if len(b) > 0 && nameChars[b[0]]&1 != 0 {
		n, seen := 1, nameChars[b[0]]
		for n < len(b) && nameChars[b[n]]&2 != 0 {
			seen |= nameChars[b[n]]
			n++
		}
		if n+1 < len(b) && l.depth() < MaxDepth && (b[n] == '>' || b[n] == '/' && b[n+1] == '>') {
			local := 0
			if seen&4 != 0 { // a namespace prefix
				local = bytes.LastIndexByte(b[:n], ':') + 1
			}
			l.push(b[:n], local)
			if b[n] == '>' {
				l.r += n + 2
			} else {
				l.r += n + 3
				l.selfClose = true
			}
			return nil
		}
	}
	return l.slowStartTag()
}

// push opens an element named raw whose local name starts at local.
func (l *lexer) push(raw []byte, local int) {
	start := len(l.stack)
	l.stack = append(l.stack, raw...)
	l.open = append(l.open, element{start, start + local, len(l.stack), l.line})
	l.name = l.stack[start+local:]
	l.started = true
}

// slowStartTag reads a start tag with attributes or white space, or one
// running past the end of the buffer.
func (l *lexer) slowStartTag() error {
	end, err := l.tagEnd()
	if err != nil {
		return err
	}
	tag := l.buf[l.r+1 : l.r+end] // between '<' and '>'
	self := len(tag) > 0 && tag[len(tag)-1] == '/'
	if self {
		tag = tag[:len(tag)-1]
	}
	n := nameLen(tag)
	if n == 0 {
		return l.f.at(l.line, "bad_tag", "%q is not a tag name", sanitize(tag[:min(len(tag), 20)]))
	}
	raw := tag[:n]
	if err := l.checkAttrs(tag[n:]); err != nil {
		return err
	}
	if l.depth() >= MaxDepth {
		return l.f.at(l.line, "too_deep", "elements are nested more than %d deep; MSPDI needs 6", MaxDepth)
	}
	local := len(raw) - len(localName(raw))
	l.push(raw, local)
	l.line += bytes.Count(tag, nl)
	l.r += end + 1
	l.selfClose = self
	return nil
}

// tagEnd returns the offset from buf[r] of the '>' closing the tag that
// starts at buf[r], skipping '>' inside quoted attribute values.
func (l *lexer) tagEnd() (int, error) {
	i, err := l.find(sepTagEnd, 1, "a tag")
	if err != nil {
		return 0, err
	}
	if bytes.IndexByte(l.buf[l.r:l.r+i], '"') < 0 && bytes.IndexByte(l.buf[l.r:l.r+i], '\'') < 0 {
		return i, nil
	}
	var quote byte
	for j := 1; ; j++ {
		if l.r+j >= l.w || j > MaxText {
			if j > MaxText {
				return 0, l.f.at(l.tokLine, "too_long", "a tag is longer than %d KiB", MaxText>>10)
			}
			if !l.fill() {
				return 0, l.inputError("a tag")
			}
		}
		c := l.buf[l.r+j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '<' {
				return 0, l.f.at(l.line, "bad_tag", "'<' inside an attribute value; write it as &lt;")
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j, nil
		}
	}
}

// checkAttrs checks the syntax of the attributes after a tag's name:
// white space, name, '=', quoted value, repeated.
func (l *lexer) checkAttrs(b []byte) error {
	for {
		sp := 0
		for sp < len(b) && isSpace(b[sp]) {
			sp++
		}
		b = b[sp:]
		if len(b) == 0 {
			return nil
		}
		n := nameLen(b)
		if n == 0 || sp == 0 {
			return l.f.at(l.line, "bad_tag", "malformed tag: unexpected %q", sanitize(b[:min(len(b), 20)]))
		}
		b = b[n:]
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 || b[0] != '=' {
			return l.f.at(l.line, "bad_tag", "malformed attribute: '=' expected after its name")
		}
		b = b[1:]
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 || (b[0] != '"' && b[0] != '\'') {
			return l.f.at(l.line, "bad_tag", "malformed attribute: its value must be quoted")
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return l.f.at(l.line, "bad_tag", "malformed attribute: unterminated value")
		}
		b = b[end+2:]
	}
}

// endTag reads "</name>" and checks that it closes the innermost element.
func (l *lexer) endTag() error {
	if d := l.depth(); d > 0 {
		open := l.rawName(l.open[d-1])
		b := l.buf[l.r+2 : l.w]
		if len(b) > len(open) && b[len(open)] == '>' && string(b[:len(open)]) == string(open) {
			l.r += len(open) + 3
			return l.pop()
		}
	}
	end, err := l.find(sepTagEnd, 2, "an end tag")
	if err != nil {
		return err
	}
	tag := l.buf[l.r+2 : l.r+end]
	n := nameLen(tag)
	for _, c := range tag[n:] {
		if !isSpace(c) {
			return l.f.at(l.line, "bad_tag", "malformed end tag </%s>", sanitize(tag[:min(len(tag), 20)]))
		}
	}
	if l.depth() == 0 {
		return l.f.at(l.line, "bad_tag", "end tag </%s> without a start tag", sanitize(tag[:n]))
	}
	e := l.open[l.depth()-1]
	if open := l.rawName(e); !bytes.Equal(open, tag[:n]) {
		return l.f.at(l.line, "bad_tag", "</%s> closes <%s> opened at line %d", sanitize(tag[:n]), sanitize(open), e.line)
	}
	l.line += bytes.Count(tag, nl)
	l.r += end + 1
	return l.pop()
}

// pop closes the innermost element.
func (l *lexer) pop() error {
	d := l.depth() - 1
	e := l.open[d]
	l.name = l.stack[e.local:e.end]
	l.stack = l.stack[:e.start]
	l.open = l.open[:d]
	if d == 0 {
		l.done = true
	}
	return nil
}

// nameChars classifies bytes of XML names: bit 0 for the first byte,
// bit 1 for the others, bit 2 for the colon of a namespace prefix. Bytes
// of multi-byte UTF-8 characters are allowed.
var nameChars = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == ':':
			t[c] = 7
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c >= 0x80:
			t[c] = 3
		case c >= '0' && c <= '9', c == '-', c == '.':
			t[c] = 2
		}
	}
	return t
}()

// nameLen returns the length of the XML name at the start of b.
func nameLen(b []byte) int {
	if len(b) == 0 || nameChars[b[0]]&1 == 0 {
		return 0
	}
	i := 1
	for i < len(b) && nameChars[b[i]]&2 != 0 {
		i++
	}
	return i
}

// localName drops a namespace prefix: "p:Task" → "Task".
func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// sanitize makes bytes from the input safe to quote in a message.
func sanitize(b []byte) string {
	return string(bytes.ToValidUTF8(b, []byte("?")))
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
