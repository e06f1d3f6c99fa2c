#include "tests/support/test_support.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/config/scenario_loader.hpp"
#include "sim/engine/simulation.hpp"

namespace gvsim::test {

namespace fs = std::filesystem;

std::string source_dir() {
  return GVSIM_SOURCE_DIR;
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "gvsim-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& relative, const std::string& content) const {
  const fs::path full = fs::path(path_) / relative;
  fs::create_directories(full.parent_path());
  std::ofstream(full, std::ios::binary) << content;
  return full.string();
}

namespace {
std::string drain(int fd) {
  std::string out;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  return out;
}
}  // namespace

std::string run_in_child(const std::function<std::string()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);  // or the child repeats whatever the parent had buffered
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    int code = 0;
    try {
      const std::string result = body();
      std::size_t written = 0;
      while (written < result.size()) {
        const ssize_t n = ::write(fds[1], result.data() + written, result.size() - written);
        if (n <= 0) break;
        written += static_cast<std::size_t>(n);
      }
    } catch (const std::exception& e) {
      const std::string message = std::string("child failed: ") + e.what();
      [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message.data(), message.size());
      code = 3;
    }
    ::close(fds[1]);
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string result = drain(fds[0]);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("simulation child process failed");
  return result;
}

std::vector<std::vector<double>> region_day_series(
    const std::string& experiment_path, const std::vector<std::function<double(const users::RegionDay&)>>& fields) {
  const auto scenario = config::load_scenario(experiment_path);
  const std::string text = run_in_child([&] {
    const auto outcome = engine::run_simulation(scenario);
    std::ostringstream out;
    out.precision(17);
    for (const auto& day : outcome.market->days()[0]) {
      for (const auto& field : fields)
        out << field(day) << ' ';
      out << '\n';
    }
    return out.str();
  });
  std::vector<std::vector<double>> series(fields.size());
  std::istringstream in(text);
  double value = 0.0;
  for (std::size_t i = 0; in >> value; ++i)
    series[i % fields.size()].push_back(value);
  return series;
}

namespace {
int spawn_program(const std::vector<std::string>& argv_in, const std::string& out_path, const std::string& err_path) {
  std::vector<std::string> storage = argv_in;
  std::vector<char*> argv;
  for (auto& s : storage)
    argv.push_back(s.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}
}  // namespace

CommandResult run_program(const std::vector<std::string>& argv) {
  TempDir capture;
  const std::string out_path = capture.path() + "/out";
  const std::string err_path = capture.path() + "/err";
  const pid_t pid = spawn_program(argv, out_path, err_path);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_text(out_path);
  result.err = read_text(err_path);
  return result;
}

CommandResult run_gvsim(const std::vector<std::string>& args) {
  std::vector<std::string> argv{GVSIM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv);
}

std::vector<std::string> with_sets(std::vector<std::string> args, const std::vector<std::string>& sets) {
  for (const auto& s : sets)
    args.insert(args.end(), {"--set", s});
  return args;
}

int spawn_gvsim(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path) {
  std::vector<std::string> argv{GVSIM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn_program(argv, out_path, err_path);
}

std::string write_tiny_experiment(const TempDir& dir, const std::string& extra) {
  const std::string base =
      "name: tiny_study\n"
      "seed: 7\n"
      "scale: 200\n"
      "horizon_days: 0.2\n"
      "warmup_days: 0.05\n"
      "platform:\n"
      "  regions_dir: " +
      source_dir() +
      "/regions\n"
      "  regions: [north_america, europe]\n"
      "workload:\n"
      "  clip_classes:\n"
      "    std: {gpu_seconds: 300, gpu_seconds_cv: 0.3}\n"
      "  synthetic:\n"
      "    - region: north_america\n"
      "      arrivals: {process: poisson, rate_per_hour: 40}\n"
      "      service: {distribution: clip_mix, mix: {std: 1.0}}\n"
      "    - region: europe\n"
      "      arrivals: {process: poisson, rate_per_hour: 60}\n"
      "      service: {distribution: clip_mix, mix: {std: 1.0}}\n"
      "policies: {placement: {name: nearest}, scheduling: {name: fifo}}\n";
  return dir.write("study.yaml", base + extra);
}

void write_catalogs(const TempDir& dir, const std::string& links) {
  dir.write("regions/gpus.yaml", "gpus:\n  h100_sxm: {relative_speed: 1.0}\n");
  dir.write("regions/wan.yaml", "links: " + links + "\n");
}

int start_gvsim(const std::vector<std::string>& args) {
  return spawn_gvsim(args, "/dev/null", "/dev/null");
}

int wait_for_exit(int pid, double limit_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit_s);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return status;
    ::usleep(10 * 1000);
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

ScopedEnv::ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
  ::setenv(name_.c_str(), value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() {
  ::unsetenv(name_.c_str());
}

namespace {
/// Calls `attempt` every 10 ms until it returns true; throws when child `pid` has ended or after 300 s.
void poll_child(int pid, const std::string& what, const std::function<bool()>& attempt) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(300);
  while (!attempt()) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) throw std::runtime_error("the child ended before " + what);
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("gave up waiting for " + what);
    ::usleep(10 * 1000);
  }
}
}  // namespace

int wait_for_pause(const std::string& fifo, int pid) {
  // Non-blocking, so that a child that dies before its pause point cannot hang the test.
  const int fd = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + fifo);
  std::string text;
  try {
    poll_child(pid, "its pause point", [&] {
      char buffer[64];
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n > 0) text.append(buffer, static_cast<std::size_t>(n));
      return text.find('\n') != std::string::npos;
    });
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return std::stoi(text);
}

void resume_paused(const std::string& fifo, int pid) {
  int fd = -1;
  poll_child(pid, "it waited to resume", [&] {
    fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);  // fails (ENXIO) until the child reads
    return fd >= 0;
  });
  ::close(fd);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string generated_section(const std::string& path, const std::string& name) {
  const std::string text = read_text(path);
  const std::string begin_marker = "<!-- " + name + ":begin -->\n";
  const auto begin = text.find(begin_marker);
  const auto end = text.find("<!-- " + name + ":end -->");
  if (begin == std::string::npos || end == std::string::npos || end < begin) return "";
  return text.substr(begin + begin_marker.size(), end - begin - begin_marker.size());
}

std::vector<std::map<std::string, std::string>> read_csv(const std::string& path) {
  std::istringstream in(read_text(path));
  std::string line;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  auto split = [](const std::string& s) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream stream(s);
    while (std::getline(stream, cell, ','))
      cells.push_back(cell);
    if (!s.empty() && s.back() == ',') cells.emplace_back();
    return cells;
  };
  if (std::getline(in, line)) header = split(line);
  while (std::getline(in, line)) {
    const auto cells = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i)
      row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

double erlang_c_probability(double offered_load, int servers) {
  // Stable recursion on the Erlang B formula, then C = B / (1 - rho (1 - B)).
  double b = 1.0;
  for (int k = 1; k <= servers; ++k)
    b = offered_load * b / (k + offered_load * b);
  const double rho = offered_load / servers;
  return b / (1.0 - rho * (1.0 - b));
}

double erlang_c_mean_wait(double lambda, double mu, int servers) {
  const double c = static_cast<double>(servers);
  return erlang_c_probability(lambda / mu, servers) / (c * mu - lambda);
}

}  // namespace gvsim::test
