package ui

import "complaintdesk/internal/desk"

// Options is what the terminal application needs: the desk, who works at it
// and in which language.
type Options struct {
	Desk  *desk.Desk
	Actor desk.Actor
	Lang  string
	// ASCII draws borders with ASCII characters, for terminals that make
	// box-drawing lines two cells wide.
	ASCII bool
}
