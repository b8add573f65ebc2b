#include "WebhookJson.h"

#include <QDateTime>
#include <QJsonArray>

namespace hookline {

QString isoTime(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject webhookToJson(const Webhook &w)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), w.id);
    o.insert(QStringLiteral("name"), w.name);
    o.insert(QStringLiteral("url"), w.url);
    o.insert(QStringLiteral("events"), QJsonArray::fromStringList(w.events));
    o.insert(QStringLiteral("description"), w.description);
    o.insert(QStringLiteral("signing_secret_prefix"), w.signingSecretPrefix);
    o.insert(QStringLiteral("enabled"), w.isEnabled());
    o.insert(QStringLiteral("status"), statusName(w.status));
    o.insert(QStringLiteral("status_reason"),
             w.statusReason.isEmpty() ? QJsonValue() : QJsonValue(w.statusReason));
    o.insert(QStringLiteral("system_id"), w.systemId);
    o.insert(QStringLiteral("signature_scheme"), schemeName(w.scheme));
    QJsonObject headers;
    for (const auto &[name, value] : w.headers)
        headers.insert(name, value);
    o.insert(QStringLiteral("headers"), headers);
    QJsonObject auth;
    auth.insert(QStringLiteral("type"), authTypeName(w.auth.type));
    if (w.auth.type == AuthType::ApiKey || w.auth.type == AuthType::CustomHeader)
        auth.insert(QStringLiteral("header"), w.auth.headerName);
    if (w.auth.type == AuthType::Basic)
        auth.insert(QStringLiteral("username"), w.auth.username);
    o.insert(QStringLiteral("auth"), auth);
    o.insert(QStringLiteral("timeout_seconds"), w.timeoutSeconds);
    o.insert(QStringLiteral("retry_attempts"), w.retryAttempts);
    o.insert(QStringLiteral("local_testing"), w.localTesting);
    o.insert(QStringLiteral("pinned_cert_sha256"),
             w.pinnedCertSha256.isEmpty() ? QJsonValue() : QJsonValue(w.pinnedCertSha256));
    o.insert(QStringLiteral("created_at"), isoTime(w.createdAtMs));
    o.insert(QStringLiteral("updated_at"), isoTime(w.updatedAtMs));
    o.insert(QStringLiteral("last_delivery_at"),
             w.lastDeliveryAtMs ? QJsonValue(isoTime(*w.lastDeliveryAtMs)) : QJsonValue());
    o.insert(QStringLiteral("last_delivery_status"),
             w.lastDeliveryStatus ? QJsonValue(*w.lastDeliveryStatus) : QJsonValue());
    return o;
}

QJsonObject webhookWithSecretToJson(const WebhookWithSecret &created, bool rotated)
{
    QJsonObject o = webhookToJson(created.webhook);
    o.insert(QStringLiteral("signing_secret"), created.signingSecret);
    QString warning = QStringLiteral("Save this signing_secret now. It will not be shown again.");
    if (rotated) {
        o.insert(QStringLiteral("previous_secret_expires_at"),
                 isoTime(created.previousSecretExpiresAtMs));
        warning += QStringLiteral(" The previous secret remains valid until %1.")
                       .arg(isoTime(created.previousSecretExpiresAtMs));
    }
    o.insert(QStringLiteral("_warning"), warning);
    return o;
}

} // namespace hookline
