package desk

import (
	"errors"
	"fmt"
	"time"

	"complaintdesk/internal/desk/actions"
	"complaintdesk/internal/policy"
	"complaintdesk/store"
)

// NotFoundError: no case with the number, or none the actor may see (the
// two are told alike, so a role learns nothing from the difference). It
// is a store.ErrNotFound.
type NotFoundError struct{ Number string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no case %s: %v", e.Number, store.ErrNotFound)
}
func (e *NotFoundError) Is(t error) bool { return t == store.ErrNotFound }

// Message is the error in the language.
func (e *NotFoundError) Message(lang string) string {
	if lang == "zh" {
		return "没有投诉单 " + e.Number
	}
	return "no case " + e.Number
}

// Problem is one thing wrong with a form or command, tied to its field so a
// form can show it beside the field (see package actions).
type Problem = actions.Problem

// ValidationError lists everything wrong with an input; nothing was written.
type ValidationError = actions.ValidationError

type problems []Problem

func (ps *problems) add(field, zh, en string) {
	*ps = append(*ps, Problem{Field: field, ZH: zh, EN: en})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// ConflictError: the case changed since the form was opened. The form keeps
// what was typed; the user reloads and applies again.
type ConflictError struct {
	Number string
	By     string
	Action string
	At     time.Time
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("case %s was changed by %s (%s at %s) after you opened it; reload it and apply your change again",
		e.Number, e.By, e.Action, e.At.Format("2006-01-02 15:04:05"))
}

// Message is the conflict in the language.
func (e *ConflictError) Message(lang string) string {
	if lang == "zh" {
		return fmt.Sprintf("投诉单 %s 在您打开后已被 %s 修改（%s，%s）；请重新载入后再提交您的修改",
			e.Number, e.By, e.Action, e.At.Format("2006-01-02 15:04:05"))
	}
	return e.Error()
}

// ForbiddenError: the policy does not allow this action now or for this role.
type ForbiddenError struct {
	Action string
	Err    error
}

func (e *ForbiddenError) Error() string { return e.Err.Error() }
func (e *ForbiddenError) Unwrap() error { return e.Err }

// Message is the refusal in the language: the policy's reason (the same
// words in the terminal and on the command line).
func (e *ForbiddenError) Message(lang string) string {
	var te *policy.TransitionError
	if errors.As(e.Err, &te) {
		return te.Message(lang)
	}
	return e.Err.Error()
}
