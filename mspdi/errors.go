package mspdi

import "github.com/cairnpm/cairn/internal/fileerr"

// failer makes the errors of one read, each starting "FILE:LINE: ".
type failer = fileerr.Failer
