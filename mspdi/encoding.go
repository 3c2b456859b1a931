package mspdi

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// sniff looks at the start of the input and returns a reader of UTF-8:
// a UTF-8 byte order mark is dropped, UTF-16 (with a byte order mark, or
// recognisable from "<?" without one) is converted, and UTF-32 or an XML
// declaration naming another encoding is refused.
func sniff(r io.Reader, f *failer) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 512)
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}), bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}):
		return nil, f.At(1, "encoding", "the file is UTF-32; save it as UTF-8 (MS Project writes UTF-8)")
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		br.Discard(2)
		return &utf16Reader{src: br, little: true}, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		br.Discard(2)
		return &utf16Reader{src: br}, nil
	case bytes.Equal(head, []byte{'<', 0, '?', 0}):
		return &utf16Reader{src: br, little: true}, nil
	case bytes.Equal(head, []byte{0, '<', 0, '?'}):
		return &utf16Reader{src: br}, nil
	}
	if err := checkDeclaration(br, f); err != nil {
		return nil, err
	}
	return br, nil
}

// checkDeclaration refuses an XML declaration that names an encoding
// other than UTF-8 or ASCII. A declaration saying UTF-16 over 8-bit bytes
// is a common mislabelling and is read as UTF-8.
func checkDeclaration(br *bufio.Reader, f *failer) error {
	head, _ := br.Peek(256)
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return nil
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return nil // the lexer reports what is wrong
	}
	decl := string(head[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return nil
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	rest = strings.TrimLeft(strings.TrimPrefix(rest, "="), " \t\r\n")
	if rest == "" || rest[0] != '"' && rest[0] != '\'' {
		return f.At(1, "encoding", "malformed XML declaration: the encoding must be quoted")
	}
	enc, _, ok := strings.Cut(rest[1:], rest[:1])
	if !ok {
		return f.At(1, "encoding", "malformed XML declaration: unterminated encoding")
	}
	switch strings.ToLower(enc) {
	case "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf16":
		return nil
	}
	return f.At(1, "encoding", "the file declares encoding %q; only UTF-8 (and UTF-16) is supported: save it as UTF-8", sanitize([]byte(enc)))
}

// errBadUTF16 is returned by utf16Reader for an odd byte count or an
// unpaired surrogate.
var errBadUTF16 = errors.New("the file is not valid UTF-16")

// utf16Reader converts UTF-16 to UTF-8 as it reads.
type utf16Reader struct {
	src    io.Reader
	little bool
	in     [4096]byte
	n      int    // bytes in in
	out    []byte // converted, not yet returned
	err    error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		m, err := u.src.Read(u.in[u.n:])
		u.n += m
		u.out = u.convert(err != nil)
		switch {
		case err == nil || u.err != nil:
		case errors.Is(err, io.EOF) && u.n > 0:
			u.err = errBadUTF16 // a lone byte or half a surrogate pair at the end
		default:
			u.err = err
		}
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// convert turns the complete code units in u.in into UTF-8, leaving a
// trailing odd byte or unmatched high surrogate for the next read unless
// final. An unpaired surrogate sets u.err.
func (u *utf16Reader) convert(final bool) []byte {
	out := make([]byte, 0, u.n*3/2)
	i := 0
	for ; i+1 < u.n; i += 2 {
		c := u.unit(i)
		if utf16.IsSurrogate(rune(c)) {
			if c >= 0xDC00 {
				u.err = errBadUTF16
				break
			}
			if i+3 >= u.n {
				if final {
					u.err = errBadUTF16
				}
				break
			}
			d := u.unit(i + 2)
			r := utf16.DecodeRune(rune(c), rune(d))
			if r == utf8.RuneError {
				u.err = errBadUTF16
				break
			}
			out = utf8.AppendRune(out, r)
			i += 2
			continue
		}
		out = utf8.AppendRune(out, rune(c))
	}
	u.n = copy(u.in[:], u.in[i:u.n])
	return out
}

func (u *utf16Reader) unit(i int) uint16 {
	if u.little {
		return uint16(u.in[i]) | uint16(u.in[i+1])<<8
	}
	return uint16(u.in[i])<<8 | uint16(u.in[i+1])
}
