package ui

import (
	"context"
	"errors"

	"complaintdesk/internal/desk"
)

// Options is what the terminal application needs: the desk, who works at it
// and in which language.
type Options struct {
	Desk  *desk.Desk
	Actor desk.Actor
	Lang  string
}

// Run starts the terminal application on the opened desk.
func Run(ctx context.Context, o Options) error {
	return errors.New("the terminal interface is not built yet")
}
