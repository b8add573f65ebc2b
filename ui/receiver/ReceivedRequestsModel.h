#pragma once

#include "receiver/ReceivedRequest.h"

#include <QAbstractTableModel>
#include <QList>

namespace hookline {

// The requests of one receiver, newest first: live ones as the receiver's feed hands them over
// (a few batches per second, however many requests arrive), then earlier ones read back from
// the database. Bounded by a row count and by the bytes of bodies and headers it holds: beyond
// either, the oldest rows go (they stay in the database), so thousands of requests per second
// cost the GUI a few cheap inserts per second and bounded memory.
class ReceivedRequestsModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Method, Path, Status, Verdict, Size, Remote, ColumnCount };
    enum Role {
        OutcomeRole = Qt::UserRole + 1, // int(Verdict::Outcome)
        EarlierRole,                    // bool: read back from the database
        SequenceRole,                   // qint64: per receiver, from 1; 0 for earlier rows
    };

    static constexpr int DefaultMaxRows = 5000;
    static constexpr qint64 DefaultMaxBytes = 64LL * 1024 * 1024;

    explicit ReceivedRequestsModel(QObject *parent = nullptr);
    ~ReceivedRequestsModel() override;

    void setLimits(int maxRows, qint64 maxBytes);
    int maxRows() const { return m_maxRows; }

    // `requests` in arrival order (oldest first), as ReceiverFeed emits them: they go on top.
    void addLive(const QList<ReceivedRequest> &requests);
    // `requests` newest first, older than everything shown: they go at the bottom, as far as
    // the limits allow. Rows already shown (same time, method and path) are not repeated.
    void addEarlier(const QList<ReceivedRequest> &requests);
    void clear();

    const ReceivedRequest *requestAt(int row) const;
    bool isEarlier(int row) const;
    // Rows removed at the bottom because of the limits, since the last clear().
    qint64 droppedRows() const { return m_dropped; }
    int earlierRows() const { return m_earlier; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "12:03:04.567", or with the date when not today.
    static QString timeText(qint64 ms);
    // "184 B", "1.2 KB"
    static QString sizeText(qint64 bytes);

private:
    struct Row {
        ReceivedRequest request;
        qint64 cost = 0;
        bool earlier = false;
    };
    static qint64 costOf(const ReceivedRequest &r);
    void trim();

    QList<Row> m_rows;
    qint64 m_bytes = 0;
    int m_maxRows = DefaultMaxRows;
    qint64 m_maxBytes = DefaultMaxBytes;
    qint64 m_dropped = 0;
    int m_earlier = 0;
};

} // namespace hookline
