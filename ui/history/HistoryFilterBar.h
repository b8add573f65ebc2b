#pragma once

#include "history/DeliveryQuery.h"
#include "model/Webhook.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QPushButton;
class QTimer;

namespace hookline {

// The history's filters: free-text search (results as the user types, debounced), webhook,
// event type, outcome, response status class and time range. It only says what the user chose;
// the model reads the rows.
class HistoryFilterBar final : public QWidget {
    Q_OBJECT

public:
    enum class TimeRange { Any, LastHour, Last24Hours, Last7Days, Last30Days, Custom };

    explicit HistoryFilterBar(QWidget *parent = nullptr);

    // Keeps the chosen webhook (listed as unknown when it is no longer there).
    void setWebhooks(const QList<Webhook> &webhooks);
    void setEventTypes(const QStringList &types);

    // The filter as chosen, with relative time ranges counted back from `nowMs`.
    DeliveryFilter filter(qint64 nowMs) const;
    // Anything but "everything".
    bool isFiltering() const;

    QString webhookId() const;
    void setWebhookId(const QString &webhookId);
    void setSearchText(const QString &text);
    void setTimeRange(TimeRange range);
    // Custom range bounds (local time), shown when the range is Custom.
    void setCustomRange(const QDateTime &from, const QDateTime &to);
    QLineEdit *searchField() const { return m_search; }
    void focusSearch();

public slots:
    void clear();

signals:
    // The filter changed; typing is debounced so a page is read per pause, not per key.
    void filterChanged();

private:
    void changedNow();
    void updateClearButton();
    void addWebhookItem(const QString &id, const QString &name, WebhookStatus status);

    QLineEdit *m_search;
    QComboBox *m_webhook;
    QComboBox *m_eventType;
    QComboBox *m_outcome;
    QComboBox *m_statusClass;
    QComboBox *m_time;
    QDateTimeEdit *m_since;
    QDateTimeEdit *m_until;
    QPushButton *m_clear;
    QTimer *m_typing;
    bool m_silent = false;
};

} // namespace hookline
