#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

// CPU time (user + system) of the thread whose /proc stat file is `statPath`
// ("/proc/thread-self/stat", "/proc/self/task/<tid>/stat"), in microseconds; -1 where there is
// no such file (not Linux, or the thread is gone).
inline qint64 threadCpuMicros(const QString &statPath)
{
#ifdef Q_OS_LINUX
    QFile stat(statPath);
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after the command name (which is in parentheses and may hold spaces): utime and
    // stime are the 12th and 13th of those.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * 1'000'000 / sysconf(_SC_CLK_TCK);
#else
    Q_UNUSED(statPath);
    return -1;
#endif
}
