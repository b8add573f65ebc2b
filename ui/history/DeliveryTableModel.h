#pragma once

#include "Clock.h"
#include "delivery/Dispatcher.h"
#include "history/DeliveryHistory.h"
#include "history/HistoryClient.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSet>

namespace hookline {

// Delivery history, newest first, read a page at a time through HistoryClient (keyset paging:
// each page continues after the last row held, never by OFFSET). The view's scrolling asks for
// more (canFetchMore/fetchMore); nothing is read while idle and no read stays open.
//
// Arrivals: fetchNewer() asks for rows newer than the first one held; they are prepended when
// the caller says the user is looking at the top, otherwise only counted (newerAvailable) so
// the rows under the user's eyes do not move. A filter change starts a new generation: answers
// to requests of the old one are dropped.
class DeliveryTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, EventType, Webhook, Attempts, Outcome, Response, Latency, NB_COLUMNS };
    enum Role {
        IdRole = Qt::UserRole + 1,
        EventIdRole,
        WebhookIdRole,
        WebhookNameRole,
        StatusRole,    // DeliveryStatus as int
        CreatedAtRole, // epoch ms
        ReplayOfRole,
    };

    explicit DeliveryTableModel(HistoryClient *client, QObject *parent = nullptr);

    void setClock(const Clock *clock);
    // Rows per page (the first page and each fetchMore).
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    // Drops the rows and reads the first page (and the count) of `filter`.
    void setFilter(const DeliveryFilter &filter);
    const DeliveryFilter &filter() const { return m_filter; }
    void reload();

    // The first page has been answered (rows or none).
    bool hasLoaded() const { return m_loaded; }
    bool isLoading() const { return m_loading; }
    // Every row of the filter is held.
    bool isAtEnd() const { return m_loaded && m_nextCursor.isEmpty(); }
    // How many deliveries match, as last counted plus arrivals since; -1 until counted.
    qint64 totalCount() const { return m_total; }
    // The last read failed (empty when fine).
    QString errorText() const { return m_error; }

    const DeliveryRow *rowAt(int row) const;
    int rowOf(const QString &deliveryId) const;
    QStringList ids(const QModelIndexList &rows) const;

    // Looks for deliveries newer than the first row. `prepend`: insert them (the view is at the
    // top); otherwise only count them (newerAvailable). More than a page of arrivals, or any
    // while nothing is held, reloads instead when prepending.
    void fetchNewer(bool prepend);
    // Arrivals counted by fetchNewer(false), not shown yet.
    int pendingNewer() const { return m_pendingNewer; }
    // Updates held rows in place from the dispatcher's attempt reports (no database read).
    void applyAttempts(const QList<AttemptSummary> &attempts);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static QString statusText(DeliveryStatus status);
    static QString responseText(const std::optional<int> &status, const QString &error);
    static QString latencyText(qint64 ms);
    // "Service Unavailable" for 503; empty for codes without a well-known phrase.
    static QString reasonPhrase(int status);
    static QString timeText(qint64 atMs);
    static QColor statusColor(DeliveryStatus status);
    static QIcon statusIcon(DeliveryStatus status);

signals:
    void loadingChanged(bool loading);
    // The first page of the current filter is in (the model may be empty).
    void firstPageLoaded();
    void totalCountChanged(qint64 count);
    void newerAvailable(int count, bool more);
    // Rows already held changed (attempts recorded): e.g. the details on show may be stale.
    void rowsUpdated(const QStringList &deliveryIds);
    void loadFailed(const QString &message);

private:
    // Drops the rows and reads the first page again; `recount`: the count too.
    void restart(bool recount);
    void requestPage();
    void requestCount();
    void onPage(const DeliveryPage &page, bool first);
    void prependRows(const QList<DeliveryRow> &rows);
    DeliveryRow interned(DeliveryRow row);
    void clearRows();

    HistoryClient *m_client;
    const Clock *m_clock = nullptr;
    int m_pageSize = DeliveryHistory::DefaultPageSize * 2;
    DeliveryFilter m_filter;
    RequestGeneration m_generation;

    QList<DeliveryRow> m_rows;
    // Row of a delivery: its sequence number minus m_firstSeq (prepending lowers m_firstSeq, so
    // no index needs rewriting).
    QHash<QString, qint64> m_seqById;
    qint64 m_firstSeq = 0;
    // Repeated texts (types, webhook names, errors) share one copy across a million rows.
    QSet<QString> m_strings;

    QString m_nextCursor;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_fetching = false;
    bool m_fetchingNewer = false;
    int m_pendingNewer = 0;
    qint64 m_total = -1;
    QElapsedTimer m_countAge; // since the last count was asked for
    QString m_error;
};

} // namespace hookline
