#include "ReceiverHistoryClient.h"

#include "storage/Database.h"

#include <QPointer>

namespace hookline {

ReceiverHistoryClient::ReceiverHistoryClient(QObject *parent)
    : QObject(parent)
{
    // One worker that never expires: its SQLite connection stays open between reads.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("hookline-receiver-history"));
}

ReceiverHistoryClient::~ReceiverHistoryClient()
{
    m_pool.waitForDone();
}

void ReceiverHistoryClient::setDatabase(std::shared_ptr<Database> database)
{
    m_database = std::move(database);
}

template <typename R>
void ReceiverHistoryClient::submit(std::function<R(const Database &)> work, QObject *context,
                                   std::function<void(R)> done)
{
    if (!m_database) {
        done(R(Error{ErrorCode::StorageError, QString(),
                     tr("The database is not open yet; wait until it has opened.")}));
        return;
    }
    m_pool.start([this, database = m_database, work = std::move(work),
                  guard = QPointer<QObject>(context), done = std::move(done)]() mutable {
        R result = work(*database);
        QMetaObject::invokeMethod(
            this,
            [guard, done = std::move(done), result = std::move(result)]() mutable {
                if (guard)
                    done(std::move(result));
            },
            Qt::QueuedConnection);
    });
}

void ReceiverHistoryClient::latest(const QString &receiverId, int limit, QObject *context,
                                   Callback<QList<ReceivedRequest>> done)
{
    submit<Result<QList<ReceivedRequest>>>(
        [receiverId, limit](const Database &db) {
            return ReceivedRequestLog::latest(db, receiverId, limit);
        },
        context, std::move(done));
}

void ReceiverHistoryClient::receivers(int limit, QObject *context,
                                      Callback<QList<RecordedReceiver>> done)
{
    submit<Result<QList<RecordedReceiver>>>(
        [limit](const Database &db) { return ReceivedRequestLog::receivers(db, limit); }, context,
        std::move(done));
}

} // namespace hookline
