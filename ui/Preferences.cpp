#include "Preferences.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QUrl>

namespace hookline {

namespace {

constexpr int kDefaultRetentionDays = 30;
constexpr double kDefaultReplayRate = 10.0;
constexpr quint16 kDefaultReceiverPort = 8787;

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

} // namespace

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<Theme> themeFromName(const QString &name)
{
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark})
        if (themeName(t) == name)
            return t;
    return std::nullopt;
}

Preferences::Preferences()
    : m_settings(std::make_shared<QSettings>())
{}

Preferences::Preferences(const QString &path)
    : m_settings(std::make_shared<QSettings>(path, QSettings::IniFormat))
{}

Preferences::~Preferences() = default;

QString Preferences::databasePath() const
{
    return m_settings->value(key("storage/databasePath")).toString();
}

void Preferences::setDatabasePath(const QString &path)
{
    if (path.isEmpty())
        m_settings->remove(key("storage/databasePath"));
    else
        m_settings->setValue(key("storage/databasePath"), path);
}

int Preferences::retentionDays() const
{
    bool ok = false;
    const int days =
        m_settings->value(key("history/retentionDays"), kDefaultRetentionDays).toInt(&ok);
    return ok && days >= 0 ? days : kDefaultRetentionDays;
}

void Preferences::setRetentionDays(int days)
{
    m_settings->setValue(key("history/retentionDays"), std::max(0, days));
}

qint64 Preferences::retentionCount() const
{
    bool ok = false;
    const qint64 count = m_settings->value(key("history/retentionCount"), 0).toLongLong(&ok);
    return ok && count >= 0 ? count : 0;
}

void Preferences::setRetentionCount(qint64 count)
{
    m_settings->setValue(key("history/retentionCount"), std::max<qint64>(0, count));
}

double Preferences::replayRatePerSecond() const
{
    bool ok = false;
    const double rate =
        m_settings->value(key("history/replayRatePerSecond"), kDefaultReplayRate).toDouble(&ok);
    return ok && rate > 0 ? rate : kDefaultReplayRate;
}

void Preferences::setReplayRatePerSecond(double rate)
{
    m_settings->setValue(key("history/replayRatePerSecond"), rate);
}

quint16 Preferences::receiverPort() const
{
    bool ok = false;
    const int port = m_settings->value(key("receiver/port"), kDefaultReceiverPort).toInt(&ok);
    return ok && port > 0 && port <= 65535 ? quint16(port) : kDefaultReceiverPort;
}

void Preferences::setReceiverPort(quint16 port)
{
    m_settings->setValue(key("receiver/port"), int(port));
}

QString Preferences::receiverHost() const
{
    const QString host = m_settings->value(key("receiver/host")).toString().trimmed();
    return host.isEmpty() ? QStringLiteral("127.0.0.1") : host;
}

void Preferences::setReceiverHost(const QString &host)
{
    m_settings->setValue(key("receiver/host"), host.trimmed());
}

bool Preferences::receiverTls() const
{
    return m_settings->value(key("receiver/tls"), false).toBool();
}

void Preferences::setReceiverTls(bool tls)
{
    m_settings->setValue(key("receiver/tls"), tls);
}

namespace {

QString rulesKey(const QString &receiverId)
{
    // Addresses hold ':' and '[': one settings key segment, percent-encoded.
    return QStringLiteral("receiver/rules/") +
           QString::fromLatin1(QUrl::toPercentEncoding(receiverId));
}

} // namespace

QByteArray Preferences::receiverRules(const QString &receiverId) const
{
    return m_settings->value(rulesKey(receiverId)).toByteArray();
}

void Preferences::setReceiverRules(const QString &receiverId, const QByteArray &json)
{
    if (json.isEmpty())
        m_settings->remove(rulesKey(receiverId));
    else
        m_settings->setValue(rulesKey(receiverId), json);
}

int Preferences::autoPauseAfterFailures() const
{
    bool ok = false;
    const int n = m_settings->value(key("delivery/autoPauseAfterFailures"), 5).toInt(&ok);
    return ok && n >= 0 && n <= 100 ? n : 5;
}

void Preferences::setAutoPauseAfterFailures(int failures)
{
    m_settings->setValue(key("delivery/autoPauseAfterFailures"), std::clamp(failures, 0, 100));
}

SignatureScheme Preferences::defaultScheme() const
{
    const auto scheme = schemeFromName(m_settings->value(key("webhooks/defaultScheme")).toString());
    return scheme.value_or(SignatureScheme::XWebhookSignature);
}

void Preferences::setDefaultScheme(SignatureScheme scheme)
{
    m_settings->setValue(key("webhooks/defaultScheme"), schemeName(scheme));
}

Theme Preferences::theme() const
{
    return themeFromName(m_settings->value(key("appearance/theme")).toString())
        .value_or(Theme::System);
}

void Preferences::setTheme(Theme theme)
{
    m_settings->setValue(key("appearance/theme"), themeName(theme));
}

bool Preferences::firstRunDone() const
{
    return m_settings->value(key("general/firstRunDone"), false).toBool();
}

void Preferences::setFirstRunDone(bool done)
{
    m_settings->setValue(key("general/firstRunDone"), done);
}

QByteArray Preferences::windowState(const QString &name) const
{
    return m_settings->value(QStringLiteral("windows/") + name).toByteArray();
}

void Preferences::setWindowState(const QString &name, const QByteArray &state)
{
    m_settings->setValue(QStringLiteral("windows/") + name, state);
}

void Preferences::rememberSplitter(QSplitter *splitter, const QString &name)
{
    if (const QByteArray state = windowState(name); !state.isEmpty())
        splitter->restoreState(state);
    const QString key = QStringLiteral("windows/") + name;
    const std::weak_ptr<QSettings> settings = m_settings;
    QObject::connect(splitter, &QSplitter::splitterMoved, splitter, [settings, splitter, key] {
        if (const auto s = settings.lock())
            s->setValue(key, splitter->saveState());
    });
}

void Preferences::rememberHeader(QHeaderView *header, const QString &name)
{
    if (const QByteArray state = windowState(name); !state.isEmpty())
        header->restoreState(state);
    const QString key = QStringLiteral("windows/") + name;
    const std::weak_ptr<QSettings> settings = m_settings;
    const auto save = [settings, header, key] {
        // A header whose model went away (the window closing) has nothing worth keeping.
        if (const auto s = settings.lock(); s && header->count() > 0)
            s->setValue(key, header->saveState());
    };
    QObject::connect(header, &QHeaderView::sectionMoved, header, save);
    QObject::connect(header, &QHeaderView::sectionResized, header, save);
    QObject::connect(header, &QHeaderView::sortIndicatorChanged, header, save);
}

QString Preferences::fileName() const
{
    return m_settings->fileName();
}

void Preferences::sync()
{
    m_settings->sync();
}

} // namespace hookline
