#include "Replay.h"

#include "delivery/DeliveryStore.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <cmath>

namespace hookline {

namespace {

struct WebhookState {
    QString id;
    QString name;
    QString status;
};

// The webhook as stored now (no secrets needed: replays carry no credentials).
Result<std::optional<WebhookState>> loadWebhook(const QSqlDatabase &c, const QString &id)
{
    QSqlQuery q(c);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, name, status FROM webhooks WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("webhook lookup"));
    if (!q.next())
        return std::optional<WebhookState>();
    WebhookState w{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()};
    q.finish();
    return std::optional<WebhookState>(w);
}

Status checkTarget(const std::optional<WebhookState> &w, const QString &id, bool explicitTarget)
{
    if (!w)
        return Error{ErrorCode::NotFound,
                     explicitTarget ? QStringLiteral("to") : QStringLiteral("webhook"),
                     explicitTarget
                         ? QStringLiteral("No webhook %1; 'hookline-cli webhooks list' shows "
                                          "them.")
                               .arg(id)
                         : QStringLiteral("The webhook %1 of this delivery was deleted; replay it "
                                          "to another webhook (--to).")
                               .arg(id)};
    if (w->status == QLatin1String("disabled"))
        return Error{ErrorCode::Conflict,
                     explicitTarget ? QStringLiteral("to") : QStringLiteral("webhook"),
                     QStringLiteral("Webhook %1 (%2) is disabled; enable it first ('hookline-cli "
                                    "webhooks enable %1') or replay to another webhook (--to).")
                         .arg(w->id, w->name)};
    return {};
}

Error busy()
{
    return Error{ErrorCode::StorageError, QStringLiteral("db"),
                 QStringLiteral("The database is busy (another process holds its write lock); "
                                "try again.")};
}

} // namespace

Replay::Replay(std::shared_ptr<Database> db, const Clock *clock)
    : m_db(std::move(db))
    , m_clock(clock ? clock : SystemClock::instance())
{}

Result<ReplayedDelivery> Replay::replayOne(const QString &deliveryId,
                                           const QString &targetWebhookId)
{
    QSqlDatabase c = m_db->connection();
    QSqlQuery q(c);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT d.event_id, d.webhook_id, e.type, e.system_id, e.created_at "
                             "FROM deliveries d JOIN events e ON e.id = d.event_id "
                             "WHERE d.id = ?"));
    q.addBindValue(deliveryId);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("delivery lookup"));
    if (!q.next())
        return Error{ErrorCode::NotFound, QStringLiteral("id"),
                     QStringLiteral("No delivery %1; 'hookline-cli deliveries list' shows the "
                                    "ids.")
                         .arg(deliveryId)};
    OutgoingEvent event;
    event.id = q.value(0).toString();
    const QString originalWebhook = q.value(1).toString();
    event.type = q.value(2).toString();
    event.systemId = q.value(3).toString();
    event.createdAtMs = q.value(4).toLongLong();
    q.finish();

    const bool explicitTarget = !targetWebhookId.isEmpty();
    const QString targetId = explicitTarget ? targetWebhookId : originalWebhook;
    auto target = loadWebhook(c, targetId);
    if (!target)
        return target.error();
    if (Status s = checkTarget(target.value(), targetId, explicitTarget); !s)
        return s.error();

    Webhook w;
    w.id = target.value()->id;
    w.name = target.value()->name;
    EnqueueOptions options;
    options.replayOf = deliveryId;
    // The event row exists, so enqueue keeps it (ON CONFLICT DO NOTHING): the replay sends the
    // stored bytes, not a re-serialisation of `event`.
    auto enqueued = DeliveryStore(m_db).enqueue(event, {w}, m_clock->nowMs(), options);
    if (!enqueued)
        return enqueued.error();
    ReplayedDelivery r;
    r.deliveryId = enqueued->deliveryIds.value(0);
    r.replayOf = deliveryId;
    r.eventId = event.id;
    r.webhookId = w.id;
    r.webhookName = w.name;
    return r;
}

Result<BulkReplayPlan> Replay::plan(const DeliveryFilter &filter, const QString &targetWebhookId)
{
    QSqlDatabase c = m_db->connection();
    if (!targetWebhookId.isEmpty()) {
        auto target = loadWebhook(c, targetWebhookId);
        if (!target)
            return target.error();
        if (Status s = checkTarget(target.value(), targetWebhookId, true); !s)
            return s.error();
    }
    BulkReplayPlan plan;
    plan.filter = filter;
    plan.targetWebhookId = targetWebhookId;

    // The newest match bounds the replay; the count uses the same bound.
    DeliveryQuery::Bounds newest;
    newest.rows = 1;
    auto sql = DeliveryQuery::build(c, filter, newest);
    if (!sql)
        return sql.error();
    QSqlQuery q(c);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT d.created_at, d.id FROM deliveries d WHERE ") + sql->where +
              QStringLiteral(" ORDER BY d.created_at DESC, d.id DESC LIMIT 1"));
    for (const QVariant &v : sql->binds)
        q.addBindValue(v);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("bulk replay lookup"));
    if (!q.next())
        return plan; // nothing matches
    plan.newest = DeliveryCursor{q.value(0).toLongLong(), q.value(1).toString()};
    q.finish();

    DeliveryQuery::Bounds bounds;
    bounds.atOrOlderThan = plan.newest;
    auto bounded = DeliveryQuery::build(c, filter, bounds, DeliveryQuery::Purpose::Count);
    if (!bounded)
        return bounded.error();
    QSqlQuery n(c);
    n.setForwardOnly(true);
    n.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries d WHERE ") + bounded->where);
    for (const QVariant &v : bounded->binds)
        n.addBindValue(v);
    if (!n.exec() || !n.next())
        return Database::queryError(n, QStringLiteral("bulk replay count"));
    plan.count = n.value(0).toLongLong();
    n.finish();
    return plan;
}

Result<BulkReplayResult> Replay::execute(const BulkReplayPlan &plan,
                                         const BulkReplayOptions &options)
{
    BulkReplayResult result;
    if (!plan.newest || plan.count == 0)
        return result;
    const int chunk = std::max(1, options.chunkSize);
    const double spacingMs =
        options.ratePerWebhookPerSecond > 0 ? 1000.0 / options.ratePerWebhookPerSecond : 0.0;
    QSqlDatabase c = m_db->connection();

    // The replays must sort after the snapshot's newest match, or a filter that matches them
    // (same webhook, since T) could reach them: created_at is now, or 1 ms after that match when
    // the clock says otherwise.
    const qint64 createdAt = std::max(m_clock->nowMs(), plan.newest->createdAtMs + 1);

    // Per webhook: the state used to check it, and the pacing slot of its next replay.
    struct Target {
        std::optional<WebhookState> state;
        qint64 start = 0;
        qint64 sent = 0;
    };
    QHash<QString, Target> targets;
    // Where each webhook's queue of replays ends, in one pass over the pending deliveries (the
    // status index) rather than one walk of each webhook's whole history.
    QHash<QString, qint64> queuedUntil;
    if (spacingMs > 0) {
        QSqlQuery q(c);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT webhook_id, MAX(next_attempt_at) FROM deliveries "
                                 "WHERE status = 'pending' AND +webhook_id IS NOT NULL "
                                 "AND replay_of IS NOT NULL AND next_attempt_at >= ? "
                                 "GROUP BY webhook_id"));
        q.addBindValue(createdAt);
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("replay pacing lookup"));
        while (q.next())
            queuedUntil.insert(q.value(0).toString(), q.value(1).toLongLong());
        q.finish();
    }
    const auto target = [&](const QString &id) -> Result<Target *> {
        auto it = targets.find(id);
        if (it != targets.end())
            return &it.value();
        Target t;
        auto state = loadWebhook(c, id);
        if (!state)
            return state.error();
        t.state = state.value();
        t.start = createdAt;
        // Continue after replays already waiting for this webhook (an earlier bulk replay).
        if (t.state && spacingMs > 0 && queuedUntil.contains(id))
            t.start = queuedUntil.value(id) + qint64(std::llround(spacingMs));
        return &targets.insert(id, t).value();
    };

    std::optional<DeliveryCursor> after; // the last original handled, oldest first
    qint64 handled = 0;
    for (;;) {
        if (options.cancel && options.cancel->load()) {
            result.cancelled = true;
            break;
        }
        DeliveryQuery::Bounds bounds;
        bounds.atOrOlderThan = plan.newest;
        bounds.newerThan = after;
        bounds.rows = chunk;
        bounds.oldestFirst = true;
        auto sql = DeliveryQuery::build(c, plan.filter, bounds);
        if (!sql)
            return sql.error();
        QSqlQuery q(c);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT d.id, d.created_at, d.event_id, d.event_type, "
                                 "d.system_id, d.webhook_id FROM deliveries d WHERE ") +
                  sql->where + QStringLiteral(" ORDER BY d.created_at, d.id LIMIT ?"));
        for (const QVariant &v : sql->binds)
            q.addBindValue(v);
        q.addBindValue(chunk);
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("bulk replay read"));
        struct Original {
            QString id, eventId, eventType, systemId, webhookId;
        };
        QList<Original> originals;
        while (q.next()) {
            originals << Original{q.value(0).toString(), q.value(2).toString(),
                                  q.value(3).toString(), q.value(4).toString(),
                                  q.value(5).toString()};
            after = DeliveryCursor{q.value(1).toLongLong(), q.value(0).toString()};
        }
        q.finish();
        if (originals.isEmpty())
            break;

        WriteTransaction tx(c);
        if (!tx.begun())
            return busy();
        QSqlQuery ins(c);
        ins.prepare(QStringLiteral(
            "INSERT INTO deliveries(id, event_id, event_type, system_id, webhook_id, "
            "webhook_name, is_test, status, attempts, next_attempt_at, replay_of, created_at, "
            "updated_at) VALUES(?, ?, ?, ?, ?, ?, 0, 'pending', 0, ?, ?, ?, ?)"));
        BulkReplayResult chunkResult;
        QHash<QString, qint64> sentBefore;
        for (auto it = targets.cbegin(); it != targets.cend(); ++it)
            sentBefore.insert(it.key(), it->sent);
        for (const Original &o : std::as_const(originals)) {
            const QString targetId =
                plan.targetWebhookId.isEmpty() ? o.webhookId : plan.targetWebhookId;
            auto t = target(targetId);
            if (!t)
                return t.error();
            Target *w = t.value();
            if (!w->state || w->state->status == QLatin1String("disabled")) {
                ++chunkResult.skipped;
                continue;
            }
            const qint64 due = w->start + qint64(std::llround(double(w->sent) * spacingMs));
            ins.bindValue(0, QUuid::createUuid().toString(QUuid::WithoutBraces));
            ins.bindValue(1, o.eventId);
            ins.bindValue(2, o.eventType);
            ins.bindValue(3, o.systemId);
            ins.bindValue(4, w->state->id);
            ins.bindValue(5, w->state->name);
            ins.bindValue(6, due);
            ins.bindValue(7, o.id);
            ins.bindValue(8, createdAt);
            ins.bindValue(9, createdAt);
            if (!ins.exec()) {
                // Rolled back: forget this chunk's pacing slots.
                for (auto it = targets.begin(); it != targets.end(); ++it)
                    it->sent = sentBefore.value(it.key(), 0);
                return Database::queryError(ins, QStringLiteral("replay insert"));
            }
            ++w->sent;
            ++chunkResult.enqueued;
            chunkResult.perWebhook[w->state->id] += 1;
            if (!chunkResult.lastDueAtMs || due > *chunkResult.lastDueAtMs)
                chunkResult.lastDueAtMs = due;
        }
        if (Status s = tx.commit(); !s) {
            for (auto it = targets.begin(); it != targets.end(); ++it)
                it->sent = sentBefore.value(it.key(), 0);
            return s.error();
        }
        result.enqueued += chunkResult.enqueued;
        result.skipped += chunkResult.skipped;
        for (auto it = chunkResult.perWebhook.cbegin(); it != chunkResult.perWebhook.cend(); ++it)
            result.perWebhook[it.key()] += it.value();
        if (chunkResult.lastDueAtMs &&
            (!result.lastDueAtMs || *chunkResult.lastDueAtMs > *result.lastDueAtMs))
            result.lastDueAtMs = chunkResult.lastDueAtMs;
        handled += originals.size();
        if (options.progress)
            options.progress(handled, plan.count);
        if (originals.size() < chunk)
            break;
    }
    return result;
}

} // namespace hookline
