# `cpack -G DEB` in the build directory: certhours_<version>_<arch>.deb for Debian 12
# (docs/install.md). What the package holds:
#   /usr/bin/certhours, /usr/share/certhours/{web,seeds}   component runtime (server/CMakeLists.txt)
#   /usr/share/doc/certhours/{install,backup}.md            component runtime
#   /lib/systemd/system/certhours.service                   component system
#   /usr/lib/sysusers.d/certhours.conf                      component system
#   /etc/certhours/certhours.env (a conffile)               component system
# The system files have absolute paths and are the package's alone: EXCLUDE_FROM_ALL keeps them
# out of `cmake --install build --prefix DIR`, which gives a tree that runs where it is put.

set(CERTHOURS_PACKAGING ${PROJECT_SOURCE_DIR}/packaging)

install(FILES ${PROJECT_SOURCE_DIR}/docs/install.md ${PROJECT_SOURCE_DIR}/docs/backup.md
        DESTINATION share/doc/certhours COMPONENT runtime)

# Debian 12's places (pkg-config systemd: systemdsystemunitdir, sysusersdir).
install(FILES ${CERTHOURS_PACKAGING}/certhours.service DESTINATION /lib/systemd/system
        COMPONENT system EXCLUDE_FROM_ALL)
install(FILES ${CERTHOURS_PACKAGING}/certhours.sysusers DESTINATION /usr/lib/sysusers.d RENAME certhours.conf
        COMPONENT system EXCLUDE_FROM_ALL)
install(FILES ${CERTHOURS_PACKAGING}/certhours.env DESTINATION /etc/certhours COMPONENT system EXCLUDE_FROM_ALL)

# cpack (and `make install`) would first build every target, the tests too; only certhours is
# packaged, and scripts/test-package.sh builds it before cpack.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME certhours)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Debian's naming (certhours_0.5.0_amd64.deb), one package of both components.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL runtime system)
set(CPACK_DEBIAN_PACKAGE_NAME certhours)
set(CPACK_PACKAGE_CONTACT "certhours maintainers <certhours@localhost>" CACHE STRING
    "the .deb's Maintainer field")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "training hours and enforcement certificates of law-enforcement officers")
# Below the summary line (CPACK_PACKAGE_DESCRIPTION_SUMMARY), indented by cpack.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "certhours records the trainings of a city's administrative law-enforcement
officers, tells who meets the yearly hours, and keeps each enforcement
certificate's history. It serves an HTTP API and its web UI as the systemd
service certhours (127.0.0.1:8080 by default; /etc/certhours/certhours.env)
on a SQLite database in /var/lib/certhours.")
# Depends: the shared libraries the binary links (dpkg-shlibdeps), and tzdata, whose
# Asia/Shanghai the server reads at run time for every date.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS tzdata)
# Without its debug information: the package is for running (the build tree's binary has it).
set(CPACK_STRIP_FILES ON)
# /etc/certhours/certhours.env is the conffile; the maintainer scripts add the user and run the
# service (packaging/postinst).
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CERTHOURS_PACKAGING}/conffiles ${CERTHOURS_PACKAGING}/postinst
    ${CERTHOURS_PACKAGING}/prerm ${CERTHOURS_PACKAGING}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
