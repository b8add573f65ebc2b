#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace hookline {

// One event as every subscriber receives it. The envelope follows the seed provider's format:
//   {"eventId": UUID, "eventCreated": RFC 3339 UTC, "event": type, "resourceIds": [...],
//    "uri": ..., "data": {...}}
struct OutgoingEvent {
    QString id;   // UUID without braces
    QString type; // catalog name, e.g. "peopleCreated"
    QString systemId = QStringLiteral("default");
    qint64 createdAtMs = 0;
    QStringList resourceIds;
    QString uri; // empty: JSON null
    QJsonObject data;

    // The exact bytes sent (and signed): compact JSON, keys in envelope order. Stored once per
    // event so every attempt and every replay sends the same bytes.
    QByteArray body() const;

    // A new event with a fresh id, created now.
    static OutgoingEvent create(const QString &type, const QJsonObject &data, qint64 nowMs,
                                const QStringList &resourceIds = {}, const QString &uri = {});
};

} // namespace hookline
