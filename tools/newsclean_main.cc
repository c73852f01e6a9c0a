// newsclean: cleans and de-duplicates scraped news text. Dispatch only: each
// subcommand lives in its own <name>_command.cc.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <new>

#include "newsclean/version.h"
#include "src/io/temp_files.h"
#include "tools/check_command.h"
#include "tools/clean_command.h"
#include "tools/cli_util.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{
      "newsclean: cleans and de-duplicates web-scraped news text (Chinese, simplified and "
      "traditional).\nExit status: 0 success, 1 check found problems over its thresholds, "
      "2 usage, input or I/O error."};
  app.set_version_flag("--version", "newsclean " NEWSCLEAN_VERSION);
  app.require_subcommand(1);
  newsclean::CleanArgs clean_args;
  CLI::App* clean = newsclean::AddCleanCommand(&app, &clean_args);
  newsclean::PipelineFlags dedup_flags;
  CLI::App* dedup = newsclean::AddDedupCommand(&app, &dedup_flags);
  newsclean::CheckArgs check_args;
  CLI::App* check = newsclean::AddCheckCommand(&app, &check_args);
  newsclean::ExplainArgs explain_args;
  CLI::App* explain = newsclean::AddExplainCommand(&app, &explain_args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? newsclean::kExitOk : newsclean::kExitError;
  }
  if (clean->parsed()) return newsclean::RunCleanCommand(std::move(clean_args));
  if (dedup->parsed()) return newsclean::RunDedupCommand(std::move(dedup_flags));
  if (check->parsed()) return newsclean::RunCheckCommand(std::move(check_args));
  if (explain->parsed()) return newsclean::RunExplainCommand(explain_args);
  return newsclean::kExitError;
}

}  // namespace

// No exception leaves main: anything unexpected (out of memory, a library's
// exception) removes the temporary outputs and exits 2 with a message.
int main(int argc, char** argv) {
  newsclean::RemoveTemporariesOnSignals();
  try {
    return Run(argc, argv);
  } catch (const std::bad_alloc&) {
    newsclean::RemoveTemporaries();
    std::fputs("newsclean: out of memory\n", stderr);
  } catch (const std::exception& e) {
    newsclean::RemoveTemporaries();
    std::fprintf(stderr, "newsclean: internal error: %s\n", e.what());
  } catch (...) {
    newsclean::RemoveTemporaries();
    std::fputs("newsclean: internal error\n", stderr);
  }
  return newsclean::kExitError;
}
