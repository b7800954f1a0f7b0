#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <ostream>

#include "cli/commands.h"
#include "cli/naming.h"
#include "cli/option_checks.h"
#include "cli/output.h"
#include "cs351/analytics/features.h"
#include "cs351/analytics/report_html.h"
#include "cs351/analytics/report_json.h"
#include "cs351/analytics/report_source.h"
#include "cs351/analytics/settings.h"
#include "cs351/autograde/queue_backend.h"
#include "cs351/core/duration.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/write_error.h"

namespace cs351::cli {
namespace {

struct ReportFlags {
  analytics::ReportSource source;
  std::string algorithm = "kmeans", k = "3", k_range = "2..8", features, output, x, y;
  analytics::ClusterRequest request;
  bool no_standardize = false;
};

std::size_t parse_count(const std::string& text, const char* what) {
  std::size_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    throw usage_error(fmt::format("{}: '{}' is not a whole number", what, text));
  }
  return v;
}

// "2..8" -> (2, 8).
std::pair<std::size_t, std::size_t> parse_range(const std::string& text) {
  const auto dots = text.find("..");
  if (dots == std::string::npos)
    throw usage_error(fmt::format("--k-range: '{}' is not a range like 2..8", text));
  return {parse_count(text.substr(0, dots), "--k-range"),
          parse_count(text.substr(dots + 2), "--k-range")};
}

void add_source_options(CLI::App* cmd, ReportFlags& o) {
  add_course_option(cmd, o.source.course.course);
  cmd->add_option("--assignment", o.source.course.assignment, k_assignment_help);
  cmd->add_option("--max-points", o.source.course.max_points,
                  "points for a full score, when the assignment has none (Gradescope's "
                  "total_points or `assignments add --max-points`)")
      ->check(above_zero());
  cmd->add_flag("--anonymize", o.source.anonymize,
                "replace emails and names with stable pseudonyms");
  cmd->add_flag("--with-usage", o.source.course.with_usage,
                "add agent features (tool calls per attempt, Bash/Edit/Read shares, sessions, "
                "plans, cost) from `usage import`, for the assignment's days");
}

// Flags that only make sense together.
void check_flags(const ReportFlags& o) {
  const auto& c = o.source.course;
  if (o.source.features_file.empty() && c.assignment.empty())
    throw usage_error("give --assignment (and --course, or a default course), or --features-file");
  if (o.x.empty() != o.y.empty()) throw usage_error("--x and --y go together");
}

// The course and assignment as the store names them.
void resolve_source(ReportFlags& o, Context& ctx) {
  auto& c = o.source.course;
  if (!o.source.features_file.empty()) return;
  const auto course = chosen_course(ctx, c.course);
  c.course = course.code;
  if (const auto a = find_assignment(ctx, &course, c.assignment)) {
    c.assignment = a->name();
    c.autograde_name = a->config_name;
  }
}

// Applies the config (session gap, outlier limit) and the string-typed flags to the request.
void finish_request(ReportFlags& o, Context& ctx) {
  check_flags(o);
  resolve_source(o, ctx);
  const auto& config = ctx.config();
  const auto settings = analytics::load_settings(config);
  o.source.course.session_gap = settings.session_gap;
  o.request.outlier_z = settings.outlier_z;
  o.request.cluster.algorithm = analytics::parse_algorithm(o.algorithm);
  o.request.k_auto = o.k == "auto";
  if (!o.request.k_auto) o.request.cluster.k = parse_count(o.k, "--k");
  std::tie(o.request.k_min, o.request.k_max) = parse_range(o.k_range);
  if (!o.features.empty()) {
    for (const auto& f : split(o.features, ',')) o.request.features.emplace_back(trim(f));
  }
  o.request.standardize = !o.no_standardize;
  if (!o.x.empty()) o.request.x_axis = o.x;
  if (!o.y.empty()) o.request.y_axis = o.y;
}

// The library says whose max points are missing; giving them is this command's flag.
template <class Load>
auto naming_max_points(Load&& load) {
  try {
    return load();
  } catch (const analytics::NoMaxPoints& e) {
    throw data_error(fmt::format("{}; give them with --max-points", e.what()));
  }
}

// The store and the autograde queue, opened only when the report reads a course.
analytics::StoreOpener store_of(Context& ctx) {
  auto queue = std::make_shared<std::unique_ptr<autograde::Queue>>();
  return [&ctx, queue]() -> analytics::ReportStore {
    if (!*queue) *queue = autograde::open_queue(ctx.config(), ctx.store());
    return {ctx.store().db(), **queue};
  };
}

std::string title_of(const ReportFlags& o) {
  if (!o.source.features_file.empty()) return "Clusters of " + o.source.features_file;
  return o.source.course.course + " \u00b7 " + o.source.course.assignment;
}

void print_summary(const Context& ctx, const analytics::ClusterReport& r) {
  ctx.info(fmt::format("{} k={}: {} {:.6g}, silhouette {:.3f}, {} clustered, {} left out",
                       analytics::algorithm_name(r.algorithm), r.k,
                       r.algorithm == analytics::Algorithm::kmeans ? "inertia" : "objective",
                       r.objective, r.silhouette, r.students.size(), r.excluded.size()));
  if (r.k_auto) {
    std::string scores;
    for (const auto& s : r.k_scores) scores += fmt::format(" k={}: {:.3f}", s.k, s.silhouette);
    ctx.info("  silhouette by k:" + scores);
  }
  for (const auto& c : r.clusters)
    ctx.info(fmt::format("  cluster {} ({}): {}", c.cluster, c.size, c.label));
}

void write_report(Context& ctx, const ReportFlags& o, const analytics::ClusterReport& r) {
  std::string format;
  // `-o hw1.html` without --format: the extension says which.
  const auto dot = o.output.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : to_lower_ascii(o.output.substr(dot + 1));
  if (ctx.options.format.empty() && (ext == "html" || ext == "json" || ext == "csv")) {
    format = ext;
  } else {
    format = ctx.format();
  }
  std::ofstream file;
  if (!o.output.empty() && o.output != "-") {
    file.open(o.output, std::ios::binary | std::ios::trunc);
    if (!file) throw cannot_write(o.output);
  }
  std::ostream& out = file.is_open() ? file : ctx.out();
  if (format == "html") {
    out << analytics::report_html(r, title_of(o));
  } else if (format == "json") {
    out << json_text(analytics::report_json(r)) << '\n';
  } else {
    const auto flat = analytics::report_rows(r);
    auto options = ctx.output();
    options.format = format;
    if (file.is_open()) options.width = 0;  // a file is not the terminal
    write_listing(out, Listing{flat.columns, flat.rows}, options);
  }
  if (file.is_open() && !file.flush()) throw cannot_write(o.output);
}

// Rows are students (email) or a features file's ids; features are plain numbers.
ColumnRoles report_roles() {
  return {column::key("email"), column::key("id"), column::key("name"),
          column::text("cluster_label"), column::text("excluded")};
}

void add_features(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("features", "Per-student behaviour features for one assignment");
  auto o = std::make_shared<ReportFlags>();
  add_source_options(cmd, *o);
  cmd->footer(
      "Example:\n  cs351 report features --course CS351-S26 --assignment hw1 --format csv > "
      "hw1-features.csv\n\n"
      "Features are defined in docs/reports.md. Staff, dropped students and people not on the\n"
      "roster are listed last with the reason in the `excluded` column.");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd, report_roles());
  ctx.on_run(cmd, [&ctx, o] {
    finish_request(*o, ctx);
    const auto table =
        naming_max_points([&] { return analytics::load_report_table(o->source, store_of(ctx)); });
    const auto flat = analytics::feature_rows(table);
    write_listing(ctx.out(), Listing{flat.columns, flat.rows}, ctx.output());
  });
}

void add_clusters(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "clusters", "Cluster students by behaviour (k-means or k-medians) and profile the clusters");
  auto o = std::make_shared<ReportFlags>();
  add_source_options(cmd, *o);
  cmd->add_option("--features-file", o->source.features_file,
                  "cluster any CSV instead: first column id, the rest numeric");
  cmd->add_option("--algorithm", o->algorithm, "kmeans (default) or kmedians");
  cmd->add_option("--k", o->k, "number of clusters, or auto (best silhouette over --k-range)");
  cmd->add_option("--k-range", o->k_range, "range tried by --k auto (default 2..8)");
  cmd->add_option("--seed", o->request.cluster.seed, "random seed (same seed, same output)");
  cmd->add_option("--n-init", o->request.cluster.n_init,
                  "seeded restarts; the best is kept (default 10)")
      ->check(at_least(1));
  cmd->add_option("--features", o->features,
                  "comma-separated features to cluster on (default: see docs)");
  cmd->add_flag("--keep-outliers", o->request.keep_outliers,
                "keep students with |z| > 3 on some feature");
  cmd->add_flag("--no-standardize", o->no_standardize, "cluster raw values instead of z-scores");
  cmd->add_option("--x", o->x, "scatter x axis feature (default: principal component 1)");
  cmd->add_option("--y", o->y, "scatter y axis feature (default: principal component 2)");
  cmd->add_option("-o,--output", o->output, "write the report to FILE instead of stdout");
  cmd->footer(
      "Examples:\n  cs351 report clusters --course CS351-S26 --assignment hw1 --k auto --format "
      "html -o hw1.html\n"
      "  cs351 report clusters --course CS351-S26 --assignment hw1 --algorithm kmedians --k 3 "
      "--format json\n"
      "  cs351 report clusters --features-file data.csv --no-standardize --k 3 --format csv\n\n"
      "Formats: csv (one row per student), json (the whole report), html (self-contained page), "
      "table.");
  ctx.formats(cmd, {{"table", "csv", "json", "html"}});
  ctx.column_roles(cmd, report_roles());
  ctx.on_run(cmd, [&ctx, o] {
    finish_request(*o, ctx);
    const auto report = naming_max_points(
        [&] { return analytics::run_cluster_report(o->source, o->request, store_of(ctx)); });
    print_summary(ctx, report);
    write_report(ctx, *o, report);
  });
}

}  // namespace

void add_report_verbs(CLI::App& grp, Context& ctx) {
  add_features(grp, ctx);
  add_clusters(grp, ctx);
}

}  // namespace cs351::cli
