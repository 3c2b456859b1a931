package gantt

import (
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// svgWriter builds the document in a buffer and hands it to the
// destination in large chunks, so a 1,000-task chart costs a handful of
// writes. The first write error stops all further output.
type svgWriter struct {
	w   io.Writer
	buf []byte
	err error
}

// flushAt is the buffered size at which the writer passes bytes on.
const flushAt = 64 << 10

func (s *svgWriter) flush() {
	if s.err == nil && len(s.buf) > 0 {
		_, s.err = s.w.Write(s.buf)
	}
	s.buf = s.buf[:0]
}

// maybeFlush passes the buffer on once it is large; call it between elements.
func (s *svgWriter) maybeFlush() {
	if len(s.buf) >= flushAt {
		s.flush()
	}
}

func (s *svgWriter) raw(x string) { s.buf = append(s.buf, x...) }

// num writes v rounded to 0.1 px, without a trailing ".0" or a "-0".
// It formats the tenths as an integer: strconv's float formatting was a
// fifth of the time of a large chart.
func (s *svgWriter) num(v float64) {
	t := int64(math.Round(v * 10))
	if t < 0 {
		s.buf = append(s.buf, '-')
		t = -t
	}
	s.buf = strconv.AppendInt(s.buf, t/10, 10)
	if f := t % 10; f != 0 {
		s.buf = append(s.buf, '.', byte('0'+f))
	}
}

// attr writes ` name="v"` for a number.
func (s *svgWriter) attr(name string, v float64) {
	s.buf = append(s.buf, ' ')
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, '=', '"')
	s.num(v)
	s.buf = append(s.buf, '"')
}

// text writes x escaped for element content or a quoted attribute, as
// encoding/xml's EscapeText does: markup characters, quotes, tab and line
// breaks become character references, and anything XML cannot hold
// (control characters, invalid UTF-8) becomes U+FFFD.
func (s *svgWriter) text(x string) {
	last := 0
	for i := 0; i < len(x); {
		c, width, esc := x[i], 1, ""
		if c < utf8.RuneSelf {
			switch c {
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '"':
				esc = "&#34;"
			case '\'':
				esc = "&#39;"
			case '\t':
				esc = "&#x9;"
			case '\n':
				esc = "&#xA;"
			case '\r':
				esc = "&#xD;"
			default:
				if c < 0x20 {
					esc = "\uFFFD"
				}
			}
		} else {
			var r rune
			r, width = utf8.DecodeRuneInString(x[i:])
			if r == utf8.RuneError && width == 1 || r == 0xFFFE || r == 0xFFFF {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			s.buf = append(s.buf, x[last:i]...)
			s.buf = append(s.buf, esc...)
			last = i + width
		}
		i += width
	}
	s.buf = append(s.buf, x[last:]...)
}

// rect writes a rectangle of the given class.
func (s *svgWriter) rect(class string, x, y, w, h float64) {
	s.raw(`<rect class="`)
	s.raw(class)
	s.raw(`"`)
	s.attr("x", x)
	s.attr("y", y)
	s.attr("width", max(w, 0))
	s.attr("height", max(h, 0))
	s.raw("/>")
}

// line writes a line of the given class.
func (s *svgWriter) line(class string, x1, y1, x2, y2 float64) {
	s.raw(`<line class="`)
	s.raw(class)
	s.raw(`"`)
	s.attr("x1", x1)
	s.attr("y1", y1)
	s.attr("x2", x2)
	s.attr("y2", y2)
	s.raw("/>")
}

// label writes a text element; anchor is "" (start), "middle" or "end".
func (s *svgWriter) label(class, anchor string, x, y float64, txt string) {
	s.raw(`<text`)
	if class != "" {
		s.raw(` class="`)
		s.raw(class)
		s.raw(`"`)
	}
	s.attr("x", x)
	s.attr("y", y)
	if anchor != "" {
		s.raw(` text-anchor="`)
		s.raw(anchor)
		s.raw(`"`)
	}
	s.raw(">")
	s.text(txt)
	s.raw("</text>")
}

// title writes a <title> child, which browsers show as a tooltip.
func (s *svgWriter) title(txt string) {
	s.raw("<title>")
	s.text(txt)
	s.raw("</title>")
}

// path builds the d attribute of an orthogonal path from absolute
// commands: M x,y then H x and V y segments.
type path struct{ s *svgWriter }

func (p path) M(x, y float64) path {
	p.s.raw("M")
	p.s.num(x)
	p.s.raw(",")
	p.s.num(y)
	return p
}

func (p path) L(x, y float64) path {
	p.s.raw(" L")
	p.s.num(x)
	p.s.raw(",")
	p.s.num(y)
	return p
}

func (p path) H(x float64) path {
	p.s.raw(" H")
	p.s.num(x)
	return p
}

func (p path) V(y float64) path {
	p.s.raw(" V")
	p.s.num(y)
	return p
}

func (p path) Z() path {
	p.s.raw(" Z")
	return p
}

// Text measurement. The renderer cannot ask a font how wide a string is,
// so it estimates from character classes, erring wide: a name is cut with
// "…" rather than run under the bars, whichever sans-serif font the viewer
// picks (DejaVu Sans, one of the widest, was the yardstick).

// textWidth estimates the width in px of s set at size px.
func textWidth(s string, size float64, bold bool) float64 {
	var em float64
	for _, r := range s {
		em += charEm(r)
	}
	if bold {
		em *= 1.1
	}
	return em * size
}

func charEm(r rune) float64 {
	switch {
	case r == ' ' || r == '.' || r == ',' || r == ':' || r == ';' || r == '\'' || r == '|' || r == '!' ||
		r == 'i' || r == 'j' || r == 'l' || r == 'I' || r == '(' || r == ')' || r == '[' || r == ']' || r == '`':
		return 0.34
	case r == 'f' || r == 't' || r == 'r' || r == '-' || r == '/':
		return 0.42
	case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '@' || r == '%' || r == '—':
		return 0.92
	case r >= 'A' && r <= 'Z':
		return 0.7
	case r >= '0' && r <= '9':
		return 0.64
	case r >= 'a' && r <= 'z':
		return 0.6
	case r >= 0x2E80: // CJK and other wide scripts
		return 1.0
	}
	return 0.64
}

// fit returns s, or s cut short with "…" so that it fits in width px.
func fit(s string, width, size float64, bold bool) string {
	if textWidth(s, size, bold) <= width {
		return s
	}
	budget := width - textWidth("…", size, bold)
	scale := size
	if bold {
		scale *= 1.1
	}
	used := 0.0
	for i, r := range s {
		used += charEm(r) * scale
		if used > budget {
			if i == 0 {
				return ""
			}
			return strings.TrimRight(s[:i], " ") + "…"
		}
	}
	return s
}

// pick returns the first candidate that fits in width px, or "".
func pick(width, size float64, candidates ...string) string {
	for _, c := range candidates {
		if textWidth(c, size, false) <= width {
			return c
		}
	}
	return ""
}
