// Api::pool_for: which of the server's pools runs a request. Exports and imports run on their
// own (a few at once never hold every worker), password hashing on its own, the rest together.
#include <doctest/doctest.h>

#include "api/api.hpp"

using namespace certhours;
using api::Api;
using api::Pool;

TEST_CASE("exports and imports run on the file pool, logins on theirs, the rest on the workers") {
  CHECK(Api::pool_for("GET", "/api/v1/compliance/export?year=2025&format=xlsx") == Pool::files);
  CHECK(Api::pool_for("GET", "/api/v1/attendance/export?unit_id=1") == Pool::files);
  CHECK(Api::pool_for("GET", "/api/v1/officers/export") == Pool::files);  // not an officer's id
  CHECK(Api::pool_for("GET", "/api/v1/rotation/export?campaign_id=1&format=csv") == Pool::files);
  CHECK(Api::pool_for("POST", "/api/v1/imports/attendance") == Pool::files);
  CHECK(Api::pool_for("POST", "/api/v1/imports/officers?dry_run=true") == Pool::files);
  CHECK(Api::pool_for("POST", "/api/v1/imports/exam-results") == Pool::files);

  CHECK(Api::pool_for("POST", "/api/v1/session") == Pool::logins);
  CHECK(Api::pool_for("PUT", "/api/v1/me/password") == Pool::logins);
  CHECK(Api::pool_for("DELETE", "/api/v1/session") == Pool::requests);  // a logout hashes nothing

  CHECK(Api::pool_for("GET", "/api/v1/officers/7/hours?year=2025") == Pool::requests);
  CHECK(Api::pool_for("GET", "/api/v1/compliance?year=2025&limit=50") == Pool::requests);
  CHECK(Api::pool_for("GET", "/api/v1/imports/attendance/template?format=xlsx") == Pool::requests);
  CHECK(Api::pool_for("GET", "/api/v1/imports/attendance") == Pool::requests);  // no such GET: a 405, quickly
  CHECK(Api::pool_for("GET", "/#/certs") == Pool::requests);
  CHECK(Api::pool_for("GET", "not a target") == Pool::requests);
}

TEST_CASE("every download of a unit's sheet and every import is on the file pool") {
  int files = 0;
  for (const api::RouteInfo& r : Api::routes()) {
    bool whole_file = r.pattern.ends_with("/export") || (r.method == "POST" && r.pattern.starts_with("/api/v1/imports/"));
    CAPTURE(r.method);
    CAPTURE(r.pattern);
    CHECK((Api::pool_for(r.method, r.pattern) == Pool::files) == whole_file);
    files += whole_file;
  }
  CHECK(files == 9);
}
