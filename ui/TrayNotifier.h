#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace hookline {

// Hookline's icon in the system tray, where the desktop has one: a menu to bring the window
// back, pause or resume dispatching and quit, and a message when deliveries pause or disable a
// webhook while the window is not in front. Without a tray (offscreen, CI, some desktops) it
// creates nothing and every call does nothing.
class TrayNotifier final : public QObject {
    Q_OBJECT

public:
    // `window`: what Show Hookline brings forward. `pauseAction` and `quitAction`: the window's
    // own actions, shared so their state and text stay the same everywhere.
    TrayNotifier(QWidget *window, QAction *pauseAction, QAction *quitAction,
                 QObject *parent = nullptr);
    ~TrayNotifier() override;

    // Whether a tray icon exists (the desktop has a system tray).
    bool isAvailable() const { return m_icon != nullptr; }
    QSystemTrayIcon *trayIcon() const { return m_icon; }
    // How many messages the tray has shown.
    int messagesShown() const { return m_messagesShown; }

public slots:
    // A webhook stopped receiving deliveries (paused or disabled by them). Shown from the tray
    // when the window is not the active one; the status bar says it otherwise.
    void notifyWebhookStopped(const QString &title, const QString &message);
    void showWindow();

private:
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_icon = nullptr;
    QMenu *m_menu = nullptr;
    int m_messagesShown = 0;
};

} // namespace hookline
