#pragma once

#include "Result.h"
#include "receiver/ReceivedRequest.h"

#include <QList>
#include <QMutex>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <span>

class QSqlDatabase;
class QThread;

namespace hookline {

class Database;

// The receiver's second half, on a thread of its own: each request handed over by enqueue() is
// completed (`Options::prepare`, where the receiver computes the signature verdict), passed on
// (`Options::prepared`, the live feed) and then written to received_requests with that thread's
// database connection, many rows per transaction. Whatever arrived while the previous batch was
// being written goes into the next one, and a new transaction starts at most every
// flushIntervalMs unless a batch is full: a receiver answering thousands of requests per second
// commits a few dozen times per second, and a lone request is written within flushIntervalMs.
// The thread answering HTTP only builds the request and queues it; it wakes the recorder only
// when the recorder was idle, and a busy recorder collects new requests every couple of
// milliseconds.
//
// Stored as received, except credentials: the values of Authorization and Proxy-Authorization
// keep only their scheme word ("Bearer [redacted]"). The verdict's expected signature is stored
// only if the request carries it (ReceiverConfig::revealExpectedSignature).
class RequestRecorder {
public:
    struct Options {
        int flushIntervalMs = 50;
        int maxBatch = 1000;
        // Requests waiting to be written, counted by body and header bytes. Beyond it enqueue()
        // refuses (the receiver then answers 503) instead of growing without bound.
        qint64 maxPendingBytes = 256LL * 1024 * 1024;
        // False: prepare and pass on, but write nothing (recording off; no database needed).
        bool write = true;
        // False: bind through QtSql even where SQLite's C API could be used on its connection
        // (see core/CMakeLists.txt); for tests of the portable path.
        bool sqliteApi = true;
        // Once the WAL holds this much, its pages are copied into the database file. Where
        // SQLite's C API is used, a thread of its own does it while the recorder goes on
        // writing, and the recorder does it itself only past four times as much (that thread
        // starved of CPU); elsewhere the recorder's commit does it.
        qint64 walCheckpointBytes = 16LL * 1024 * 1024;
        // Called on the recorder's thread for each request, in order, before it is passed on.
        std::function<void(ReceivedRequest &)> prepare;
        // Called on the recorder's thread with each prepared batch, in order, before it is
        // written.
        std::function<void(const QList<ReceivedRequest> &)> prepared;
    };

    struct Stats {
        qint64 enqueued = 0;
        qint64 written = 0;
        // Rows that could not be written even after a retry.
        qint64 lost = 0;
        qint64 refused = 0; // enqueue() over maxPendingBytes
        int transactions = 0;
        // WAL checkpoints done by the checkpoint thread.
        int backgroundCheckpoints = 0;
        QString lastError;
    };

    // `database` may be null when Options::write is false.
    RequestRecorder(std::shared_ptr<Database> database, Options options);
    explicit RequestRecorder(std::shared_ptr<Database> database)
        : RequestRecorder(std::move(database), Options())
    {}
    // Prepares and writes what is queued, then stops.
    ~RequestRecorder();
    RequestRecorder(const RequestRecorder &) = delete;
    RequestRecorder &operator=(const RequestRecorder &) = delete;

    // Whether this build writes rows with SQLite's C API on QtSql's connection (and checkpoints
    // on a thread of its own); see core/CMakeLists.txt.
    static bool sqliteApiBuilt();

    // Any thread. Takes `request` (it is moved from) and returns true; or returns false, with
    // `request` untouched and nothing queued, when over maxPendingBytes or stopped.
    bool enqueue(ReceivedRequest &request);
    // Blocks until everything enqueued before the call is prepared, passed on and written (or
    // lost); returns the last write error, if any happened since the recorder started.
    Status flush();
    // Finishes what is queued and ends the thread; enqueue() refuses from then on.
    void stop();

    Stats stats() const;

private:
    // One row's texts as the database stores them (UTF-8, credentials redacted).
    struct RowTexts {
        QByteArray receiverId;
        QByteArray method;
        QByteArray path;
        QByteArray query;
        QByteArray headers;
        QByteArray remote;
        QByteArray verdictName;
        QByteArray verdictJson;
    };

    void run();
    Status write(std::span<const ReceivedRequest> batch);
    Status insertRows(const QSqlDatabase &connection, std::span<const ReceivedRequest> batch);
    // Remembers the last receiver id and verdict name, which a burst repeats.
    RowTexts rowTexts(const ReceivedRequest &r);

    class Checkpointer;

    std::shared_ptr<Database> m_db;
    const Options m_options;
    QThread *m_thread = nullptr;
    std::unique_ptr<Checkpointer> m_checkpointer; // created by the recorder thread's first write
    bool m_connectionTuned = false;               // the recorder thread's only
    // The recorder thread's, for rowTexts(): the last receiver id and verdict outcome, as text.
    QString m_receiverId;
    QByteArray m_receiverIdUtf8;
    std::optional<Verdict::Outcome> m_verdictNameFor;
    QByteArray m_verdictName;

    mutable QMutex m_mutex;
    QWaitCondition m_wake; // the recorder: work, flush or stop
    QWaitCondition m_done; // flush(): a batch was finished
    QList<ReceivedRequest> m_queue;
    qint64 m_pendingBytes = 0;
    qint64 m_finished = 0;    // prepared, passed on and written or lost
    qint64 m_flushWanted = 0; // waiting flush() calls
    bool m_stopping = false;
    // The recorder sleeps until woken (it was idle). While it is busy it looks for new requests
    // every GatherMs instead: waking a thread per request cost more than answering it.
    bool m_sleeping = false;
    Stats m_stats;
};

} // namespace hookline
