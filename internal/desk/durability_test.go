package desk_test

// Durability and concurrency of registration, with real processes:
//
//   - TestCrashKeepsPrintedCases: a child process registers cases in a loop
//     and prints each number once Register returned; the test kills it with
//     SIGKILL at random moments and checks, after every kill, that the
//     database passes the integrity check and holds every printed case, and
//     that retrying the registration in flight with its idempotency key
//     registers it at most once.
//   - TestConcurrentRegistrationTwoProcesses: goroutines of this process and
//     of a child process register at once on one file; numbers are unique
//     and gapless per day and no error (SQLITE_BUSY included) reaches a
//     caller.
//
// The child is this test binary run again with DESK_DURABILITY_CHILD set; it
// runs TestDurabilityChild, which is skipped in a normal run.

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"complaintdesk/internal/demo"
	"complaintdesk/internal/desk"
	"complaintdesk/store"
	"complaintdesk/store/sqlite"
)

const (
	durChildEnv = "DESK_DURABILITY_CHILD" // "crash" or "concurrent"
	durDBEnv    = "DESK_DURABILITY_DB"
	durTagEnv   = "DESK_DURABILITY_TAG" // prefix of the child's idempotency keys
)

var durAgent = desk.Actor{Name: "durability", Role: "agent"}

// durRegistration is a realistic registration with an idempotency key.
func durRegistration(r *rand.Rand, key string) desk.Registration {
	c := demo.Complaints[r.IntN(len(demo.Complaints))]
	return desk.Registration{
		Channel: "phone", Nature: "complaint", Grade: "B",
		Name: demo.Name(r), Phone: demo.Mobile(r),
		Content: c.Content, Demand: c.Demand, Subject: c.Subject,
		IdemKey: key,
	}
}

func durOpen(t testing.TB, path string) (*sqlite.DB, *desk.Desk) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := desk.Open(ctx, db, desk.Options{By: "durability"})
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	return db, d
}

// TestDurabilityChild is the child process of the tests below.
func TestDurabilityChild(t *testing.T) {
	mode := os.Getenv(durChildEnv)
	if mode == "" {
		t.Skip("runs only as the child process of the durability tests")
	}
	// Never outlive a parent that died without killing us.
	time.AfterFunc(60*time.Second, func() { os.Exit(3) })
	out := os.Stdout // unbuffered: a line is written before the next step
	fail := func(format string, args ...any) {
		fmt.Fprintf(out, "err "+format+"\n", args...)
		os.Exit(2)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, os.Getenv(durDBEnv))
	if err != nil {
		fail("open: %v", err)
	}
	d, err := desk.Open(ctx, db, desk.Options{By: "durability"})
	if err != nil {
		fail("desk: %v", err)
	}
	tag := os.Getenv(durTagEnv)
	r := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	switch mode {
	case "crash":
		for i := 0; ; i++ {
			key := fmt.Sprintf("%s-%d", tag, i)
			fmt.Fprintf(out, "try %s\n", key)
			c, _, err := d.Register(ctx, durAgent, durRegistration(r, key))
			if err != nil {
				fail("register %s: %v", key, err)
			}
			fmt.Fprintf(out, "ok %s %s\n", key, c.Number)
		}
	case "concurrent":
		workers, _ := strconv.Atoi(os.Getenv("DESK_DURABILITY_WORKERS"))
		each, _ := strconv.Atoi(os.Getenv("DESK_DURABILITY_EACH"))
		fmt.Fprintln(out, "ready")
		// Start when the parent says so, so both processes write at once.
		if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
			fail("stdin: %v", err)
		}
		var mu sync.Mutex
		durRegisterMany(ctx, d, tag, workers, each, func(line string) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintln(out, line)
		})
		db.Close()
		os.Exit(0)
	default:
		fail("unknown mode %q", mode)
	}
}

// durRegisterMany registers workers × each cases from as many goroutines and
// reports "ok KEY NUMBER MICROSECONDS" or "err KEY: ERROR" for each.
func durRegisterMany(ctx context.Context, d *desk.Desk, tag string, workers, each int, report func(string)) {
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
			for i := 0; i < each; i++ {
				key := fmt.Sprintf("%s-%d-%d", tag, w, i)
				start := time.Now()
				c, existed, err := d.Register(ctx, durAgent, durRegistration(r, key))
				took := time.Since(start).Microseconds()
				switch {
				case err != nil:
					report(fmt.Sprintf("err %s: %v", key, err))
				case existed:
					report(fmt.Sprintf("err %s: a new key found an existing case %s", key, c.Number))
				default:
					report(fmt.Sprintf("ok %s %s %d", key, c.Number, took))
				}
			}
		}()
	}
	wg.Wait()
}

// durChild starts this test binary as a child in mode.
func durChild(t *testing.T, mode, path, tag string, extraEnv ...string) (*exec.Cmd, io.WriteCloser, *bufio.Scanner) {
	t.Helper()
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("needs processes and SIGKILL")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestDurabilityChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), durChildEnv+"="+mode, durDBEnv+"="+path, durTagEnv+"="+tag)
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	return cmd, stdin, sc
}

// durRaw opens the file read-only with database/sql, for checks the store
// has no method for (counting by number).
func durRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// durCheckGapless checks that the case numbers of every day run 1..N with no
// gap or duplicate, and that case_seq agrees.
func durCheckGapless(t *testing.T, path string) int {
	t.Helper()
	raw := durRaw(t, path)
	defer raw.Close()
	rows, err := raw.Query(`SELECT number FROM cases`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byDay := map[string][]int{}
	total := 0
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		day, seq, ok := strings.Cut(strings.TrimPrefix(n, "TS"), "-")
		s, err := strconv.Atoi(seq)
		if !ok || err != nil {
			t.Fatalf("bad case number %q", n)
		}
		byDay[day] = append(byDay[day], s)
		total++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for day, seqs := range byDay {
		sort.Ints(seqs)
		for i, s := range seqs {
			if s != i+1 {
				t.Fatalf("day %s: numbers are not 1..%d: position %d holds %d", day, len(seqs), i+1, s)
			}
		}
		var last int
		if err := raw.QueryRow(`SELECT last FROM case_seq WHERE day = $1`, day).Scan(&last); err != nil {
			t.Fatal(err)
		}
		if last != len(seqs) {
			t.Fatalf("day %s: case_seq says %d, the table holds %d", day, last, len(seqs))
		}
	}
	return total
}

func TestCrashKeepsPrintedCases(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	path := t.TempDir() + "/crash.db"
	db, _ := durOpen(t, path) // create the schema and the policy once
	db.Close()

	const rounds = 5
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	printed := map[string]string{} // key -> number, from every round so far
	ctx := context.Background()
	for round := 1; round <= rounds; round++ {
		tag := fmt.Sprintf("r%d", round)
		cmd, _, sc := durChild(t, "crash", path, tag)
		lines := make(chan string, 1024)
		go func() {
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		inFlight := ""
		handle := func(line string) {
			f := strings.Fields(line)
			switch {
			case len(f) == 2 && f[0] == "try":
				inFlight = f[1]
			case len(f) == 3 && f[0] == "ok":
				printed[f[1]] = f[2]
				inFlight = ""
			case strings.HasPrefix(line, "err"):
				t.Fatalf("round %d: child: %s", round, line)
			}
		}
		// Let it register at least one case, then kill it at a random moment.
		deadline := time.After(10 * time.Second)
	first:
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("round %d: the child ended before registering", round)
				}
				handle(line)
				if strings.HasPrefix(line, "ok ") {
					break first
				}
			case <-deadline:
				t.Fatalf("round %d: no registration within 10 s", round)
			}
		}
		time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil { // SIGKILL
			t.Fatal(err)
		}
		cmd.Wait()
		for line := range lines { // what it printed before it died
			handle(line)
		}

		// A new process opens the database after the crash.
		db, d := durOpen(t, path)
		if err := db.Check(ctx); err != nil {
			t.Fatalf("round %d: integrity check after SIGKILL: %v", round, err)
		}
		err := db.Read(ctx, func(tx store.Tx) error {
			for key, number := range printed {
				c, err := tx.CaseByNumber(number)
				if err != nil {
					return fmt.Errorf("case %s (key %s) was printed but is not in the database: %w", number, key, err)
				}
				if c.IdemKey != key || c.Primary().Phone == "" {
					return fmt.Errorf("case %s: key %q phone %q, want key %q and a phone", number, c.IdemKey, c.Primary().Phone, key)
				}
				evs, err := tx.Events(c.ID)
				if err != nil {
					return err
				}
				if len(evs) != 1 || evs[0].Action != "register" {
					return fmt.Errorf("case %s: events %+v, want one register event", number, evs)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		// The registration the kill interrupted may or may not have
		// committed; retrying it with its key must give exactly one case.
		if inFlight != "" {
			r := rand.New(rand.NewPCG(1, 2))
			c, existed, err := d.Register(ctx, durAgent, durRegistration(r, inFlight))
			if err != nil {
				t.Fatalf("round %d: retry %s: %v", round, inFlight, err)
			}
			again, existed2, err := d.Register(ctx, durAgent, durRegistration(r, inFlight))
			if err != nil || !existed2 || again.Number != c.Number {
				t.Fatalf("round %d: second retry of %s: %v existed=%v %s vs %s", round, inFlight, err, existed2, again.Number, c.Number)
			}
			printed[inFlight] = c.Number
			t.Logf("round %d: in-flight %s: committed before the kill: %v (%s)", round, inFlight, existed, c.Number)
		}
		db.Close()
		n := durCheckGapless(t, path)
		if n != len(printed) {
			t.Fatalf("round %d: %d cases in the database, %d printed or retried", round, n, len(printed))
		}
		t.Logf("round %d: killed; %d cases, all printed ones present", round, n)
	}
}

func TestConcurrentRegistrationTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process; skipped with -short")
	}
	const workers, each = 16, 25
	path := t.TempDir() + "/concurrent.db"
	db, d := durOpen(t, path)
	defer db.Close()

	cmd, stdin, sc := durChild(t, "concurrent", path, "child",
		"DESK_DURABILITY_WORKERS="+strconv.Itoa(workers), "DESK_DURABILITY_EACH="+strconv.Itoa(each))
	if !sc.Scan() || sc.Text() != "ready" {
		t.Fatalf("child did not start: %q %v", sc.Text(), sc.Err())
	}
	childLines := make(chan []string, 1)
	go func() {
		var ls []string
		for sc.Scan() {
			ls = append(ls, sc.Text())
		}
		childLines <- ls
	}()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Readers page the queue meanwhile, as sessions do.
	var readers sync.WaitGroup
	readErrs := make(chan error, 4)
	for i := 0; i < 2; i++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for ctx.Err() == nil {
				err := db.Read(ctx, func(tx store.Tx) error {
					q := store.Query{Sort: store.SortDue, Limit: 50}
					if _, err := tx.ListCases(q); err != nil {
						return err
					}
					_, err := tx.CountCases(q)
					return err
				})
				if err != nil && ctx.Err() == nil {
					readErrs <- err
					return
				}
			}
		}()
	}

	fmt.Fprintln(stdin, "go")
	start := time.Now()
	var mu sync.Mutex
	var lines []string
	durRegisterMany(context.Background(), d, "parent", workers, each, func(l string) {
		mu.Lock()
		lines = append(lines, l)
		mu.Unlock()
	})
	parentDone := time.Since(start)
	var fromChild []string
	select {
	case fromChild = <-childLines:
	case <-time.After(60 * time.Second):
		t.Fatal("child did not finish within 60 s")
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("child: %v", err)
	}
	total := time.Since(start)
	cancel()
	readers.Wait()
	close(readErrs)
	for err := range readErrs {
		t.Errorf("reader: %v", err)
	}

	numbers := map[string]string{}
	var waits []int
	for _, l := range append(lines, fromChild...) {
		f := strings.Fields(l)
		if len(f) != 4 || f[0] != "ok" {
			t.Errorf("%s", l)
			continue
		}
		us, _ := strconv.Atoi(f[3])
		waits = append(waits, us)
		if prev, dup := numbers[f[2]]; dup {
			t.Errorf("number %s given to %s and %s", f[2], prev, f[1])
		}
		numbers[f[2]] = f[1]
	}
	if want := 2 * workers * each; len(numbers) != want {
		t.Fatalf("%d cases registered without error, want %d", len(numbers), want)
	}
	if n := durCheckGapless(t, path); n != len(numbers) {
		t.Fatalf("%d cases in the database, %d reported", n, len(numbers))
	}
	if err := db.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	// How often the writer changed hands between the processes, in number
	// order: 1 would mean one process waited for the other to finish.
	order := make([]string, 0, len(numbers))
	for n := range numbers {
		order = append(order, n)
	}
	sort.Strings(order)
	switches := 0
	for i := 1; i < len(order); i++ {
		if strings.HasPrefix(numbers[order[i]], "child") != strings.HasPrefix(numbers[order[i-1]], "child") {
			switches++
		}
	}
	sort.Ints(waits)
	ms := func(us int) string {
		return (time.Duration(us) * time.Microsecond).Round(time.Millisecond / 10).String()
	}
	t.Logf("%d registrations from 2 processes × %d goroutines: parent done in %s, all in %s; the writer changed process %d times; "+
		"time in Register (queueing included): median %s, p99 %s, max %s",
		len(numbers), workers, parentDone.Round(time.Millisecond), total.Round(time.Millisecond), switches,
		ms(waits[len(waits)/2]), ms(waits[len(waits)*99/100]), ms(waits[len(waits)-1]))
}
