#pragma once

#include "Clock.h"
#include "Session.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace hookline::test {

// A fixed data key for tests; never used outside the suite.
QByteArray testKey();
// The same key as HOOKLINE_MASTER_KEY would carry it (hex).
QString testKeyHex();

// A fresh database in a temporary folder, with a vault on testKey() and a registry on `clock`.
struct TestSession {
    std::unique_ptr<QTemporaryDir> dir;
    std::shared_ptr<Session> session;
    QString databasePath;
};
TestSession makeSession(const Clock *clock = nullptr);

// Whole file contents, including the WAL and shared-memory side files SQLite keeps next to it.
QByteArray readDatabaseFiles(const QString &databasePath);

} // namespace hookline::test
