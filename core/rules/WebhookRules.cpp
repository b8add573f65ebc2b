#include "WebhookRules.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace hookline {

namespace {

Error err(ErrorCode code, const char *field, const QString &message)
{
    return Error{code, QString::fromLatin1(field), message};
}

bool hasLineBreak(const QString &s)
{
    return s.contains(QLatin1Char('\r')) || s.contains(QLatin1Char('\n'));
}

// Trims spaces and tabs only: a CR or LF must stay visible to the rules that reject it.
QString trimBlanks(const QString &s)
{
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && (s.at(begin) == QLatin1Char(' ') || s.at(begin) == QLatin1Char('\t')))
        ++begin;
    while (end > begin && (s.at(end - 1) == QLatin1Char(' ') || s.at(end - 1) == QLatin1Char('\t')))
        --end;
    return s.mid(begin, end - begin);
}

bool hasControlChar(const QString &s, bool allowTab)
{
    for (const QChar c : s) {
        if (allowTab && c == QLatin1Char('\t'))
            continue;
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

constexpr int kMaxUrlLength = 2048;
constexpr int kMaxHeaders = 50;
constexpr int kMaxHeaderValueLength = 4096;

} // namespace

WebhookDraft WebhookRules::normalized(const WebhookDraft &draft)
{
    WebhookDraft d = draft;
    d.name = draft.name.trimmed();
    d.url = draft.url.trimmed();
    d.description = draft.description.trimmed();
    d.systemId = draft.systemId.trimmed();
    if (d.systemId.isEmpty())
        d.systemId = QString::fromLatin1(DefaultSystemId);
    d.events.clear();
    QSet<QString> seen;
    for (const QString &e : draft.events) {
        const QString t = e.trimmed();
        if (!t.isEmpty() && !seen.contains(t)) {
            seen.insert(t);
            d.events << t;
        }
    }
    for (auto &h : d.headers)
        h.first = trimBlanks(h.first);
    d.auth.headerName = trimBlanks(draft.auth.headerName);
    d.auth.username = trimBlanks(draft.auth.username);
    return d;
}

QList<Error> WebhookRules::check(const WebhookDraft &d, const EventCatalog &catalog, Mode mode)
{
    QList<Error> errors;
    auto add = [&errors](std::optional<Error> e) {
        if (e)
            errors << *e;
    };
    add(checkName(d.name));
    add(checkUrl(d.url, d.localTesting));
    add(checkEvents(d.events, catalog));
    add(checkDescription(d.description));
    add(checkHeaders(d.headers, d.auth));
    add(checkAuth(d.auth));
    add(checkTimeout(d.timeoutSeconds));
    add(checkRetryAttempts(d.retryAttempts));
    add(checkSystemId(d.systemId));
    add(checkPinnedCertificate(d.pinnedCertSha256, d.localTesting));
    if (mode == Mode::Create)
        add(checkCustomSecret(d.customSecret, d.scheme));
    return errors;
}

std::optional<Error> WebhookRules::checkName(const QString &name)
{
    const QString n = name.trimmed();
    if (n.isEmpty())
        return err(ErrorCode::MissingFields, "name",
                   QStringLiteral("Name is required; give the webhook a short descriptive name."));
    if (n.size() > MaxNameLength)
        return err(ErrorCode::InvalidName, "name",
                   QStringLiteral("Name is %1 characters long; shorten it to at most %2.")
                       .arg(n.size())
                       .arg(MaxNameLength));
    if (hasControlChar(n, false))
        return err(ErrorCode::InvalidName, "name",
                   QStringLiteral("Name contains control characters; use printable text only."));
    return std::nullopt;
}

bool WebhookRules::isLoopbackHost(const QString &host)
{
    QString h = host.trimmed().toLower();
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    QHostAddress address;
    if (!address.setAddress(h))
        return false;
    return address.isLoopback();
}

std::optional<Error> WebhookRules::checkUrl(const QString &url, bool localTesting)
{
    const QString u = url.trimmed();
    if (u.isEmpty())
        return err(
            ErrorCode::MissingFields, "url",
            QStringLiteral(
                "URL is required; enter the https:// address that should receive deliveries."));
    if (u.size() > kMaxUrlLength)
        return err(ErrorCode::InvalidUrl, "url",
                   QStringLiteral("URL is longer than %1 characters; use a shorter address.")
                       .arg(kMaxUrlLength));
    const QUrl parsed(u, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.isRelative() || parsed.host().isEmpty())
        return err(
            ErrorCode::InvalidUrl, "url",
            QStringLiteral("\"%1\" is not a valid absolute URL; use the form https://host/path.")
                .arg(u));
    if (!parsed.userInfo().isEmpty())
        return err(ErrorCode::InvalidUrl, "url",
                   QStringLiteral("URL contains a user name or password; remove it and set "
                                  "credentials under Authentication instead."));
    const QString scheme = parsed.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return std::nullopt;
    if (scheme == QLatin1String("http")) {
        if (!isLoopbackHost(parsed.host()))
            return err(ErrorCode::InvalidUrl, "url",
                       QStringLiteral("URL must use https; plain http is allowed only for loopback "
                                      "hosts (127.0.0.1, ::1, localhost)."));
        if (!localTesting)
            return err(
                ErrorCode::InvalidUrl, "url",
                QStringLiteral(
                    "URL must use https; to use http on %1, mark the webhook for local testing.")
                    .arg(parsed.host()));
        return std::nullopt;
    }
    return err(
        ErrorCode::InvalidUrl, "url",
        QStringLiteral("URL scheme \"%1\" is not supported; use https://.").arg(parsed.scheme()));
}

std::optional<Error> WebhookRules::checkEvents(const QStringList &events,
                                               const EventCatalog &catalog)
{
    if (events.isEmpty())
        return err(
            ErrorCode::MissingFields, "events",
            QStringLiteral(
                "At least one event is required; choose the events this webhook should receive."));
    const QStringList unknown = catalog.unknown(events);
    if (!unknown.isEmpty())
        return err(ErrorCode::InvalidEvents, "events",
                   QStringLiteral("Invalid event(s): %1. Pick names from the event catalog "
                                  "(hookline-cli events types) or add a custom event type first.")
                       .arg(unknown.join(QStringLiteral(", "))));
    return std::nullopt;
}

std::optional<Error> WebhookRules::checkTimeout(int seconds)
{
    if (seconds < MinTimeoutSeconds || seconds > MaxTimeoutSeconds)
        return err(
            ErrorCode::InvalidTimeout, "timeout",
            QStringLiteral("Timeout of %1 s is out of range; choose %2 to %3 seconds (default %4).")
                .arg(seconds)
                .arg(MinTimeoutSeconds)
                .arg(MaxTimeoutSeconds)
                .arg(DefaultTimeoutSeconds));
    return std::nullopt;
}

std::optional<Error> WebhookRules::checkRetryAttempts(int attempts)
{
    if (attempts < 0 || attempts > MaxRetryAttempts)
        return err(ErrorCode::InvalidRetryAttempts, "retry_attempts",
                   QStringLiteral("%1 retry attempts is out of range; choose 0 to %2 (default %3).")
                       .arg(attempts)
                       .arg(MaxRetryAttempts)
                       .arg(DefaultRetryAttempts));
    return std::nullopt;
}

std::optional<Error> WebhookRules::checkDescription(const QString &description)
{
    if (description.size() > MaxDescriptionLength)
        return err(ErrorCode::InvalidDescription, "description",
                   QStringLiteral("Description is %1 characters long; shorten it to at most %2.")
                       .arg(description.size())
                       .arg(MaxDescriptionLength));
    return std::nullopt;
}

bool WebhookRules::isHttpToken(const QString &name)
{
    if (name.isEmpty())
        return false;
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    for (const QChar c : name) {
        const ushort u = c.unicode();
        const bool alnum =
            (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

bool WebhookRules::isReservedHeader(const QString &name)
{
    static const QStringList fixed = {
        QStringLiteral("content-type"),  QStringLiteral("user-agent"),
        QStringLiteral("authorization"), QStringLiteral("content-length"),
        QStringLiteral("host"),          QStringLiteral("transfer-encoding"),
        QStringLiteral("connection")};
    const QString n = name.trimmed().toLower();
    if (fixed.contains(n))
        return true;
    for (const QString &h : schemeHeaderNames())
        if (n == h.toLower())
            return true;
    return false;
}

std::optional<Error> WebhookRules::checkHeaders(const HeaderList &headers, const OutboundAuth &auth)
{
    if (headers.size() > kMaxHeaders)
        return err(ErrorCode::InvalidHeader, "headers",
                   QStringLiteral("%1 custom headers given; at most %2 are allowed.")
                       .arg(headers.size())
                       .arg(kMaxHeaders));
    QSet<QString> seen;
    for (const auto &[name, value] : headers) {
        if (hasLineBreak(name) || hasLineBreak(value))
            return err(ErrorCode::InvalidHeader, "headers",
                       QStringLiteral("Header \"%1\" contains a line break (CR or LF); remove it.")
                           .arg(name.simplified()));
        if (!isHttpToken(name))
            return err(ErrorCode::InvalidHeader, "headers",
                       QStringLiteral("\"%1\" is not a valid header name; use letters, digits and "
                                      "- _ . only, without spaces or colons.")
                           .arg(name));
        if (hasControlChar(value, true))
            return err(
                ErrorCode::InvalidHeader, "headers",
                QStringLiteral("Header \"%1\" has control characters in its value; remove them.")
                    .arg(name));
        if (value.size() > kMaxHeaderValueLength)
            return err(ErrorCode::InvalidHeader, "headers",
                       QStringLiteral("Header \"%1\" value is longer than %2 characters.")
                           .arg(name)
                           .arg(kMaxHeaderValueLength));
        const QString lower = name.toLower();
        if (lower == QLatin1String("authorization"))
            return err(
                ErrorCode::InvalidHeader, "headers",
                QStringLiteral(
                    "Header \"Authorization\" cannot be set as a custom header; choose an "
                    "authentication type (bearer, basic, api_key or custom_header) instead."));
        if (isReservedHeader(name))
            return err(ErrorCode::InvalidHeader, "headers",
                       QStringLiteral("Header \"%1\" is set by Hookline and cannot be replaced; "
                                      "remove it or choose another name.")
                           .arg(name));
        if (seen.contains(lower))
            return err(ErrorCode::InvalidHeader, "headers",
                       QStringLiteral("Header \"%1\" is given twice; keep one.").arg(name));
        seen.insert(lower);
        if ((auth.type == AuthType::ApiKey || auth.type == AuthType::CustomHeader) &&
            lower == auth.headerName.trimmed().toLower())
            return err(ErrorCode::InvalidHeader, "headers",
                       QStringLiteral("Header \"%1\" is already sent by the authentication "
                                      "settings; remove the custom header.")
                           .arg(name));
    }
    return std::nullopt;
}

std::optional<Error> WebhookRules::checkAuth(const OutboundAuth &auth)
{
    auto noBreaks = [](const QString &s) { return !hasControlChar(s, false); };
    switch (auth.type) {
    case AuthType::None:
        return std::nullopt;
    case AuthType::Bearer:
        if (auth.token.isEmpty())
            return err(
                ErrorCode::InvalidAuth, "auth",
                QStringLiteral(
                    "Bearer authentication needs a token; enter it or choose auth type none."));
        if (!noBreaks(auth.token) || auth.token.contains(QLatin1Char(' ')))
            return err(
                ErrorCode::InvalidAuth, "auth",
                QStringLiteral(
                    "Bearer token contains spaces or control characters; paste the token alone."));
        return std::nullopt;
    case AuthType::Basic:
        if (auth.username.isEmpty() || auth.password.isEmpty())
            return err(
                ErrorCode::InvalidAuth, "auth",
                QStringLiteral("Basic authentication needs both a username and a password."));
        if (auth.username.contains(QLatin1Char(':')))
            return err(ErrorCode::InvalidAuth, "auth",
                       QStringLiteral("Basic authentication username cannot contain a colon (:)."));
        if (!noBreaks(auth.username) || !noBreaks(auth.password))
            return err(
                ErrorCode::InvalidAuth, "auth",
                QStringLiteral(
                    "Basic authentication username or password contains control characters."));
        return std::nullopt;
    case AuthType::ApiKey:
    case AuthType::CustomHeader: {
        const QString kind = auth.type == AuthType::ApiKey ? QStringLiteral("api_key")
                                                           : QStringLiteral("custom_header");
        if (auth.headerName.isEmpty() || auth.headerValue.isEmpty())
            return err(ErrorCode::InvalidAuth, "auth",
                       QStringLiteral("%1 authentication needs a header name and a value (for "
                                      "example X-Api-Key and the key).")
                           .arg(kind));
        if (!isHttpToken(auth.headerName))
            return err(ErrorCode::InvalidAuth, "auth",
                       QStringLiteral("\"%1\" is not a valid header name for %2 authentication; "
                                      "use letters, digits and - _ . only.")
                           .arg(auth.headerName, kind));
        if (isReservedHeader(auth.headerName))
            return err(ErrorCode::InvalidAuth, "auth",
                       QStringLiteral("Header \"%1\" is set by Hookline; choose another header "
                                      "name for %2 authentication.")
                           .arg(auth.headerName, kind));
        if (!noBreaks(auth.headerValue))
            return err(
                ErrorCode::InvalidAuth, "auth",
                QStringLiteral("The %1 header value contains line breaks or control characters.")
                    .arg(kind));
        return std::nullopt;
    }
    }
    return std::nullopt;
}

std::optional<Error> WebhookRules::checkCustomSecret(const QString &secret, SignatureScheme scheme)
{
    if (secret.isEmpty())
        return std::nullopt;
    if (secret.size() < MinCustomSecretLength)
        return err(ErrorCode::InvalidSecret, "secret",
                   QStringLiteral("Secret is %1 characters; use at least %2, or leave it empty to "
                                  "have one generated.")
                       .arg(secret.size())
                       .arg(MinCustomSecretLength));
    for (const QChar c : secret)
        if (c.isSpace() || c.unicode() < 0x20)
            return err(
                ErrorCode::InvalidSecret, "secret",
                QStringLiteral("Secret contains whitespace or control characters; remove them."));
    if (scheme == SignatureScheme::StandardWebhooks) {
        const QString prefix = QStringLiteral("whsec_");
        const auto decoded = QByteArray::fromBase64Encoding(
            secret.mid(prefix.size()).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!secret.startsWith(prefix) || !decoded || decoded.decoded.size() < 24 ||
            decoded.decoded.size() > 64)
            return err(
                ErrorCode::InvalidSecret, "secret",
                QStringLiteral("standard-webhooks secrets are \"whsec_\" followed by base64 of 24 "
                               "to 64 bytes; leave the secret empty to have one generated."));
    }
    return std::nullopt;
}

std::optional<Error> WebhookRules::checkSystemId(const QString &systemId)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
    if (!re.match(systemId).hasMatch())
        return err(ErrorCode::InvalidSystemId, "system",
                   QStringLiteral("System identifier \"%1\" is invalid; use 1-64 letters, digits, "
                                  "'-', '_' or '.' (default \"default\").")
                       .arg(systemId));
    return std::nullopt;
}

QString WebhookRules::normalizedFingerprint(const QString &sha256)
{
    QString out = sha256.trimmed().toLower();
    out.remove(QLatin1Char(':'));
    return out;
}

std::optional<Error> WebhookRules::checkPinnedCertificate(const QString &sha256, bool localTesting)
{
    const QString fp = normalizedFingerprint(sha256);
    if (fp.isEmpty())
        return std::nullopt;
    if (!localTesting)
        return err(
            ErrorCode::InvalidArgument, "pinned_certificate",
            QStringLiteral(
                "A pinned certificate is only allowed on a webhook marked for local testing; "
                "mark it for local testing or remove the pin."));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!hex.match(fp).hasMatch())
        return err(
            ErrorCode::InvalidArgument, "pinned_certificate",
            QStringLiteral("The certificate fingerprint must be a SHA-256 digest: 64 hex digits, "
                           "optionally separated by colons."));
    return std::nullopt;
}

} // namespace hookline
