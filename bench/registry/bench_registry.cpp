// Registry figures: how long creating a webhook (rules + seal + transaction) and listing all of
// them take, as medians over several runs, on a fresh database of the size given.
//   bench_registry [WEBHOOKS=2000] [RUNS=5]
#include "Session.h"
#include "registry/WebhookRegistry.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace hookline;

namespace {
double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int count = args.size() > 1 ? args.at(1).toInt() : 2000;
    const int runs = args.size() > 2 ? args.at(2).toInt() : 5;
    QTextStream out(stdout);

    QList<double> createUs, listMs;
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("bench.sqlite")));
        if (!db) {
            out << db.error().toString() << '\n';
            return 1;
        }
        auto vault = SecretVault::withKey(QByteArray(32, '\x42'));
        auto registry = WebhookRegistry::open(db.value(), vault, {});
        if (!registry) {
            out << registry.error().toString() << '\n';
            return 1;
        }
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < count; ++i) {
            WebhookDraft d;
            d.name = QStringLiteral("Bench %1").arg(i);
            d.url = QStringLiteral("https://bench.example.com/hook/%1").arg(i);
            d.events = {QStringLiteral("email.replied"), QStringLiteral("invoice_paid")};
            d.systemId = QStringLiteral("sys-%1").arg(i / 2);
            d.auth.type = AuthType::Bearer;
            d.auth.token = QStringLiteral("token-%1").arg(i);
            auto created = registry.value()->create(d);
            if (!created) {
                out << created.error().toString() << '\n';
                return 1;
            }
        }
        createUs << double(t.nsecsElapsed()) / 1000.0 / count;
        t.restart();
        auto all = registry.value()->list();
        listMs << double(t.nsecsElapsed()) / 1e6;
        if (!all || all->size() != count) {
            out << "list returned the wrong count\n";
            return 1;
        }
    }
    out << "webhooks: " << count << ", runs: " << runs << '\n';
    out << "create (median per webhook): " << QString::number(median(createUs), 'f', 1) << " us\n";
    out << "list all (median): " << QString::number(median(listMs), 'f', 2) << " ms\n";
    return 0;
}
