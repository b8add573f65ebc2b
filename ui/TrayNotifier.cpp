#include "TrayNotifier.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

namespace hookline {

namespace {

constexpr int kMessageMs = 10000;

} // namespace

TrayNotifier::TrayNotifier(QWidget *window, QAction *pauseAction, QAction *quitAction,
                           QObject *parent)
    : QObject(parent)
    , m_window(window)
{
    setObjectName(QStringLiteral("trayNotifier"));
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;

    // The menu is a top-level widget of its own: deleted with this object, not the window.
    m_menu = new QMenu;
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    QAction *show = m_menu->addAction(tr("&Show Hookline"));
    show->setObjectName(QStringLiteral("trayShowAction"));
    connect(show, &QAction::triggered, this, &TrayNotifier::showWindow);
    m_menu->addSeparator();
    if (pauseAction)
        m_menu->addAction(pauseAction);
    m_menu->addSeparator();
    if (quitAction)
        m_menu->addAction(quitAction);

    m_icon = new QSystemTrayIcon(QApplication::windowIcon(), this);
    m_icon->setObjectName(QStringLiteral("trayIcon"));
    m_icon->setToolTip(tr("Hookline"));
    m_icon->setContextMenu(m_menu);
    connect(m_icon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    showWindow();
            });
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::showWindow);
    m_icon->show();
}

TrayNotifier::~TrayNotifier()
{
    delete m_menu;
}

void TrayNotifier::notifyWebhookStopped(const QString &title, const QString &message)
{
    if (!m_icon || !QSystemTrayIcon::supportsMessages())
        return;
    if (m_window && m_window->isVisible() && m_window->isActiveWindow() && !m_window->isMinimized())
        return;
    m_icon->showMessage(title, message, QSystemTrayIcon::Warning, kMessageMs);
    ++m_messagesShown;
}

void TrayNotifier::showWindow()
{
    if (!m_window)
        return;
    if (m_window->isMinimized())
        m_window->showNormal();
    else
        m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace hookline
