#include "ReceivedRequestsModel.h"

#include "VerdictStyle.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <limits>

namespace hookline {

ReceivedRequestsModel::ReceivedRequestsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

ReceivedRequestsModel::~ReceivedRequestsModel() = default;

void ReceivedRequestsModel::setLimits(int maxRows, qint64 maxBytes)
{
    m_maxRows = std::max(maxRows, 1);
    m_maxBytes = std::max<qint64>(maxBytes, 1);
    trim();
}

qint64 ReceivedRequestsModel::costOf(const ReceivedRequest &r)
{
    qint64 bytes = 256 + r.body.size() + r.path.size() + r.query.size();
    for (const HttpHeader &h : r.headers)
        bytes += h.name.size() + h.value.size() + 32;
    return bytes;
}

void ReceivedRequestsModel::addLive(const QList<ReceivedRequest> &requests)
{
    if (requests.isEmpty())
        return;
    // More than fit: only the newest are worth inserting.
    const qsizetype take = std::min<qsizetype>(requests.size(), m_maxRows);
    const qsizetype from = requests.size() - take;
    m_dropped += from;
    QList<Row> fresh;
    fresh.reserve(take + m_rows.size());
    for (qsizetype i = requests.size() - 1; i >= from; --i) {
        Row row{requests.at(i), costOf(requests.at(i)), false};
        m_bytes += row.cost;
        fresh.append(std::move(row));
    }
    beginInsertRows({}, 0, int(take) - 1);
    fresh.append(std::move(m_rows));
    m_rows = std::move(fresh);
    endInsertRows();
    trim();
}

void ReceivedRequestsModel::addEarlier(const QList<ReceivedRequest> &requests)
{
    QList<Row> older;
    // Live rows already hold the newest requests; the database has them too once written.
    const qint64 oldestShown = m_rows.isEmpty() ? std::numeric_limits<qint64>::max()
                                                : m_rows.constLast().request.receivedAtMs;
    const auto shown = [this](const ReceivedRequest &r) {
        for (const Row &row : std::as_const(m_rows))
            if (row.request.receivedAtMs == r.receivedAtMs && row.request.method == r.method &&
                row.request.path == r.path && row.request.remotePort == r.remotePort)
                return true;
        return false;
    };
    for (const ReceivedRequest &r : requests) {
        if (m_rows.size() + older.size() >= m_maxRows)
            break;
        if (r.receivedAtMs > oldestShown || (r.receivedAtMs == oldestShown && shown(r)))
            continue;
        older.append(Row{r, costOf(r), true});
    }
    if (older.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + older.size()) - 1);
    for (Row &row : older) {
        m_bytes += row.cost;
        m_rows.append(std::move(row));
    }
    m_earlier += int(older.size());
    endInsertRows();
    trim();
}

void ReceivedRequestsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_bytes = 0;
    m_dropped = 0;
    m_earlier = 0;
    endResetModel();
}

void ReceivedRequestsModel::trim()
{
    qsizetype keep = m_rows.size();
    qint64 bytes = m_bytes;
    while (keep > 1 && (keep > m_maxRows || bytes > m_maxBytes)) {
        --keep;
        bytes -= m_rows.at(keep).cost;
    }
    if (keep == m_rows.size())
        return;
    beginRemoveRows({}, int(keep), int(m_rows.size()) - 1);
    for (qsizetype i = keep; i < m_rows.size(); ++i)
        if (m_rows.at(i).earlier)
            --m_earlier;
    m_dropped += m_rows.size() - keep;
    m_rows.resize(keep);
    m_bytes = bytes;
    endRemoveRows();
}

const ReceivedRequest *ReceivedRequestsModel::requestAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row).request;
}

bool ReceivedRequestsModel::isEarlier(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).earlier;
}

int ReceivedRequestsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReceivedRequestsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ReceivedRequestsModel::timeText(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms);
    if (at.date() == QDate::currentDate())
        return at.toString(QStringLiteral("HH:mm:ss.zzz"));
    return at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString ReceivedRequestsModel::sizeText(qint64 bytes)
{
    // Compact for a narrow column: "184 B", "1.2 KB", "3.4 MB".
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return tr("%1 KB").arg(QLocale().toString(bytes / 1024.0, 'f', 1));
    return tr("%1 MB").arg(QLocale().toString(bytes / (1024.0 * 1024.0), 'f', 1));
}

QVariant ReceivedRequestsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const ReceivedRequest &r = row.request;
    const VerdictStyle::Kind kind = VerdictStyle::kind(r.verdict.outcome);
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Time:
            return timeText(r.receivedAtMs);
        case Method:
            return QString::fromLatin1(r.method);
        case Path:
            return r.hasQuery ? QString::fromUtf8(r.path + '?' + r.query)
                              : QString::fromUtf8(r.path);
        case Status:
            return r.responseStatus > 0 ? QVariant(r.responseStatus) : QVariant();
        case Verdict:
            return VerdictStyle::shortText(r.verdict);
        case Size:
            return sizeText(r.body.size());
        case Remote:
            return r.remote();
        case ColumnCount:
            break;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Verdict)
            return VerdictStyle::icon(kind);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Verdict)
            return VerdictStyle::foreground(kind);
        if (row.earlier)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        if (index.column() == Status && r.responseStatus >= 400)
            return VerdictStyle::foreground(VerdictStyle::Kind::Failed);
        return {};
    case Qt::BackgroundRole:
        if (index.column() == Verdict)
            return VerdictStyle::background(kind);
        return {};
    case Qt::FontRole:
        if (index.column() == Verdict || index.column() == Method) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Status)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Verdict)
            return QString(VerdictStyle::text(r.verdict) + QLatin1Char('\n') +
                           VerdictStyle::explanation(r.verdict));
        if (row.earlier)
            return tr("Recorded earlier; read back from the database.");
        if (index.column() == Path)
            return QString::fromUtf8(r.path + (r.hasQuery ? '?' + r.query : QByteArray()));
        return {};
    case OutcomeRole:
        return int(r.verdict.outcome);
    case EarlierRole:
        return row.earlier;
    case SequenceRole:
        return r.sequence;
    default:
        return {};
    }
}

QVariant ReceivedRequestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case Method:
        return tr("Method");
    case Path:
        return tr("Path");
    case Status:
        return tr("Status");
    case Verdict:
        return tr("Signature");
    case Size:
        return tr("Size");
    case Remote:
        return tr("From");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace hookline
