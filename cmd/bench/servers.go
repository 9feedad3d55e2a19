//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is a server program run as a child process on a free loopback port.
type server struct {
	name string
	base string // e.g. http://127.0.0.1:40123
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done is closed

	mu  sync.Mutex
	log bytes.Buffer // what it wrote to standard error, for failure reports
}

// servingRE matches the line both servers print once they listen: "…: serving on http://ADDR/".
var servingRE = regexp.MustCompile(`serving on (http://[^/\s]+)/`)

// startServer runs bin with args, which must make it listen on 127.0.0.1:0, and waits up to
// timeout for the line that gives its address.
func startServer(name, bin string, timeout time.Duration, args ...string) (*server, error) {
	s := &server{name: name, cmd: exec.Command(bin, args...), done: make(chan struct{})}
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			s.log.WriteString(line + "\n")
			s.mu.Unlock()
			if m := servingRE.FindStringSubmatch(line); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
		io.Copy(io.Discard, stderr)
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	select {
	case s.base = <-addr:
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("%s exited before serving: %v\n%s", name, s.err, s.stderr())
	case <-time.After(timeout):
		s.stop()
		return nil, fmt.Errorf("%s did not serve within %v\n%s", name, timeout, s.stderr())
	}
}

func (s *server) stderr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.TrimSpace(s.log.String())
}

// stop asks the server to shut down gracefully with SIGTERM, as a deployment would, and kills
// it if it has not exited within 15 seconds. It reports an unclean exit.
func (s *server) stop() error {
	if s.cmd.Process == nil {
		return nil
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	select {
	case <-s.done:
		if s.err != nil {
			return fmt.Errorf("%s exited with %v after SIGTERM\n%s", s.name, s.err, s.stderr())
		}
		return nil
	case <-ctx.Done():
		s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("%s did not stop within 15 s of SIGTERM", s.name)
	}
}
