package csvplan

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// MaxSize is the largest CSV file Read accepts: 256 MiB, far above any
// task list, so that a hostile file cannot exhaust memory.
const MaxSize = 256 << 20

// MaxRows is the most task rows Read accepts.
const MaxRows = 1_000_000

// decode turns the raw bytes into UTF-8 text. UTF-8 (with or without a
// byte order mark, as Excel's "CSV UTF-8" writes) is kept; UTF-16 with a
// byte order mark (Excel's "Unicode Text") is converted; anything else is
// read as Windows-1252, the code page Excel's plain "CSV" uses on Western
// Windows.
func decode(data []byte) (text, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		if len(data)%2 != 0 {
			return "", "", errors.New("it has an odd number of bytes")
		}
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", err
		}
		return string(out), "UTF-16", nil
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	return string(out), "Windows-1252", err
}

// delimiter picks the field separator from the header line: the most
// frequent of comma, semicolon, tab and vertical bar outside quotes;
// comma when there is none. Excel's "sep=;" first line names it outright,
// and is skipped.
func delimiter(text string) (delim rune, skip int) {
	first, _, hasMore := strings.Cut(text, "\n")
	lineLen := len(first)
	if hasMore {
		lineLen++
	}
	first = strings.TrimSuffix(first, "\r")
	if rest, ok := strings.CutPrefix(first, "sep="); ok {
		if r, n := utf8.DecodeRuneInString(rest); n > 0 && n == len(rest) && r != '"' && r != '\r' && r != '\n' {
			return r, lineLen
		}
	}
	counts := map[rune]int{}
	quoted := false
	for _, c := range first {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t' || c == '|'):
			counts[c]++
		}
	}
	delim = ','
	for _, c := range []rune{';', '\t', '|'} {
		if counts[c] > counts[delim] {
			delim = c
		}
	}
	return delim, 0
}

// positions turns byte offsets of the decoded text into line and
// character columns for error messages.
type positions struct {
	text  string
	lines []int // byte offset where each line starts
	skip  int   // lines before the text the CSV reader sees ("sep=")
}

func newPositions(text string, skipLines int) *positions {
	p := &positions{text: text, lines: []int{0}, skip: skipLines}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	return p
}

// column turns the CSV reader's line and 1-based byte column into the
// 1-based character column people see in an editor.
func (p *positions) column(line, byteCol int) int {
	l := line - 1 + p.skip
	if l < 0 || l >= len(p.lines) || byteCol < 1 {
		return byteCol
	}
	start := p.lines[l]
	end := min(start+byteCol-1, len(p.text))
	return utf8.RuneCountInString(p.text[start:end]) + 1
}
