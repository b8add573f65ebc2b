#pragma once

#include "http/HttpRequest.h"
#include "model/Webhook.h"
#include "signing/SignatureVerifier.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace hookline {

// One request a receiver answered, as it is recorded, shown live and printed by
// `hookline-cli receive`.
struct ReceivedRequest {
    // Per receiver, from 1, in the order requests were answered. The database assigns its own
    // row id when the request is written.
    qint64 sequence = 0;
    QString receiverId;
    qint64 receivedAtMs = 0;
    QByteArray method;
    // Percent-encoded as received; `query` without its '?'.
    QByteArray path;
    QByteArray query;
    bool hasQuery = false;
    // Exactly as received (order, case, repeats).
    HttpHeaders headers;
    QByteArray body;
    QHostAddress remoteAddress = sharedNullHostAddress();
    quint16 remotePort = 0;
    // Bytes on the wire: header section, body and any chunk framing.
    qint64 wireSize = 0;
    bool secure = false;

    // The scheme whose verdict this is; empty when the receiver verifies nothing.
    std::optional<SignatureScheme> scheme;
    // `verdict.expected` is kept only when the receiver was asked to reveal it
    // (ReceiverConfig::revealExpectedSignature); otherwise it is empty here and everywhere this
    // request goes. Receiver::verify() recomputes it on demand.
    Verdict verdict;

    // Credential header values already replaced (Receiver::prepare), so the recorder need not
    // look again.
    bool credentialsRedacted = false;
    // Made once by Receiver::prepare for a recorded request, after redaction, and shared by its
    // database row and its NDJSON line: the headers as headersJsonUtf8() writes them, and
    // remoteUtf8(). Empty: whoever needs them makes them.
    QByteArray preparedHeadersJson;
    QByteArray preparedRemote;

    // What the receiver answered (after any simulated failure and delay).
    int responseStatus = 200;
    int responseDelayMs = 0;
    // Handed to the recorder (false with recording off, or when the recorder was full and the
    // request was answered 503).
    bool recorded = false;

    // "verified", "signature_mismatch", ... (Verdict::outcomeName()).
    QString verdictName() const { return verdict.outcomeName(); }
    // {outcome, scheme, secret, header, message, skew_seconds[, expected]}: the verdict_detail
    // column, the CLI's "verdict" and the GUI's detail pane. "expected" only when
    // `includeExpected` and the verdict carries one.
    QJsonObject verdictJson(bool includeExpected) const;
    // The same as compact JSON text (UTF-8): the verdict_detail column.
    QString verdictDetailJson(bool includeExpected) const;
    // One NDJSON line of `hookline-cli receive` (without the line end): time, method, path,
    // query, headers ([[name, value], ...]), body (UTF-8 text, or base64 with
    // "body_encoding": "base64"), size (body bytes), wire_size, remote, tls, status, verdict.
    QJsonObject toJson(bool includeExpected) const;
    // The same as one line of compact JSON (UTF-8, no line end), written directly: what the CLI
    // prints, thousands of times per second.
    QByteArray toJsonLine(bool includeExpected) const;
    // "127.0.0.1:50123", "[::1]:50123".
    QString remote() const;
    // [[name, value], ...], as the headers_json column stores them.
    static QString headersJson(const HttpHeaders &headers);

    // The same texts as UTF-8 bytes, for the recorder, which writes thousands of rows a second
    // and so skips a round trip through UTF-16.
    QByteArray remoteUtf8() const;
    static QByteArray headersJsonUtf8(const HttpHeaders &headers);
    QByteArray verdictDetailJsonUtf8(bool includeExpected) const;
    // The same, reused while this thread's requests carry an equal verdict.
    QByteArray verdictDetailJsonUtf8Cached(bool includeExpected) const;
    // `bytes` when they are valid UTF-8, else with invalid sequences replaced by U+FFFD (as
    // QString::fromUtf8 does).
    static QByteArray validUtf8(const QByteArray &bytes);
};

} // namespace hookline

Q_DECLARE_METATYPE(hookline::ReceivedRequest)
