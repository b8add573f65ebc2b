#pragma once

#include "Result.h"
#include "Session.h"
#include "history/DeliveryHistory.h"
#include "history/HistoryExport.h"
#include "history/Replay.h"
#include "history/Retention.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace hookline {

// Marks a request that may be overtaken by a newer one (the model's page for an old filter):
// it is skipped on the worker when it has not started yet, and its answer dropped on the GUI
// thread, once the counter has moved on.
class RequestTicket {
public:
    RequestTicket() = default;
    RequestTicket(std::shared_ptr<const std::atomic<quint64>> counter, quint64 value)
        : m_counter(std::move(counter))
        , m_value(value)
    {}
    bool isCurrent() const { return !m_counter || m_counter->load() == m_value; }

private:
    std::shared_ptr<const std::atomic<quint64>> m_counter;
    quint64 m_value = 0;
};

// A generation counter a view bumps when what it asks for changes.
class RequestGeneration {
public:
    RequestGeneration()
        : m_counter(std::make_shared<std::atomic<quint64>>(0))
    {}
    RequestTicket ticket() const { return {m_counter, m_counter->load()}; }
    void advance() { m_counter->fetch_add(1); }

private:
    std::shared_ptr<std::atomic<quint64>> m_counter;
};

// A long operation on a worker: reports progress on the GUI thread and can be cancelled. It
// deletes itself after its result has been delivered.
class HistoryJob final : public QObject {
    Q_OBJECT

public:
    explicit HistoryJob(QObject *parent = nullptr);

    void cancel();
    bool isCancelRequested() const { return m_cancel->load(); }
    const std::atomic<bool> *cancelFlag() const { return m_cancel.get(); }
    std::shared_ptr<std::atomic<bool>> sharedCancelFlag() const { return m_cancel; }

signals:
    // `total` is 0 when not known.
    void progress(qint64 done, qint64 total);
    void cancelRequested();

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

struct ExportRequest {
    QString path;
    ExportFormat format = ExportFormat::JsonLines;
    DeliveryFilter filter;
    QStringList deliveryIds; // a selection; empty: everything `filter` matches
};

// The history tab's door to the database: DeliveryHistory, Replay, HistoryExport and Retention
// calls on worker threads of its own, never the registry's, so a long bulk replay or export
// never waits behind (or holds up) registry work, and a page never waits behind a bulk job.
//
// Lanes, each one thread that runs its calls in order on its own SQLite connection:
//  - interactive: pages, newer rows, details, cURL, single replays (all quick);
//  - background: counts, statistics, bulk replay plans (can take a few hundred ms at 1M rows);
//  - jobs: bulk replays and exports (long; progress and cancel);
//  - maintenance: retention (long; small batches, so writers never wait long).
// Results come back on the GUI thread through callbacks, dropped if the receiver died.
class HistoryClient final : public QObject {
    Q_OBJECT

public:
    template <typename T> using Callback = std::function<void(Result<T>)>;

    explicit HistoryClient(QObject *parent = nullptr);
    // Cancels running jobs and waits for every lane.
    ~HistoryClient() override;

    void setSession(std::shared_ptr<Session> session);
    bool isReady() const { return m_session != nullptr; }
    // The registry's clock (tests inject one), or the system clock before a session.
    const Clock &clock() const;

    void page(const DeliveryFilter &filter, const QString &cursor, int limit,
              const RequestTicket &ticket, QObject *receiver, Callback<DeliveryPage> done);
    void newer(const DeliveryFilter &filter, const DeliveryCursor &cursor, int limit,
               const RequestTicket &ticket, QObject *receiver, Callback<QList<DeliveryRow>> done);
    void count(const DeliveryFilter &filter, const RequestTicket &ticket, QObject *receiver,
               Callback<qint64> done);
    void detail(const QString &deliveryId, const RequestTicket &ticket, QObject *receiver,
                Callback<DeliveryDetail> done);
    void webhookStats(const QString &webhookId, const RequestTicket &ticket, QObject *receiver,
                      Callback<WebhookStats> done);
    // `includeSecrets`: the webhook's real auth header (after the user confirmed).
    void curlCommand(const QString &deliveryId, int attemptNo, bool includeSecrets,
                     QObject *receiver, Callback<QString> done);
    // The payload exactly as stored (pretty or raw is the caller's choice).
    void payload(const QString &deliveryId, QObject *receiver, Callback<QByteArray> done);

    void replayOne(const QString &deliveryId, const QString &targetWebhookId, QObject *receiver,
                   Callback<ReplayedDelivery> done);
    void planBulkReplay(const DeliveryFilter &filter, const QString &targetWebhookId,
                        QObject *receiver, Callback<BulkReplayPlan> done);
    HistoryJob *executeBulkReplay(const BulkReplayPlan &plan, double ratePerWebhookPerSecond,
                                  QObject *receiver, Callback<BulkReplayResult> done);
    // Writes through a QSaveFile: committed only when complete, discarded on cancel or error.
    HistoryJob *exportDeliveries(const ExportRequest &request, QObject *receiver,
                                 Callback<ExportResult> done);
    HistoryJob *prune(const RetentionPolicy &policy, QObject *receiver, Callback<PruneResult> done);

signals:
    // Replays were enqueued (one or a bulk chunk): a dispatcher can send them now.
    void replaysQueued();

private:
    enum class Lane { Interactive, Background, Jobs, Maintenance };

    template <typename R>
    void submit(Lane lane, const RequestTicket &ticket, std::function<R(Session &)> work,
                QObject *receiver, std::function<void(R)> done);
    // What a job's work sees on the worker: its cancel flag and where to report progress.
    struct JobContext {
        std::shared_ptr<std::atomic<bool>> cancel;
        std::function<void(qint64 done, qint64 total)> progress;
    };
    template <typename R>
    HistoryJob *submitJob(Lane lane, std::function<R(Session &, const JobContext &)> work,
                          QObject *receiver, std::function<void(R)> done);
    QThreadPool *pool(Lane lane);
    // Posts progress to the job on the GUI thread, at most every few tens of milliseconds.
    std::function<void(qint64, qint64)> progressReporter(QPointer<HistoryJob> job);

    QThreadPool m_interactive;
    QThreadPool m_background;
    QThreadPool m_jobs;
    QThreadPool m_maintenance;
    std::shared_ptr<Session> m_session;
    QList<QPointer<HistoryJob>> m_runningJobs;
};

} // namespace hookline
