#pragma once
// The config key of the course commands use by default ("course.default"), declared once.

#include <span>
#include <string>

#include "cs351/core/setting.h"

namespace cs351::roster {

inline constexpr SettingSpec k_settings[] = {
    {.key = "course.default",
     .help = "Course code commands use when given none (env CS351_COURSE beats it; set it with "
             "`cs351 course use CODE`)."},
};

constexpr std::span<const SettingSpec> settings() {
  return k_settings;
}

namespace keys {
inline constexpr auto default_course = key_of<std::string>(k_settings, "course.default");
}  // namespace keys

}  // namespace cs351::roster
