package sshserver

import (
	"context"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"complaintdesk/ui/common"
)

// ctlKind is why the server ends a session.
type ctlKind int

const (
	ctlNone ctlKind = iota
	ctlShutdown
	ctlIdle
	ctlRevoked
	ctlRoleChanged
)

func (k ctlKind) String() string {
	switch k {
	case ctlShutdown:
		return "server shutdown"
	case ctlIdle:
		return "idle timeout"
	case ctlRevoked:
		return "access revoked"
	case ctlRoleChanged:
		return "role changed"
	}
	return "user quit"
}

// text is what the user reads when the server ends the session.
func (k ctlKind) text(zh bool) string {
	switch k {
	case ctlShutdown:
		return tr(zh, "投诉受理台服务器正在关闭。未完成的登记已保存为草稿，重新连接后可继续。",
			"The desk server is shutting down. Your unfinished form is kept as a draft: connect again to resume it.")
	case ctlIdle:
		return tr(zh, "长时间未操作，会话已结束。未完成的登记已保存为草稿，重新连接后可继续。",
			"The session ended after a long time without input. Your unfinished form is kept as a draft: connect again to resume it.")
	case ctlRevoked:
		return tr(zh, "您的账号或密钥已被管理员停用，会话已结束。", "An administrator disabled your account or key: the session has ended.")
	case ctlRoleChanged:
		return tr(zh, "您的角色已变更，请重新连接。", "Your role changed: connect again.")
	}
	return ""
}

// goodbye is how long the reason stays on screen before the program ends.
const goodbye = 1200 * time.Millisecond

type ctlMsg struct{ kind ctlKind }
type quitMsg struct{}

// frameMsg: the frame held back since the last one is due.
type frameMsg struct{}

// model wraps a session's application: it hears the server (shutdown, idle
// timeout, revoked access) on the session's own channel, notes when the
// user last typed, and draws the application's frames on its screen: at
// once after the user's input when the last frame is older than every,
// else once every has passed (the messages in between share that frame).
type model struct {
	app   App
	se    *session
	ctx   context.Context
	zh    bool
	ended ctlKind
	w, h  int

	scr      *screen
	every    time.Duration
	drawn    time.Time // when the last frame was drawn
	frameDue bool      // a frameMsg is on its way
}

func (m *model) Init() tea.Cmd {
	return tea.Batch(m.app.Init(), m.waitCtl())
}

func (m *model) waitCtl() tea.Cmd {
	ch, ctx := m.se.ctl, m.ctx
	return func() tea.Msg {
		select {
		case k := <-ch:
			return ctlMsg{kind: k}
		case <-ctx.Done():
			return nil
		}
	}
}

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case frameMsg:
		m.frameDue = false
		m.draw()
		return m, nil
	case quitMsg:
		return m, tea.Quit
	}
	cmd := m.update(msg)
	if m.frameDue {
		return m, cmd
	}
	// What the user did shows at once (unless a frame was just drawn);
	// anything else waits a frame's time for what follows it: a change's
	// rows, counts and warning line arrive within it and share one frame.
	wait := m.every
	if _, resized := msg.(tea.WindowSizeMsg); resized || common.IsInput(msg) {
		wait -= time.Since(m.drawn)
	}
	if wait > 0 {
		m.frameDue = true
		return m, tea.Batch(cmd, tea.Tick(wait, func(time.Time) tea.Msg { return frameMsg{} }))
	}
	m.draw()
	return m, cmd
}

func (m *model) draw() {
	m.drawn = time.Now()
	_ = m.scr.draw(m.frame()) // a session whose connection is gone ends with it
}

func (m *model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ctlMsg:
		if m.ended != ctlNone {
			return nil
		}
		m.ended = msg.kind
		m.app.Shutdown() // the draft is saved before the user reads that it is
		return tea.Tick(goodbye, func(time.Time) tea.Msg { return quitMsg{} })
	case tea.ColorProfileMsg:
		m.scr.setProfile(msg.Profile)
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		m.scr.resize(msg.Width, msg.Height)
	case tea.KeyPressMsg, tea.MouseClickMsg, tea.MouseWheelMsg, tea.PasteMsg:
		if m.ended != ctlNone {
			return nil // on the way out
		}
		m.se.lastInput.Store(time.Now())
	}
	if m.ended != ctlNone {
		// Keep the application's state; it draws no more.
		return nil
	}
	next, cmd := m.app.Update(msg)
	if a, ok := next.(App); ok {
		m.app = a
	}
	return cmd
}

// View is what Bubble Tea asks for after every message; without its
// renderer it throws it away, so it is empty: the frames are drawn by draw.
func (m *model) View() tea.View { return tea.View{} }

// frame is the session's screen as it is now.
func (m *model) frame() tea.View {
	if m.ended == ctlNone {
		return m.app.View()
	}
	var v tea.View
	v.AltScreen = true
	text := wrap(m.ended.text(m.zh), max(20, min(60, m.w-6)))
	box := lipgloss.NewStyle().Border(lipgloss.NormalBorder()).Padding(1, 2).Render(text)
	v.SetContent(lipgloss.Place(max(m.w, 1), max(m.h, 1), lipgloss.Center, lipgloss.Center, box))
	return v
}

// wrap breaks text into lines of at most w cells, between words where
// there are spaces.
func wrap(s string, w int) string {
	return lipgloss.NewStyle().Width(w).Render(s)
}

// atomicTime is a time read and written from different goroutines.
type atomicTime struct{ ns atomic.Int64 }

func (t *atomicTime) Store(v time.Time) { t.ns.Store(v.UnixNano()) }
func (t *atomicTime) Load() time.Time   { return time.Unix(0, t.ns.Load()) }
