// Package pii owns the protection of personal data — ID numbers and phone
// numbers — at rest and in answers: sealing (AES-256-GCM), the keyed hash
// stored beside a sealed value for exact lookup and duplicate detection,
// masking for display (of a field, and of the numbers inside free text), and
// the normal form of phone numbers that the hash is taken over.
//
// It must not decide who may see an unmasked value, write the audit log of
// unmasked reads, read key files or the environment, or log anything it is
// given: those belong to the callers (authz, graph, cmd). It must not
// validate ID numbers either; that is package idnumber.
package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/hkdf"
)

// MinMasterLen is the shortest master secret NewBox accepts: a 256-bit key
// needs at least 256 bits of input.
const MinMasterLen = 32

// version is the first byte of every sealed value. A later key or algorithm
// gets a new byte, so old rows stay readable while they are re-sealed.
const version byte = 1

const nonceLen = 12

// The info strings make the two derived keys independent: knowing the MAC
// key (which a lookup service might hold) says nothing about the
// encryption key.
const (
	infoEncrypt = "minsheng pii v1 aes-256-gcm"
	infoMAC     = "minsheng pii v1 hmac-sha256"
)

// ErrCannotOpen means a sealed value was altered, truncated, or sealed with
// another master secret. It never says which, so an attacker learns nothing
// from it.
var ErrCannotOpen = errors.New("pii: sealed value is damaged or was sealed with another key")

// Kind separates the hash spaces of different sorts of data, so an ID
// number and a phone number with the same digits never hash equal. A Kind
// must not contain ':', which separates it from the value.
type Kind string

const (
	KindIDNumber Kind = "id_number"
	KindPhone    Kind = "phone"
)

// Box seals, opens and hashes personal data with keys derived from one
// master secret. It is safe for concurrent use.
type Box struct {
	aead   cipher.AEAD
	macKey []byte
}

// NewBox derives the encryption and MAC keys from master. The caller may
// clear master afterwards; Box keeps only the derived keys.
func NewBox(master []byte) (*Box, error) {
	if len(master) < MinMasterLen {
		return nil, fmt.Errorf("pii: master secret has %d bytes, need at least %d", len(master), MinMasterLen)
	}
	encKey, err := derive(master, infoEncrypt)
	if err != nil {
		return nil, err
	}
	macKey, err := derive(master, infoMAC)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, fmt.Errorf("pii: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("pii: %w", err)
	}
	return &Box{aead: aead, macKey: macKey}, nil
}

// derive uses no salt: the master is already uniformly random, which is
// the case RFC 5869 allows the salt to be omitted for.
func derive(master []byte, info string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, master, nil, []byte(info)), key); err != nil {
		return nil, fmt.Errorf("pii: deriving key: %w", err)
	}
	return key, nil
}

// String and GoString keep the keys out of logs and panics: fmt would
// otherwise print the unexported fields of a Box.
func (b *Box) String() string   { return "pii.Box" }
func (b *Box) GoString() string { return "pii.Box{}" }

// Seal encrypts plain as version || nonce || ciphertext+tag. An empty
// string seals to nil so an absent value stays NULL in the database rather
// than becoming ciphertext that hides its absence.
func (b *Box) Seal(plain string) ([]byte, error) {
	if plain == "" {
		return nil, nil
	}
	out := make([]byte, 1+nonceLen, 1+nonceLen+len(plain)+b.aead.Overhead())
	out[0] = version
	// A random nonce is safe for far more values than this system will
	// ever seal under one key (NIST's limit is 2^32).
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, fmt.Errorf("pii: reading random nonce: %w", err)
	}
	// The version byte is authenticated too, so it cannot be swapped to
	// make a later key try to open the value.
	return b.aead.Seal(out, out[1:], []byte(plain), out[:1]), nil
}

// Open decrypts a value made by Seal. Nil or empty gives "".
func (b *Box) Open(sealed []byte) (string, error) {
	if len(sealed) == 0 {
		return "", nil
	}
	if sealed[0] != version {
		return "", fmt.Errorf("%w (unknown version %d)", ErrCannotOpen, sealed[0])
	}
	if len(sealed) < 1+nonceLen+b.aead.Overhead() {
		return "", ErrCannotOpen
	}
	plain, err := b.aead.Open(nil, sealed[1:1+nonceLen], sealed[1+nonceLen:], sealed[:1])
	if err != nil {
		return "", ErrCannotOpen
	}
	return string(plain), nil
}

// Hash returns the hex HMAC-SHA256 of kind ":" normalized. Callers must
// normalize first (idnumber.Parse, NormalizePhone): the hash matches only
// exact bytes. An empty value hashes to "" so blank fields never look like
// duplicates of each other.
func (b *Box) Hash(kind Kind, normalized string) string {
	if normalized == "" {
		return ""
	}
	m := hmac.New(sha256.New, b.macKey)
	m.Write([]byte(kind))
	m.Write([]byte{':'})
	m.Write([]byte(normalized))
	return hex.EncodeToString(m.Sum(nil))
}
