#pragma once

#include "Clock.h"
#include "model/Webhook.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>

namespace hookline {

// The webhooks the registry returned, one per row. It holds what it is given and never reads the
// database itself.
class WebhookListModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Status, Name, Url, Events, LastDelivery, NB_COLUMNS };
    enum Role {
        IdRole = Qt::UserRole + 1,
        SortRole,   // a value that sorts the column meaningfully (times as numbers)
        SearchRole, // everything the filter box matches against, including every event name
    };

    explicit WebhookListModel(QObject *parent = nullptr);

    void setClock(const Clock *clock);
    void setWebhooks(const QList<Webhook> &webhooks);
    const QList<Webhook> &webhooks() const { return m_webhooks; }
    const Webhook *webhookAt(int row) const;
    // -1 when absent.
    int rowOf(const QString &id) const;
    // Relative times ("5 min ago") go stale; call this now and then.
    void refreshTimes();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString statusText(WebhookStatus status);
    // A coloured dot: green active, amber paused, grey disabled.
    static QIcon statusIcon(WebhookStatus status);
    static QString statusTooltip(const Webhook &webhook);
    // "—" when nothing was delivered yet, else "5 min ago · 200" (absolute after a day).
    static QString lastDeliveryText(const Webhook &webhook, qint64 nowMs);
    static QString timeText(qint64 atMs, qint64 nowMs);

private:
    QList<Webhook> m_webhooks;
    const Clock *m_clock = nullptr;
};

} // namespace hookline
