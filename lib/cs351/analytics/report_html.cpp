#include "cs351/analytics/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cs351/analytics/report_json.h"

namespace cs351::analytics {
namespace {

constexpr double k_width = 720, k_height = 460, k_margin = 48;
constexpr const char* k_palette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                     "#56b4e9", "#d55e00", "#f0e442", "#000000"};

const char* colour(int cluster) {
  return k_palette[(cluster - 1) % 8];
}

// Dot radius for a size value (|z| or ‖z‖): the same formula as the page's script.
double radius(double v) {
  return 3.0 + 3.0 * std::min(v, 4.0);
}

double norm(const std::vector<double>& z) {
  double s = 0.0;
  for (double v : z) s += v * v;
  return std::sqrt(s);
}

std::string fixed(const std::optional<double>& v, int digits = 2) {
  return v ? fmt::format("{:.{}f}", *v, digits) : std::string("–");
}

// JSON for a <script> block: "<", ">" and "&" escaped so no string can close the element.
std::string script_json(const nlohmann::json& value) {
  const std::string text = value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  std::string out;
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

struct Scale {
  double lo_x, hi_x, lo_y, hi_y;
  double x(double v) const {
    return k_margin + (v - lo_x) / (hi_x - lo_x) * (k_width - 2 * k_margin);
  }
  double y(double v) const {
    return k_height - k_margin - (v - lo_y) / (hi_y - lo_y) * (k_height - 2 * k_margin);
  }
};

Scale scale_of(const ClusterReport& r) {
  Scale s{0, 0, 0, 0};
  for (std::size_t i = 0; i < r.students.size(); ++i) {
    const auto& p = r.students[i];
    if (i == 0) s = {p.x, p.x, p.y, p.y};
    s.lo_x = std::min(s.lo_x, p.x), s.hi_x = std::max(s.hi_x, p.x);
    s.lo_y = std::min(s.lo_y, p.y), s.hi_y = std::max(s.hi_y, p.y);
  }
  if (s.hi_x - s.lo_x < 1e-12) s.lo_x -= 1, s.hi_x += 1;
  if (s.hi_y - s.lo_y < 1e-12) s.lo_y -= 1, s.hi_y += 1;
  return s;
}

std::string tooltip(const ClusterReport& r, const StudentResult& s) {
  std::string text = (s.name.empty() ? s.id : s.name + " <" + s.id + ">") +
                     fmt::format(" \u2014 cluster {}", s.cluster);
  for (std::size_t j = 0; j < r.table_features.size(); ++j)
    text += "\n" + r.table_features[j] + ": " + fixed(s.values[j]);
  return text;
}

std::string scatter(const ClusterReport& r) {
  const Scale sc = scale_of(r);
  std::string svg = fmt::format(
      R"~(<svg id="scatter" viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="img" aria-label="students on two axes">)~",
      k_width, k_height);
  svg += fmt::format(R"~(<rect x="{0}" y="{0}" width="{1}" height="{2}" class="frame"/>)~",
                     k_margin - 10, k_width - 2 * k_margin + 20, k_height - 2 * k_margin + 20);
  svg += fmt::format(R"~(<text x="{}" y="{}" class="axis" text-anchor="middle">{}</text>)~",
                     k_width / 2, k_height - 12, html_escape(r.x_label));
  svg += fmt::format(
      R"~(<text x="14" y="{}" class="axis" text-anchor="middle" transform="rotate(-90 14 {})">{}</text>)~",
      k_height / 2, k_height / 2, html_escape(r.y_label));
  for (std::size_t i = 0; i < r.students.size(); ++i) {
    const auto& s = r.students[i];
    svg += fmt::format(
        R"~(<circle class="dot" data-i="{}" data-cluster="{}" cx="{:.1f}" cy="{:.1f}" r="{:.2f}" fill="{}"><title>{}</title></circle>)~",
        i, s.cluster, sc.x(s.x), sc.y(s.y), radius(norm(s.z)), colour(s.cluster),
        html_escape(tooltip(r, s)));
  }
  return svg + "</svg>";
}

std::string legend(const ClusterReport& r) {
  std::string html = R"~(<ul class="legend">)~";
  for (const auto& c : r.clusters) {
    html += fmt::format(
        R"~(<li><span class="swatch" style="background:{}"></span>Cluster {} ({} students): {})~",
        colour(c.cluster), c.cluster, c.size, html_escape(c.label));
    if (c.success_rate) html += fmt::format(", {:.0f}% success", 100.0 * *c.success_rate);
    if (c.median_attempts) html += fmt::format(", median {:g} attempts", *c.median_attempts);
    html += "</li>";
  }
  return html + "</ul>";
}

std::string selector(const ClusterReport& r) {
  std::string html =
      R"~(<label>Dot size: <select id="factor"><option value="all">all factors (‖z‖)</option>)~";
  for (const auto& f : r.features)
    html += fmt::format(R"~(<option value="{0}">{0} (|z|)</option>)~", html_escape(f));
  return html + "</select></label>";
}

std::string profile_table(const ClusterReport& r) {
  std::string html =
      "<table><thead><tr><th>cluster</th><th>size</th><th>profile</th><th>success</th><th>median "
      "attempts</th>";
  for (const auto& f : r.table_features) html += "<th>" + html_escape(f) + "</th>";
  html += "</tr></thead><tbody>";
  for (const auto& c : r.clusters) {
    html += fmt::format(
        R"~(<tr><td><span class="swatch" style="background:{}"></span>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>)~",
        colour(c.cluster), c.cluster, c.size, html_escape(c.label),
        c.success_rate ? fmt::format("{:.0f}%", 100.0 * *c.success_rate) : "–",
        fixed(c.median_attempts, 1));
    for (const auto& m : c.means) html += "<td>" + fixed(m) + "</td>";
    html += "</tr>";
  }
  return "<div class=\"wide\">" + html + "</tbody></table></div>";
}

std::string outlier_table(const ClusterReport& r) {
  if (r.excluded.empty()) return "<p>Nobody was left out.</p>";
  std::string html = "<table><thead><tr><th>who</th><th>why left out</th></tr></thead><tbody>";
  for (const auto& e : r.excluded) {
    html += "<tr><td>" + html_escape(e.name.empty() ? e.id : e.name + " <" + e.id + ">") +
            "</td><td>" + html_escape(e.reason) + "</td></tr>";
  }
  return html + "</tbody></table>";
}

std::string correlation_table(const ClusterReport& r) {
  if (r.correlations.empty()) return "";
  std::string html =
      "<h2>Does it go with a better score?</h2><p>Spearman rank correlation of each feature with "
      "the best score.</p>"
      "<table><thead><tr><th>feature</th><th>rho</th><th>students</th></tr></thead><tbody>";
  for (const auto& c : r.correlations) {
    html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", html_escape(c.feature),
                        fixed(c.rho), c.n);
  }
  return html + "</tbody></table>";
}

std::string parameters(const ClusterReport& r) {
  std::string text =
      fmt::format("{} · k = {}{} · {} {:.4f} · silhouette {:.3f} · seed {} · n_init {} · {}",
                  algorithm_name(r.algorithm), r.k, r.k_auto ? " (auto)" : "",
                  r.algorithm == Algorithm::kmeans ? "inertia" : "objective", r.objective,
                  r.silhouette, r.seed, r.n_init, r.standardized ? "z-scored" : "raw values");
  if (r.k_auto) {
    text += " · silhouette by k:";
    for (const auto& s : r.k_scores) text += fmt::format(" {}={:.3f}", s.k, s.silhouette);
  }
  return html_escape(text);
}

nlohmann::json page_data(const ClusterReport& r) {
  nlohmann::json z = nlohmann::json::array();
  for (const auto& s : r.students) z.push_back(s.z);
  return {{"features", r.features}, {"z", z}};
}

constexpr const char* k_style = R"~(
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
.wide{overflow-x:auto}table{border-collapse:collapse;margin:8px 0;font-size:13px}td:nth-child(3){min-width:14em}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}
td:nth-child(-n+3),th:nth-child(-n+3){text-align:left}
.swatch{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px}
.legend{list-style:none;padding:0}.frame{fill:none;stroke:#ccc}.axis{font-size:12px;fill:#555}
.dot{fill-opacity:.75;stroke:#fff;stroke-width:.5}.dot:hover{stroke:#000;stroke-width:1.5}
#tip{position:fixed;display:none;background:#fff;border:1px solid #999;padding:4px 6px;white-space:pre;font-size:12px;pointer-events:none}
@media print{#controls,#tip{display:none}body{margin:0}}
)~";

constexpr const char* k_script = R"~(
(function(){
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var select = document.getElementById('factor');
  var dots = document.querySelectorAll('circle.dot');
  function radius(v){ return 3 + 3 * Math.min(v, 4); }
  function size(i, factor){
    var z = data.z[i], j = data.features.indexOf(factor);
    if (j >= 0) return Math.abs(z[j]);
    var s = 0; for (var k = 0; k < z.length; k++) s += z[k] * z[k];
    return Math.sqrt(s);
  }
  function factorFromHash(){
    var m = /(?:^#|&)factor=([^&]*)/.exec(location.hash);
    var f = m ? decodeURIComponent(m[1]) : 'all';
    return data.features.indexOf(f) >= 0 ? f : 'all';
  }
  function apply(){
    var f = factorFromHash();
    select.value = f;
    for (var i = 0; i < dots.length; i++) dots[i].setAttribute('r', radius(size(+dots[i].dataset.i, f)).toFixed(2));
    document.body.setAttribute('data-factor', f);
  }
  select.addEventListener('change', function(){ location.hash = 'factor=' + encodeURIComponent(select.value); });
  window.addEventListener('hashchange', apply);
  var tip = document.getElementById('tip');
  for (var i = 0; i < dots.length; i++) {
    dots[i].addEventListener('mousemove', function(e){
      tip.textContent = this.querySelector('title').textContent;
      tip.style.left = (e.clientX + 12) + 'px'; tip.style.top = (e.clientY + 12) + 'px'; tip.style.display = 'block';
    });
    dots[i].addEventListener('mouseleave', function(){ tip.style.display = 'none'; });
  }
  apply();
  document.body.setAttribute('data-ready', '1');
})();
)~";

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string report_html(const ClusterReport& r, const std::string& title) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  html +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; script-src 'unsafe-inline'\">";
  html += "<title>" + html_escape(title) + "</title><style>" + k_style + "</style></head><body>";
  html += "<h1>" + html_escape(title) + "</h1><p class=\"params\">" + parameters(r) + "</p>";
  html += "<div id=\"controls\">" + selector(r) + "</div>";
  html += scatter(r) + legend(r);
  html += "<h2>Cluster profiles</h2><p>Means in each feature's own units.</p>" + profile_table(r);
  html += correlation_table(r);
  html += "<h2>Left out</h2>" + outlier_table(r);
  html += "<div id=\"tip\"></div><script type=\"application/json\" id=\"report-data\">" +
          script_json(page_data(r)) + "</script>";
  html += std::string("<script>") + k_script + "</script></body></html>\n";
  return html;
}

}  // namespace cs351::analytics
