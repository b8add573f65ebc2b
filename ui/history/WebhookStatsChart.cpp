#include "WebhookStatsChart.h"

#include "DeliveryTableModel.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

namespace hookline {

namespace {

const QColor kDelivered(0x2e, 0x9d, 0x4a);
const QColor kFailed(0xd3, 0x3a, 0x2f);
const QColor kP50(0x3b, 0x82, 0xd6);
const QColor kP95(0xe0, 0x8a, 0x1a);

// A round number at or above `v` (1, 2, 5 × 10^n): the top of an axis.
double niceCeiling(double v)
{
    if (v <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (const double step : {1.0, 2.0, 5.0, 10.0})
        if (step * magnitude >= v)
            return step * magnitude;
    return 10 * magnitude;
}

QString percentText(double rate)
{
    const double percent = rate * 100.0;
    // 99.95 % must not read as 100 %.
    const int decimals = percent >= 99.95 && percent < 100.0 ? 2 : 1;
    return QLocale().toString(percent, 'f', decimals) + QStringLiteral(" %");
}

} // namespace

WebhookStatsChart::WebhookStatsChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("webhookStatsChart"));
    setAttribute(Qt::WA_Hover);
    setMouseTracking(true);
    setAccessibleName(tr("Attempts and latency chart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize WebhookStatsChart::sizeHint() const
{
    return {520, 118};
}

QSize WebhookStatsChart::minimumSizeHint() const
{
    return {240, 118};
}

void WebhookStatsChart::setStats(const std::optional<WebhookStats> &stats)
{
    m_stats = stats;
    update();
}

void WebhookStatsChart::setRange(Range range)
{
    m_range = range;
    update();
}

QList<LatencyWindow> WebhookStatsChart::buckets() const
{
    if (!m_stats)
        return {};
    return m_range == Range::Hourly ? m_stats->hourly : m_stats->daily;
}

QRectF WebhookStatsChart::plotRect() const
{
    const QFontMetrics fm(font());
    const qreal left = fm.horizontalAdvance(QStringLiteral("00000")) + 6;
    // Room for the widest latency label ("500 ms", "12.5 s").
    const qreal right = fm.horizontalAdvance(QStringLiteral("000 ms")) + 10;
    const qreal top = fm.height() + 4;    // legend
    const qreal bottom = fm.height() + 4; // time labels
    return QRectF(left, top, width() - left - right, height() - top - bottom);
}

int WebhookStatsChart::bucketAt(const QPointF &pos) const
{
    const QList<LatencyWindow> all = buckets();
    const QRectF plot = plotRect();
    if (all.isEmpty() || !plot.contains(pos))
        return -1;
    const int i = int((pos.x() - plot.left()) / (plot.width() / qreal(all.size())));
    return std::clamp(i, 0, int(all.size()) - 1);
}

QString WebhookStatsChart::bucketText(const LatencyWindow &b) const
{
    const QString format =
        m_range == Range::Hourly ? QStringLiteral("ddd HH:mm") : QStringLiteral("ddd d MMM HH:mm");
    QString text = tr("%1 – %2").arg(QDateTime::fromMSecsSinceEpoch(b.fromMs).toString(format),
                                     QDateTime::fromMSecsSinceEpoch(b.toMs).toString(format));
    text += QLatin1Char('\n') + WebhookStatsPanel::windowText(b);
    return text;
}

bool WebhookStatsChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = bucketAt(help->pos());
        if (i >= 0)
            QToolTip::showText(help->globalPos(), bucketText(buckets().at(i)), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void WebhookStatsChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    QColor faint = text;
    faint.setAlphaF(0.15f);
    QColor muted = text;
    muted.setAlphaF(0.65f);
    const QFontMetrics fm(font());
    const QRectF plot = plotRect();

    // Legend, top right.
    {
        qreal x = plot.right();
        const qreal y = fm.ascent() + 1;
        const QList<std::pair<QColor, QString>> items = {{kP95, tr("p95")},
                                                         {kP50, tr("p50")},
                                                         {kFailed, tr("failed")},
                                                         {kDelivered, tr("delivered")}};
        for (const auto &[color, label] : items) {
            const qreal w = fm.horizontalAdvance(label);
            x -= w;
            p.setPen(muted);
            p.drawText(QPointF(x, y), label);
            x -= 14;
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawRoundedRect(QRectF(x, y - fm.ascent() + 3, 10, fm.ascent() - 4), 2, 2);
            x -= 12;
        }
        p.setPen(muted);
        p.drawText(QPointF(0, y), tr("attempts"));
    }

    const QList<LatencyWindow> all = buckets();
    p.setPen(QPen(faint, 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    if (all.isEmpty()) {
        p.setPen(muted);
        p.drawText(plot, Qt::AlignCenter, tr("No figures yet"));
        return;
    }

    int maxAttempts = 0;
    qint64 maxLatency = 0;
    for (const LatencyWindow &b : all) {
        maxAttempts = std::max(maxAttempts, b.attempts);
        maxLatency = std::max(maxLatency, b.p95Ms.value_or(0));
    }
    const double attemptTop = niceCeiling(maxAttempts);
    const double latencyTop = niceCeiling(double(maxLatency));

    // Grid lines and axis labels: attempts on the left, latency on the right.
    for (int i = 0; i <= 2; ++i) {
        const qreal y = plot.bottom() - plot.height() * i / 2.0;
        if (i > 0) {
            p.setPen(QPen(faint, 1, Qt::DotLine));
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        }
        p.setPen(muted);
        const QString left = QLocale().toString(qint64(std::llround(attemptTop * i / 2.0)));
        p.drawText(QRectF(0, y - fm.height() / 2.0, plot.left() - 6, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, left);
        if (maxLatency > 0) {
            const QString right =
                DeliveryTableModel::latencyText(qint64(std::llround(latencyTop * i / 2.0)));
            p.drawText(QRectF(plot.right() + 6, y - fm.height() / 2.0, width() - plot.right() - 6,
                              fm.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, right);
        }
    }

    const qreal slot = plot.width() / qreal(all.size());
    const qreal barWidth = std::max<qreal>(2.0, slot * 0.7);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < all.size(); ++i) {
        const LatencyWindow &b = all.at(i);
        if (b.attempts == 0)
            continue;
        const qreal x = plot.left() + slot * i + (slot - barWidth) / 2.0;
        const qreal hDelivered = plot.height() * b.delivered / attemptTop;
        const qreal hFailed = plot.height() * b.failed / attemptTop;
        p.setBrush(kDelivered);
        p.drawRect(QRectF(x, plot.bottom() - hDelivered, barWidth, hDelivered));
        p.setBrush(kFailed);
        p.drawRect(QRectF(x, plot.bottom() - hDelivered - hFailed, barWidth, hFailed));
    }

    // Latency lines through the bucket centres that have a figure.
    const auto drawLine = [&](const QColor &color, auto value) {
        QPainterPath path;
        bool open = false;
        for (int i = 0; i < all.size(); ++i) {
            const std::optional<qint64> v = value(all.at(i));
            if (!v) {
                open = false;
                continue;
            }
            const QPointF point(plot.left() + slot * (i + 0.5),
                                plot.bottom() - plot.height() * double(*v) / latencyTop);
            if (open)
                path.lineTo(point);
            else
                path.moveTo(point);
            open = true;
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawEllipse(point, 2.5, 2.5);
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(color, 1.8));
        p.drawPath(path);
    };
    if (maxLatency > 0) {
        drawLine(kP50, [](const LatencyWindow &b) { return b.p50Ms; });
        drawLine(kP95, [](const LatencyWindow &b) { return b.p95Ms; });
    }

    // Time labels under a few buckets.
    p.setPen(muted);
    const int step = m_range == Range::Hourly ? 6 : 1;
    for (int i = int(all.size()) - 1; i >= 0; i -= step) {
        const int back = int(all.size()) - 1 - i;
        QString label;
        if (back == 0)
            label = tr("now");
        else if (m_range == Range::Hourly)
            label = tr("−%1 h").arg(back);
        else
            label =
                QDateTime::fromMSecsSinceEpoch(all.at(i).fromMs).toString(QStringLiteral("ddd"));
        const qreal cx = plot.left() + slot * (i + 0.5);
        p.drawText(QRectF(cx - 40, plot.bottom() + 2, 80, fm.height()), Qt::AlignCenter, label);
    }
}

WebhookStatsPanel::WebhookStatsPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_day(new QLabel(this))
    , m_week(new QLabel(this))
    , m_hourly(new QToolButton(this))
    , m_daily(new QToolButton(this))
    , m_chart(new WebhookStatsChart(this))
{
    setObjectName(QStringLiteral("webhookStatsPanel"));
    m_title->setObjectName(QStringLiteral("statsTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_day->setObjectName(QStringLiteral("statsLast24h"));
    m_week->setObjectName(QStringLiteral("statsLast7d"));
    for (QLabel *label : {m_day, m_week})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_hourly->setText(tr("24 hours"));
    m_hourly->setToolTip(tr("Attempts and latency per hour, last 24 hours"));
    m_daily->setText(tr("7 days"));
    m_daily->setToolTip(tr("Attempts and latency per day, last 7 days"));
    auto *group = new QButtonGroup(this);
    for (QToolButton *b : {m_hourly, m_daily}) {
        b->setCheckable(true);
        b->setAutoRaise(true);
        group->addButton(b);
    }
    m_hourly->setChecked(true);
    connect(m_hourly, &QToolButton::toggled, this, [this](bool on) {
        m_chart->setRange(on ? WebhookStatsChart::Range::Hourly : WebhookStatsChart::Range::Daily);
    });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    auto *figures = new QVBoxLayout;
    figures->setSpacing(2);
    figures->addWidget(m_title);
    figures->addWidget(m_day);
    figures->addWidget(m_week);
    auto *toggles = new QHBoxLayout;
    toggles->setSpacing(0);
    toggles->addWidget(m_hourly);
    toggles->addWidget(m_daily);
    toggles->addStretch(1);
    figures->addLayout(toggles);
    figures->addStretch(1);
    layout->addLayout(figures);
    layout->addSpacing(12);
    layout->addWidget(m_chart, 1);
    setLoading();
}

void WebhookStatsPanel::setWebhookName(const QString &name)
{
    m_title->setText(tr("%1 — health").arg(name));
}

void WebhookStatsPanel::setLoading(bool otherWebhook)
{
    m_day->setText(tr("Last 24 hours: …"));
    m_week->setText(tr("Last 7 days: …"));
    // Another webhook's bars must not stand under this one's name.
    if (otherWebhook)
        m_chart->setStats(std::nullopt);
}

QString WebhookStatsPanel::windowText(const LatencyWindow &w)
{
    if (w.attempts == 0)
        return tr("no attempts");
    const QString attempts =
        w.attempts == 1 ? tr("1 attempt") : tr("%1 attempts").arg(QLocale().toString(w.attempts));
    QString text = tr("%1 delivered of %2").arg(percentText(w.successRate.value_or(0)), attempts);
    if (w.p50Ms)
        text += tr(" · p50 %1").arg(DeliveryTableModel::latencyText(*w.p50Ms));
    if (w.p95Ms)
        text += tr(" · p95 %1").arg(DeliveryTableModel::latencyText(*w.p95Ms));
    return text;
}

void WebhookStatsPanel::setStats(const std::optional<WebhookStats> &stats)
{
    m_chart->setStats(stats);
    if (!stats) {
        m_day->setText(tr("Last 24 hours: not available"));
        m_week->setText(tr("Last 7 days: not available"));
        return;
    }
    m_day->setText(tr("Last 24 hours: %1").arg(windowText(stats->last24h)));
    m_week->setText(tr("Last 7 days: %1").arg(windowText(stats->last7d)));
}

QString WebhookStatsPanel::summaryText() const
{
    return m_day->text() + QLatin1Char('\n') + m_week->text();
}

} // namespace hookline
