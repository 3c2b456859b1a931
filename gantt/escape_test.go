package gantt

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// The writer's escaper must agree with encoding/xml's, which it replaces
// for speed.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", `<script>&"'`, "tab\tnew\nline\r", "nul\x00", "bad\xff\xfeutf8", "é 中 \uFFFE \uFFFF 😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		var w svgWriter
		w.text(s)
		if string(w.buf) != want.String() {
			t.Fatalf("text(%q) = %q, want %q", s, w.buf, want.String())
		}
	})
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", -0.04: "0", 12.34: "12.3", 12.35: "12.4", -3.96: "-4", 7: "7", -0.5: "-0.5", 1e6 + 0.05: "1000000.1"} {
		var w svgWriter
		w.num(v)
		if string(w.buf) != want {
			t.Errorf("num(%v) = %q, want %q", v, w.buf, want)
		}
	}
}
