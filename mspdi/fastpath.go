package mspdi

// quick handles the usual case of next(false) without its generality:
// white space, then a start tag without attributes or the end tag of the
// innermost element, all in the buffer. A start tag followed by plain
// text and its end tag — a leaf, the commonest element by far — is read
// whole and left pending for the decoder, with no push or pop. quick
// reports false, consuming nothing, for anything else.
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
	if nameChars[rest[0]]&1 != 0 {
		n := 1 // a prefixed name stops at its colon and goes the slow way
		for n < len(rest) && nameChars[rest[n]]&8 != 0 {
			n++
		}
		if n == len(rest) || rest[n] != '>' || l.depth() >= MaxDepth || !l.started {
			return tokEOF, false
		}
		l.line += lines
		l.tokLine = l.line
		name := rest[:n]
		// A leaf, <Name>text</Name>, is read whole and left pending
		// rather than opened and closed.
		body := rest[n+1:]
		body = body[:min(len(body), 64+n+3)]
		j, textLines := 0, 0
		for j < len(body) {
			if textStop[body[j]] == 0 {
				j++
				continue
			}
			if body[j] != '\n' {
				break
			}
			textLines++
			j++
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

// textStop marks the bytes that end the fast scan of a value: '<', and
// '&' and CR, which need decoding; LF is marked to be counted.
var textStop = [256]uint8{'<': 1, '&': 1, '\r': 1, '\n': 1}

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
