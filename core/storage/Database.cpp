#include "Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <atomic>

namespace hookline {

namespace {

// Each entry moves the schema one version forward. Never edit a released entry: add a new one.
// Times are integer epoch milliseconds (UTC) so the same schema maps onto PostgreSQL later.
const char *const kMigrations[] = {
    // 1: the registry, and the shape of what comes next (events, deliveries, attempts, and
    // requests received by a local receiver).
    R"SQL(
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    system_id TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    headers_json TEXT NOT NULL DEFAULT '[]',
    auth_type TEXT NOT NULL DEFAULT 'none',
    auth_sealed BLOB,
    timeout_s INTEGER NOT NULL,
    retry_attempts INTEGER NOT NULL,
    scheme TEXT NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT NOT NULL DEFAULT '',
    local_testing INTEGER NOT NULL DEFAULT 0,
    pinned_cert_sha256 TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_delivery_at INTEGER,
    last_delivery_status INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    secret_prefix TEXT NOT NULL
);
CREATE TABLE webhook_events (
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    system_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    PRIMARY KEY (webhook_id, event_type)
);
CREATE INDEX webhook_events_by_type ON webhook_events(system_id, event_type);
CREATE TABLE webhook_secrets (
    id INTEGER PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    sealed BLOB NOT NULL,
    prefix TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER
);
CREATE INDEX webhook_secrets_by_webhook ON webhook_secrets(webhook_id, created_at);
CREATE TABLE event_types (
    name TEXT PRIMARY KEY,
    category TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    sample_json TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    system_id TEXT NOT NULL,
    type TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    resource_ids_json TEXT NOT NULL DEFAULT '[]',
    uri TEXT NOT NULL DEFAULT '',
    body BLOB NOT NULL
);
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    event_type TEXT NOT NULL,
    system_id TEXT NOT NULL,
    webhook_id TEXT NOT NULL,
    webhook_name TEXT NOT NULL,
    is_test INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    lease_owner TEXT,
    lease_until INTEGER,
    replay_of TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_response_status INTEGER,
    last_latency_ms INTEGER,
    last_error TEXT
);
CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
CREATE INDEX deliveries_by_webhook ON deliveries(webhook_id, created_at);
CREATE INDEX deliveries_by_time ON deliveries(created_at, id);
CREATE TABLE delivery_attempts (
    id INTEGER PRIMARY KEY,
    delivery_id TEXT NOT NULL REFERENCES deliveries(id),
    attempt_no INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms INTEGER,
    request_headers_json TEXT NOT NULL DEFAULT '[]',
    response_status INTEGER,
    response_headers_json TEXT,
    response_body BLOB,
    response_truncated INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    outcome TEXT NOT NULL
);
CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts(delivery_id, attempt_no);
CREATE INDEX delivery_attempts_by_time ON delivery_attempts(started_at);
CREATE TABLE received_requests (
    id INTEGER PRIMARY KEY,
    receiver_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    query TEXT NOT NULL DEFAULT '',
    headers_json TEXT NOT NULL DEFAULT '[]',
    body BLOB,
    remote_address TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    verdict TEXT,
    verdict_detail TEXT
);
CREATE INDEX received_requests_by_time ON received_requests(receiver_id, received_at);
)SQL",
    // 2: delivery history (core/history). Keyset indexes ending in (created_at, id) for each
    // filter, so a page is one index range in history order; the status-class expression must
    // stay identical to DeliveryQuery::statusClassExpression. Free-text search: a contentless
    // FTS5 index keyed by event_search_keys.rowid (an INTEGER PRIMARY KEY, stable across VACUUM,
    // unlike the implicit rowid of events), kept in step by triggers. Statements are separated by
    // "-- split" lines because trigger bodies hold ";" line ends.
    R"SQL(
DROP INDEX deliveries_by_webhook;
-- split
CREATE INDEX deliveries_history_by_webhook ON deliveries(webhook_id, created_at, id);
-- split
CREATE INDEX deliveries_history_by_type ON deliveries(event_type, created_at, id);
-- split
CREATE INDEX deliveries_history_by_status ON deliveries(status, created_at, id);
-- split
CREATE INDEX deliveries_history_by_class ON deliveries(
    (CASE WHEN last_response_status IS NOT NULL THEN last_response_status / 100 WHEN last_error IS NOT NULL THEN 0 END),
    created_at, id);
-- split
CREATE INDEX deliveries_by_event ON deliveries(event_id);
-- split
CREATE INDEX deliveries_by_replay_of ON deliveries(replay_of) WHERE replay_of IS NOT NULL;
-- split
CREATE INDEX received_requests_by_received_at ON received_requests(received_at);
-- split
CREATE TABLE event_search_keys (
    rowid INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE
);
-- split
CREATE VIRTUAL TABLE events_fts USING fts5(ids, payload, content='',
    tokenize='unicode61 remove_diacritics 2');
-- split
CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
    INSERT INTO event_search_keys(event_id) VALUES (new.id);
    INSERT INTO events_fts(rowid, ids, payload)
        VALUES ((SELECT rowid FROM event_search_keys WHERE event_id = new.id),
                new.id || ' ' || new.resource_ids_json, CAST(new.body AS TEXT));
END;
-- split
CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, ids, payload)
        SELECT 'delete', k.rowid, old.id || ' ' || old.resource_ids_json, CAST(old.body AS TEXT)
        FROM event_search_keys k WHERE k.event_id = old.id;
    DELETE FROM event_search_keys WHERE event_id = old.id;
END;
-- split
CREATE TRIGGER events_search_update AFTER UPDATE OF id, resource_ids_json, body ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, ids, payload)
        SELECT 'delete', k.rowid, old.id || ' ' || old.resource_ids_json, CAST(old.body AS TEXT)
        FROM event_search_keys k WHERE k.event_id = old.id;
    DELETE FROM event_search_keys WHERE event_id = old.id;
    INSERT INTO event_search_keys(event_id) VALUES (new.id);
    INSERT INTO events_fts(rowid, ids, payload)
        VALUES ((SELECT rowid FROM event_search_keys WHERE event_id = new.id),
                new.id || ' ' || new.resource_ids_json, CAST(new.body AS TEXT));
END;
-- split
INSERT INTO event_search_keys(event_id) SELECT id FROM events ORDER BY rowid;
-- split
INSERT INTO events_fts(rowid, ids, payload)
    SELECT k.rowid, e.id || ' ' || e.resource_ids_json, CAST(e.body AS TEXT)
    FROM events e JOIN event_search_keys k ON k.event_id = e.id;
)SQL",
    // 3: the status the local receiver answered each request with (core/receiver), so a
    // simulated failure ("fail the first N") shows in the received list.
    R"SQL(
ALTER TABLE received_requests ADD COLUMN response_status INTEGER;
)SQL",
    // 4: the local receiver records up to a hundred thousand requests a second, and each index
    // costs it an insert per request. received_requests_by_time (receiver_id, received_at) serves
    // every read, and retention goes through it receiver by receiver (core/history/Retention).
    R"SQL(
DROP INDEX IF EXISTS received_requests_by_received_at;
)SQL",
    // 5: and the last index on received requests goes too. Each recorder transaction notes the
    // id range it wrote per receiver in received_spans (with the count and the first and last
    // time); a receiver's requests are read span by span, newest first, through the rowid, and
    // retention drops whole spans. Spans may hold other receivers' ids (rows are filtered by
    // receiver_id); a receiver's spans never overlap each other. Existing rows get spans of at
    // most 4,096 ids, so a span cut by retention is a bounded scan.
    R"SQL(
CREATE TABLE received_spans (
    receiver_id TEXT NOT NULL,
    last_id INTEGER NOT NULL,
    first_id INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    PRIMARY KEY (receiver_id, last_id)
) WITHOUT ROWID
-- split
CREATE INDEX received_spans_by_first_at ON received_spans(first_at)
-- split
INSERT INTO received_spans(receiver_id, last_id, first_id, rows, first_at, last_at)
    SELECT receiver_id, MAX(id), MIN(id), COUNT(*), MIN(received_at), MAX(received_at)
    FROM received_requests GROUP BY receiver_id, id / 4096
-- split
DROP INDEX IF EXISTS received_requests_by_time
)SQL",
};

constexpr int kMigrationCount = int(sizeof(kMigrations) / sizeof(kMigrations[0]));

Status execAll(QSqlDatabase &db, const QString &script)
{
    // QSQLITE runs one statement per exec(); split on ';' at line ends, or, in a script that
    // has them (trigger bodies hold ";" line ends), only on "-- split" lines.
    static const QRegularExpression splitLine(QStringLiteral("\n[ \t]*-- split[ \t]*\n"));
    const QStringList statements = script.contains(splitLine)
                                       ? script.split(splitLine, Qt::SkipEmptyParts)
                                       : script.split(QStringLiteral(";\n"), Qt::SkipEmptyParts);
    for (const QString &s : statements) {
        const QString sql = s.trimmed();
        if (sql.isEmpty())
            continue;
        QSqlQuery q(db);
        if (!q.exec(sql))
            return Database::queryError(q, QStringLiteral("migration"));
    }
    return {};
}

// Serial numbers are never reused, unlike object addresses and thread ids: a connection name
// built from them can never be mistaken for another database's or a finished thread's.
quint64 nextSerial()
{
    static std::atomic<quint64> counter{0};
    return ++counter;
}

quint64 currentThreadSerial()
{
    thread_local const quint64 serial = nextSerial();
    return serial;
}

} // namespace

Database::Database(QString path)
    : m_path(std::move(path))
    , m_prefix(QStringLiteral("hookline-db%1").arg(nextSerial()))
{}

Database::~Database()
{
    QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_connectionNames)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QString Database::defaultPath()
{
    const QString env = qEnvironmentVariable("HOOKLINE_DB");
    if (!env.isEmpty())
        return env;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("hookline.sqlite"));
}

int Database::latestSchemaVersion()
{
    return kMigrationCount;
}

Error Database::queryError(const QSqlQuery &query, const QString &what)
{
    return Error{ErrorCode::StorageError, QString(),
                 QStringLiteral("Database %1 failed: %2").arg(what, query.lastError().text())};
}

Result<std::shared_ptr<Database>> Database::open(const QString &path)
{
    if (path.isEmpty())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("db"),
                     QStringLiteral("No database path given; pass --db PATH or set HOOKLINE_DB.")};
    const QFileInfo info(path);
    if (info.isDir())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("db"),
                     QStringLiteral("%1 is a folder; give a file path such as %1/hookline.sqlite.")
                         .arg(path)};
    if (!QDir().mkpath(info.absolutePath()))
        return Error{ErrorCode::StorageError, QStringLiteral("db"),
                     QStringLiteral("Cannot create the folder %1 for the database.")
                         .arg(info.absolutePath())};

    std::shared_ptr<Database> db(new Database(info.absoluteFilePath()));
    QSqlDatabase c = db->connection();
    if (!c.isOpen())
        return Error{ErrorCode::StorageError, QStringLiteral("db"),
                     QStringLiteral("Cannot open database %1: %2").arg(path, c.lastError().text())};
    if (Status s = db->migrate(); !s)
        return s.error();
    return db;
}

QSqlDatabase Database::connection() const
{
    const QString name = m_prefix + QStringLiteral("-t%1").arg(currentThreadSerial());
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    {
        QMutexLocker lock(&m_mutex);
        m_connectionNames << name;
    }
    // A worker thread's connection goes with the thread, so pools that retire threads do not
    // leak SQLite handles. The main thread's connections go with the Database.
    QThread *thread = QThread::currentThread();
    if (QCoreApplication::instance() && thread != QCoreApplication::instance()->thread()) {
        QObject::connect(
            thread, &QThread::finished, thread,
            [name] {
                {
                    QSqlDatabase c = QSqlDatabase::database(name, false);
                    if (c.isOpen())
                        c.close();
                }
                QSqlDatabase::removeDatabase(name);
            },
            Qt::DirectConnection);
    }
    if (!db.open())
        return db;
    QSqlQuery q(db);
    // A new database gets 16 KiB pages (a no-op on one that has content): rows here carry
    // request and response bodies of a kilobyte or more, and larger pages mean fewer page
    // headers, fewer WAL frames and a quarter of the write calls per recorded request.
    q.exec(QStringLiteral("PRAGMA page_size=16384"));
    // WAL lets readers (the GUI's models) run while a writer (the dispatcher) commits.
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    return db;
}

int Database::schemaVersion() const
{
    QSqlQuery q(connection());
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) && q.next())
        return q.value(0).toInt();
    return 0;
}

QString Database::meta(const QString &key) const
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

Status Database::setMeta(const QString &key, const QString &value) const
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return queryError(q, QStringLiteral("meta update"));
    return {};
}

Status Database::migrate()
{
    QSqlDatabase db = connection();
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")))
            return queryError(q, QStringLiteral("meta table creation"));
    }
    WriteTransaction tx(db);
    if (!tx.begun())
        return Error{
            ErrorCode::StorageError, QStringLiteral("db"),
            QStringLiteral(
                "Cannot lock database %1 for its schema upgrade; is another program writing to it?")
                .arg(m_path)};
    const int current = schemaVersion();
    if (current > kMigrationCount)
        return Error{
            ErrorCode::StorageError, QStringLiteral("db"),
            QStringLiteral(
                "Database %1 has schema version %2, newer than this Hookline (%3) understands; "
                "use a newer Hookline or another --db.")
                .arg(m_path)
                .arg(current)
                .arg(kMigrationCount)};
    for (int v = current; v < kMigrationCount; ++v) {
        if (Status s = execAll(db, QString::fromUtf8(kMigrations[v])); !s)
            return s; // rolled back by tx
    }
    if (current != kMigrationCount) {
        if (Status s = setMeta(QStringLiteral("schema_version"), QString::number(kMigrationCount));
            !s)
            return s;
    }
    return tx.commit();
}

WriteTransaction::WriteTransaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    QSqlQuery q(m_db);
    m_begun = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

WriteTransaction::~WriteTransaction()
{
    if (m_begun && !m_done) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK"));
    }
}

Status WriteTransaction::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return Database::queryError(q, QStringLiteral("commit"));
    m_done = true;
    return {};
}

} // namespace hookline
