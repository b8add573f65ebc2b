#include "OutgoingEvent.h"

#include "model/WebhookJson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace hookline {

namespace {
QByteArray jsonString(const QString &s)
{
    // QJsonDocument only serializes arrays and objects; wrap and strip to escape a lone string.
    const QByteArray wrapped = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}
} // namespace

QByteArray OutgoingEvent::body() const
{
    const QString created =
        QDateTime::fromMSecsSinceEpoch(createdAtMs, Qt::UTC).toString(Qt::ISODate);
    QByteArray out;
    out.reserve(256);
    out.append("{\"eventId\":").append(jsonString(id));
    out.append(",\"eventCreated\":").append(jsonString(created));
    out.append(",\"event\":").append(jsonString(type));
    out.append(",\"resourceIds\":")
        .append(
            QJsonDocument(QJsonArray::fromStringList(resourceIds)).toJson(QJsonDocument::Compact));
    out.append(",\"uri\":").append(uri.isEmpty() ? QByteArray("null") : jsonString(uri));
    out.append(",\"data\":").append(QJsonDocument(data).toJson(QJsonDocument::Compact));
    out.append('}');
    return out;
}

OutgoingEvent OutgoingEvent::create(const QString &type, const QJsonObject &data, qint64 nowMs,
                                    const QStringList &resourceIds, const QString &uri)
{
    OutgoingEvent e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.type = type;
    e.createdAtMs = nowMs;
    e.resourceIds = resourceIds;
    e.uri = uri;
    e.data = data;
    return e;
}

} // namespace hookline
