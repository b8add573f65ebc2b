#pragma once

#include "history/DeliveryHistory.h"

#include <QWidget>

#include <optional>

class QLabel;
class QToolButton;

namespace hookline {

// A small chart of one webhook's attempts per bucket (delivered and failed, stacked bars) with
// its p50 and p95 latency as lines on a second scale. Painted with QPainter; hovering a bucket
// shows its figures.
class WebhookStatsChart final : public QWidget {
    Q_OBJECT

public:
    enum class Range { Hourly, Daily };

    explicit WebhookStatsChart(QWidget *parent = nullptr);

    void setStats(const std::optional<WebhookStats> &stats);
    void setRange(Range range);
    Range range() const { return m_range; }
    // The buckets drawn (hourly: 24, daily: 7), oldest first.
    QList<LatencyWindow> buckets() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotRect() const;
    int bucketAt(const QPointF &pos) const;
    QString bucketText(const LatencyWindow &bucket) const;

    std::optional<WebhookStats> m_stats;
    Range m_range = Range::Hourly;
};

// A webhook's health at a glance: success rate and p50/p95 latency over the last 24 hours and 7
// days, and the chart, with a switch between hourly and daily buckets.
class WebhookStatsPanel final : public QWidget {
    Q_OBJECT

public:
    explicit WebhookStatsPanel(QWidget *parent = nullptr);

    void setWebhookName(const QString &name);
    void setStats(const std::optional<WebhookStats> &stats);
    // While the figures are read; `otherWebhook` clears the chart of the previous one.
    void setLoading(bool otherWebhook = true);
    WebhookStatsChart *chart() const { return m_chart; }
    QString summaryText() const;

    static QString windowText(const LatencyWindow &window);

private:
    QLabel *m_title;
    QLabel *m_day;
    QLabel *m_week;
    QToolButton *m_hourly;
    QToolButton *m_daily;
    WebhookStatsChart *m_chart;
};

} // namespace hookline
