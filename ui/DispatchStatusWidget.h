#pragma once

#include "delivery/DeliveryStore.h"

#include <QWidget>

class QAction;
class QLabel;
class QToolButton;

namespace hookline {

// The status bar's view of delivery: whether the dispatcher runs or is paused (with the toggle),
// the queue depth, requests in flight, and what was delivered and failed in the last minute.
class DispatchStatusWidget final : public QWidget {
    Q_OBJECT

public:
    enum class State { Stopped, Running, Paused };

    // `pauseAction`: the checkable Pause Dispatching action the toggle button shows.
    explicit DispatchStatusWidget(QAction *pauseAction, QWidget *parent = nullptr);

    void setState(State state);
    void setStats(const QueueStats &stats);

private:
    QLabel *m_state = nullptr;
    QToolButton *m_toggle = nullptr;
    QLabel *m_queued = nullptr;
    QLabel *m_inFlight = nullptr;
    QLabel *m_delivered = nullptr;
    QLabel *m_failed = nullptr;
};

} // namespace hookline
