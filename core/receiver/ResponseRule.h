#pragma once

#include "Result.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace hookline {

// How a receiver answers the requests to one path, so a sender's retries and timeouts can be
// exercised: status, body, headers and delay, and optionally "fail the first N requests, then
// answer as configured".
struct ResponseRule {
    // "/hooks/github" matches that path exactly; "/hooks/*" matches every path starting with
    // "/hooks/" (a prefix); "*" or "/*" matches everything. Compared with the path as received
    // (percent-encoded, without the query).
    QString path = QStringLiteral("*");
    int status = 200;
    QByteArray body = QByteArrayLiteral("ok");
    // Sent with the body; empty: text/plain when there is a body.
    QByteArray contentType;
    HttpHeaders headers;
    // Wait this long before answering (the connection is not blocked).
    int delayMs = 0;
    // The first `failFirst` requests matching this rule get `failStatus` instead; counted per
    // rule from when the rules were set.
    int failFirst = 0;
    int failStatus = 500;

    bool isPrefix() const;
    // The part that must match: the path, or the prefix before a trailing '*'.
    QString pattern() const;
    bool matches(QByteArrayView requestPath) const;

    // Valid rule or the error a person can act on (path shape, statuses 200-599, delay up to
    // 10 minutes, failFirst >= 0).
    Status check() const;

    // PATH:STATUS[:BODY], as `hookline-cli receive --respond` takes it ("/hooks/*:503",
    // "/slow:200:done"). INVALID_ARGUMENT when it does not parse.
    static Result<ResponseRule> parse(const QString &text);

    // {"path", "status", "body" (base64), "content_type", "headers" ([[name, value], ...]),
    // "delay_ms", "fail_first", "fail_status"}: how the GUI keeps a receiver's rules between
    // sessions. fromJson() checks the result like check(); a missing member keeps its default.
    QJsonObject toJson() const;
    static Result<ResponseRule> fromJson(const QJsonObject &json);
};

// A receiver's rules and default as one JSON text ({"rules": [...], "default": {...}}), and
// back. INVALID_ARGUMENT, naming the rule, when the text or a rule is not valid.
QByteArray responseRulesToJson(const QList<ResponseRule> &rules, const ResponseRule &fallback);
Result<std::pair<QList<ResponseRule>, ResponseRule>> responseRulesFromJson(const QByteArray &json);

// The rules of one receiver, and which one answers a request. Not thread-safe: used on the
// receiver's thread.
class ResponsePlan {
public:
    // The default rule answers requests no other rule matches: 200 "ok" unless changed.
    ResponsePlan();
    explicit ResponsePlan(QList<ResponseRule> rules, ResponseRule fallback = ResponseRule());

    // Resets the fail-first counters.
    void setRules(QList<ResponseRule> rules, ResponseRule fallback = ResponseRule());
    const QList<ResponseRule> &rules() const { return m_rules; }
    const ResponseRule &fallback() const { return m_fallback; }

    // The most specific match: an exact path beats a prefix, a longer prefix a shorter one;
    // among equals, the first given. The fallback when none matches.
    const ResponseRule &match(QByteArrayView path) const;
    // The answer to `request` under its rule; counts it toward the rule's fail-first.
    HttpResponse respond(const HttpRequest &request);

private:
    qsizetype matchIndex(QByteArrayView path) const; // -1: the fallback

    QList<ResponseRule> m_rules;
    ResponseRule m_fallback;
    QList<qint64> m_seen; // per rule, then the fallback last
    // Per rule, then the fallback: the rule's headers with the Content-Type its body gets, made
    // once; every answer shares them.
    QList<HttpHeaders> m_answerHeaders;
};

} // namespace hookline
