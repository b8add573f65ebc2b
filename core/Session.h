#pragma once

#include "Clock.h"
#include "Result.h"

#include <QString>

#include <memory>

namespace hookline {

class Database;
class SecretVault;
class WebhookRegistry;

// A database opened together with the vault that seals its secrets and the registry over both:
// what both front ends open at start-up.
struct Session {
    struct Options {
        QString databasePath; // empty: Database::defaultPath()
        const Clock *clock = nullptr;
        bool useKeychain = true;
    };

    static Result<std::shared_ptr<Session>> open(const Options &options);

    std::shared_ptr<Database> database;
    std::shared_ptr<SecretVault> vault;
    std::shared_ptr<WebhookRegistry> registry;
};

} // namespace hookline
