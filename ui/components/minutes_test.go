package components

import (
	"testing"
	"time"
)

func TestCountdownMinutes(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	start := now.Add(-time.Hour)
	for _, tc := range []struct {
		left  time.Duration
		lang  string
		want  string
		level Level
	}{
		{42*time.Minute + 35*time.Second, "zh", "42m", LevelOK},
		{23*time.Hour + 12*time.Minute + 59*time.Second, "en", "23h 12m", LevelOK},
		{28 * time.Hour, "en", "1d 4h", LevelOK},
		{59 * time.Second, "en", "<1m", LevelWarn},
		{-30 * time.Second, "zh", "超时 <1m", LevelBreach},
		{-25 * time.Minute, "en", "overdue 25m", LevelBreach},
		{-3*time.Hour - 20*time.Minute, "zh", "超时 3h", LevelBreach},
	} {
		got, level := CountdownMinutes(now.Add(tc.left), start, now, tc.lang)
		if got != tc.want || level != tc.level {
			t.Errorf("left %s: %q %v; want %q %v", tc.left, got, level, tc.want, tc.level)
		}
	}
	if got, level := CountdownMinutes(time.Time{}, start, now, "en"); got != "-" || level != LevelNone {
		t.Errorf("no due: %q %v", got, level)
	}
}
