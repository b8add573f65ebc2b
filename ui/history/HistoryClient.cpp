#include "HistoryClient.h"

#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QSaveFile>

namespace hookline {

namespace {

constexpr int kProgressIntervalMs = 40;

Error notReady()
{
    return Error{ErrorCode::StorageError, QString(),
                 HistoryClient::tr("The database is not open yet; wait until it has opened.")};
}

} // namespace

HistoryJob::HistoryJob(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{}

void HistoryJob::cancel()
{
    if (m_cancel->exchange(true))
        return;
    emit cancelRequested();
}

HistoryClient::HistoryClient(QObject *parent)
    : QObject(parent)
{
    // One thread per lane, never retired: each keeps its SQLite connection for its lifetime.
    const QList<std::pair<QThreadPool *, const char *>> lanes = {
        {&m_interactive, "hookline-history"},
        {&m_background, "hookline-history-counts"},
        {&m_jobs, "hookline-history-jobs"},
        {&m_maintenance, "hookline-history-retention"}};
    for (const auto &[lane, name] : lanes) {
        lane->setMaxThreadCount(1);
        lane->setExpiryTimeout(-1);
        lane->setObjectName(QString::fromLatin1(name));
    }
}

HistoryClient::~HistoryClient()
{
    for (const QPointer<HistoryJob> &job : std::as_const(m_runningJobs))
        if (job)
            job->cancel();
    // Calls not started yet are dropped; running ones finish (jobs stop at their next check).
    for (QThreadPool *lane : {&m_interactive, &m_background, &m_jobs, &m_maintenance}) {
        lane->clear();
        lane->waitForDone();
    }
}

void HistoryClient::setSession(std::shared_ptr<Session> session)
{
    m_session = std::move(session);
}

const Clock &HistoryClient::clock() const
{
    if (m_session)
        return m_session->registry->clock();
    return *SystemClock::instance();
}

QThreadPool *HistoryClient::pool(Lane lane)
{
    switch (lane) {
    case Lane::Interactive:
        return &m_interactive;
    case Lane::Background:
        return &m_background;
    case Lane::Jobs:
        return &m_jobs;
    case Lane::Maintenance:
        return &m_maintenance;
    }
    return &m_interactive;
}

template <typename R>
void HistoryClient::submit(Lane lane, const RequestTicket &ticket, std::function<R(Session &)> work,
                           QObject *receiver, std::function<void(R)> done)
{
    if (!m_session) {
        done(R(notReady()));
        return;
    }
    // The worker posts each result to this object (which outlives every task: the destructor
    // waits), so results of one lane arrive in the order the calls were made.
    pool(lane)->start([this, session = m_session, ticket, work = std::move(work),
                       guard = QPointer<QObject>(receiver), done = std::move(done)]() mutable {
        if (!ticket.isCurrent())
            return; // overtaken before it started: not worth a query
        R result = work(*session);
        QMetaObject::invokeMethod(
            this,
            [ticket, guard, done = std::move(done), result = std::move(result)]() mutable {
                if (guard && ticket.isCurrent())
                    done(std::move(result));
            },
            Qt::QueuedConnection);
    });
}

template <typename R>
HistoryJob *HistoryClient::submitJob(Lane lane,
                                     std::function<R(Session &, const JobContext &)> work,
                                     QObject *receiver, std::function<void(R)> done)
{
    auto *job = new HistoryJob(this);
    if (!m_session) {
        done(R(notReady()));
        job->deleteLater();
        return job;
    }
    m_runningJobs.removeAll(QPointer<HistoryJob>());
    m_runningJobs << job;
    // The job object is only touched on the GUI thread; the worker sees its cancel flag (shared,
    // so it outlives the object) and reports through this client.
    JobContext context{job->sharedCancelFlag(), progressReporter(job)};
    pool(lane)->start([this, session = m_session, job = QPointer<HistoryJob>(job),
                       context = std::move(context), work = std::move(work),
                       guard = QPointer<QObject>(receiver), done = std::move(done)]() mutable {
        R result = work(*session, context);
        QMetaObject::invokeMethod(
            this,
            [job, guard, done = std::move(done), result = std::move(result)]() mutable {
                if (guard)
                    done(std::move(result));
                if (job)
                    job->deleteLater();
            },
            Qt::QueuedConnection);
    });
    return job;
}

std::function<void(qint64, qint64)> HistoryClient::progressReporter(QPointer<HistoryJob> job)
{
    auto timer = std::make_shared<QElapsedTimer>();
    return [this, job, timer](qint64 done, qint64 total) {
        const bool last = total > 0 && done >= total;
        if (timer->isValid() && timer->elapsed() < kProgressIntervalMs && !last)
            return;
        timer->start();
        QMetaObject::invokeMethod(
            this,
            [job, done, total] {
                if (job)
                    emit job->progress(done, total);
            },
            Qt::QueuedConnection);
    };
}

void HistoryClient::page(const DeliveryFilter &filter, const QString &cursor, int limit,
                         const RequestTicket &ticket, QObject *receiver,
                         Callback<DeliveryPage> done)
{
    submit<Result<DeliveryPage>>(
        Lane::Interactive, ticket,
        [filter, cursor, limit](Session &s) {
            return DeliveryHistory(s.database, &s.registry->clock()).page(filter, cursor, limit);
        },
        receiver, std::move(done));
}

void HistoryClient::newer(const DeliveryFilter &filter, const DeliveryCursor &cursor, int limit,
                          const RequestTicket &ticket, QObject *receiver,
                          Callback<QList<DeliveryRow>> done)
{
    submit<Result<QList<DeliveryRow>>>(
        Lane::Interactive, ticket,
        [filter, cursor, limit](Session &s) {
            return DeliveryHistory(s.database, &s.registry->clock()).newer(filter, cursor, limit);
        },
        receiver, std::move(done));
}

void HistoryClient::count(const DeliveryFilter &filter, const RequestTicket &ticket,
                          QObject *receiver, Callback<qint64> done)
{
    submit<Result<qint64>>(
        Lane::Background, ticket,
        [filter](Session &s) {
            return DeliveryHistory(s.database, &s.registry->clock()).count(filter);
        },
        receiver, std::move(done));
}

void HistoryClient::detail(const QString &deliveryId, const RequestTicket &ticket,
                           QObject *receiver, Callback<DeliveryDetail> done)
{
    submit<Result<DeliveryDetail>>(
        Lane::Interactive, ticket,
        [deliveryId](Session &s) {
            return DeliveryHistory(s.database, &s.registry->clock()).detail(deliveryId);
        },
        receiver, std::move(done));
}

void HistoryClient::webhookStats(const QString &webhookId, const RequestTicket &ticket,
                                 QObject *receiver, Callback<WebhookStats> done)
{
    submit<Result<WebhookStats>>(
        Lane::Background, ticket,
        [webhookId](Session &s) {
            return DeliveryHistory(s.database, &s.registry->clock()).webhookStats(webhookId);
        },
        receiver, std::move(done));
}

void HistoryClient::curlCommand(const QString &deliveryId, int attemptNo, bool includeSecrets,
                                QObject *receiver, Callback<QString> done)
{
    submit<Result<QString>>(
        Lane::Interactive, {},
        [deliveryId, attemptNo, includeSecrets](Session &s) {
            CurlOptions options;
            options.attemptNo = attemptNo;
            options.includeSecrets = includeSecrets;
            options.registry = s.registry.get();
            return DeliveryHistory(s.database, &s.registry->clock())
                .curlCommand(deliveryId, options);
        },
        receiver, std::move(done));
}

void HistoryClient::payload(const QString &deliveryId, QObject *receiver, Callback<QByteArray> done)
{
    submit<Result<QByteArray>>(
        Lane::Interactive, {},
        [deliveryId](Session &s) -> Result<QByteArray> {
            auto d = DeliveryHistory(s.database, &s.registry->clock()).detail(deliveryId);
            if (!d)
                return d.error();
            return d->body;
        },
        receiver, std::move(done));
}

void HistoryClient::replayOne(const QString &deliveryId, const QString &targetWebhookId,
                              QObject *receiver, Callback<ReplayedDelivery> done)
{
    submit<Result<ReplayedDelivery>>(
        Lane::Interactive, {},
        [deliveryId, targetWebhookId](Session &s) {
            return Replay(s.database, &s.registry->clock()).replayOne(deliveryId, targetWebhookId);
        },
        receiver,
        [this, done = std::move(done)](Result<ReplayedDelivery> result) {
            if (result)
                emit replaysQueued();
            done(std::move(result));
        });
}

void HistoryClient::planBulkReplay(const DeliveryFilter &filter, const QString &targetWebhookId,
                                   QObject *receiver, Callback<BulkReplayPlan> done)
{
    submit<Result<BulkReplayPlan>>(
        Lane::Background, {},
        [filter, targetWebhookId](Session &s) {
            return Replay(s.database, &s.registry->clock()).plan(filter, targetWebhookId);
        },
        receiver, std::move(done));
}

HistoryJob *HistoryClient::executeBulkReplay(const BulkReplayPlan &plan,
                                             double ratePerWebhookPerSecond, QObject *receiver,
                                             Callback<BulkReplayResult> done)
{
    // The dispatcher may send the first chunks while later ones are still being written.
    auto chunkQueued = [this] {
        QMetaObject::invokeMethod(this, &HistoryClient::replaysQueued, Qt::QueuedConnection);
    };
    return submitJob<Result<BulkReplayResult>>(
        Lane::Jobs,
        [plan, ratePerWebhookPerSecond, chunkQueued](Session &s, const JobContext &job) {
            BulkReplayOptions options;
            options.ratePerWebhookPerSecond = ratePerWebhookPerSecond;
            options.cancel = job.cancel.get();
            options.progress = [report = job.progress, chunkQueued](qint64 handled, qint64 total) {
                report(handled, total);
                chunkQueued();
            };
            return Replay(s.database, &s.registry->clock()).execute(plan, options);
        },
        receiver, std::move(done));
}

HistoryJob *HistoryClient::exportDeliveries(const ExportRequest &request, QObject *receiver,
                                            Callback<ExportResult> done)
{
    return submitJob<Result<ExportResult>>(
        Lane::Jobs,
        [request](Session &s, const JobContext &job) -> Result<ExportResult> {
            qint64 total = request.deliveryIds.size();
            if (request.deliveryIds.isEmpty()) {
                auto n = DeliveryHistory(s.database, &s.registry->clock()).count(request.filter);
                if (!n)
                    return n.error();
                total = n.value();
            }
            QSaveFile file(request.path);
            if (!file.open(QIODevice::WriteOnly))
                return Error{ErrorCode::StorageError, QStringLiteral("file"),
                             tr("Cannot write %1: %2. Choose a folder you can write to.")
                                 .arg(request.path, file.errorString())};
            ExportOptions options;
            options.format = request.format;
            options.deliveryIds = request.deliveryIds;
            options.includeSignatures = false;
            options.cancel = job.cancel.get();
            options.progress = [report = job.progress, total](qint64 written) {
                report(written, total);
            };
            auto result = HistoryExport(s.database).write(request.filter, &file, options);
            if (!result || result->cancelled) {
                // Nothing half-written: the target keeps what it had (or stays absent).
                file.cancelWriting();
                file.commit();
                return result;
            }
            if (!file.commit())
                return Error{ErrorCode::StorageError, QStringLiteral("file"),
                             tr("Cannot write %1: %2. Check the free space and permissions.")
                                 .arg(request.path, file.errorString())};
            return result;
        },
        receiver, std::move(done));
}

HistoryJob *HistoryClient::prune(const RetentionPolicy &policy, QObject *receiver,
                                 Callback<PruneResult> done)
{
    return submitJob<Result<PruneResult>>(
        Lane::Maintenance,
        [policy](Session &s, const JobContext &job) {
            return Retention(s.database, &s.registry->clock())
                .prune(policy, job.cancel.get(),
                       [report = job.progress](const PruneResult &r) { report(r.deliveries, 0); });
        },
        receiver, std::move(done));
}

} // namespace hookline
