#include "ResponseRule.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace hookline {

namespace {

constexpr int MaxDelayMs = 10 * 60 * 1000;

Error invalid(const QString &field, const QString &message)
{
    return Error{ErrorCode::InvalidArgument, field, message};
}

} // namespace

bool ResponseRule::isPrefix() const
{
    return path.endsWith(QLatin1Char('*'));
}

QString ResponseRule::pattern() const
{
    return isPrefix() ? path.chopped(1) : path;
}

bool ResponseRule::matches(QByteArrayView requestPath) const
{
    const QByteArray p = pattern().toUtf8();
    if (isPrefix())
        return requestPath.startsWith(p);
    return requestPath == QByteArrayView(p);
}

Status ResponseRule::check() const
{
    if (path.isEmpty() || (!path.startsWith(QLatin1Char('/')) && path != QLatin1String("*")))
        return invalid(QStringLiteral("path"),
                       QStringLiteral("Response path \"%1\" must start with '/' (\"/hooks\", or "
                                      "\"/hooks/*\" for every path under /hooks/), or be \"*\".")
                           .arg(path));
    if (pattern().contains(QLatin1Char('*')))
        return invalid(
            QStringLiteral("path"),
            QStringLiteral("Response path \"%1\": '*' is only allowed at the end.").arg(path));
    for (QChar c : path)
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f)
            return invalid(QStringLiteral("path"),
                           QStringLiteral("Response path \"%1\" contains spaces or control "
                                          "characters; write them percent-encoded (%20).")
                               .arg(path));
    for (const int s : {status, failStatus})
        if (s < 200 || s > 599)
            return invalid(QStringLiteral("status"),
                           QStringLiteral("Response status %1 is outside 200-599.").arg(s));
    if (delayMs < 0 || delayMs > MaxDelayMs)
        return invalid(QStringLiteral("delay"),
                       QStringLiteral("Response delay %1 ms is outside 0-%2 ms.")
                           .arg(delayMs)
                           .arg(MaxDelayMs));
    if (failFirst < 0)
        return invalid(QStringLiteral("fail_first"),
                       QStringLiteral("\"Fail the first N requests\" needs N >= 0."));
    for (const HttpHeader &h : headers)
        if (!isHttpToken(h.name) || !isHttpFieldValue(h.value))
            return invalid(QStringLiteral("headers"),
                           QStringLiteral("Response header \"%1\" is not a valid header field.")
                               .arg(QString::fromUtf8(h.name)));
    return {};
}

Result<ResponseRule> ResponseRule::parse(const QString &text)
{
    const QString usage = QStringLiteral("--respond \"%1\" is not PATH:STATUS[:BODY] (for "
                                         "example /hooks/*:503 or /ok:200:done).")
                              .arg(text);
    const qsizetype first = text.indexOf(QLatin1Char(':'));
    if (first <= 0)
        return invalid(QStringLiteral("respond"), usage);
    const qsizetype second = text.indexOf(QLatin1Char(':'), first + 1);
    ResponseRule rule;
    rule.path = text.left(first);
    const QString statusText =
        second < 0 ? text.mid(first + 1) : text.mid(first + 1, second - first - 1);
    bool ok = false;
    rule.status = statusText.toInt(&ok, 10);
    if (!ok)
        return invalid(QStringLiteral("respond"), usage);
    rule.body = second < 0 ? QByteArray() : text.mid(second + 1).toUtf8();
    if (Status s = rule.check(); !s)
        return s.error();
    return rule;
}

QJsonObject ResponseRule::toJson() const
{
    QJsonArray headerPairs;
    for (const HttpHeader &h : headers)
        headerPairs.append(QJsonArray{QString::fromLatin1(h.name), QString::fromLatin1(h.value)});
    return QJsonObject{
        {QStringLiteral("path"), path},
        {QStringLiteral("status"), status},
        {QStringLiteral("body"), QString::fromLatin1(body.toBase64())},
        {QStringLiteral("content_type"), QString::fromLatin1(contentType)},
        {QStringLiteral("headers"), headerPairs},
        {QStringLiteral("delay_ms"), delayMs},
        {QStringLiteral("fail_first"), failFirst},
        {QStringLiteral("fail_status"), failStatus},
    };
}

Result<ResponseRule> ResponseRule::fromJson(const QJsonObject &json)
{
    ResponseRule rule;
    const auto integer = [&json](const char *name, int fallback) {
        const QJsonValue v = json.value(QLatin1String(name));
        return v.isDouble() ? v.toInt(fallback) : fallback;
    };
    rule.path = json.value(QStringLiteral("path")).toString(rule.path);
    rule.status = integer("status", rule.status);
    if (const QJsonValue body = json.value(QStringLiteral("body")); body.isString()) {
        const auto decoded = QByteArray::fromBase64Encoding(
            body.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return invalid(QStringLiteral("body"),
                           QStringLiteral("The saved response body is not base64."));
        rule.body = *decoded;
    }
    rule.contentType = json.value(QStringLiteral("content_type")).toString().toLatin1();
    for (const QJsonValue pair : json.value(QStringLiteral("headers")).toArray()) {
        const QJsonArray nameValue = pair.toArray();
        if (nameValue.size() != 2)
            return invalid(QStringLiteral("headers"),
                           QStringLiteral("A saved response header is not a [name, value] pair."));
        rule.headers.append(
            {nameValue.at(0).toString().toLatin1(), nameValue.at(1).toString().toLatin1()});
    }
    rule.delayMs = integer("delay_ms", rule.delayMs);
    rule.failFirst = integer("fail_first", rule.failFirst);
    rule.failStatus = integer("fail_status", rule.failStatus);
    if (Status s = rule.check(); !s)
        return s.error();
    return rule;
}

QByteArray responseRulesToJson(const QList<ResponseRule> &rules, const ResponseRule &fallback)
{
    QJsonArray list;
    for (const ResponseRule &rule : rules)
        list.append(rule.toJson());
    return QJsonDocument(QJsonObject{{QStringLiteral("rules"), list},
                                     {QStringLiteral("default"), fallback.toJson()}})
        .toJson(QJsonDocument::Compact);
}

Result<std::pair<QList<ResponseRule>, ResponseRule>> responseRulesFromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return invalid(QStringLiteral("rules"),
                       QStringLiteral("The saved response rules are not a JSON object (%1).")
                           .arg(error.errorString()));
    const QJsonObject root = document.object();
    QList<ResponseRule> rules;
    const QJsonArray list = root.value(QStringLiteral("rules")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        auto rule = ResponseRule::fromJson(list.at(i).toObject());
        if (!rule)
            return Error{rule.error().code,
                         QStringLiteral("rule %1 %2").arg(i + 1).arg(rule.error().field),
                         rule.error().message};
        rules.append(rule.value());
    }
    QJsonObject defaults = root.value(QStringLiteral("default")).toObject();
    defaults.insert(QStringLiteral("path"), QStringLiteral("*"));
    auto fallback = ResponseRule::fromJson(defaults);
    if (!fallback)
        return Error{fallback.error().code,
                     QStringLiteral("default %1").arg(fallback.error().field),
                     fallback.error().message};
    return std::pair{rules, fallback.value()};
}

ResponsePlan::ResponsePlan()
{
    setRules({});
}

ResponsePlan::ResponsePlan(QList<ResponseRule> rules, ResponseRule fallback)
{
    setRules(std::move(rules), std::move(fallback));
}

void ResponsePlan::setRules(QList<ResponseRule> rules, ResponseRule fallback)
{
    m_rules = std::move(rules);
    m_fallback = std::move(fallback);
    m_seen = QList<qint64>(m_rules.size() + 1, 0);
    m_answerHeaders.clear();
    m_answerHeaders.reserve(m_rules.size() + 1);
    const auto answerHeaders = [](const ResponseRule &rule) {
        HttpResponse answer;
        answer.headers = rule.headers;
        if (!rule.body.isEmpty()) {
            bool hasType = false;
            for (const HttpHeader &h : rule.headers)
                hasType = hasType || httpTokenEquals(h.name, "Content-Type");
            if (!hasType)
                answer.setHeader(QByteArrayLiteral("Content-Type"),
                                 rule.contentType.isEmpty()
                                     ? QByteArrayLiteral("text/plain; charset=utf-8")
                                     : rule.contentType);
        }
        return answer.headers;
    };
    for (const ResponseRule &rule : std::as_const(m_rules))
        m_answerHeaders.append(answerHeaders(rule));
    m_answerHeaders.append(answerHeaders(m_fallback));
}

qsizetype ResponsePlan::matchIndex(QByteArrayView path) const
{
    qsizetype best = -1;
    qsizetype bestScore = -1;
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        const ResponseRule &rule = m_rules.at(i);
        if (!rule.matches(path))
            continue;
        // Exact matches outrank every prefix; longer prefixes outrank shorter ones.
        const qsizetype score =
            rule.isPrefix() ? rule.pattern().size() : std::numeric_limits<qsizetype>::max();
        if (score > bestScore) {
            best = i;
            bestScore = score;
        }
    }
    return best;
}

const ResponseRule &ResponsePlan::match(QByteArrayView path) const
{
    const qsizetype i = matchIndex(path);
    return i < 0 ? m_fallback : m_rules.at(i);
}

HttpResponse ResponsePlan::respond(const HttpRequest &request)
{
    const qsizetype i = matchIndex(request.path);
    const qsizetype slot = i < 0 ? m_rules.size() : i;
    const ResponseRule &rule = i < 0 ? m_fallback : m_rules.at(i);
    qint64 &seen = m_seen[slot];
    ++seen;
    HttpResponse response;
    response.delayMs = rule.delayMs;
    if (seen <= rule.failFirst) {
        response.statusCode = rule.failStatus;
        response.body = QByteArrayLiteral("simulated failure ") + QByteArray::number(seen) +
                        QByteArrayLiteral(" of ") + QByteArray::number(rule.failFirst) + '\n';
        response.setHeader("Content-Type", "text/plain; charset=utf-8");
        return response;
    }
    response.statusCode = rule.status;
    response.body = rule.body;
    response.headers = m_answerHeaders.at(slot);
    return response;
}

} // namespace hookline
