#pragma once

#include "Result.h"
#include "catalog/EventCatalog.h"
#include "model/Webhook.h"

#include <QList>

namespace hookline {

// The rules a webhook must satisfy before anything is stored. Each rule yields an Error whose
// code is stable and whose message names the field and the fix. The per-event limit needs the
// database and is enforced by the registry inside its write transaction.
class WebhookRules {
public:
    enum class Mode { Create, Update };

    // Trims the name, URL and event names; drops repeated events; trims header names.
    static WebhookDraft normalized(const WebhookDraft &draft);

    // Every violation, in form order (name, url, events, ...); empty when the draft is valid.
    // The draft is expected to be normalized.
    static QList<Error> check(const WebhookDraft &draft, const EventCatalog &catalog,
                              Mode mode = Mode::Create);

    // Single-field checks, shared with the GUI's inline validation and the CLI's parsing.
    static std::optional<Error> checkName(const QString &name);
    static std::optional<Error> checkUrl(const QString &url, bool localTesting);
    static std::optional<Error> checkEvents(const QStringList &events, const EventCatalog &catalog);
    static std::optional<Error> checkTimeout(int seconds);
    static std::optional<Error> checkRetryAttempts(int attempts);
    static std::optional<Error> checkDescription(const QString &description);
    static std::optional<Error> checkHeaders(const HeaderList &headers, const OutboundAuth &auth);
    static std::optional<Error> checkAuth(const OutboundAuth &auth);
    static std::optional<Error> checkCustomSecret(const QString &secret, SignatureScheme scheme);
    static std::optional<Error> checkSystemId(const QString &systemId);
    // A pinned certificate is only for local testing, as 64 hex digits (colons allowed).
    static std::optional<Error> checkPinnedCertificate(const QString &sha256, bool localTesting);
    // Lowercase hex without separators; empty stays empty.
    static QString normalizedFingerprint(const QString &sha256);

    static bool isHttpToken(const QString &name);
    static bool isLoopbackHost(const QString &host);
    // Header names no custom header or auth header may take.
    static bool isReservedHeader(const QString &name);
};

} // namespace hookline
