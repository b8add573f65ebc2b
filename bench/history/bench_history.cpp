// Delivery history figures at scale: builds (or reuses) a database of a million deliveries with
// a realistic mix, then prints medians of several runs of what the history view, the CLI and a
// bulk replay do.
//
//   bench_history [--db PATH] [--deliveries 1000000] [--runs 7] [--rebuild]
//
// Build with CMAKE_BUILD_TYPE=Release. Without --db the database goes to the temporary folder
// and is kept, so later runs (and the GUI's first-paint measurement) reuse it.
#include "history/DeliveryHistory.h"
#include "history/HistoryExport.h"
#include "history/Replay.h"
#include "registry/WebhookRegistry.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTextStream>
#include <QThread>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

using namespace hookline;

namespace {

// The vault key the bench seals its webhooks with. Only for this throw-away database: a GUI or
// CLI opening it needs HOOKLINE_MASTER_KEY set to this.
const char kBenchKeyHex[] = "6265e6368206869737406f6b6579206f6e6c792c206e6576657220757365642e";

constexpr qint64 kDayMs = 86'400'000;
constexpr int kWebhooks = 50;
constexpr int kEventTypes = 30;
constexpr int kCustomers = 50'000;

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// Discards what is written: an export's cost without the disk's.
class NullDevice final : public QIODevice {
public:
    NullDevice() { open(QIODevice::WriteOnly); }
    qint64 written = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        written += len;
        return len;
    }
};

struct Timing {
    double median = 0;
    double min = 0;
    double max = 0;
};

Timing measure(int runs, const std::function<void()> &f)
{
    QList<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        ms << double(t.nsecsElapsed()) / 1e6;
    }
    std::sort(ms.begin(), ms.end());
    return Timing{ms.at(ms.size() / 2), ms.constFirst(), ms.constLast()};
}

QString fmt(double ms)
{
    return ms < 10 ? QString::number(ms, 'f', 2) : QString::number(ms, 'f', 1);
}

void row(const QString &label, const Timing &t, const QString &note = {}, double target = 0)
{
    QString line = QStringLiteral("  %1 %2 ms  (min %3, max %4)")
                       .arg(label.leftJustified(44, QLatin1Char('.')),
                            fmt(t.median).rightJustified(8), fmt(t.min), fmt(t.max));
    if (target > 0)
        line += t.median <= target ? QStringLiteral("  ok < %1").arg(target)
                                   : QStringLiteral("  OVER %1").arg(target);
    if (!note.isEmpty())
        line += QStringLiteral("  ") + note;
    out() << line << '\n';
    out().flush();
}

[[noreturn]] void die(const QString &message)
{
    out() << "error: " << message << '\n';
    out().flush();
    std::exit(1);
}

qint64 scalar(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        die(QStringLiteral("%1 failed").arg(sql));
    return q.value(0).toLongLong();
}

// ---------------------------------------------------------------------------------------------
// Generation

class Generator {
public:
    explicit Generator(quint64 seed)
        : m_rng(seed)
    {
        // Pseudo-words from syllables: a vocabulary of a few thousand, drawn Zipf-like.
        const char *syllables[] = {"ka",  "lo",  "mi",  "ne",  "ra",  "to",  "vu",
                                   "shi", "dan", "per", "gor", "lin", "qua", "zel",
                                   "bri", "mon", "tas", "fen", "wil", "ost"};
        for (int i = 0; i < 4000; ++i) {
            QByteArray w;
            int n = i;
            do {
                w += syllables[n % 20];
                n /= 20;
            } while (n > 0);
            w += syllables[(i * 7) % 20];
            m_words << w;
        }
    }

    quint64 next() { return m_rng(); }
    int below(int n) { return int(m_rng() % quint64(n)); }
    double unit() { return double(m_rng() >> 11) * (1.0 / 9007199254740992.0); }

    QString uuid()
    {
        QByteArray b(16, Qt::Uninitialized);
        const quint64 x = m_rng(), y = m_rng();
        memcpy(b.data(), &x, 8);
        memcpy(b.data() + 8, &y, 8);
        b[6] = char((b[6] & 0x0f) | 0x40);
        b[8] = char((b[8] & 0x3f) | 0x80);
        return QUuid::fromRfc4122(b).toString(QUuid::WithoutBraces);
    }

    const QByteArray &word()
    {
        // log-uniform rank: rank r drawn with density ~ 1/r.
        const int r = int(std::pow(double(m_words.size()), unit()));
        return m_words.at(std::clamp(r - 1, 0, int(m_words.size()) - 1));
    }
    const QByteArray &wordAt(int rank) const { return m_words.at(rank); }

    static QByteArray base36(quint64 v, int width)
    {
        QByteArray s = QByteArray::number(v, 36);
        return s.rightJustified(width, '0');
    }

private:
    std::mt19937_64 m_rng;
    QList<QByteArray> m_words;
};

QByteArray customerId(int n)
{
    return QByteArrayLiteral("cus_") + Generator::base36(quint64(n) * 2654435761u % 2176782336u, 6);
}

struct Built {
    qint64 nowMs = 0;
};

void build(const std::shared_ptr<Database> &db, qint64 deliveries)
{
    QElapsedTimer total;
    total.start();
    auto vault = SecretVault::withKey(QByteArray::fromHex(kBenchKeyHex));
    auto registry = WebhookRegistry::open(db, vault, {});
    if (!registry)
        die(registry.error().toString());
    QList<Webhook> hooks;
    for (int i = 0; i < kWebhooks; ++i) {
        WebhookDraft d;
        d.name = QStringLiteral("Receiver %1").arg(i + 1, 2, 10, QLatin1Char('0'));
        d.url = QStringLiteral("https://hooks-%1.example.invalid/webhook").arg(i + 1);
        d.events = {QStringLiteral("invoice_paid")};
        d.systemId = QStringLiteral("bench-%1").arg(i + 1);
        d.auth.type = AuthType::Bearer;
        d.auth.token = QStringLiteral("bench-token-%1").arg(i + 1);
        auto created = registry.value()->create(d);
        if (!created)
            die(created.error().toString());
        hooks << created->webhook;
    }
    const QStringList domains{QStringLiteral("customer"), QStringLiteral("invoice"),
                              QStringLiteral("order"),    QStringLiteral("subscription"),
                              QStringLiteral("payment"),  QStringLiteral("shipment")};
    const QStringList actions{QStringLiteral("created"), QStringLiteral("updated"),
                              QStringLiteral("deleted"), QStringLiteral("completed"),
                              QStringLiteral("failed")};
    QStringList types;
    for (const QString &d : domains)
        for (const QString &a : actions)
            types << d + QLatin1Char('.') + a;

    Generator g(20260427);
    QSqlDatabase c = db->connection();
    QSqlQuery pragma(c);
    pragma.exec(QStringLiteral("PRAGMA cache_size = -1000000"));
    pragma.exec(QStringLiteral("PRAGMA synchronous = OFF"));

    QSqlQuery ev(c);
    ev.prepare(QStringLiteral("INSERT INTO events(id, system_id, type, created_at, "
                              "resource_ids_json, uri, body) VALUES(?, ?, ?, ?, ?, '', ?)"));
    QSqlQuery dl(c);
    dl.prepare(QStringLiteral(
        "INSERT INTO deliveries(id, event_id, event_type, system_id, webhook_id, webhook_name, "
        "status, attempts, next_attempt_at, created_at, updated_at, last_response_status, "
        "last_latency_ms, last_error) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery at(c);
    at.prepare(QStringLiteral(
        "INSERT INTO delivery_attempts(delivery_id, attempt_no, started_at, duration_ms, "
        "request_headers_json, response_status, response_headers_json, response_body, "
        "response_truncated, error, outcome) VALUES(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"));

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 span = 30 * kDayMs;
    const qint64 start = now - span;
    const QVariant nullInt(QMetaType(QMetaType::LongLong));
    const QVariant nullText(QMetaType(QMetaType::QString));
    const QVariant nullBlob(QMetaType(QMetaType::QByteArray));

    struct Failure {
        int status; // 0: no response
        const char *error;
        int weight;
    };
    const Failure failures[] = {
        {500, "", 30},
        {502, "", 15},
        {503, "", 15},
        {404, "", 10},
        {400, "", 5},
        {429, "", 5},
        {301, "redirect to https://elsewhere.example/ not followed", 2},
        {0, "timed out after 10 s (the webhook's timeout)", 10},
        {0, "connection refused by hooks.example.invalid:443; is the receiver running?", 8},
    };
    const auto pickFailure = [&]() -> const Failure & {
        int r = g.below(100);
        for (const Failure &f : failures) {
            if (r < f.weight)
                return f;
            r -= f.weight;
        }
        return failures[0];
    };

    qint64 made = 0;
    qint64 eventsMade = 0;
    qint64 attemptsMade = 0;
    qint64 bodyBytes = 0;
    bool inTx = false;
    QSqlQuery tx(c);
    QElapsedTimer progress;
    progress.start();
    while (made < deliveries) {
        if (!inTx) {
            tx.exec(QStringLiteral("BEGIN"));
            inTx = true;
        }
        const qint64 t = start + made * span / deliveries + g.below(1000);
        const QString eventId = g.uuid();
        const QString type = types.at(std::min(kEventTypes - 1, int(std::pow(30.0, g.unit()))));
        const int customer = g.below(kCustomers);
        const QByteArray cus = customerId(customer);
        const QByteArray ord =
            QByteArrayLiteral("ord_") + Generator::base36(g.next() % 2821109907456ULL, 8);

        // 200 B .. 8 KB, log-uniform.
        const int target = int(200.0 * std::pow(40.0, g.unit()));
        QByteArray body;
        body.reserve(target + 512);
        body += "{\"eventId\":\"" + eventId.toLatin1() + "\",\"eventCreated\":\"" +
                QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate).toLatin1() +
                "\",\"event\":\"" + type.toLatin1() + "\",\"resourceIds\":[\"" + cus + "\",\"" +
                ord + "\"],\"uri\":null,\"data\":{\"customer\":{\"id\":\"" + cus +
                "\",\"email\":\"user" + QByteArray::number(customer) +
                "@example.com\",\"name\":\"" + g.word() + ' ' + g.word() +
                "\"},\"order\":{\"id\":\"" + ord + "\",\"currency\":\"EUR\",\"items\":[";
        int item = 0;
        while (body.size() < target - 120) {
            if (item++)
                body += ',';
            body += "{\"sku\":\"SKU-" + QByteArray::number(g.below(100000)) + "\",\"name\":\"" +
                    g.word() + ' ' + g.word() + "\",\"qty\":" + QByteArray::number(1 + g.below(5)) +
                    ",\"price\":" + QByteArray::number(100 + g.below(50000)) + '}';
        }
        body += "]},\"note\":\"";
        for (int w = 0; w < 3 + g.below(8); ++w) {
            if (w)
                body += ' ';
            body += g.word();
        }
        body += "\"}}";
        bodyBytes += body.size();

        ev.bindValue(0, eventId);
        ev.bindValue(1, QStringLiteral("default"));
        ev.bindValue(2, type);
        ev.bindValue(3, t);
        ev.bindValue(4, QString::fromLatin1("[\"" + cus + "\",\"" + ord + "\"]"));
        ev.bindValue(5, body);
        if (!ev.exec())
            die(Database::queryError(ev, QStringLiteral("event insert")).toString());
        ++eventsMade;

        // 70 % of events go to one webhook, 30 % to two.
        const int fanOut = g.below(10) < 7 ? 1 : 2;
        const int firstHook = g.below(kWebhooks);
        for (int k = 0; k < fanOut && made < deliveries; ++k, ++made) {
            const Webhook &w = hooks.at((firstHook + k * 17) % kWebhooks);
            const QString id = g.uuid();
            const int mix = g.below(100);
            const QString status = mix < 85   ? QStringLiteral("delivered")
                                   : mix < 95 ? QStringLiteral("failed")
                                              : QStringLiteral("retry_scheduled");
            int attempts = 1;
            if (status == QLatin1String("delivered"))
                attempts = g.below(100) < 80 ? 1 : (g.below(4) ? 2 : 3);
            else if (status == QLatin1String("failed"))
                attempts = 1 + g.below(3);
            else
                attempts = 1 + g.below(2);

            const QByteArray headers =
                "[[\"Content-Type\",\"application/json\"],[\"User-Agent\",\"Hookline/0.1.0\"],"
                "[\"X-Webhook-Id\",\"" +
                id.toLatin1() +
                "\"],[\"Authorization\",\"Bearer [redacted]\"],[\"X-Webhook-Signature\",\"" +
                QByteArray::number(g.next(), 16).rightJustified(16, '0') +
                QByteArray::number(g.next(), 16).rightJustified(16, '0') +
                QByteArray::number(g.next(), 16).rightJustified(16, '0') +
                QByteArray::number(g.next(), 16).rightJustified(16, '0') + "\"]]";
            struct Attempt {
                int code; // 0: no response
                QString error;
                qint64 startedAt;
                qint64 latency;
                bool ok;
                bool last;
            };
            QList<Attempt> tried;
            qint64 attemptAt = t + 20 + g.below(200);
            for (int n = 1; n <= attempts; ++n) {
                const bool last = n == attempts;
                const bool ok = last && status == QLatin1String("delivered");
                int code = 200;
                QString error;
                qint64 latency = qint64(15.0 * std::pow(60.0, g.unit()));
                if (ok) {
                    code = g.below(10) ? 200 : 204;
                } else {
                    const Failure &f = pickFailure();
                    code = f.status;
                    error = QString::fromLatin1(f.error);
                    if (error.startsWith(QLatin1String("timed out")))
                        latency = 10'000;
                    else if (error.startsWith(QLatin1String("connection refused")))
                        latency = 1 + g.below(5);
                }
                tried << Attempt{code, error, attemptAt, latency, ok, last};
                attemptAt += latency + (n == 1 ? 5'000 : 300'000);
            }
            const Attempt &lastAttempt = tried.constLast();
            dl.bindValue(0, id);
            dl.bindValue(1, eventId);
            dl.bindValue(2, type);
            dl.bindValue(3, QStringLiteral("default"));
            dl.bindValue(4, w.id);
            dl.bindValue(5, w.name);
            dl.bindValue(6, status);
            dl.bindValue(7, attempts);
            dl.bindValue(8, status == QLatin1String("retry_scheduled")
                                ? QVariant(attemptAt + 1'800'000)
                                : nullInt);
            dl.bindValue(9, t);
            dl.bindValue(10, lastAttempt.startedAt + lastAttempt.latency);
            dl.bindValue(11, lastAttempt.code ? QVariant(lastAttempt.code) : nullInt);
            dl.bindValue(12, lastAttempt.latency);
            dl.bindValue(13, lastAttempt.error.isEmpty() ? nullText : QVariant(lastAttempt.error));
            if (!dl.exec())
                die(Database::queryError(dl, QStringLiteral("delivery insert")).toString());
            for (int n = 0; n < tried.size(); ++n) {
                const Attempt &a = tried.at(n);
                at.bindValue(0, id);
                at.bindValue(1, n + 1);
                at.bindValue(2, a.startedAt);
                at.bindValue(3, a.latency);
                at.bindValue(4, QString::fromLatin1(headers));
                if (a.code) {
                    at.bindValue(5, a.code);
                    at.bindValue(
                        6, QStringLiteral("[[\"Content-Type\",\"application/json\"],[\"Server\","
                                          "\"nginx\"]]"));
                    at.bindValue(7, a.ok
                                        ? QByteArrayLiteral("{\"ok\":true}")
                                        : QByteArrayLiteral("{\"error\":\"upstream unavailable\","
                                                            "\"request_id\":\"req_") +
                                              Generator::base36(g.next() % 2176782336u, 6) + "\"}");
                } else {
                    at.bindValue(5, nullInt);
                    at.bindValue(6, nullText);
                    at.bindValue(7, nullBlob);
                }
                at.bindValue(8, a.error.isEmpty() ? nullText : QVariant(a.error));
                at.bindValue(9, a.ok     ? QStringLiteral("delivered")
                                : a.last ? status
                                         : QStringLiteral("retry_scheduled"));
                if (!at.exec())
                    die(Database::queryError(at, QStringLiteral("attempt insert")).toString());
                ++attemptsMade;
            }
        }
        if (eventsMade % 20'000 == 0) {
            tx.exec(QStringLiteral("COMMIT"));
            inTx = false;
            if (progress.elapsed() > 10'000) {
                out() << QStringLiteral("  ... %1 deliveries (%2 s)\n")
                             .arg(made)
                             .arg(total.elapsed() / 1000);
                out().flush();
                progress.restart();
            }
        }
    }
    if (inTx)
        tx.exec(QStringLiteral("COMMIT"));
    db->setMeta(QStringLiteral("bench_history_now"), QString::number(now));
    QSqlQuery q(c);
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    out() << QStringLiteral("  built %1 deliveries, %2 events (%3 MB of payload), %4 attempts in "
                            "%5 s\n")
                 .arg(made)
                 .arg(eventsMade)
                 .arg(bodyBytes / 1'000'000)
                 .arg(attemptsMade)
                 .arg(double(total.elapsed()) / 1000.0, 0, 'f', 1);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Delivery history benchmark"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"), QStringLiteral("Database to build or reuse."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("deliveries"),
                      QStringLiteral("Deliveries to generate (default 1000000)."),
                      QStringLiteral("N"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs per figure (default 7)."),
                      QStringLiteral("N"), QStringLiteral("7")});
    parser.addOption({QStringLiteral("rebuild"), QStringLiteral("Delete the database first.")});
    parser.process(app);

    const qint64 wanted = parser.value(QStringLiteral("deliveries")).toLongLong();
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        path = QDir(QDir::tempPath())
                   .filePath(QStringLiteral("hookline-bench-history-%1.sqlite").arg(wanted));
    path = QFileInfo(path).absoluteFilePath();
    if (parser.isSet(QStringLiteral("rebuild")))
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
    const bool reuse = QFileInfo::exists(path);

    out() << "bench_history\n";
    out() << "  database: " << path << (reuse ? " (reused)\n" : " (building)\n");
    out() << "  open it elsewhere with: HOOKLINE_DB=" << path
          << " HOOKLINE_MASTER_KEY=" << kBenchKeyHex << '\n';
    out().flush();

    QElapsedTimer openTimer;
    openTimer.start();
    auto opened = Database::open(path);
    if (!opened)
        die(opened.error().toString());
    std::shared_ptr<Database> db = opened.value();
    const double openMs = double(openTimer.nsecsElapsed()) / 1e6;
    if (!reuse || scalar(*db, QStringLiteral("SELECT COUNT(*) FROM deliveries")) == 0)
        build(db, wanted);

    const qint64 deliveries = scalar(*db, QStringLiteral("SELECT COUNT(*) FROM deliveries"));
    const qint64 events = scalar(*db, QStringLiteral("SELECT COUNT(*) FROM events"));
    const qint64 attempts = scalar(*db, QStringLiteral("SELECT COUNT(*) FROM delivery_attempts"));
    qint64 fileBytes = 0;
    for (const QString &suffix : {QString(), QStringLiteral("-wal")})
        fileBytes += QFileInfo(path + suffix).size();
    const qint64 now = db->meta(QStringLiteral("bench_history_now")).toLongLong();
    out() << QStringLiteral("  %1 deliveries, %2 events, %3 attempts, %4 MB on disk; open + "
                            "migrate %5 ms; times relative to %6\n")
                 .arg(deliveries)
                 .arg(events)
                 .arg(attempts)
                 .arg(fileBytes / 1'000'000)
                 .arg(fmt(openMs))
                 .arg(QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODate));
    out()
        << QStringLiteral("  medians of %1 runs each (min, max); first page = 50 rows\n").arg(runs);
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (loadavg.open(QIODevice::ReadOnly))
        out() << "  load average before measuring: "
              << QString::fromLatin1(loadavg.readAll().trimmed()) << " on "
              << QThread::idealThreadCount() << " cores (other work skews the figures)\n";
    out() << '\n';
    out().flush();

    DeliveryHistory history(db);
    const auto pageOf = [&](const DeliveryFilter &f, const QString &cursor = {}) {
        auto p = history.page(f, cursor, 50);
        if (!p)
            die(p.error().toString());
        return p.value();
    };
    const auto countOf = [&](const DeliveryFilter &f) {
        auto n = history.count(f);
        if (!n)
            die(n.error().toString());
        return n.value();
    };

    // Reference values taken from the data.
    QString webhookId;
    QString eventType;
    QString someEventId;
    QString someCustomer;
    {
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT webhook_id, event_type, event_id FROM deliveries "
                              "ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET 12345"));
        q.next();
        webhookId = q.value(0).toString();
        eventType = q.value(1).toString();
        someEventId = q.value(2).toString();
        q.finish();
        q.exec(QStringLiteral("SELECT resource_ids_json FROM events WHERE id = '") + someEventId +
               QLatin1Char('\''));
        q.next();
        someCustomer = q.value(0).toString().section(QLatin1Char('"'), 1, 1);
    }

    out() << "History page (target < 20 ms)\n";
    DeliveryFilter none;
    row(QStringLiteral("first page, no filter"), measure(runs, [&] { pageOf(none); }), {}, 20);
    {
        // Deep in the history: the page after the row half-way down, by cursor.
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT created_at, id FROM deliveries ORDER BY created_at DESC, "
                              "id DESC LIMIT 1 OFFSET %1")
                   .arg(deliveries / 2));
        q.next();
        const QString cursor =
            DeliveryCursor{q.value(0).toLongLong(), q.value(1).toString()}.encode();
        q.finish();
        row(QStringLiteral("page at row %1 (cursor)").arg(deliveries / 2),
            measure(runs, [&] { pageOf(none, cursor); }), {}, 20);
        const QString next = pageOf(none).nextCursor;
        row(QStringLiteral("second page (cursor)"), measure(runs, [&] { pageOf(none, next); }), {},
            20);
    }
    row(QStringLiteral("count, no filter"), measure(runs, [&] { countOf(none); }),
        QStringLiteral("%1 rows").arg(countOf(none)));

    out() << "\nFilters: first page (target < 100 ms) and count\n";
    struct Case {
        QString label;
        DeliveryFilter filter;
    };
    QList<Case> cases;
    const auto add = [&cases](const QString &label,
                              const std::function<void(DeliveryFilter &)> &set) {
        DeliveryFilter f;
        set(f);
        cases << Case{label, f};
    };
    add(QStringLiteral("webhook"), [&](DeliveryFilter &f) { f.webhookId = webhookId; });
    add(QStringLiteral("event type"), [&](DeliveryFilter &f) { f.eventType = eventType; });
    add(QStringLiteral("outcome delivered"),
        [](DeliveryFilter &f) { f.status = DeliveryStatus::Delivered; });
    add(QStringLiteral("outcome failed"),
        [](DeliveryFilter &f) { f.status = DeliveryStatus::Failed; });
    add(QStringLiteral("outcome retry_scheduled"),
        [](DeliveryFilter &f) { f.status = DeliveryStatus::RetryScheduled; });
    add(QStringLiteral("outcome pending (none)"),
        [](DeliveryFilter &f) { f.status = DeliveryStatus::Pending; });
    add(QStringLiteral("status 2xx"),
        [](DeliveryFilter &f) { f.statusClass = StatusClass::Success2xx; });
    add(QStringLiteral("status 3xx"),
        [](DeliveryFilter &f) { f.statusClass = StatusClass::Redirect3xx; });
    add(QStringLiteral("status 4xx"),
        [](DeliveryFilter &f) { f.statusClass = StatusClass::ClientError4xx; });
    add(QStringLiteral("status 5xx"),
        [](DeliveryFilter &f) { f.statusClass = StatusClass::ServerError5xx; });
    add(QStringLiteral("status network error"),
        [](DeliveryFilter &f) { f.statusClass = StatusClass::NetworkError; });
    add(QStringLiteral("since 1h"), [&](DeliveryFilter &f) { f.sinceMs = now - 3'600'000; });
    add(QStringLiteral("since 7d"), [&](DeliveryFilter &f) { f.sinceMs = now - 7 * kDayMs; });
    add(QStringLiteral("range 15d..14d ago"), [&](DeliveryFilter &f) {
        f.sinceMs = now - 15 * kDayMs;
        f.untilMs = now - 14 * kDayMs;
    });
    add(QStringLiteral("webhook + failed + since 7d"), [&](DeliveryFilter &f) {
        f.webhookId = webhookId;
        f.status = DeliveryStatus::Failed;
        f.sinceMs = now - 7 * kDayMs;
    });
    add(QStringLiteral("event type + 5xx"), [&](DeliveryFilter &f) {
        f.eventType = eventType;
        f.statusClass = StatusClass::ServerError5xx;
    });
    add(QStringLiteral("webhook + 4xx + range 20d..10d"), [&](DeliveryFilter &f) {
        f.webhookId = webhookId;
        f.statusClass = StatusClass::ClientError4xx;
        f.sinceMs = now - 20 * kDayMs;
        f.untilMs = now - 10 * kDayMs;
    });
    for (const Case &c : std::as_const(cases)) {
        const qint64 n = countOf(c.filter);
        row(c.label + QStringLiteral(": page"), measure(runs, [&] { pageOf(c.filter); }),
            QStringLiteral("%1 rows").arg(pageOf(c.filter).rows.size()), 100);
        row(c.label + QStringLiteral(": count"), measure(runs, [&] { countOf(c.filter); }),
            QStringLiteral("= %1").arg(n));
    }

    out() << "\nText search: first page (target < 300 ms) and count\n";
    QList<Case> searches;
    const auto search = [&searches](const QString &label, const QString &text, bool prefix) {
        DeliveryFilter f;
        f.search = text;
        f.searchPrefix = prefix;
        searches << Case{label, f};
    };
    Generator words(20260427);
    search(QStringLiteral("customer id %1").arg(someCustomer), someCustomer, false);
    search(QStringLiteral("customer id prefix (typing)"), someCustomer.left(7), true);
    search(QStringLiteral("event id (UUID)"), someEventId, false);
    search(QStringLiteral("common word \"%1\"").arg(QString::fromLatin1(words.wordAt(3))),
           QString::fromLatin1(words.wordAt(3)), false);
    for (int rank : {30, 150, 600, 2500})
        search(QStringLiteral("word of rank %1 \"%2\"")
                   .arg(rank)
                   .arg(QString::fromLatin1(words.wordAt(rank))),
               QString::fromLatin1(words.wordAt(rank)), false);
    search(QStringLiteral("two words"),
           QString::fromLatin1(words.wordAt(40) + ' ' + words.wordAt(90)), false);
    search(QStringLiteral("no match"), QStringLiteral("zzqxj"), false);
    for (const Case &c : std::as_const(searches)) {
        const qint64 n = countOf(c.filter);
        row(c.label + QStringLiteral(": page"), measure(runs, [&] { pageOf(c.filter); }),
            QStringLiteral("%1 rows").arg(pageOf(c.filter).rows.size()), 300);
        row(c.label + QStringLiteral(": count"), measure(runs, [&] { countOf(c.filter); }),
            QStringLiteral("= %1").arg(n));
    }
    {
        DeliveryFilter f;
        f.search = someCustomer;
        f.status = DeliveryStatus::Failed;
        row(QStringLiteral("customer id + failed: page"), measure(runs, [&] { pageOf(f); }),
            QStringLiteral("%1 rows").arg(pageOf(f).rows.size()), 300);
    }

    out() << "\nDetail\n";
    const QString someDelivery = pageOf(none).rows.at(7).id;
    row(QStringLiteral("detail of one delivery"), measure(runs, [&] {
            if (!history.detail(someDelivery))
                die(QStringLiteral("detail failed"));
        }));
    row(QStringLiteral("stats of one webhook (24 h, 7 d)"), measure(runs, [&] {
            if (!history.webhookStats(webhookId))
                die(QStringLiteral("stats failed"));
        }));

    out() << "\nBulk replay of 10,000 failed deliveries (count, then enqueue in chunks of 500)\n";
    qint64 since = 0;
    {
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT created_at FROM deliveries WHERE status = 'failed' AND "
                              "replay_of IS NULL ORDER BY created_at DESC, id DESC LIMIT 1 "
                              "OFFSET 9999"));
        if (q.next()) // fewer than 10,000 failures: replay them all
            since = q.value(0).toLongLong();
    }
    DeliveryFilter failedSince;
    failedSince.status = DeliveryStatus::Failed;
    failedSince.sinceMs = since;
    Replay replay(db);
    QList<double> planMs, executeMs, totalMs;
    qint64 enqueued = 0;
    qint64 planned = 0;
    for (int run = 0; run < runs; ++run) {
        const qint64 runStart = QDateTime::currentMSecsSinceEpoch();
        QElapsedTimer t;
        t.start();
        auto plan = replay.plan(failedSince);
        if (!plan)
            die(plan.error().toString());
        planMs << double(t.nsecsElapsed()) / 1e6;
        QElapsedTimer e;
        e.start();
        auto result = replay.execute(plan.value());
        if (!result)
            die(result.error().toString());
        executeMs << double(e.nsecsElapsed()) / 1e6;
        totalMs << double(t.nsecsElapsed()) / 1e6;
        planned = plan->count;
        enqueued = result->enqueued;
        // Put the database back as it was (not timed).
        QSqlQuery del(db->connection());
        del.prepare(QStringLiteral("DELETE FROM deliveries WHERE replay_of IS NOT NULL AND "
                                   "created_at >= ?"));
        del.addBindValue(runStart);
        if (!del.exec())
            die(QStringLiteral("cleanup failed"));
    }
    const auto timing = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return Timing{v.at(v.size() / 2), v.constFirst(), v.constLast()};
    };
    row(QStringLiteral("count (plan)"), timing(planMs), QStringLiteral("= %1").arg(planned));
    row(QStringLiteral("enqueue"), timing(executeMs), QStringLiteral("%1 enqueued").arg(enqueued));
    row(QStringLiteral("count + enqueue"), timing(totalMs));

    out() << "\nExport (to a null device)\n";
    {
        HistoryExport exporter(db);
        for (ExportFormat format : {ExportFormat::JsonLines, ExportFormat::Har}) {
            qint64 bytes = 0;
            const Timing t = measure(std::min(runs, 3), [&] {
                NullDevice sink;
                ExportOptions options;
                options.format = format;
                auto r = exporter.write(failedSince, &sink, options);
                if (!r)
                    die(r.error().toString());
                bytes = sink.written;
            });
            row(QStringLiteral("10,000 deliveries as %1").arg(exportFormatName(format)), t,
                QStringLiteral("%1 MB").arg(double(bytes) / 1e6, 0, 'f', 1));
        }
    }

    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM"))
                out() << "\n  peak resident memory of this process: "
                      << QString::fromLatin1(line.mid(6).trimmed()) << '\n';
    return 0;
}
