#pragma once

#include "Result.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

class QSqlQuery;

namespace hookline {

// One SQLite database file. Each thread that touches it gets its own named connection (SQLite
// connections must not be shared across threads); the schema is brought up to date with
// versioned migrations, each in a transaction, when the database is opened.
class Database {
public:
    static Result<std::shared_ptr<Database>> open(const QString &path);
    // The platform's application data location, or HOOKLINE_DB when set.
    static QString defaultPath();
    static int latestSchemaVersion();

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const QString &path() const { return m_path; }
    // The calling thread's connection, opened on first use.
    QSqlDatabase connection() const;
    int schemaVersion() const;

    QString meta(const QString &key) const;
    Status setMeta(const QString &key, const QString &value) const;

    // A storage Error carrying the driver's text, for a failed query.
    static Error queryError(const QSqlQuery &query, const QString &what);

private:
    explicit Database(QString path);
    Status migrate();

    QString m_path;
    QString m_prefix;
    mutable QMutex m_mutex;
    mutable QStringList m_connectionNames;
};

// BEGIN IMMEDIATE ... COMMIT on one connection, rolled back unless committed. IMMEDIATE takes the
// write lock up front, so a check-then-insert (like the per-event limit) cannot race another
// process on the same file.
class WriteTransaction {
public:
    explicit WriteTransaction(QSqlDatabase db);
    ~WriteTransaction();
    bool begun() const { return m_begun; }
    Status commit();

private:
    QSqlDatabase m_db;
    bool m_begun = false;
    bool m_done = false;
};

} // namespace hookline
