#include "Session.h"

#include "registry/WebhookRegistry.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

namespace hookline {

Result<std::shared_ptr<Session>> Session::open(const Options &options)
{
    auto db = Database::open(options.databasePath.isEmpty() ? Database::defaultPath()
                                                            : options.databasePath);
    if (!db)
        return db.error();
    SecretVault::Options vaultOptions;
    vaultOptions.useKeychain = options.useKeychain;
    // A database with a key check was sealed before: its key must be found, never replaced.
    vaultOptions.databaseIsSealed = !db.value()->meta(QStringLiteral("key_check")).isEmpty();
    auto vault = SecretVault::open(vaultOptions);
    if (!vault)
        return vault.error();
    WebhookRegistry::Options registryOptions;
    registryOptions.clock = options.clock;
    auto registry = WebhookRegistry::open(db.value(), vault.value(), registryOptions);
    if (!registry)
        return registry.error();
    auto session = std::make_shared<Session>();
    session->database = db.value();
    session->vault = vault.value();
    session->registry = registry.value();
    return session;
}

} // namespace hookline
