package mspdi

import "bytes"

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
		return l.f.At(l.line, "bad_tag", "%q is not a tag name", sanitize(tag[:min(len(tag), 20)]))
	}
	raw := tag[:n]
	if err := l.checkAttrs(tag[n:]); err != nil {
		return err
	}
	if l.depth() >= MaxDepth {
		return l.f.At(l.line, "too_deep", "elements are nested more than %d deep; MSPDI needs 6", MaxDepth)
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
				return 0, l.f.At(l.tokLine, "too_long", "a tag is longer than %d KiB", MaxText>>10)
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
				return 0, l.f.At(l.line, "bad_tag", "'<' inside an attribute value; write it as &lt;")
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
			return l.f.At(l.line, "bad_tag", "malformed tag: unexpected %q", sanitize(b[:min(len(b), 20)]))
		}
		b = b[n:]
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 || b[0] != '=' {
			return l.f.At(l.line, "bad_tag", "malformed attribute: '=' expected after its name")
		}
		b = b[1:]
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 || (b[0] != '"' && b[0] != '\'') {
			return l.f.At(l.line, "bad_tag", "malformed attribute: its value must be quoted")
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return l.f.At(l.line, "bad_tag", "malformed attribute: unterminated value")
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
			return l.f.At(l.line, "bad_tag", "malformed end tag </%s>", sanitize(tag[:min(len(tag), 20)]))
		}
	}
	if l.depth() == 0 {
		return l.f.At(l.line, "bad_tag", "end tag </%s> without a start tag", sanitize(tag[:n]))
	}
	e := l.open[l.depth()-1]
	if open := l.rawName(e); !bytes.Equal(open, tag[:n]) {
		return l.f.At(l.line, "bad_tag", "</%s> closes <%s> opened at line %d", sanitize(tag[:n]), sanitize(open), e.line)
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
// bit 1 for the others, bit 2 for the colon of a namespace prefix, bit 3
// for the others but the colon. Bytes of multi-byte UTF-8 characters are
// allowed.
var nameChars = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == ':':
			t[c] = 7
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c >= 0x80:
			t[c] = 3 | 8
		case c >= '0' && c <= '9', c == '-', c == '.':
			t[c] = 2 | 8
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
