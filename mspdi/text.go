package mspdi

import (
	"bytes"
	"unicode/utf8"
)

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
				return l.f.At(l.tokLine, "too_long", "a text value is longer than %d KiB", MaxText>>10)
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
				return l.f.At(l.line, "not_xml", "the file does not start with XML markup; is it an MS Project XML file?")
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
		return l.f.At(l.tokLine, "too_long", "a text value is longer than %d KiB", MaxText>>10)
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
			return l.f.At(line, "bad_entity", "a bare '&' in text; write it as &amp;")
		}
		var ok bool
		l.text, ok = appendEntity(l.text, raw[1:semi])
		if !ok {
			return l.f.At(line, "bad_entity", "unknown entity or bad character reference &%s; (only &amp; &lt; &gt; &quot; &apos; and &#N; are allowed)", sanitize(raw[1:semi]))
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
