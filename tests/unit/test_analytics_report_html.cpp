#include <doctest/doctest.h>

#include "cs351/analytics/feature_table.h"
#include "cs351/analytics/report_html.h"

using namespace cs351::analytics;

TEST_SUITE_BEGIN("analytics/report_html");

TEST_CASE("html_escape covers the five characters") {
  CHECK(html_escape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("names, feature names and titles from outside never appear as markup") {
  const auto table = read_feature_table_csv(
      "id,<b>f</b>,g\n</script><script>alert(1)</script>,1,2\nb,2,3\nc,8,9\nd,9,8\n", "t.csv");
  ClusterRequest req;
  req.cluster.k = 2;
  const auto html = report_html(build_cluster_report(table, req), "<title>");
  CHECK(html.find("<b>f</b>") == std::string::npos);
  CHECK(html.find("alert(1)</script>") == std::string::npos);
  CHECK(html.find("&lt;/script&gt;&lt;script&gt;alert(1)") != std::string::npos);
  CHECK(html.find("<title>&lt;title&gt;</title>") != std::string::npos);
  // The embedded JSON cannot close its <script> element either.
  CHECK(html.find("\\u003cb\\u003ef") != std::string::npos);
}

TEST_CASE("one dot per student, no network references") {
  const auto table = read_feature_table_csv("id,a,b\nw,1,2\nx,2,3\ny,8,9\nz,9,8\n", "t.csv");
  ClusterRequest req;
  req.cluster.k = 2;
  const auto html = report_html(build_cluster_report(table, req), "t");
  std::size_t dots = 0;
  for (auto at = html.find("<circle class=\"dot\""); at != std::string::npos;
       at = html.find("<circle class=\"dot\"", at + 1))
    ++dots;
  CHECK(dots == 4);
  CHECK(html.find("http:") == std::string::npos);
  CHECK(html.find("https:") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
}

TEST_SUITE_END();
