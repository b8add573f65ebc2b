#pragma once

#include "receiver/ReceivedRequestLog.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

namespace hookline {

class ReceiverHost;

// The receivers of the sidebar: those started in this session (running or stopped), with
// status, URL and counts, then the receiver ids the database has requests of from earlier
// sessions (which can be looked at and started again).
class ReceiverListModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        UrlRole,      // QString
        ListeningRole // bool
    };

    explicit ReceiverListModel(QObject *parent = nullptr);
    ~ReceiverListModel() override;

    // Adds a receiver started in this session at the top, or puts it in place of the earlier
    // entry with the same id. Returns its row.
    int addHost(ReceiverHost *host);
    // Earlier receivers; ids already listed are left alone.
    void setRecorded(const QList<RecordedReceiver> &recorded);
    void removeAt(int row);

    ReceiverHost *hostAt(int row) const;
    // For an earlier entry (no host), what the database knows.
    const RecordedReceiver *recordedAt(int row) const;
    QString idAt(int row) const;
    int rowOfHost(const ReceiverHost *host) const;
    int rowOfId(const QString &id) const;
    QList<ReceiverHost *> hosts() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Entry {
        QPointer<ReceiverHost> host;
        RecordedReceiver recorded;
    };
    void hostChanged(ReceiverHost *host);

    QList<Entry> m_entries;
};

} // namespace hookline
