// The store: everything certhours remembers, behind typed use cases.
//
// Every write method runs as one transaction on the writer thread and appends its audit
// entry inside that transaction; a method that returns a non-ok Status wrote nothing.
// Read methods see a consistent snapshot. All methods are thread safe. I/O failures
// (disk full, corrupt file) throw std::runtime_error / SQLite::Exception.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/certificate.hpp"
#include "domain/officer.hpp"
#include "domain/requirement.hpp"
#include "domain/status.hpp"
#include "domain/training.hpp"
#include "domain/unit_tree.hpp"

namespace certhours::store {

class Database;

// Who performs a write, as the audit log names them. user_id is empty for the command line.
struct Actor {
  std::optional<Id> user_id;
  std::string username;
};

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

struct NewUnit {
  std::string code, name;
  std::optional<Id> parent_id;
  UnitLevel level = UnitLevel::city;
};

struct NewUser {
  std::string username;
  std::string password_hash;  // libsodium crypto_pwhash_str output
  Role role = Role::officer;
  std::optional<Id> unit_id, officer_id;
  bool must_change_password = false;  // POST /users with must_change_password: true
};

struct Credentials {
  User user;
  std::string password_hash;
  bool disabled = false;
  bool officer_left = false;  // an officer user whose officer has left post
};

// A user as the administrator manages it (GET /users).
struct UserRecord {
  User user;
  bool disabled = false;
  std::optional<std::string> last_login_at;  // RFC 3339 UTC
};

// A live session: its user (enabled, officer on post), when it ends, when it was last used.
struct SessionRecord {
  User user;
  std::string created_at, expires_at;
  std::optional<std::string> last_seen_at;
};

// PATCH /officers/{id}: only the fields present change.
struct OfficerPatch {
  std::optional<std::string> name;
  std::optional<Id> unit_id;
  std::optional<std::optional<Date>> post_end;  // set, or clear with nullopt inside
  std::optional<OfficerStatus> status;
};

struct OfficerQuery {
  std::optional<Id> unit_id;  // with its subtree
  std::string q;              // a part of the name, or a whole ID number
  std::optional<OfficerStatus> status;
  int limit = 100, offset = 0;
};

struct TrainingQuery {
  std::optional<int> year;
  std::optional<Id> unit_id;  // organised by this unit or one below it
  int limit = 100, offset = 0;
};

struct Attendee {
  Id officer_id = 0;
  std::string name;
  Id unit_id = 0;
  CategoryHours hours;
};

struct AttendanceRecord {
  Id officer_id = 0;
  PartialCredit credit;
};

struct AttendanceOutcome {
  struct Item {
    Id officer_id = 0;
    CategoryHours hours;
    bool added = false;  // false: already recorded, nothing changed
  };
  int added = 0, already_recorded = 0;
  std::vector<Item> items;
};

// One session credited to one officer.
struct Credit {
  Id training_id = 0;
  std::string title;
  Date start_date, end_date;
  CategoryHours hours;
};

// One officer on the annual compliance sheet, with the year's hours summed.
struct ComplianceRow {
  Id officer_id = 0;
  std::string name;
  std::string id_number;
  Id unit_id = 0;
  OfficerKind kind = OfficerKind::enforcement;
  OfficerStatus status = OfficerStatus::active;
  PostPeriod post;
  CategoryHours earned;
};

struct AuditEntry {
  Id id = 0;
  std::string at, actor, action, entity;
  std::optional<Id> entity_id;
  std::string before, after;  // JSON text, empty when none
};

class Store {
 public:
  // Opens (creating and migrating) the database file. Throws std::runtime_error.
  explicit Store(const std::string& path, int readers = 4);
  ~Store();

  const std::string& path() const;
  int schema_version();
  // Size of the database file and its WAL in bytes (for /metrics).
  std::int64_t size_bytes() const;

  // --- units ---
  std::shared_ptr<const UnitTree> units() const;
  // Conflict on a duplicate code; invalid when the parent does not exist or a second root.
  Result<Unit> create_unit(const NewUnit& u, const Actor& by);

  // --- officers ---
  // Conflict (field id_number) when the ID number is already registered.
  Result<Officer> create_officer(const Officer& o, const Actor& by);
  std::optional<Officer> officer(Id id);
  Page<Officer> officers(const OfficerQuery& q);
  // When the status changes to left, every certificate of the officer that is valid or
  // suspended on post_end is withdrawn effective on post_end, in the same transaction.
  Result<Officer> update_officer(Id id, const OfficerPatch& p, const Actor& by);

  // --- users and sessions ---
  // Conflict when the username is taken; invalid when unit/officer do not exist.
  // Invalid when the role lacks its link (check_user_links); a link the role does not use is
  // not stored.
  Result<User> create_user(const NewUser& u, const Actor& by);
  std::optional<Credentials> credentials(const std::string& username);
  // A new session; the user's last_login_at is set and the login audited in the same transaction.
  void create_session(const std::string& token_hash, Id user_id, const std::string& expires_at,
                      const std::string& client_address);
  // The session of a token when it has not expired (expires_at > now_rfc3339), its user is
  // not disabled and, for an officer user, the officer has not left; else nullopt.
  std::optional<SessionRecord> session(const std::string& token_hash, const std::string& now_rfc3339);
  // Remembers when a session was last used (for the idle timeout after a restart).
  void touch_session(const std::string& token_hash, const std::string& at);
  void delete_session(const std::string& token_hash);
  // Every session of the user but `keep` (a token hash; empty: every one). Audited as
  // `logout_all` when `by` is given.
  void end_sessions(Id user_id, const std::string& keep_token_hash, const std::optional<Actor>& by);
  std::optional<UserRecord> user(Id id);
  Page<UserRecord> users(int limit, int offset);
  // A new password hash; `must_change` as given; every session but `keep_token_hash` ends.
  // Audited (`password_change` by the user, `password_reset` by an admin); never the hash.
  Status set_password(Id user_id, const std::string& password_hash, bool must_change,
                      const std::string& keep_token_hash, const Actor& by);
  // Disables (every session ends) or enables a user; audited. not_found when there is none.
  Result<UserRecord> set_disabled(Id user_id, bool disabled, const Actor& by);


  // --- policies ---
  // The stored policy of `year`, or the default (nullopt before 2023). Cached: policies
  // change only through put_policy.
  std::optional<Policy> policy(int year);
  Status put_policy(int year, const Policy& p, const Actor& by);

  // --- trainings and attendance ---
  Result<Training> create_training(const Training& t, const Actor& by);
  std::optional<Training> training(Id id);
  Page<Training> trainings(const TrainingQuery& q);
  // Attendees of a training, only those in `scope`'s subtree when given.
  std::vector<Attendee> attendees(Id training_id, std::optional<Id> scope);
  // All-or-nothing: every record is checked (officer exists and, when `scope` is given,
  // lies in its subtree; credit within the session's hours) before anything is written.
  // The first bad record is reported as `records[i].<field>`.
  Result<AttendanceOutcome> add_attendance(Id training_id, const std::vector<AttendanceRecord>& records,
                                           std::optional<Id> scope, const Actor& by);
  // Not found when the training, the officer (in scope) or the attendance does not exist.
  Status remove_attendance(Id training_id, Id officer_id, std::optional<Id> scope, const Actor& by);

  // --- hours and compliance ---
  // Sessions credited to the officer that count in `year` (by end date), oldest first.
  std::vector<Credit> credits(Id officer_id, int year);
  // Officers of `unit_id`'s subtree on post on at least one day of `year`, in unit path
  // order, with their hours for the year.
  std::vector<ComplianceRow> compliance_rows(Id unit_id, int year);

  // --- certificates ---
  // Issues a certificate (the officer must exist; check_issue's rules; a duplicate
  // number is a conflict, field "number").
  Result<Certificate> issue_certificate(Id officer_id, const std::string& number, Date issued_on,
                                        const std::optional<Date>& expires_on, const Actor& by);
  std::optional<Certificate> certificate(Id id);
  std::optional<Certificate> certificate_by_number(const std::string& number);
  std::vector<Certificate> certificates_of(Id officer_id);
  // Every certificate of the officers of `unit_id`'s subtree, with its events (unit path, officer,
  // certificate id order).
  std::vector<Certificate> certificates_in(Id unit_id);
  // Appends an event after check_action's rules, checked inside the transaction.
  Result<Certificate> act_on_certificate(Id certificate_id, CertAction action, Date effective_on,
                                         const std::string& reason, const std::optional<Date>& until,
                                         const Actor& by);

  // --- assessments ---
  // Not found when the officer does not exist. Replaces an earlier grade of the year.
  Status put_assessment(Id officer_id, int year, Grade grade, const Actor& by);
  // Every grade of the officer, oldest year first.
  std::vector<std::pair<int, Grade>> assessments_of(Id officer_id);
  // The grades of `year` of the officers of `unit_id`'s subtree.
  std::map<Id, Grade> assessments_in(Id unit_id, int year);

  // --- audit ---
  // A lookup of officers by a whole ID number (entity officer, action id_lookup; the officer
  // found, if one; the number masked). Audited on its own: a read has no write to ride on.
  void audit_id_lookup(const std::string& masked_id_number, std::optional<Id> found_officer, std::int64_t found,
                       const Actor& by);
  Page<AuditEntry> audit(const std::optional<std::string>& entity, std::optional<Id> entity_id, int limit,
                         int offset);

  // Commits stop waiting for the disk while on: only to build a new database in one go
  // (the demo), whose file is deleted if the build fails.
  void set_bulk_load(bool on);

  // Direct access for the seeding and import code in this layer.
  Database& database() { return *db_; }

 private:
  void reload_units();
  std::unique_ptr<Database> db_;
  mutable std::mutex units_mu_;
  std::shared_ptr<const UnitTree> units_;
  std::mutex policies_mu_;
  std::map<int, std::optional<Policy>> policies_;
  std::uint64_t policies_gen_ = 0;  // bumped by put_policy: a read that raced it is not cached
};

}  // namespace certhours::store
