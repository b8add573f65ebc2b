#include "ReceiverListModel.h"

#include "ReceiverHost.h"
#include "Theme.h"

#include <QColor>
#include <QDateTime>
#include <QGuiApplication>
#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace hookline {

namespace {

// A status dot: filled when listening, a ring when stopped (shape, not only colour).
QIcon statusIcon(ReceiverHost::State state)
{
    const QPalette palette = QGuiApplication::palette();
    static QIcon icons[2][4];
    QIcon &icon = icons[isDarkPalette(palette) ? 1 : 0][int(state)];
    if (!icon.isNull())
        return icon;
    for (int size : {12, 16, 24}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const QRectF r(size * 0.15, size * 0.15, size * 0.7, size * 0.7);
        switch (state) {
        case ReceiverHost::State::Listening:
            p.setPen(Qt::NoPen);
            p.setBrush(statusDotColor(Tone::Positive, palette));
            p.drawEllipse(r);
            break;
        case ReceiverHost::State::Starting:
        case ReceiverHost::State::Stopping:
            p.setPen(QPen(toneText(Tone::Warning, palette), size * 0.14));
            p.setBrush(statusDotColor(Tone::Warning, palette));
            p.drawEllipse(r);
            break;
        case ReceiverHost::State::Stopped:
            p.setPen(QPen(statusDotColor(Tone::Muted, palette), size * 0.14));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(r);
            break;
        }
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString stateText(ReceiverHost::State state)
{
    switch (state) {
    case ReceiverHost::State::Stopped:
        return ReceiverListModel::tr("Stopped");
    case ReceiverHost::State::Starting:
        return ReceiverListModel::tr("Starting…");
    case ReceiverHost::State::Listening:
        return ReceiverListModel::tr("Listening");
    case ReceiverHost::State::Stopping:
        return ReceiverListModel::tr("Stopping…");
    }
    return {};
}

} // namespace

ReceiverListModel::ReceiverListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

ReceiverListModel::~ReceiverListModel() = default;

int ReceiverListModel::addHost(ReceiverHost *host)
{
    connect(host, &ReceiverHost::stateChanged, this, [this, host] { hostChanged(host); });
    connect(host, &ReceiverHost::countsChanged, this, [this, host] { hostChanged(host); });
    connect(host, &QObject::destroyed, this, [this] {
        for (int row = 0; row < m_entries.size(); ++row)
            if (!m_entries.at(row).host && m_entries.at(row).recorded.id.isEmpty())
                removeAt(row--);
    });
    const int existing = rowOfId(host->id());
    if (existing >= 0 && !m_entries.at(existing).host) {
        m_entries[existing].host = host;
        emit dataChanged(index(existing), index(existing));
        return existing;
    }
    // Below the other receivers of this session, above the earlier ones.
    int row = 0;
    while (row < m_entries.size() && m_entries.at(row).host)
        ++row;
    beginInsertRows({}, row, row);
    m_entries.insert(row, Entry{host, {}});
    endInsertRows();
    return row;
}

void ReceiverListModel::setRecorded(const QList<RecordedReceiver> &recorded)
{
    for (const RecordedReceiver &r : recorded) {
        const int row = rowOfId(r.id);
        if (row >= 0) {
            m_entries[row].recorded = r;
            emit dataChanged(index(row), index(row));
            continue;
        }
        beginInsertRows({}, int(m_entries.size()), int(m_entries.size()));
        m_entries.append(Entry{nullptr, r});
        endInsertRows();
    }
}

void ReceiverListModel::removeAt(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
}

void ReceiverListModel::hostChanged(ReceiverHost *host)
{
    const int row = rowOfHost(host);
    if (row >= 0)
        emit dataChanged(index(row), index(row));
}

ReceiverHost *ReceiverListModel::hostAt(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return nullptr;
    return m_entries.at(row).host;
}

const RecordedReceiver *ReceiverListModel::recordedAt(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return nullptr;
    return &m_entries.at(row).recorded;
}

QString ReceiverListModel::idAt(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return {};
    const Entry &e = m_entries.at(row);
    return e.host ? e.host->id() : e.recorded.id;
}

int ReceiverListModel::rowOfHost(const ReceiverHost *host) const
{
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).host == host)
            return row;
    return -1;
}

int ReceiverListModel::rowOfId(const QString &id) const
{
    if (id.isEmpty())
        return -1;
    for (int row = 0; row < m_entries.size(); ++row)
        if (idAt(row) == id)
            return row;
    return -1;
}

QList<ReceiverHost *> ReceiverListModel::hosts() const
{
    QList<ReceiverHost *> out;
    for (const Entry &e : m_entries)
        if (e.host)
            out << e.host;
    return out;
}

int ReceiverListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ReceiverListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry &e = m_entries.at(index.row());
    ReceiverHost *host = e.host;
    switch (role) {
    case Qt::DisplayRole: {
        if (host) {
            const QString where = host->url().isEmpty() ? host->id() : host->url().toString();
            const ReceiverHost::Counts &c = host->counts();
            QString line = stateText(host->state());
            if (c.received > 0)
                line += c.received == 1 ? tr(" · 1 request") : tr(" · %1 requests").arg(c.received);
            if (c.verified > 0 || c.failed > 0)
                line +=
                    QLatin1Char('\n') + tr("%1 verified · %2 failed").arg(c.verified).arg(c.failed);
            return where.isEmpty() ? line : where + QLatin1Char('\n') + line;
        }
        const QString when = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(e.recorded.lastReceivedAtMs), QLocale::ShortFormat);
        const QString count = e.recorded.requests == 1
                                  ? tr("1 recorded request")
                                  : tr("%1 recorded requests").arg(e.recorded.requests);
        return tr("%1\nEarlier · %2 · last %3").arg(e.recorded.id, count, when);
    }
    case Qt::DecorationRole:
        return statusIcon(host ? host->state() : ReceiverHost::State::Stopped);
    case Qt::ToolTipRole:
        if (host && !host->fingerprint().isEmpty())
            return tr("HTTPS, certificate SHA-256 %1").arg(host->fingerprint());
        return {};
    case IdRole:
        return host ? host->id() : e.recorded.id;
    case UrlRole:
        return host ? host->url().toString() : QString();
    case ListeningRole:
        return host && host->isListening();
    default:
        return {};
    }
}

} // namespace hookline
