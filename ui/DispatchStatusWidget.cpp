#include "DispatchStatusWidget.h"

#include "Theme.h"

#include <QAction>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace hookline {

namespace {

QLabel *makeFigure(QWidget *parent, const QString &objectName, const QString &toolTip)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setToolTip(toolTip);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QFrame *makeSeparator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

} // namespace

DispatchStatusWidget::DispatchStatusWidget(QAction *pauseAction, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("dispatchStatus"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("dispatchStateLabel"));
    m_toggle = new QToolButton(this);
    m_toggle->setObjectName(QStringLiteral("dispatchToggleButton"));
    m_toggle->setDefaultAction(pauseAction);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setAutoRaise(true);

    m_queued = makeFigure(this, QStringLiteral("queuedLabel"),
                          tr("Deliveries waiting to be sent, or to be retried later"));
    m_inFlight = makeFigure(this, QStringLiteral("inFlightLabel"), tr("Requests under way now"));
    m_delivered = makeFigure(this, QStringLiteral("deliveredLabel"),
                             tr("Attempts answered with 2xx in the last minute"));
    m_failed = makeFigure(this, QStringLiteral("failedLabel"),
                          tr("Attempts that failed in the last minute (any status other than "
                             "2xx, a timeout or a connection error)"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->setSpacing(8);
    layout->addWidget(m_queued);
    layout->addWidget(m_inFlight);
    layout->addWidget(m_delivered);
    layout->addWidget(m_failed);
    layout->addWidget(makeSeparator(this));
    layout->addWidget(m_state);
    layout->addWidget(m_toggle);

    setStats({});
    setState(State::Stopped);
}

void DispatchStatusWidget::setState(State state)
{
    switch (state) {
    case State::Stopped:
        m_state->setText(tr("Not dispatching"));
        m_state->setToolTip(tr("Deliveries start once the database is open."));
        setLabelTone(m_state, Tone::Muted);
        break;
    case State::Running:
        m_state->setText(tr("\u25cf Dispatching"));
        m_state->setToolTip(tr("Queued events are being delivered."));
        setLabelTone(m_state, Tone::Positive);
        break;
    case State::Paused:
        m_state->setText(tr("\u275a\u275a Dispatching paused"));
        m_state->setToolTip(tr("Nothing is sent until dispatching resumes; new events wait in "
                               "the queue."));
        setLabelBox(m_state, Tone::Warning, BoxShape::Badge);
        break;
    }
}

void DispatchStatusWidget::setStats(const QueueStats &stats)
{
    m_queued->setText(tr("Queued: %1").arg(stats.queued));
    m_inFlight->setText(tr("In flight: %1").arg(stats.inFlight));
    m_delivered->setText(tr("Delivered/min: %1").arg(stats.deliveredLastMinute));
    m_failed->setText(tr("Failed/min: %1").arg(stats.failedLastMinute));
    setLabelTone(m_failed,
                 stats.failedLastMinute > 0 ? std::optional<Tone>(Tone::Negative) : std::nullopt);
}

} // namespace hookline
