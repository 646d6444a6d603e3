//go:build linux

package broker

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"duet/internal/duet"
)

// The benchmarks' clients run in a child process (this test binary again,
// see TestMain): the server's memory is then measured alone, and 10,000
// streams fit under the file descriptor limit (each stream is two
// descriptors when both ends are in one process). The child still shares
// the machine's two cores with the server, which real browsers would not.

const clientEnv = "BROKER_BENCH_CLIENT" // "mode addr n"

func TestMain(m *testing.M) {
	if v := os.Getenv(clientEnv); v != "" {
		os.Exit(benchClient(v))
	}
	os.Exit(m.Run())
}

// benchClient is the child process. It opens n streams to addr with bare
// sockets (no runtime poller), reads each one's head and retry line, and
// says "ready". In "idle" mode it then holds them, without goroutines,
// until stdin closes. In "fanout" mode one goroutine reads them all
// through epoll, counting event frames, and when the last stream has the
// k-th frame it prints "done k unixnano".
func benchClient(spec string) int {
	f := strings.Fields(spec)
	if len(f) != 3 {
		fmt.Fprintln(os.Stderr, "bad spec", spec)
		return 2
	}
	mode := f[0]
	ta, err := net.ResolveTCPAddr("tcp4", f[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	sa := &syscall.SockaddrInet4{Port: ta.Port}
	copy(sa.Addr[:], ta.IP.To4())
	n, _ := strconv.Atoi(f[2])

	fds := make([]int, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Value
	for range 8 {
		wg.Go(func() {
			buf := make([]byte, 1024)
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fd, err := dialRawSocket(sa, buf)
				if err != nil {
					failed.Store(fmt.Errorf("stream %d: %w", i, err))
					return
				}
				fds[i] = fd
			}
		})
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if mode == "fanout" {
		if err := fanoutReader(fds); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	for _, fd := range fds {
		syscall.Close(fd)
	}
	return 0
}

// dialRawSocket connects a bare socket, sends the request, reads the
// response head and retry line, and leaves the socket non-blocking.
func dialRawSocket(sa *syscall.SockaddrInet4, buf []byte) (int, error) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	fail := func(err error) (int, error) {
		syscall.Close(fd)
		return -1, err
	}
	tv := syscall.NsecToTimeval(int64(30 * time.Second))
	if err := syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv); err != nil {
		return fail(err)
	}
	if err := syscall.Connect(fd, sa); err != nil {
		return fail(err)
	}
	req := []byte("GET /?ws=bench&side=host HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
	if _, err := syscall.Write(fd, req); err != nil {
		return fail(err)
	}
	have := 0
	for !bytes.HasSuffix(buf[:have], []byte("\r\n\r\nretry: 2000\n\n")) {
		if have == len(buf) {
			return fail(fmt.Errorf("head too long: %q", buf[:have]))
		}
		m, err := syscall.Read(fd, buf[have:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return fail(err)
		}
		if m == 0 {
			return fail(fmt.Errorf("EOF after %q", buf[:have]))
		}
		have += m
	}
	if !bytes.HasPrefix(buf, []byte("HTTP/1.1 200 ")) {
		return fail(fmt.Errorf("response %q", buf[:have]))
	}
	if err := syscall.SetNonblock(fd, true); err != nil {
		return fail(err)
	}
	return fd, nil
}

// fanoutReader starts the goroutine that reads every stream through one
// epoll instance and reports each completed round on stdout.
func fanoutReader(fds []int) error {
	ep, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return err
	}
	maxFD := slices.Max(fds)
	frames := make([]int32, maxFD+1) // frames read, by fd
	prev := make([]byte, maxFD+1)    // last byte read, by fd
	for _, fd := range fds {
		ev := syscall.EpollEvent{Events: syscall.EPOLLIN | syscall.EPOLLRDHUP, Fd: int32(fd)}
		if err := syscall.EpollCtl(ep, syscall.EPOLL_CTL_ADD, fd, &ev); err != nil {
			return err
		}
	}
	n := int32(len(fds))
	go func() {
		const ring = 1 << 12
		var counts [ring]int32
		out := bufio.NewWriter(os.Stdout)
		events := make([]syscall.EpollEvent, 1024)
		buf := make([]byte, 16<<10)
		for {
			m, err := syscall.EpollWait(ep, events, -1)
			if err == syscall.EINTR {
				continue
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "epoll:", err)
				os.Exit(1)
			}
			for _, ev := range events[:m] {
				fd := int(ev.Fd)
				r, err := syscall.Read(fd, buf)
				if err == syscall.EAGAIN || err == syscall.EINTR {
					continue
				}
				if r <= 0 {
					// Dropped by the server (or the process is ending):
					// the parent notices the missing round.
					syscall.EpollCtl(ep, syscall.EPOLL_CTL_DEL, fd, nil)
					continue
				}
				p := prev[fd]
				for _, b := range buf[:r] {
					if b == '\n' && p == '\n' {
						k := frames[fd]
						frames[fd]++
						if c := &counts[k%ring]; *c+1 == n {
							*c = 0
							fmt.Fprintf(out, "done %d %d\n", k, time.Now().UnixNano())
							out.Flush()
						} else {
							*c++
						}
					}
					p = b
				}
				prev[fd] = p
			}
		}
	}()
	return nil
}

// startClients starts the child process with n streams and waits until
// they are all attached.
func startClients(b *testing.B, mode, addr string, n int, h *Hub, served <-chan struct{}) (lines *bufio.Scanner, stop func()) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), clientEnv+"="+mode+" "+addr+" "+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	stop = func() {
		stdin.Close()
		cmd.Wait()
	}
	lines = bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "ready" {
		stop()
		b.Fatalf("client process: %q, %v", lines.Text(), lines.Err())
	}
	// Every stream has its head; wait until every Serve has returned.
	timeout := time.After(30 * time.Second)
	for i := range n {
		select {
		case <-served:
		case <-timeout:
			stop()
			b.Fatalf("%d of %d streams attached", i, n)
		}
	}
	if got := h.Subscribers(); got != n {
		stop()
		b.Fatalf("%d subscribers, want %d", got, n)
	}
	return lines, stop
}

// benchServer serves streams of workspace "bench"; served receives one
// value for each stream that Serve made live.
func benchServer(o Options, n int) (h *Hub, addr string, served <-chan struct{}, stop func()) {
	o.Logger = quietLogger()
	h = NewHub(o)
	live := make(chan struct{}, n)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h.Serve(w, r, Subscription{WorkspaceID: "bench", Side: duet.SideHost})
		if err != nil {
			if !errors.Is(err, http.ErrHijacked) {
				http.Error(w, err.Error(), http.StatusInternalServerError)
			}
			return
		}
		live <- struct{}{}
	}))
	return h, strings.TrimPrefix(srv.URL, "http://"), live, func() {
		h.Close()
		srv.Close()
	}
}

// BenchmarkIdleMemory attaches 2,000 idle streams and reports the
// server's heap and stack growth per stream, after GC.
func BenchmarkIdleMemory(b *testing.B) {
	const n = 2000
	for b.Loop() {
		h, addr, served, closeServer := benchServer(Options{}, n)
		goroutines := runtime.NumGoroutine()
		before := memInUse()
		_, stop := startClients(b, "idle", addr, n, h, served)
		// The handlers have returned; let their goroutines finish exiting.
		for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > goroutines && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		after := memInUse()
		b.ReportMetric(float64(int64(after)-int64(before))/n, "bytes/conn")
		b.ReportMetric(float64(runtime.NumGoroutine()-goroutines)/n, "goroutines/conn")
		stop()
		closeServer()
	}
}

func memInUse() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

func BenchmarkFanout1000(b *testing.B)  { benchFanout(b, 1000, 500) }
func BenchmarkFanout10000(b *testing.B) { benchFanout(b, 10000, 200) }

// benchFanout attaches n streams to one workspace, then publishes one
// event at a time and measures until the last stream has read it.
func benchFanout(b *testing.B, n, rounds int) {
	h, addr, served, closeServer := benchServer(Options{}, n)
	defer closeServer()
	sc, stop := startClients(b, "fanout", addr, n, h, served)
	defer stop()
	lines := make(chan string, 1)
	go func() {
		defer close(lines)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()

	var lat []float64
	k := 0
	for b.Loop() {
		for range rounds {
			e := duet.Event{ID: int64(k + 1), WorkspaceID: "bench", Type: "message.posted", Subject: "m" + strconv.Itoa(k), Scope: "c1", Visibility: duet.VisShared}
			t0 := time.Now().UnixNano()
			h.Publish(e)
			var line string
			select {
			case l, ok := <-lines:
				if !ok {
					b.Fatal("client process ended")
				}
				line = l
			case <-time.After(10 * time.Second):
				b.Fatalf("round %d: not every stream got the event (%d subscribers)", k, h.Subscribers())
			}
			var got int
			var at int64
			if _, err := fmt.Sscanf(line, "done %d %d", &got, &at); err != nil || got != k {
				b.Fatalf("client process said %q at round %d", line, k)
			}
			lat = append(lat, float64(at-t0)/1e6)
			k++
		}
	}
	if h.Subscribers() != n {
		b.Fatalf("%d subscribers left of %d", h.Subscribers(), n)
	}
	slices.Sort(lat)
	b.ReportMetric(lat[len(lat)/2], "p50-ms")
	b.ReportMetric(lat[len(lat)*99/100], "p99-ms")
	b.ReportMetric(lat[len(lat)-1], "max-ms")
}
