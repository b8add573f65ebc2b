#pragma once

#include <QByteArray>
#include <QList>

#include <functional>
#include <optional>

namespace hookline {

// When a failed delivery is tried again. The base delays are 5 s, 5 min, 30 min, 2 h, 5 h and
// 10 h, cut to the webhook's retry attempts (attempt n+1 waits base[n-1]); each delay is spread
// by ±jitter so many failures do not retry in lock-step. Retry-After on 429 and 503 replaces
// the delay, clamped to [minRetryAfter, maxRetryAfter].
class RetrySchedule {
public:
    struct Options {
        QList<qint64> baseDelaysMs = {5'000, 300'000, 1'800'000, 7'200'000, 18'000'000, 36'000'000};
        double jitter = 0.2; // ±20 %
        qint64 minRetryAfterMs = 1'000;
        qint64 maxRetryAfterMs = 6LL * 3600 * 1000;
        // Returns a value in [0, 1); injectable so tests pin the jitter.
        std::function<double()> random;
    };

    RetrySchedule();
    explicit RetrySchedule(Options options);

    // Delay before the retry that follows failed attempt `attemptNo` (1-based), or nullopt when
    // `retryAttempts` retries have been used up.
    std::optional<qint64> delayAfterAttempt(int attemptNo, int retryAttempts) const;
    // Same, honouring a Retry-After header (seconds or HTTP-date) sent with 429 or 503.
    std::optional<qint64> delayAfterAttempt(int attemptNo, int retryAttempts, int httpStatus,
                                            const QByteArray &retryAfter, qint64 nowMs) const;
    // Retry-After parsed into milliseconds from now (nullopt when absent or malformed).
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, qint64 nowMs);

    const Options &options() const { return m_options; }

private:
    Options m_options;
};

} // namespace hookline
