#pragma once

#include "Clock.h"
#include "Result.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace hookline {

class Database;

// How much history to keep. A delivery goes when it is older than keepDays OR beyond the
// keepCount newest; unfinished deliveries (pending, retry_scheduled, in_flight) always stay.
struct RetentionPolicy {
    static constexpr int DefaultKeepDays = 30;
    std::optional<int> keepDays = DefaultKeepDays;
    std::optional<qint64> keepCount;
    // Rows per write transaction: short enough that the dispatcher and the GUI never wait long
    // for the write lock.
    int batchSize = 1000;
};

struct PruneResult {
    qint64 deliveries = 0;
    qint64 attempts = 0;
    qint64 events = 0; // events left without deliveries
    qint64 receivedRequests = 0;
    int batches = 0;
    bool cancelled = false;
};

// Deletes old history in small batches: attempts, then their deliveries, then the events no
// delivery refers to any more (their search index entries go with them, by trigger); with
// keepDays, also requests the local receiver got before the cutoff. Meant for a background
// thread: it uses that thread's connection, checks `cancel` between batches (what was deleted
// stays deleted) and reports after each batch.
class Retention {
public:
    explicit Retention(std::shared_ptr<Database> db, const Clock *clock = nullptr);

    Result<PruneResult> prune(const RetentionPolicy &policy,
                              const std::atomic<bool> *cancel = nullptr,
                              const std::function<void(const PruneResult &)> &progress = {});

private:
    std::shared_ptr<Database> m_db;
    const Clock *m_clock;
};

} // namespace hookline
