#include "RequestRecorder.h"

#include "history/HeaderRedaction.h"

#include "storage/Database.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <algorithm>
#include <memory>
#include <utility>

#ifdef HOOKLINE_SQLITE_DIRECT
#include <sqlite3.h>
#endif

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace hookline {

namespace {

#ifdef Q_OS_LINUX
constexpr int RecorderNice = 5; // added to the process's nice value
#endif

// Recording is background work: when the CPU is short, the thread answering HTTP (and the GUI)
// go first, and the recorder catches up in between; its queue is bounded (maxPendingBytes),
// beyond which senders are told to retry. (QThread::LowPriority does nothing under Linux's
// default scheduler; a nice value per thread does.) Relative to the process's own nice value
// (never raised above it, even as root).
void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    const auto tid = id_t(syscall(SYS_gettid));
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        setpriority(PRIO_PROCESS, tid, std::min(nice + RecorderNice, 19));
#endif
}

// How long a busy recorder lets requests gather before it takes them.
constexpr qint64 GatherMs = 2;

// Memory a queued request holds, roughly.
qint64 cost(const ReceivedRequest &r)
{
    qint64 bytes = 256 + r.body.size() + r.path.size() + r.query.size();
    for (const HttpHeader &h : r.headers)
        bytes += h.name.size() + h.value.size() + 32;
    return bytes;
}

#ifdef HOOKLINE_SQLITE_DIRECT
sqlite3 *sqliteHandle(const QSqlDatabase &connection);
#endif

} // namespace

#ifdef HOOKLINE_SQLITE_DIRECT
// Copies the WAL into the database file on a thread of its own, woken by the recorder
// connection's WAL hook, so the recorder goes on writing meanwhile: a checkpoint is about a sixth
// of recording's CPU and waits for fsync. A PASSIVE checkpoint never blocks the writer or the
// GUI's readers. The recorder starts the WAL over once everything in it is copied, which a
// checkpoint running beside a busy writer never sees (the writer keeps appending): past four
// times the threshold, the recorder finishes the copy itself after its commit, waiting for a
// background checkpoint in progress first, so the WAL stays bounded.
class RequestRecorder::Checkpointer {
public:
    explicit Checkpointer(std::shared_ptr<Database> database)
        : m_db(std::move(database))
    {}
    ~Checkpointer() { stop(); }

    // On the recorder's thread, with its connection: replaces SQLite's own automatic checkpoint.
    void install(sqlite3 *db, int thresholdFrames)
    {
        m_softFrames = std::max(thresholdFrames, 1);
        m_hardFrames = 4 * m_softFrames;
        sqlite3_wal_hook(db, &Checkpointer::walHook, this);
    }

    void stop()
    {
        QThread *thread = nullptr;
        {
            QMutexLocker lock(&m_mutex);
            m_stopping = true;
            m_wake.wakeAll();
            thread = std::exchange(m_thread, nullptr);
        }
        if (thread) {
            thread->wait();
            delete thread;
        }
    }

    int done() const
    {
        QMutexLocker lock(&m_mutex);
        return m_done;
    }

private:
    // After each commit on the recorder's connection, with the frames now in the WAL.
    static int walHook(void *context, sqlite3 *db, const char *name, int frames)
    {
        auto *self = static_cast<Checkpointer *>(context);
        if (frames >= self->m_hardFrames) {
            // The write lock is released by now: with no background checkpoint running, this
            // one copies everything, and the next transaction starts the WAL over.
            QMutexLocker checkpointing(&self->m_checkpointing);
            sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        } else if (frames >= self->m_softFrames) {
            self->request();
        }
        return SQLITE_OK;
    }

    void request()
    {
        QMutexLocker lock(&m_mutex);
        if (m_stopping)
            return;
        m_wanted = true;
        if (!m_thread) {
            m_thread = QThread::create([this] { run(); });
            m_thread->setObjectName(QStringLiteral("hookline-wal"));
            m_thread->start();
        }
        m_wake.wakeOne();
    }

    void run()
    {
        lowerThisThreadsPriority();
        QMutexLocker lock(&m_mutex);
        for (;;) {
            while (!m_wanted && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_stopping)
                return;
            m_wanted = false;
            lock.unlock();
            bool ok = false;
            {
                QMutexLocker checkpointing(&m_checkpointing);
                // This thread's own connection (it closes when the thread ends).
                QSqlQuery checkpoint(m_db->connection());
                ok = checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
                checkpoint.finish();
            }
            lock.relock();
            if (ok)
                ++m_done;
        }
    }

    std::shared_ptr<Database> m_db;
    int m_softFrames = 1;
    int m_hardFrames = 4;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QMutex m_checkpointing;      // held while a checkpoint runs on this thread
    QThread *m_thread = nullptr; // started by the first request
    bool m_wanted = false;
    bool m_stopping = false;
    int m_done = 0;
};
#else
class RequestRecorder::Checkpointer {
public:
    explicit Checkpointer(std::shared_ptr<Database>) {}
    void stop() {}
    int done() const { return 0; }
};
#endif

bool RequestRecorder::sqliteApiBuilt()
{
#ifdef HOOKLINE_SQLITE_DIRECT
    return true;
#else
    return false;
#endif
}

RequestRecorder::RequestRecorder(std::shared_ptr<Database> database, Options options)
    : m_db(std::move(database))
    , m_options(std::move(options))
{
    Q_ASSERT(m_db || !m_options.write);
    if (m_options.write)
        m_checkpointer = std::make_unique<Checkpointer>(m_db);
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("hookline-recorder"));
    m_thread->start();
}

RequestRecorder::~RequestRecorder()
{
    stop();
    delete m_thread;
}

bool RequestRecorder::enqueue(ReceivedRequest &request)
{
    const qint64 bytes = cost(request);
    QMutexLocker lock(&m_mutex);
    if (m_stopping || m_pendingBytes + bytes > m_options.maxPendingBytes) {
        ++m_stats.refused;
        return false;
    }
    m_queue.append(std::move(request));
    m_pendingBytes += bytes;
    ++m_stats.enqueued;
    if (m_sleeping) {
        m_sleeping = false;
        m_wake.wakeOne();
    }
    return true;
}

Status RequestRecorder::flush()
{
    QMutexLocker lock(&m_mutex);
    const qint64 target = m_stats.enqueued;
    ++m_flushWanted;
    m_wake.wakeAll();
    while (m_finished < target && m_thread->isRunning())
        m_done.wait(&m_mutex, QDeadlineTimer(100));
    --m_flushWanted;
    if (!m_stats.lastError.isEmpty())
        return Error{ErrorCode::StorageError, QStringLiteral("recording"), m_stats.lastError};
    return {};
}

void RequestRecorder::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    if (m_checkpointer)
        m_checkpointer->stop();
}

RequestRecorder::Stats RequestRecorder::stats() const
{
    Stats stats;
    {
        QMutexLocker lock(&m_mutex);
        stats = m_stats;
    }
    if (m_checkpointer)
        stats.backgroundCheckpoints = m_checkpointer->done();
    return stats;
}

void RequestRecorder::run()
{
    lowerThisThreadsPriority();
    const int interval = m_options.flushIntervalMs;
    const qsizetype maxBatch = std::max(m_options.maxBatch, 1);
    QElapsedTimer sinceCommit;
    QList<ReceivedRequest> unwritten; // prepared and passed on, waiting for a transaction
    bool gathering = false;           // requests came in lately
    QMutexLocker lock(&m_mutex);
    for (;;) {
        const bool urgent = m_stopping || m_flushWanted > 0;
        const auto writeDue = [&] {
            return !unwritten.isEmpty() &&
                   (urgent || !sinceCommit.isValid() || sinceCommit.elapsed() >= interval ||
                    unwritten.size() >= maxBatch);
        };
        if (m_queue.isEmpty() && !writeDue()) {
            if (m_stopping && unwritten.isEmpty())
                break;
            if (unwritten.isEmpty() && !gathering) {
                m_sleeping = true;
                m_wake.wait(&m_mutex);
                m_sleeping = false;
            } else {
                // Busy: more requests are probably on their way. Enqueuers do not wake this
                // wait (flush() and stop() do); a request waits at most GatherMs.
                const qint64 untilCommit =
                    unwritten.isEmpty() ? GatherMs : interval - sinceCommit.elapsed();
                m_wake.wait(&m_mutex, QDeadlineTimer(std::clamp<qint64>(untilCommit, 0, GatherMs)));
                gathering = !m_queue.isEmpty();
            }
            continue;
        }
        gathering = true;
        // Requests are prepared and passed on as soon as they arrive; only writing waits.
        QList<ReceivedRequest> batch = std::exchange(m_queue, {});
        lock.unlock();

        if (!batch.isEmpty()) {
            if (m_options.prepare)
                for (ReceivedRequest &r : batch)
                    m_options.prepare(r);
            if (m_options.prepared)
                m_options.prepared(batch);
            unwritten += std::move(batch);
        }
        if (!writeDue()) {
            lock.relock();
            continue;
        }

        qint64 written = 0;
        qint64 lost = 0;
        qint64 bytes = 0;
        int transactions = 0;
        QString error;
        for (qsizetype from = 0; from < unwritten.size(); from += maxBatch) {
            const std::span<const ReceivedRequest> chunk(
                unwritten.constData() + from, size_t(std::min(maxBatch, unwritten.size() - from)));
            for (const ReceivedRequest &r : chunk)
                bytes += cost(r);
            if (!m_options.write)
                continue;
            Status status = write(chunk);
            if (!status) {
                // Another writer may hold the lock longer than the busy timeout: one more try.
                QThread::msleep(100);
                status = write(chunk);
            }
            ++transactions;
            if (status) {
                written += qint64(chunk.size());
            } else {
                lost += qint64(chunk.size());
                error = status.error().message;
                qWarning("Receiver recording failed: %s", qPrintable(error));
            }
        }
        const qint64 finished = unwritten.size();
        unwritten.clear();
        sinceCommit.start();

        lock.relock();
        m_stats.written += written;
        m_stats.lost += lost;
        m_stats.transactions += transactions;
        if (!error.isEmpty())
            m_stats.lastError = error;
        m_pendingBytes -= bytes;
        m_finished += finished;
        m_done.wakeAll();
    }
    m_done.wakeAll();
}

Status RequestRecorder::write(std::span<const ReceivedRequest> batch)
{
    QSqlDatabase c = m_db->connection();
    if (!m_connectionTuned) {
        // This thread's own connection: a page cache that holds a whole batch (SQLite's 2 MB
        // default spills pages to the WAL in the middle of a transaction), and checkpoints that
        // copy a hot page once per walCheckpointBytes of WAL rather than over and over.
        QSqlQuery pragma(c);
        pragma.exec(QStringLiteral("PRAGMA cache_size = -32768"));
        int pageSize = 4096;
        if (pragma.exec(QStringLiteral("PRAGMA page_size")) && pragma.next())
            pageSize = std::max(pragma.value(0).toInt(), 512);
        pragma.finish();
        const int thresholdFrames =
            int(std::clamp<qint64>(m_options.walCheckpointBytes / pageSize, 1, 1 << 20));
#ifdef HOOKLINE_SQLITE_DIRECT
        if (sqlite3 *db = m_options.sqliteApi ? sqliteHandle(c) : nullptr)
            m_checkpointer->install(db, thresholdFrames);
        else
#endif
            pragma.exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(thresholdFrames));
        m_connectionTuned = true;
    }
    WriteTransaction tx(c);
    if (!tx.begun())
        return Error{ErrorCode::StorageError, QStringLiteral("recording"),
                     QStringLiteral("Cannot lock the database %1 to record received requests; "
                                    "is another program writing to it?")
                         .arg(m_db->path())};
    Status inserted = insertRows(c, batch);
    if (!inserted)
        return inserted; // the transaction rolls back
    return tx.commit();
}

RequestRecorder::RowTexts RequestRecorder::rowTexts(const ReceivedRequest &r)
{
    if (r.receiverId != m_receiverId) {
        m_receiverId = r.receiverId;
        m_receiverIdUtf8 = m_receiverId.toUtf8();
    }
    // Most requests of a burst carry the same verdict: its JSON and name are made once.
    if (!m_verdictNameFor || *m_verdictNameFor != r.verdict.outcome) {
        m_verdictNameFor = r.verdict.outcome;
        m_verdictName = r.verdictName().toUtf8();
    }
    RowTexts t;
    t.receiverId = m_receiverIdUtf8;
    t.verdictName = m_verdictName;
    t.verdictJson = r.verdictDetailJsonUtf8Cached(true);
    t.method = ReceivedRequest::validUtf8(r.method);
    t.path = ReceivedRequest::validUtf8(r.path);
    t.query = ReceivedRequest::validUtf8(r.query);
    t.headers = !r.preparedHeadersJson.isEmpty()
                    ? r.preparedHeadersJson
                    : ReceivedRequest::headersJsonUtf8(
                          r.credentialsRedacted ? r.headers
                                                : HeaderRedaction::redactCredentials(r.headers));
    t.remote = !r.preparedRemote.isEmpty() ? r.preparedRemote : r.remoteUtf8();
    return t;
}

#ifdef HOOKLINE_SQLITE_DIRECT
namespace {

// QtSql's own connection, when its driver is SQLite (the same library: see core/CMakeLists.txt).
sqlite3 *sqliteHandle(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// Bytes that live until the statement has run.
void bindText(sqlite3_stmt *statement, int column, const QByteArray &utf8)
{
    // Never a null pointer: SQLite would store NULL instead of ''.
    sqlite3_bind_text(statement, column, utf8.isNull() ? "" : utf8.constData(), int(utf8.size()),
                      SQLITE_STATIC);
}

} // namespace
#endif

namespace {

// The id range one transaction wrote for one receiver (see received_spans in Database.cpp).
struct Span {
    QByteArray receiverId; // UTF-8
    qint64 firstId = 0;
    qint64 lastId = 0;
    qint64 rows = 0;
    qint64 firstAt = 0;
    qint64 lastAt = 0;
};

// Notes row `id` of `receiverId` received at `at`; a batch almost always holds one receiver.
void noteRow(QList<Span> &spans, const QByteArray &receiverId, qint64 id, qint64 at)
{
    auto it = std::find_if(spans.begin(), spans.end(),
                           [&](const Span &s) { return s.receiverId == receiverId; });
    if (it == spans.end()) {
        spans.append(Span{receiverId, id, id, 1, at, at});
        return;
    }
    it->firstId = std::min(it->firstId, id);
    it->lastId = std::max(it->lastId, id);
    ++it->rows;
    it->firstAt = std::min(it->firstAt, at);
    it->lastAt = std::max(it->lastAt, at);
}

// Once per transaction, so QtSql's binding costs nothing worth the C API here.
Status writeSpans(const QSqlDatabase &connection, const QList<Span> &spans)
{
    QSqlQuery q(connection);
    if (!q.prepare(QStringLiteral("INSERT INTO received_spans(receiver_id, last_id, first_id, "
                                  "rows, first_at, last_at) VALUES(?, ?, ?, ?, ?, ?)")))
        return Database::queryError(q, QStringLiteral("received request spans"));
    for (const Span &s : spans) {
        q.addBindValue(QString::fromUtf8(s.receiverId));
        q.addBindValue(s.lastId);
        q.addBindValue(s.firstId);
        q.addBindValue(s.rows);
        q.addBindValue(s.firstAt);
        q.addBindValue(s.lastAt);
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("received request spans"));
    }
    return {};
}

} // namespace

Status RequestRecorder::insertRows(const QSqlDatabase &connection,
                                   std::span<const ReceivedRequest> batch)
{
    QList<Span> spans;
    static const char *const insert =
        "INSERT INTO received_requests(receiver_id, received_at, method, path, query, "
        "headers_json, body, remote_address, size, verdict, verdict_detail, response_status) ";
#ifdef HOOKLINE_SQLITE_DIRECT
    // SQLite's C API: QtSql's binding (a QVariant and a name lookup per value) cost about as
    // much as SQLite's insert itself.
    if (sqlite3 *db = m_options.sqliteApi ? sqliteHandle(connection) : nullptr) {
        const QByteArray sql = QByteArray(insert) + "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                                    "?10, ?11, ?12)";
        sqlite3_stmt *prepared = nullptr;
        if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &prepared, nullptr) !=
            SQLITE_OK) {
            sqlite3_finalize(prepared);
            return Error{ErrorCode::StorageError, QStringLiteral("recording"),
                         QStringLiteral("Cannot prepare the received request insert: %1")
                             .arg(QString::fromUtf8(sqlite3_errmsg(db)))};
        }
        const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> statement(prepared,
                                                                               &sqlite3_finalize);
        for (const ReceivedRequest &r : batch) {
            const RowTexts t = rowTexts(r);
            sqlite3_stmt *s = statement.get();
            bindText(s, 1, t.receiverId);
            sqlite3_bind_int64(s, 2, r.receivedAtMs);
            bindText(s, 3, t.method);
            bindText(s, 4, t.path);
            bindText(s, 5, t.query);
            bindText(s, 6, t.headers);
            if (r.body.isEmpty())
                sqlite3_bind_zeroblob(s, 7, 0); // an empty body, not NULL
            else
                sqlite3_bind_blob(s, 7, r.body.constData(), int(r.body.size()), SQLITE_STATIC);
            bindText(s, 8, t.remote);
            sqlite3_bind_int64(s, 9, r.body.size());
            bindText(s, 10, t.verdictName);
            bindText(s, 11, t.verdictJson);
            sqlite3_bind_int(s, 12, r.responseStatus);
            const int rc = sqlite3_step(s);
            sqlite3_reset(s);
            if (rc != SQLITE_DONE)
                return Error{ErrorCode::StorageError, QStringLiteral("recording"),
                             QStringLiteral("Cannot record a received request: %1")
                                 .arg(QString::fromUtf8(sqlite3_errmsg(db)))};
            noteRow(spans, t.receiverId, sqlite3_last_insert_rowid(db), r.receivedAtMs);
        }
        return writeSpans(connection, spans);
    }
#endif
    QSqlQuery q(connection);
    // Texts are bound as UTF-8 bytes and stored as TEXT by CAST (in the database's encoding,
    // UTF-8): QString binds would convert each to UTF-16 and SQLite back again. Placeholders are
    // named: QtSql binds a name with a hash lookup, but formats a string for every positional
    // bind, which cost more than the insert itself.
    if (!q.prepare(
            QString::fromLatin1(insert) +
            QStringLiteral(
                "VALUES(CAST(:rid AS TEXT), :at, CAST(:method AS TEXT), CAST(:path AS TEXT), "
                "COALESCE(CAST(:query AS TEXT), ''), CAST(:headers AS TEXT), :body, "
                "COALESCE(CAST(:remote AS TEXT), ''), :size, CAST(:verdict AS TEXT), "
                "CAST(:detail AS TEXT), :status)")))
        return Database::queryError(q, QStringLiteral("received request insert"));
    static const QString rid = QStringLiteral(":rid");
    static const QString at = QStringLiteral(":at");
    static const QString method = QStringLiteral(":method");
    static const QString path = QStringLiteral(":path");
    static const QString query = QStringLiteral(":query");
    static const QString headers = QStringLiteral(":headers");
    static const QString body = QStringLiteral(":body");
    static const QString remote = QStringLiteral(":remote");
    static const QString size = QStringLiteral(":size");
    static const QString verdict = QStringLiteral(":verdict");
    static const QString detail = QStringLiteral(":detail");
    static const QString status = QStringLiteral(":status");
    for (const ReceivedRequest &r : batch) {
        const RowTexts t = rowTexts(r);
        q.bindValue(rid, t.receiverId);
        q.bindValue(at, r.receivedAtMs);
        q.bindValue(method, t.method);
        q.bindValue(path, t.path);
        q.bindValue(query, t.query);
        q.bindValue(headers, t.headers);
        q.bindValue(body, r.body.isNull() ? QByteArray("") : r.body);
        q.bindValue(remote, t.remote);
        q.bindValue(size, qint64(r.body.size()));
        q.bindValue(verdict, t.verdictName);
        q.bindValue(detail, t.verdictJson);
        q.bindValue(status, r.responseStatus);
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("received request insert"));
        noteRow(spans, t.receiverId, q.lastInsertId().toLongLong(), r.receivedAtMs);
    }
    return writeSpans(connection, spans);
}

} // namespace hookline
