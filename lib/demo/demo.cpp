// The demo database (see demo.hpp), built step by step from the seed tables: the unit tree,
// the officers, the trainings with their attendance, the certificates, the annual grades,
// the qualification exams and certificate applications, and the logins. Generators with fixed
// seeds, so the same seeds and the same `today` give the same database everywhere; the
// certificates and grades have their own, and the exams theirs, so that what was there stays as
// it was when each was added.
#include <chrono>
#include <sstream>
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

std::string timing(std::chrono::steady_clock::time_point t0) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::ostringstream s;
  s << (ms / 1000) << "." << (ms % 1000) / 100 << "s";
  return s.str();
}

}  // namespace

void build(store::Store& store, const std::string& seeds_dir, Date today,
           const std::function<std::string(const std::string&)>& hash_password, std::ostream& log) {
  auto t0 = std::chrono::steady_clock::now();
  // Every seed is read and checked before anything is written.
  const Seeds seeds = read_seeds(seeds_dir);
  if (!store.units.tree()->all().empty()) throw std::runtime_error("demo: the database already holds units");
  World w(store, seeds, today, log);

  create_units(w);
  plan_sessions(w);  // draws nothing
  Rng rng(kSeed);
  create_officers(w, rng);
  find_demo_officer(w);
  plan_attendance(w, rng);
  write_sessions(w);

  Rng crng(kSeed + 1);
  plan_certificates(w, crng);
  issue_certificates(w, crng);
  grade_years(w, crng);
  Rng qrng(kSeed + 2);
  qualify(w, qrng);
  Rng xrng(kSeed + 3);
  claim_and_exempt(w, xrng);
  create_users(w, hash_password);

  log << "units: " << seeds.units.units.size() << ", officers: " << w.officers.size()
      << ", trainings: " << w.sessions.size() << ", attendance: " << w.attendance
      << ", certificates: " << w.certificates << ", assessments: " << w.assessments
      << ", users: " << seeds.logins.size() << " (" << timing(t0) << ")\n";
}

}  // namespace certhours::demo
