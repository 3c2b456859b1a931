package app

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// PasswordParams are argon2id's cost parameters (RFC 9106). The defaults
// are OWASP's: 19 MiB, 2 passes, 1 lane — about 0.1 s on a small server.
// They are written into every hash, so raising them later only affects
// new hashes (and old ones are upgraded at the next sign-in).
type PasswordParams struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
}

// DefaultPasswordParams are the parameters new hashes use.
var DefaultPasswordParams = PasswordParams{MemoryKiB: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
	// maxMemoryKiB refuses stored hashes that would make verification
	// allocate more than 1 GiB.
	maxMemoryKiB = 1 << 20
)

// hashPassword returns the PHC string of pw with a fresh random salt:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>, base64 without padding.
func (a *App) hashPassword(ctx context.Context, pw string) (string, error) {
	salt := make([]byte, saltLen)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails
	p := a.passwords
	if err := a.acquireHasher(ctx); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.MemoryKiB, p.Threads, keyLen)
	a.releaseHasher()
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.MemoryKiB, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// verifyPassword reports whether pw matches the PHC string hash, comparing
// the keys in constant time, and whether the hash should be redone with
// the current parameters.
func (a *App) verifyPassword(ctx context.Context, hash, pw string) (ok, stale bool, err error) {
	p, salt, want, err := parsePHC(hash)
	if err != nil {
		return false, false, err
	}
	if err := a.acquireHasher(ctx); err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(want)))
	a.releaseHasher()
	ok = subtle.ConstantTimeCompare(got, want) == 1
	return ok, p != a.passwords || len(salt) != saltLen || len(want) != keyLen, nil
}

// parsePHC reads an argon2id PHC string.
func parsePHC(hash string) (p PasswordParams, salt, key []byte, err error) {
	parts := strings.Split(hash, "$")
	bad := fmt.Errorf("stored password hash is not an argon2id PHC string")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return p, nil, nil, bad
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, bad
	}
	if p.MemoryKiB == 0 || p.MemoryKiB > maxMemoryKiB || p.Time == 0 || p.Time > 100 || p.Threads == 0 {
		return p, nil, nil, fmt.Errorf("stored password hash has out-of-range parameters %s", parts[3])
	}
	if salt, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, bad
	}
	if key, err = base64.RawStdEncoding.DecodeString(parts[5]); err != nil || len(key) < 16 {
		return p, nil, nil, bad
	}
	return p, salt, key, nil
}

// acquireHasher waits for a hashing slot. Each argon2id run holds its
// memory cost (19 MiB by default), so a burst of sign-ins queues here
// instead of exhausting memory.
func (a *App) acquireHasher(ctx context.Context) error {
	select {
	case a.hashers <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (a *App) releaseHasher() { <-a.hashers }

// dummyHash is a hash of a random password with the current parameters.
// Signing in as an unknown or disabled account verifies against it, so
// the response takes as long as for a real account and does not reveal
// which emails have accounts.
func (a *App) dummyHash(ctx context.Context) string {
	a.dummyOnce.Do(func() {
		a.dummy, _ = a.hashPassword(context.WithoutCancel(ctx), rand.Text())
	})
	return a.dummy
}

// passwordState is the App's password hashing state.
type passwordState struct {
	passwords PasswordParams
	hashers   chan struct{}
	dummyOnce sync.Once
	dummy     string
}
