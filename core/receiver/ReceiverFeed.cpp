#include "ReceiverFeed.h"

#include <QMetaObject>
#include <QThread>

#include <algorithm>
#include <utility>

namespace hookline {

ReceiverFeed::ReceiverFeed(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<hookline::ReceivedRequest>();
    qRegisterMetaType<QList<hookline::ReceivedRequest>>();
    qRegisterMetaType<hookline::RejectedRequest>();
    qRegisterMetaType<QList<hookline::RejectedRequest>>();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ReceiverFeed::flush);
}

ReceiverFeed::~ReceiverFeed() = default;

void ReceiverFeed::setIntervalMs(int ms)
{
    QMutexLocker lock(&m_mutex);
    m_intervalMs = std::max(ms, 0);
}

int ReceiverFeed::intervalMs() const
{
    QMutexLocker lock(&m_mutex);
    return m_intervalMs;
}

void ReceiverFeed::setMaxPending(int count)
{
    QMutexLocker lock(&m_mutex);
    m_maxPending = std::max(count, 1);
}

int ReceiverFeed::emissions() const
{
    QMutexLocker lock(&m_mutex);
    return m_emissions;
}

void ReceiverFeed::post(const ReceivedRequest &request)
{
    post(QList<ReceivedRequest>{request});
}

void ReceiverFeed::post(const QList<ReceivedRequest> &requests)
{
    if (requests.isEmpty())
        return;
    QMutexLocker lock(&m_mutex);
    m_pending.append(requests);
    if (m_pending.size() > m_maxPending) {
        const qsizetype over = m_pending.size() - m_maxPending;
        m_pending.remove(0, over);
        m_skipped += over;
    }
    if (m_scheduled)
        return;
    m_scheduled = true;
    lock.unlock();
    schedule();
}

void ReceiverFeed::postRejected(const RejectedRequest &rejected)
{
    QMutexLocker lock(&m_mutex);
    if (m_pendingRejected.size() < m_maxPending)
        m_pendingRejected.append(rejected);
    if (m_scheduled)
        return;
    m_scheduled = true;
    lock.unlock();
    schedule();
}

void ReceiverFeed::schedule()
{
    // The timer belongs to the feed's thread: start it there.
    auto start = [this] {
        const int interval = intervalMs();
        const qint64 since = m_sinceEmit.isValid() ? m_sinceEmit.elapsed() : interval;
        m_timer->start(int(std::max<qint64>(0, interval - since)));
    };
    if (QThread::currentThread() == thread())
        start();
    else
        QMetaObject::invokeMethod(this, start, Qt::QueuedConnection);
}

void ReceiverFeed::flush()
{
    m_timer->stop();
    QList<ReceivedRequest> requests;
    QList<RejectedRequest> rejected;
    qint64 skipped = 0;
    {
        QMutexLocker lock(&m_mutex);
        requests = std::exchange(m_pending, {});
        rejected = std::exchange(m_pendingRejected, {});
        skipped = std::exchange(m_skipped, 0);
        m_scheduled = false;
        if (!requests.isEmpty() || skipped > 0 || !rejected.isEmpty())
            ++m_emissions;
    }
    m_sinceEmit.start();
    if (!rejected.isEmpty())
        emit requestsRejected(rejected);
    if (!requests.isEmpty() || skipped > 0)
        emit requestsArrived(requests, skipped);
}

} // namespace hookline
