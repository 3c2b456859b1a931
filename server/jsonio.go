package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/cairnpm/cairn/domain"
)

// maxBody bounds a JSON request body.
const maxBody = 1 << 20

// decode reads a JSON body into v, refusing unknown fields, trailing data
// and bodies over maxBody, and naming the field of a type error.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return domain.Invalid("malformed_json", "", "the body has data after the JSON object; send exactly one object")
	}
	return nil
}

func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.Is(err, io.EOF):
		return domain.Invalid("malformed_json", "", "the body is empty; send a JSON object")
	case errors.As(err, &syn):
		return domain.Invalid("malformed_json", "", "the body is not valid JSON (at byte %d): %s", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		return domain.Invalid("wrong_type", typ.Field, "%s must be a %s, not a JSON %s", orWord(typ.Field, "the body"), jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.As(err, &tooBig):
		return domain.Invalid("body_too_large", "", "the body is over %d bytes", tooBig.Limit)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return domain.Invalid("unknown_field", f, "unknown field %q; check the spelling against the API reference", f)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return domain.Invalid("malformed_json", "", "the body is not valid JSON: it ends too early")
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return de
	}
	return domain.Invalid("malformed_json", "", "the body is not valid JSON: %v", err)
}

func orWord(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int64", "int", "float64", "int32":
		return "number"
	case "string":
		return "string"
	case "bool":
		return "boolean (true or false)"
	case "slice":
		return "list"
	case "struct", "map":
		return "object"
	}
	return goKind
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "encode: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// Opt is a JSON field that may be absent, null or a value; PATCH bodies
// use it to tell "leave alone" from "clear".
type Opt[T any] struct {
	Set   bool // the field was present
	Null  bool // it was null
	Value T
}

// UnmarshalJSON records presence and nullness.
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// fieldErr prefixes a domain error with a JSON field.
func fieldErr(field string, err error) error {
	var de *domain.Error
	if errors.As(err, &de) {
		c := *de
		c.Field = field
		return &c
	}
	return fmt.Errorf("%s: %w", field, err)
}
