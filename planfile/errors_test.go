package planfile_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planfile"
)

func TestParseErrors(t *testing.T) {
	for _, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := planfile.Parse("plan.yaml", []byte(tc.src))
			if err == nil {
				t.Fatalf("Parse succeeded (%d tasks); want an error containing %q", len(p.Tasks), tc.want)
			}
			var e *domain.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not a *domain.Error", err, err)
			}
			wantKind := domain.KindInvalid
			if tc.conflict {
				wantKind = domain.KindConflict
			}
			if e.Kind != wantKind {
				t.Errorf("kind = %s, want %s (%v)", e.Kind, wantKind, err)
			}
			prefix := fmt.Sprintf("plan.yaml:%d: ", tc.line)
			if !strings.HasPrefix(e.Detail, prefix) {
				t.Errorf("detail = %q, want it to start with %q", e.Detail, prefix)
			}
			if !strings.Contains(e.Detail, tc.want) {
				t.Errorf("detail = %q, want it to contain %q", e.Detail, tc.want)
			}
			if e.Field != tc.field {
				t.Errorf("field = %q, want %q", e.Field, tc.field)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	data := make([]byte, planfile.MaxSize+1)
	_, err := planfile.Parse("big.yaml", data)
	var e *domain.Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Detail, "big.yaml:1: ") || !strings.Contains(e.Detail, "limited to 32 MiB") {
		t.Fatalf("Parse of %d bytes: %v; want a size error", len(data), err)
	}
}
