package uitest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"complaintdesk/ui/common"
)

type loadedMsg struct{ rows []string }
type savedMsg struct{}

func collect(into *[]string) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		*into = append(*into, fmt.Sprintf("%T", msg))
		return nil
	}
}

// A query slower than the old 300 ms cut-off is waited for, not dropped:
// what a loaded machine under -race does to every database read.
func TestRunWaitsForSlowCommands(t *testing.T) {
	slow := func() tea.Msg {
		time.Sleep(400 * time.Millisecond) // stands for a slow query; nothing to wait for
		return loadedMsg{rows: []string{"张三 楼道灯坏了"}}
	}
	var got []string
	seen := Run(tea.Batch(slow, func() tea.Msg { return savedMsg{} }), collect(&got))
	if len(seen) != 2 || !strings.Contains(strings.Join(got, " "), "loadedMsg") {
		t.Fatalf("handed on %v; want both the slow load and the save", got)
	}
}

// Commands lead to commands (a load after a save); Run follows them to the
// end, and a clock tick is not handed on (its answer would be the next tick).
func TestRunFollowsCommandsAndStopsTicks(t *testing.T) {
	ticks := 0
	var got []string
	update := func(msg tea.Msg) tea.Cmd {
		got = append(got, fmt.Sprintf("%T", msg))
		switch msg.(type) {
		case savedMsg:
			return tea.Batch(func() tea.Msg { return loadedMsg{} }, nil)
		case common.TickMsg:
			ticks++
			return tea.Tick(time.Millisecond, func(t time.Time) tea.Msg { return common.TickMsg{Now: t} })
		}
		return nil
	}
	tick := tea.Tick(time.Millisecond, func(t time.Time) tea.Msg { return common.TickMsg{Now: t} })
	Run(tea.Batch(tick, func() tea.Msg { return savedMsg{} }), update)
	if strings.Join(got, " ") != "uitest.savedMsg uitest.loadedMsg" || ticks != 0 {
		t.Errorf("handed on %v and %d ticks; want the save, then the load it led to, and no tick", got, ticks)
	}
}

func TestRunKeepsTheOrderOfASequence(t *testing.T) {
	var got []string
	step := func(s string, wait time.Duration) tea.Cmd {
		return func() tea.Msg {
			time.Sleep(wait) // the first step is the slowest: order must not follow speed
			return s
		}
	}
	update := func(msg tea.Msg) tea.Cmd { got = append(got, msg.(string)); return nil }
	Run(tea.Sequence(step("受理", 50*time.Millisecond), step("分派", 0), step("结案", 0)), update)
	if strings.Join(got, " ") != "受理 分派 结案" {
		t.Errorf("sequence handed on as %v", got)
	}
}

// A listener never returns: RunUntil stops at the awaited message type.
func TestRunUntilStopsAtTheAwaitedMessage(t *testing.T) {
	never := make(chan struct{})
	defer close(never)
	listen := func() tea.Msg { <-never; return nil }
	var got []string
	RunUntil(tea.Batch(listen, func() tea.Msg { return loadedMsg{} }), collect(&got), Is[loadedMsg])
	if len(got) != 1 || got[0] != "uitest.loadedMsg" {
		t.Errorf("handed on %v", got)
	}
}

// The deadline is only a guard: reaching it fails loudly, naming what came.
func TestPatienceGuardFailsLoudly(t *testing.T) {
	defer func(p time.Duration) { Patience = p }(Patience)
	Patience = 100 * time.Millisecond
	never := make(chan struct{})
	defer close(never)
	defer func() {
		r := recover()
		if s, _ := r.(string); !strings.Contains(s, "1 commands still running") || !strings.Contains(s, "uitest.savedMsg") {
			t.Errorf("recovered %v; want a panic naming the running command and the messages seen", r)
		}
	}()
	Run(tea.Batch(func() tea.Msg { <-never; return nil }, func() tea.Msg { return savedMsg{} }), func(tea.Msg) tea.Cmd { return nil })
	t.Error("Run returned while a command was still running")
}

func TestRunUntilFailsWhenTheMessageNeverComes(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "never came") {
			t.Errorf("recovered %v; want a panic saying the awaited message never came", r)
		}
	}()
	RunUntil(func() tea.Msg { return savedMsg{} }, func(tea.Msg) tea.Cmd { return nil }, Is[loadedMsg])
}
