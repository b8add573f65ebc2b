#pragma once

#include <QtGlobal>

namespace hookline {

// Where "now" comes from. Everything time-dependent (secret overlap windows, retry schedules)
// asks a Clock, so tests move time forward instead of sleeping.
class Clock {
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
};

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override;
    static SystemClock *instance();
};

// A clock that only moves when told to; for tests and simulations.
class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 startMs = 1'700'000'000'000)
        : m_now(startMs)
    {}
    qint64 nowMs() const override { return m_now; }
    void setNowMs(qint64 ms) { m_now = ms; }
    void advanceMs(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};

} // namespace hookline
