#pragma once

#include "model/Webhook.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

class QHeaderView;
class QSettings;
class QSplitter;

namespace hookline {

enum class Theme { System, Light, Dark };
QString themeName(Theme theme); // "system", "light", "dark"
std::optional<Theme> themeFromName(const QString &name);

// The user's choices, kept with QSettings (per user, in the platform's settings store). Typed
// accessors next to their defaults, so a key is spelled in one place. Window geometry and
// splitter states live here too: they belong to this front end, never to the core.
//
// Everything is read and written on the GUI thread; QSettings caches and writes in the
// background, so none of these calls waits on the disk.
class Preferences final {
public:
    // The application's settings store (organisation and application name).
    Preferences();
    // A store of one's own (tests): an INI file at `path`.
    explicit Preferences(const QString &path);
    ~Preferences();
    Preferences(const Preferences &) = delete;
    Preferences &operator=(const Preferences &) = delete;

    // The database to open when neither --db nor HOOKLINE_DB says; empty: the default path.
    QString databasePath() const;
    void setDatabasePath(const QString &path);

    // History retention: days to keep (0: no age limit) and deliveries to keep (0: no count
    // limit). Defaults: 30 days, no count limit.
    int retentionDays() const;
    void setRetentionDays(int days);
    qint64 retentionCount() const;
    void setRetentionCount(qint64 count);

    // Bulk replays: new deliveries per second and webhook.
    double replayRatePerSecond() const;
    void setReplayRatePerSecond(double rate);

    // Receivers: defaults for a new one.
    quint16 receiverPort() const; // default 8787
    void setReceiverPort(quint16 port);
    QString receiverHost() const; // default 127.0.0.1
    void setReceiverHost(const QString &host);
    bool receiverTls() const;
    void setReceiverTls(bool tls);
    // The response rules last applied to the receiver at `receiverId` ("127.0.0.1:8787"), as
    // responseRulesToJson() writes them; empty when none were kept. Setting empty forgets them.
    QByteArray receiverRules(const QString &receiverId) const;
    void setReceiverRules(const QString &receiverId, const QByteArray &json);

    // Failed attempts in a row after which the dispatcher pauses a webhook; 0 never pauses.
    // Default 5.
    int autoPauseAfterFailures() const;
    void setAutoPauseAfterFailures(int failures);

    // The signature scheme a new webhook starts with.
    SignatureScheme defaultScheme() const;
    void setDefaultScheme(SignatureScheme scheme);

    Theme theme() const;
    void setTheme(Theme theme);

    // Whether the first-run guide was dismissed.
    bool firstRunDone() const;
    void setFirstRunDone(bool done);

    // Opaque blobs from QWidget::saveGeometry / QMainWindow::saveState / QSplitter::saveState,
    // by name.
    QByteArray windowState(const QString &name) const;
    void setWindowState(const QString &name, const QByteArray &state);

    // Restores a splitter's sizes saved under `name` and saves them again whenever the user
    // moves it, so nothing has to be saved on close (views are destroyed after the window's
    // Preferences, so they must not use it in their destructors).
    void rememberSplitter(QSplitter *splitter, const QString &name);
    // The same for a table header: column widths, order and sort column.
    void rememberHeader(QHeaderView *header, const QString &name);

    // The file the settings live in (the INI file, or the platform store's path).
    QString fileName() const;

    void sync();

private:
    // Shared with the savers rememberSplitter and rememberHeader connect, which may outlive this
    // object and must then do nothing.
    std::shared_ptr<QSettings> m_settings;
};

} // namespace hookline
