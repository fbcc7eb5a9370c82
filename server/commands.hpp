// Commands of the certhours binary beyond serve/init/demo/user, one per cmd_<name>.cpp.
// Each takes main()'s argc/argv whole (argv[1] is the command) and returns the exit status:
// 0 done, 1 refused (nothing changed), 2 bad usage / missing file (one line on stderr).
#pragma once

// cmd_import.cpp: certhours import officers|attendance --db FILE CSVFILE --as USERNAME
int cmd_import(int argc, char** argv);

// cmd_export.cpp: certhours export compliance --db FILE --year Y [--unit ID] --format csv|xlsx -o OUT
int cmd_export(int argc, char** argv);

// cmd_backup.cpp: certhours backup --db FILE -o OUT [--force]
int cmd_backup(int argc, char** argv);
