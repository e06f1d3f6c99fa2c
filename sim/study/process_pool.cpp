#include "sim/study/process_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace gvsim::study {

namespace {

constexpr std::size_t kTailBytes = 4096;

[[noreturn]] void exec_child(char* const* args, int err_write, pid_t parent) {
  // Only async-signal-safe calls between fork and exec.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the parent died before prctl took effect
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  const int null_fd = ::open("/dev/null", O_RDWR);
  if (null_fd >= 0) {
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(null_fd, STDOUT_FILENO);
  }
  ::dup2(err_write, STDERR_FILENO);
  ::execv(args[0], args);
  static const char message[] = "gvsim: cannot execute the simulator for a run\n";
  [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
  ::_exit(127);
}

}  // namespace

ProcessPool::ProcessPool(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}

ProcessPool::~ProcessPool() {
  if (!children_.empty()) stop_all(SIGKILL, 0);
}

std::vector<std::size_t> ProcessPool::running_tags() const {
  std::vector<std::size_t> tags;
  for (const auto& c : children_)
    tags.push_back(c.tag);
  return tags;
}

void ProcessPool::start(std::size_t tag, const std::vector<std::string>& argv) {
  std::vector<char*> args;  // built before fork: the child only makes system calls
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) exec_child(args.data(), fds[1], parent);
  ::close(fds[1]);
  ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  children_.push_back(Child{tag, pid, fds[0], {}, std::chrono::steady_clock::now()});
}

void ProcessPool::drain(Child& child) {
  if (child.err_fd < 0) return;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(child.err_fd, buffer, sizeof buffer);
    if (n > 0) {
      child.tail.append(buffer, static_cast<std::size_t>(n));
      if (child.tail.size() > 2 * kTailBytes) child.tail.erase(0, child.tail.size() - kTailBytes);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) {  // end of file: the child and everything it started closed stderr
      ::close(child.err_fd);
      child.err_fd = -1;
    }
    return;  // EAGAIN: nothing more for now
  }
}

bool ProcessPool::reap(Child& child, ChildResult& result, bool block) {
  int status = 0;
  pid_t done = 0;
  do {
    done = ::waitpid(child.pid, &status, block ? 0 : WNOHANG);
  } while (done < 0 && errno == EINTR);
  if (done == 0) return false;
  drain(child);
  if (child.err_fd >= 0) ::close(child.err_fd);
  child.err_fd = -1;
  result.tag = child.tag;
  result.exit_code = done < 0 ? 127 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.stderr_tail = child.tail.size() > kTailBytes ? child.tail.substr(child.tail.size() - kTailBytes) : child.tail;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - child.started).count();
  return true;
}

std::vector<ChildResult> ProcessPool::wait_some(int timeout_ms) {
  std::vector<pollfd> fds;
  for (const auto& c : children_) {
    if (c.err_fd >= 0) fds.push_back(pollfd{c.err_fd, POLLIN, 0});
  }
  ::poll(fds.data(), fds.size(), timeout_ms);  // EINTR (a signal) just ends the wait early
  std::vector<ChildResult> ended;
  for (auto it = children_.begin(); it != children_.end();) {
    drain(*it);
    ChildResult result;
    if (reap(*it, result, false)) {
      ended.push_back(std::move(result));
      it = children_.erase(it);
    } else {
      ++it;
    }
  }
  return ended;
}

std::vector<ChildResult> ProcessPool::stop_all(int signal, int grace_ms) {
  for (const auto& c : children_)
    ::kill(c.pid, signal);
  std::vector<ChildResult> ended;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
  while (!children_.empty() && std::chrono::steady_clock::now() < deadline) {
    for (auto& r : wait_some(20))
      ended.push_back(std::move(r));
  }
  for (auto& c : children_) {
    ::kill(c.pid, SIGKILL);
    ChildResult result;
    reap(c, result, true);
    ended.push_back(std::move(result));
  }
  children_.clear();
  return ended;
}

}  // namespace gvsim::study
