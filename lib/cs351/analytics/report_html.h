#pragma once
// The report as one self-contained HTML page: inline CSS, SVG and a little
// JS, no network requests. Every name from outside is HTML-escaped.

#include <string>

#include "cs351/analytics/cluster_report.h"

namespace cs351::analytics {

// `title` heads the page ("CS351-S26 · hw1"). The factor selector's choice
// lives in the URL hash (#factor=night_frac; #factor=all for ‖z‖).
std::string report_html(const ClusterReport& report, const std::string& title);

}  // namespace cs351::analytics
