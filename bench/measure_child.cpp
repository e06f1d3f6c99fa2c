// Runs one command and reports its wall time and peak resident memory, for bench/run_job_bench.py.
//
// Why not os.wait4 from Python: Linux carries the high-water RSS of the image a process replaces at exec over
// into its ru_maxrss, and Python starts children with vfork, so every child of a Python process reports at
// least that Python's own peak RSS (about 14 MB). Forked from this small program instead, a child's ru_maxrss
// is its own (plus well under 1 MB for the copy of this program it starts as).
//
// Usage: gvsim_bench_measure REPORT_FILE COMMAND [ARGUMENT...]
// Runs COMMAND with the same standard streams, writes "exit_code", "wall_s", "max_rss_kib", "user_s" and
// "sys_s" lines to REPORT_FILE and exits with COMMAND's exit code (128 + signal if it was killed).
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace {
double seconds(const timeval& t) {
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: gvsim_bench_measure REPORT_FILE COMMAND [ARGUMENT...]\n");
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("gvsim_bench_measure: fork");
    return 2;
  }
  if (pid == 0) {
    ::execvp(argv[2], argv + 2);
    std::fprintf(stderr, "gvsim_bench_measure: cannot run %s: %s\n", argv[2], std::strerror(errno));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::perror("gvsim_bench_measure: wait4");
      return 2;
    }
  }
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::FILE* report = std::fopen(argv[1], "w");
  if (report == nullptr) {
    std::perror("gvsim_bench_measure: report file");
    return 2;
  }
  std::fprintf(report, "exit_code %d\nwall_s %.6f\nmax_rss_kib %ld\nuser_s %.6f\nsys_s %.6f\n", code, wall_s,
               usage.ru_maxrss, seconds(usage.ru_utime), seconds(usage.ru_stime));
  std::fclose(report);
  return code;
}
