package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// Audit actions: what a staff decision did to a story.
const (
	AuditApproved   = "approved"
	AuditRejected   = "rejected"
	AuditReopened   = "sent back to review"
	AuditLineEdited = "line edited"
	AuditLineReset  = "line reset to the draft"
	AuditCredit     = "credit changed"
	AuditMerged     = "merged"
	AuditSplit      = "split"
	AuditExported   = "exported"
)

// AuditEntry is one staff decision on a story: who (Actor, "" when the
// pages ask no login), when, what, and the new line or credit (Detail).
type AuditEntry struct {
	At     time.Time
	Actor  string
	Action string
	Detail string
}

type actorKey struct{}

// WithActor names who makes the decisions done with ctx: the signed-in
// reviewer, or the command line's user. The store writes it in the audit
// line of every decision (Review, MergeStories, SplitArticle,
// MarkExported).
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// Actor is the name WithActor gave ctx ("" when none).
func Actor(ctx context.Context) string {
	name, _ := ctx.Value(actorKey{}).(string)
	return name
}

// audit writes one audit line for story id.
func audit(ctx context.Context, tx *sql.Tx, id int64, action, detail string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit (story_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)`,
		id, fmtTime(now), Actor(ctx), action, detail); err != nil {
		return fmt.Errorf("audit story %d: %w", id, err)
	}
	return nil
}

// fillAudit adds each story's audit lines, oldest first.
func (s *Store) fillAudit(ctx context.Context, stories []Story, index map[int64]int, chunk []any) error {
	rows, err := s.rdb.QueryContext(ctx, `SELECT story_id, at, actor, action, detail FROM audit
		WHERE story_id IN (`+placeholders(len(chunk))+`) ORDER BY id`, chunk...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var at sql.NullString
		var e AuditEntry
		if err := rows.Scan(&id, &at, &e.Actor, &e.Action, &e.Detail); err != nil {
			return err
		}
		e.At = parseTime(at)
		st := &stories[index[id]]
		st.Audit = append(st.Audit, e)
	}
	return rows.Err()
}

// Accounts.

// User is a reviewer's account.
type User struct {
	Name      string
	CreatedAt time.Time
}

// MaxUserName bounds an account's name, in bytes.
const MaxUserName = 64

// CheckUserName says what is wrong with an account's name: it is shown
// in every audit line, so it is printable, without surrounding spaces, 1
// to MaxUserName bytes.
func CheckUserName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%w: an empty user name", ErrInvalidInput)
	case len(name) > MaxUserName:
		return fmt.Errorf("%w: user name longer than %d bytes", ErrInvalidInput, MaxUserName)
	case !utf8.ValidString(name):
		return fmt.Errorf("%w: user name is not UTF-8", ErrInvalidInput)
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("%w: user name %q starts or ends with a space", ErrInvalidInput, name)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("%w: user name %q holds a character that does not print", ErrInvalidInput, name)
		}
	}
	return nil
}

// NameKey is how account names compare: case-folded, in any script
// ("Élodie" and "élodie" are one account).
func NameKey(name string) string { return cases.Fold().String(name) }

// SetUser adds an account or gives it a new password hash (bcrypt, made
// by the caller); created says which. A new password signs the account
// out everywhere.
func (s *Store) SetUser(ctx context.Context, name, passwordHash string) (created bool, err error) {
	if err := CheckUserName(name); err != nil {
		return false, fmt.Errorf("set user: %w", err)
	}
	if passwordHash == "" {
		return false, fmt.Errorf("set user %q: %w: no password hash", name, ErrInvalidInput)
	}
	key := NameKey(name)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		// Every session under the name ends: the old password's, and a
		// shared-password session that gave itself the new account's name.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_key = ?`, key); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE name_key = ?`, passwordHash, key)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		created = true
		_, err = tx.ExecContext(ctx, `INSERT INTO users (name_key, name, password_hash, created_at) VALUES (?, ?, ?, ?)`,
			key, name, passwordHash, fmtTime(s.now()))
		return err
	})
	if err != nil {
		return false, fmt.Errorf("set user %q: %w", name, err)
	}
	return created, nil
}

// RemoveUser deletes an account and signs it out; its audit lines stay.
func (s *Store) RemoveUser(ctx context.Context, name string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM users WHERE name_key = ?`, NameKey(name))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: no user %q", ErrNotFound, name)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_key = ?`, NameKey(name))
		return err
	})
	if err != nil {
		return fmt.Errorf("remove user: %w", err)
	}
	return nil
}

// Users lists the accounts by name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT name, created_at FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var at sql.NullString
		if err := rows.Scan(&u.Name, &at); err != nil {
			return nil, fmt.Errorf("users: %w", err)
		}
		u.CreatedAt = parseTime(at)
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	return out, nil
}

// UserHash returns an account's name as it was made and its password
// hash; ok is false when there is no such account (names match by
// NameKey).
func (s *Store) UserHash(ctx context.Context, name string) (canonical, hash string, ok bool, err error) {
	err = s.rdb.QueryRowContext(ctx, `SELECT name, password_hash FROM users WHERE name_key = ?`, NameKey(name)).Scan(&canonical, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("user %q: %w", name, err)
	}
	return canonical, hash, true, nil
}

// HasUsers reports whether any account was made.
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var some bool
	if err := s.rdb.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&some); err != nil {
		return false, fmt.Errorf("users: %w", err)
	}
	return some, nil
}

// Sessions.

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Session is a signed-in session: who (User, "" for the shared password
// given without a name) and the credential that signed it in (Cred, the
// pages' fingerprint of it: a session of a changed password is no good).
type Session struct {
	User, Cred string
}

// CreateSession keeps a signed-in session from now until expires under
// its token (only its SHA-256 is stored). The caller's clock rules
// sessions (the pages' own). Sessions expired by now are deleted on the
// way.
func (s *Store) CreateSession(ctx context.Context, token string, se Session, now, expires time.Time) error {
	if token == "" || se.Cred == "" || !expires.After(now) {
		return fmt.Errorf("create session: %w: no token, credential or lifetime", ErrInvalidInput)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, fmtTime(now)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, "user", user_key, cred, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			tokenHash(token), se.User, NameKey(se.User), se.Cred, fmtTime(now), fmtTime(expires))
		return err
	})
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Session returns the session a token signs in at now; ok is false for
// an unknown or expired token.
func (s *Store) Session(ctx context.Context, token string, now time.Time) (se Session, ok bool, err error) {
	if token == "" {
		return Session{}, false, nil
	}
	err = s.rdb.QueryRowContext(ctx, `SELECT "user", cred FROM sessions WHERE token_hash = ? AND expires_at > ?`,
		tokenHash(token), fmtTime(now)).Scan(&se.User, &se.Cred)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, false, nil
	}
	if err != nil {
		return Session{}, false, fmt.Errorf("session: %w", err)
	}
	return se, true, nil
}

// DeleteSession signs a session out.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash(token))
		return err
	})
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
