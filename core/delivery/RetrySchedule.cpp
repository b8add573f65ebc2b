#include "RetrySchedule.h"

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hookline {

RetrySchedule::RetrySchedule()
    : RetrySchedule(Options{})
{}

RetrySchedule::RetrySchedule(Options options)
    : m_options(std::move(options))
{
    if (!m_options.random)
        m_options.random = [] { return QRandomGenerator::global()->generateDouble(); };
}

std::optional<qint64> RetrySchedule::delayAfterAttempt(int attemptNo, int retryAttempts) const
{
    // Attempt 1 is the first try; retries are attempts 2 .. retryAttempts + 1.
    if (attemptNo < 1 || attemptNo > retryAttempts || m_options.baseDelaysMs.isEmpty())
        return std::nullopt;
    const qsizetype index = std::min<qsizetype>(attemptNo - 1, m_options.baseDelaysMs.size() - 1);
    const double base = double(m_options.baseDelaysMs.at(index));
    const double spread = (m_options.random() * 2.0 - 1.0) * m_options.jitter; // [-j, +j)
    return std::max<qint64>(1, qint64(std::llround(base * (1.0 + spread))));
}

std::optional<qint64> RetrySchedule::delayAfterAttempt(int attemptNo, int retryAttempts,
                                                       int httpStatus, const QByteArray &retryAfter,
                                                       qint64 nowMs) const
{
    const auto scheduled = delayAfterAttempt(attemptNo, retryAttempts);
    if (!scheduled)
        return std::nullopt;
    if (httpStatus != 429 && httpStatus != 503)
        return scheduled;
    const auto asked = parseRetryAfter(retryAfter, nowMs);
    if (!asked)
        return scheduled;
    return std::clamp(*asked, m_options.minRetryAfterMs, m_options.maxRetryAfterMs);
}

std::optional<qint64> RetrySchedule::parseRetryAfter(const QByteArray &value, qint64 nowMs)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty() || v.size() > 64)
        return std::nullopt;
    bool isNumber = true;
    for (char c : v)
        isNumber = isNumber && c >= '0' && c <= '9';
    if (isNumber) {
        if (v.size() > 9) // more than ~31 years: treat as "as late as allowed"
            return std::numeric_limits<qint64>::max() / 2;
        return v.toLongLong() * 1000;
    }
    // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(v),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    return std::max<qint64>(0, when.toMSecsSinceEpoch() - nowMs);
}

} // namespace hookline
