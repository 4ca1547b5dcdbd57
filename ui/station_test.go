package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
	"complaintdesk/ui/uitest"
)

func stationKey(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

// U hands the station to another user who types their PIN; a wrong PIN
// says so and changes nothing; the PIN never shows.
func TestStationSwitchesUserWithAPIN(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "lab.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, desk.Options{Preset: "lab"})
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return uitest.Now }
	recept := desk.Actor{Name: "王芳", Role: "lab-reception"}
	admin := desk.Actor{Name: "admin", Role: "admin"}
	for _, u := range []desk.Actor{recept, {Name: "张敏", Role: "quality-manager"}, {Name: "刘签", Role: "signatory"}} {
		if err := d.AddUser(ctx, store.User{Name: u.Name, Role: u.Role}); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.SetPIN(ctx, admin, "张敏", "24680"); err != nil {
		t.Fatal(err)
	}
	if err := d.SetPIN(ctx, admin, "刘签", "13579"); err != nil {
		t.Fatal(err)
	}
	a := New(uitest.Common(d, recept, "zh", 120, 40), nil)
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	drive := func(msg tea.Msg) {
		t.Helper()
		_, cmd := a.Update(msg)
		uitest.Run(cmd, func(m tea.Msg) tea.Cmd { _, c := a.Update(m); return c })
	}
	// submit presses enter and waits for the PIN's check however long it
	// takes (the hash is slow on purpose; uitest.Run gives up on slow commands).
	submit := func() {
		t.Helper()
		_, cmd := a.Update(stationKey("enter"))
		if cmd == nil {
			t.Fatal("enter asked nothing")
		}
		drive(cmd())
	}
	drive(stationKey("U"))
	if !a.station.open {
		t.Fatal("U did not open the switch")
	}
	v := ansi.Strip(a.View().Content)
	if !strings.Contains(v, "换人操作") || !strings.Contains(v, "> 刘签") || !strings.Contains(v, "张敏") {
		t.Fatalf("the switch dialog:\n%s", v)
	}
	drive(stationKey("down")) // 张敏
	for _, r := range "00000" {
		drive(stationKey(string(r)))
	}
	submit()
	if a.c.Actor != recept || !a.station.open || !strings.Contains(a.station.err, "不正确") {
		t.Fatalf("a wrong PIN: actor %v err %q", a.c.Actor, a.station.err)
	}
	for _, r := range "24680" {
		drive(stationKey(string(r)))
	}
	v = ansi.Strip(a.View().Content)
	if strings.Contains(v, "24680") || !strings.Contains(v, "*****") {
		t.Errorf("the PIN shows:\n%s", v)
	}
	submit()
	if a.c.Actor.Name != "张敏" || a.c.Actor.Role != "quality-manager" || a.station.open {
		t.Fatalf("after the right PIN: %v open=%v err=%q", a.c.Actor, a.station.open, a.station.err)
	}
	v = ansi.Strip(a.View().Content)
	if !strings.Contains(v, "张敏 (质量负责人)") {
		t.Errorf("the title does not show the new user:\n%s", v)
	}
	// esc leaves the dialog and the user as they were.
	drive(stationKey("U"))
	drive(stationKey("esc"))
	if a.station.open || a.c.Actor.Name != "张敏" {
		t.Errorf("esc: open=%v actor %v", a.station.open, a.c.Actor)
	}
}
