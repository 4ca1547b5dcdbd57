package report_test

import (
	"context"
	"io"
	"os"
	"runtime/pprof"
	"testing"

	"complaintdesk/internal/desk"
	"complaintdesk/store"
)

func TestDesk6Prof(t *testing.T) {
	if os.Getenv("DESK6_PROF") == "" {
		t.Skip()
	}
	d := benchBig(t)
	f, _ := os.Create("/tmp/desk6-export.prof")
	pprof.StartCPUProfile(f)
	q := store.ExportQuery{ReceivedFrom: benchNow.AddDate(0, -3, 0)}
	d.ExportCases(context.Background(), desk.Actor{Name: "b", Role: "admin"}, q, io.Discard, os.Getenv("DESK6_PROF"), "zh")
	pprof.StopCPUProfile()
	f.Close()
}
