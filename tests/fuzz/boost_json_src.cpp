// Boost.JSON compiled into the fuzz targets (header-only mode) rather than linked from
// libboost_json: its parser then carries coverage instrumentation, so libFuzzer sees which
// bytes make a valid JSON object and gets past the parser to the field rules.
#include <boost/json/src.hpp>
