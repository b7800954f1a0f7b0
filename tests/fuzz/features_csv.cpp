// A features file given to `report clusters --features`: analytics::read_feature_table_csv.
#include "cs351/analytics/feature_table.h"
#include "fuzz_common.h"

CS351_FUZZ_TARGET(cs351::analytics::read_feature_table_csv(input, "features.csv"))
