#pragma once

#include "Result.h"
#include "receiver/ReceivedRequestLog.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace hookline {

class Database;

// Reads recorded requests back (ReceivedRequestLog) on a worker thread of its own and answers on
// the GUI thread; an answer is dropped when its context object is gone.
class ReceiverHistoryClient final : public QObject {
    Q_OBJECT

public:
    template <typename T> using Callback = std::function<void(Result<T>)>;

    explicit ReceiverHistoryClient(QObject *parent = nullptr);
    ~ReceiverHistoryClient() override;

    void setDatabase(std::shared_ptr<Database> database);
    bool isReady() const { return m_database != nullptr; }

    void latest(const QString &receiverId, int limit, QObject *context,
                Callback<QList<ReceivedRequest>> done);
    void receivers(int limit, QObject *context, Callback<QList<RecordedReceiver>> done);

private:
    template <typename R>
    void submit(std::function<R(const Database &)> work, QObject *context,
                std::function<void(R)> done);

    QThreadPool m_pool;
    std::shared_ptr<Database> m_database;
};

} // namespace hookline
