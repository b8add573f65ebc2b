#pragma once

#include "Clock.h"
#include "Result.h"
#include "history/DeliveryQuery.h"

#include <QHash>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace hookline {

class Database;

struct ReplayedDelivery {
    QString deliveryId; // the new delivery
    QString replayOf;   // the original
    QString eventId;
    QString webhookId;
    QString webhookName;
};

// What a bulk replay will do, from plan(): shown for confirmation, then passed to execute().
struct BulkReplayPlan {
    DeliveryFilter filter;
    QString targetWebhookId; // empty: each delivery's own webhook
    qint64 count = 0;        // deliveries matching, as of planning
    // The newest match when planned: execute() replays nothing newer, so deliveries arriving
    // meanwhile (the replays themselves included) are never picked up.
    std::optional<DeliveryCursor> newest;
};

struct BulkReplayOptions {
    // New deliveries per second and webhook: their next_attempt_at values are spaced 1/rate
    // apart, starting now or after the webhook's replays already waiting, so a recovering
    // receiver is not flooded. <= 0: no pacing (all due now).
    double ratePerWebhookPerSecond = 10.0;
    int chunkSize = 500; // deliveries per write transaction
    // Called after each chunk with (handled, plan.count); from the calling thread.
    std::function<void(qint64 done, qint64 total)> progress;
    // Checked between chunks: chunks already committed stay queued.
    const std::atomic<bool> *cancel = nullptr;
};

struct BulkReplayResult {
    qint64 enqueued = 0;
    // Matches not replayed: their webhook was deleted or disabled (no --to given).
    qint64 skipped = 0;
    bool cancelled = false;
    std::optional<qint64> lastDueAtMs; // when the last replay becomes due
    QHash<QString, qint64> perWebhook; // webhook id -> replays enqueued
};

// Sends deliveries again. A replay is a new delivery of the same event (same event id, same
// stored body bytes) with replay_of set to the original, to the original webhook or another;
// the original row is never touched. The dispatcher signs it at send time with the webhook's
// current secret, like any delivery. Safe from any thread; a bulk replay belongs on a worker
// thread (it reports progress and honours a cancel flag).
class Replay {
public:
    explicit Replay(std::shared_ptr<Database> db, const Clock *clock = nullptr);

    static constexpr double DefaultRatePerSecond = 10.0;

    // `targetWebhookId` empty: the original's webhook. Fails when the target webhook no longer
    // exists or is disabled (a paused one keeps the replay queued until it resumes).
    Result<ReplayedDelivery> replayOne(const QString &deliveryId,
                                       const QString &targetWebhookId = {});

    // Counts what a bulk replay of `filter` would send. `targetWebhookId` must exist and not be
    // disabled when given.
    Result<BulkReplayPlan> plan(const DeliveryFilter &filter, const QString &targetWebhookId = {});
    // Enqueues every match of the plan, oldest first (receivers see the original order), in
    // chunks of options.chunkSize per transaction.
    Result<BulkReplayResult> execute(const BulkReplayPlan &plan,
                                     const BulkReplayOptions &options = {});

private:
    std::shared_ptr<Database> m_db;
    const Clock *m_clock;
};

} // namespace hookline
