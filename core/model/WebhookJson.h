#pragma once

#include "model/Webhook.h"

#include <QJsonObject>

namespace hookline {

// RFC 3339 UTC with milliseconds, e.g. 2026-02-14T09:11:00.000Z.
QString isoTime(qint64 epochMs);

// A webhook as the public API documents it (id, name, url, events, description,
// signing_secret_prefix, enabled, status, created_at, ...). Auth credentials appear only as
// their type and whether they are set; the signing secret never appears.
QJsonObject webhookToJson(const Webhook &w);
// create and rotate: the object above plus signing_secret and a _warning.
QJsonObject webhookWithSecretToJson(const WebhookWithSecret &created, bool rotated);

} // namespace hookline
